/**
 * One sent message on its way to the case file (F3). The job is keyed by the correlation reference
 * the pane stamped on the item, so every step is idempotent on it: a job filed twice is filed once.
 * A job never holds message content or addresses: only where to fetch the message and how far it got.
 */

export type FilingState =
  /** Known sent item, nothing done yet (or recovered after a reload mid-way). */
  | "pending"
  | "converting"
  | "uploading"
  /** The last attempt failed before any fallback could be recorded; will be tried again. */
  | "retrying"
  /** R8: the fallback note is on the case; the item stays pending for a later real filing. */
  | "noted"
  /** R6: the e-document is on the sent-correspondence record, status Sent via Email. */
  | "filed"
  /** R7: the `.msg` is over the limit; a print-to-file task and its note are recorded. */
  | "print-required";

export const finalStates: ReadonlySet<FilingState> = new Set(["filed", "print-required"]);

export type MessageSource =
  /** A sent copy found through Microsoft Graph (Pending list). */
  | { kind: "graph"; mailbox: string; messageId: string }
  /** The item open in read mode (`getAsFileAsync`). */
  | { kind: "open-item"; itemId: string };

export interface FilingFailure {
  /** A machine code (for example `gateway.network`, `graph.throttled`); never personal information. */
  code: string;
  at: string;
}

export interface FilingJob {
  ref: string;
  caseNumber: string;
  source: MessageSource;
  state: FilingState;
  attempts: number;
  /** The R8 fallback note was recorded, so a later failure does not add a second one. */
  fallbackNoted: boolean;
  lastFailure: FilingFailure | null;
  /** Size and SHA-256 of the `.msg` once written (hex). */
  eDocument: { size: number; sha256: string } | null;
  updatedAt: string;
}

export function newFilingJob(
  ref: string,
  caseNumber: string,
  source: MessageSource,
  now: Date
): FilingJob {
  return {
    ref,
    caseNumber,
    source,
    state: "pending",
    attempts: 0,
    fallbackNoted: false,
    lastFailure: null,
    eDocument: null,
    updatedAt: now.toISOString(),
  };
}

export function isFinal(job: FilingJob): boolean {
  return finalStates.has(job.state);
}

/**
 * A job found mid-step after the pane was closed or reloaded did not finish that step: it starts
 * again from pending (the gateway's idempotency makes a repeated upload harmless).
 */
export function recoverAfterReload(job: FilingJob, now: Date): FilingJob {
  if (job.state === "converting" || job.state === "uploading") {
    return { ...job, state: job.fallbackNoted ? "noted" : "pending", updatedAt: now.toISOString() };
  }
  return job;
}
