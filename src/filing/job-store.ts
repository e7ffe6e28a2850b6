/**
 * Where filing jobs live between steps. In the pane it is IndexedDB, so a job survives the pane being
 * closed or Outlook restarting; tests and the command line use the in-memory store.
 */
import { openDB, type IDBPDatabase } from "idb";
import type { FilingJob } from "./filing-job";

export interface JobStore {
  get(ref: string): Promise<FilingJob | undefined>;
  put(job: FilingJob): Promise<void>;
  list(): Promise<FilingJob[]>;
  remove(ref: string): Promise<void>;
}

export class MemoryJobStore implements JobStore {
  private readonly jobs = new Map<string, FilingJob>();

  async get(ref: string): Promise<FilingJob | undefined> {
    const job = this.jobs.get(ref);
    return job === undefined ? undefined : structuredClone(job);
  }

  async put(job: FilingJob): Promise<void> {
    this.jobs.set(job.ref, structuredClone(job));
  }

  async list(): Promise<FilingJob[]> {
    return [...this.jobs.values()].map((job) => structuredClone(job));
  }

  async remove(ref: string): Promise<void> {
    this.jobs.delete(ref);
  }
}

const STORE = "jobs";

export class IndexedDbJobStore implements JobStore {
  private constructor(private readonly db: IDBPDatabase) {}

  /** Opens (and on first use creates) the database through the global `indexedDB`. */
  static async open(name = "casemail-filing"): Promise<IndexedDbJobStore> {
    const db = await openDB(name, 1, {
      upgrade(database) {
        database.createObjectStore(STORE, { keyPath: "ref" });
      },
    });
    return new IndexedDbJobStore(db);
  }

  async get(ref: string): Promise<FilingJob | undefined> {
    return (await this.db.get(STORE, ref)) as FilingJob | undefined;
  }

  async put(job: FilingJob): Promise<void> {
    await this.db.put(STORE, job);
  }

  async list(): Promise<FilingJob[]> {
    return (await this.db.getAll(STORE)) as FilingJob[];
  }

  async remove(ref: string): Promise<void> {
    await this.db.delete(STORE, ref);
  }

  close(): void {
    this.db.close();
  }
}
