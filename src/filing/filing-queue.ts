/**
 * The durable queue over the pipeline: it adds newly found sent items as jobs (once per correlation
 * reference), recovers jobs a closed pane left mid-step, and files what is not final one at a time
 * with progress. One run at a time per queue, so "File all" pressed twice does not upload twice.
 */
import {
  isFinal,
  newFilingJob,
  recoverAfterReload,
  type FilingJob,
  type MessageSource,
} from "./filing-job";
import { fileJob, type FilingPorts } from "./filing-pipeline";

export interface FoundSentItem {
  ref: string;
  caseNumber: string;
  source: MessageSource;
}

export interface FilingProgress {
  done: number;
  total: number;
  job: FilingJob;
}

export class FilingQueue {
  private running: Promise<FilingJob[]> | null = null;

  constructor(private readonly ports: FilingPorts) {}

  /** Adds items not yet known; known jobs keep their state (and their fallback-note flag). */
  async add(items: readonly FoundSentItem[]): Promise<FilingJob[]> {
    const added: FilingJob[] = [];
    for (const item of items) {
      if ((await this.ports.store.get(item.ref)) !== undefined) continue;
      const job = newFilingJob(item.ref, item.caseNumber, item.source, this.ports.now());
      await this.ports.store.put(job);
      added.push(job);
    }
    return added;
  }

  /** Every job, with those interrupted by a reload moved back to where they can resume. */
  async jobs(): Promise<FilingJob[]> {
    const now = this.ports.now();
    const jobs: FilingJob[] = [];
    for (const stored of await this.ports.store.list()) {
      const job = recoverAfterReload(stored, now);
      if (job !== stored) await this.ports.store.put(job);
      jobs.push(job);
    }
    return jobs.sort((a, b) => a.ref.localeCompare(b.ref));
  }

  /** Files every job that is not final; a second call while one runs joins the first. */
  fileAll(onProgress?: (progress: FilingProgress) => void): Promise<FilingJob[]> {
    if (this.running === null) {
      this.running = this.run(onProgress).finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  /** Files one job (Read mode, or the Pending list's per-row button). */
  async fileOne(ref: string): Promise<FilingJob | undefined> {
    if (this.running !== null) await this.running;
    const stored = await this.ports.store.get(ref);
    if (stored === undefined) return undefined;
    return fileJob(recoverAfterReload(stored, this.ports.now()), this.ports);
  }

  private async run(onProgress?: (progress: FilingProgress) => void): Promise<FilingJob[]> {
    const open = (await this.jobs()).filter((job) => !isFinal(job));
    const results: FilingJob[] = [];
    for (const job of open) {
      const result = await fileJob(job, this.ports);
      results.push(result);
      onProgress?.({ done: results.length, total: open.length, job: result });
    }
    return results;
  }
}
