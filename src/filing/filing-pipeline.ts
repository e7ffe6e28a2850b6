/**
 * The filing pipeline (F3): MIME -> `.msg` -> size gate -> upload -> Sent via Email (R6); over the
 * limit, the print-to-file task and its note (R7); an upload that still fails after the client's
 * retries, the fallback note with date and time, recipient and content (R8), while the job stays
 * pending for a later real filing. Every step is recorded in the job store before it starts, so a
 * reload mid-way resumes instead of losing the message.
 */
import { isFinal, type FilingJob, type MessageSource } from "./filing-job";
import type { JobStore } from "./job-store";
import type { PreparedMessage, SentSummary } from "./sent-summary";

/** What the pipeline needs from the case gateway, in the pipeline's own terms. */
export interface FilingGateway {
  /** Uploads the e-document (digest, idempotency and retries are the client's) and sets Sent via Email. */
  uploadEDocument(job: FilingJob, msg: Uint8Array, summary: SentSummary): Promise<void>;
  /** R7: records the print-to-file task with its note. */
  recordPrintRequired(job: FilingJob, size: number, summary: SentSummary): Promise<void>;
  /** R8: records the fallback note (date and time, recipient, content). */
  addFallbackNote(job: FilingJob, summary: SentSummary): Promise<void>;
}

export interface FilingPorts {
  fetchMime(source: MessageSource): Promise<Uint8Array>;
  /** Parses the message once: its summary, and the writer of its `.msg`. */
  prepare(mime: Uint8Array): Promise<PreparedMessage>;
  sha256Hex(bytes: Uint8Array): Promise<string>;
  gateway: FilingGateway;
  store: JobStore;
  limitBytes: number;
  now(): Date;
}

/** A failure's code for the job record: the error's own `code` where it has one, never its message. */
export function failureCode(stage: string, error: unknown): string {
  // A GatewayError always has `code`, undefined unless the server named one: fall back to its kind.
  const own = (name: "code" | "kind"): string | null => {
    if (typeof error !== "object" || error === null || !(name in error)) return null;
    const value = (error as Record<string, unknown>)[name];
    return value === undefined || value === null || value === "" ? null : String(value);
  };
  const code = own("code") ?? own("kind") ?? "unknown";
  return `${stage}.${code}`;
}

async function save(
  ports: FilingPorts,
  job: FilingJob,
  patch: Partial<FilingJob>
): Promise<FilingJob> {
  const next: FilingJob = { ...job, ...patch, updatedAt: ports.now().toISOString() };
  await ports.store.put(next);
  return next;
}

/**
 * Runs one job as far as it can go and returns its new state; never throws for a failure of the
 * message or the gateway (those become the job's state), only for a failing job store.
 */
export async function fileJob(initial: FilingJob, ports: FilingPorts): Promise<FilingJob> {
  if (isFinal(initial)) return initial;
  let job = await save(ports, initial, { state: "converting", attempts: initial.attempts + 1 });

  let prepared: PreparedMessage;
  let stage = "fetch";
  try {
    const mime = await ports.fetchMime(job.source);
    stage = "parse";
    prepared = await ports.prepare(mime);
  } catch (error) {
    // Without the message there is nothing to note either: stay visibly pending.
    return save(ports, job, {
      state: job.fallbackNoted ? "noted" : "retrying",
      lastFailure: { code: failureCode(stage, error), at: ports.now().toISOString() },
    });
  }

  const { summary } = prepared;
  let msg: Uint8Array | null = null;
  let conversionFailure: unknown = null;
  try {
    msg = prepared.toMsg();
  } catch (error) {
    conversionFailure = error;
  }

  if (msg !== null) {
    const eDocument = { size: msg.byteLength, sha256: await ports.sha256Hex(msg) };
    job = await save(ports, job, { eDocument });
    if (msg.byteLength > ports.limitBytes) {
      try {
        await ports.gateway.recordPrintRequired(job, msg.byteLength, summary);
        return save(ports, job, { state: "print-required", lastFailure: null });
      } catch (error) {
        return fallBack(ports, job, summary, failureCode("print-task", error));
      }
    }
    job = await save(ports, job, { state: "uploading" });
    try {
      await ports.gateway.uploadEDocument(job, msg, summary);
      return save(ports, job, { state: "filed", lastFailure: null });
    } catch (error) {
      return fallBack(ports, job, summary, failureCode("upload", error));
    }
  }
  return fallBack(ports, job, summary, failureCode("convert", conversionFailure));
}

/** R8: one fallback note per job; the job stays on the Pending list either way. */
async function fallBack(
  ports: FilingPorts,
  job: FilingJob,
  summary: SentSummary,
  code: string
): Promise<FilingJob> {
  const lastFailure = { code, at: ports.now().toISOString() };
  if (job.fallbackNoted) return save(ports, job, { state: "noted", lastFailure });
  try {
    await ports.gateway.addFallbackNote(job, summary);
    return save(ports, job, { state: "noted", fallbackNoted: true, lastFailure });
  } catch (error) {
    return save(ports, job, {
      state: "retrying",
      lastFailure: { code: `${code}+${failureCode("note", error)}`, at: lastFailure.at },
    });
  }
}
