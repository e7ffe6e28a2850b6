/** In-memory ports for the pipeline's own state-machine tests (the real gateway has its own suite). */
import type { FilingJob, MessageSource } from "../../src/filing/filing-job";
import { sha256Hex } from "../../src/gateway/digest";
import type { FilingGateway, FilingPorts } from "../../src/filing/filing-pipeline";
import { MemoryJobStore, type JobStore } from "../../src/filing/job-store";
import { summarizeMime } from "../../src/filing/sent-summary";
import type { PreparedMessage } from "../../src/filing/sent-summary";

export function sampleMime(ref: string, extra = ""): Uint8Array {
  return new TextEncoder().encode(
    [
      "From: Generic Office <office-a@example.com>",
      "To: Applicant <applicant@example.org>",
      "Subject: B012345678 Request for documents",
      "Date: Tue, 01 Dec 2026 14:05:00 +0000",
      "Message-ID: <m1@example.com>",
      `x-casemail-ref: ${ref}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      `Please send the documents by January 15, 2027.${extra}`,
      "",
    ].join("\r\n")
  );
}

export class RecordingGateway implements FilingGateway {
  uploads: { ref: string; size: number }[] = [];
  printTasks: { ref: string; size: number }[] = [];
  notes: { ref: string; text: string; to: string[] }[] = [];
  failUploads = 0;
  failNotes = 0;
  failPrint = 0;

  async uploadEDocument(job: FilingJob, msg: Uint8Array): Promise<void> {
    if (this.failUploads > 0) {
      this.failUploads--;
      throw Object.assign(new Error("upstream 500"), { kind: "http" });
    }
    // The real gateway is idempotent on the reference; so is this record.
    if (!this.uploads.some((u) => u.ref === job.ref))
      this.uploads.push({ ref: job.ref, size: msg.byteLength });
  }

  async recordPrintRequired(job: FilingJob, size: number): Promise<void> {
    if (this.failPrint > 0) {
      this.failPrint--;
      throw Object.assign(new Error("down"), { kind: "network" });
    }
    this.printTasks.push({ ref: job.ref, size });
  }

  async addFallbackNote(job: FilingJob, summary: { text: string; to: string[] }): Promise<void> {
    if (this.failNotes > 0) {
      this.failNotes--;
      throw Object.assign(new Error("down"), { kind: "network" });
    }
    this.notes.push({ ref: job.ref, text: summary.text, to: summary.to });
  }
}

export interface TestPorts extends FilingPorts {
  gateway: RecordingGateway;
  mimes: Map<string, Uint8Array>;
}

export function makePorts(
  overrides: Partial<FilingPorts> = {},
  store: JobStore = new MemoryJobStore()
): TestPorts {
  const mimes = new Map<string, Uint8Array>();
  const gateway = new RecordingGateway();
  return {
    mimes,
    gateway,
    store,
    limitBytes: 4_000_000,
    now: () => new Date("2026-12-01T15:00:00Z"),
    fetchMime: async (source: MessageSource) => {
      const key = source.kind === "graph" ? source.messageId : source.itemId;
      const mime = mimes.get(key);
      if (mime === undefined) throw Object.assign(new Error("gone"), { code: "not-found" });
      return mime;
    },
    // Stand-in writer: the real one has its own suite; here only the size matters.
    prepare: async (mime: Uint8Array): Promise<PreparedMessage> => ({
      summary: await summarizeMime(mime),
      toMsg: () => Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, ...mime]),
    }),
    sha256Hex,
    ...overrides,
  } as TestPorts;
}
