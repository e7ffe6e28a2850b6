/**
 * The pipeline's gateway port on the real gateway client. Each logical write carries an idempotency
 * key derived from the correlation reference, so the same step repeated after a reload, a time-out
 * or a second pane is recorded once by the gateway: the rule is one e-document, one print task and
 * one fallback note per sent message, whatever happened on the way. A sent transfer notice (R12)
 * then marks its transfer notified.
 */
import { fallbackNote, printToFileNote } from "../domain/notes";
import type { Language } from "../domain/case-record";
import type { Correspondence } from "../gateway/contract";
import type { GatewayClient } from "../gateway/client";
import { GatewayError } from "../gateway/errors";
import type { FilingJob } from "./filing-job";
import type { FilingGateway } from "./filing-pipeline";
import type { SentSummary } from "./sent-summary";
import { noticeWasSent, recordTransferNoticeFor } from "./transfer-notice";

export interface GatewayFilingOptions {
  client: GatewayClient;
  /** IANA zone for the date and time the notes show: one zone, or the zone of the case's office. */
  timeZone: string | ((officeId: string) => string);
  limitBytes: number;
}

/** Stable per step and message; the gateway keys replays on it. */
export function stepKey(
  ref: string,
  step: "sending" | "e-document" | "print-task" | "print-note" | "fallback-note"
): string {
  return `${ref}:${step}`;
}

/** A step the gateway already holds (a replay answered 409) counts as done (and gives null). */
async function once<T>(write: () => Promise<T>): Promise<T | null> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof GatewayError && error.kind === "conflict") return null;
    throw error;
  }
}

function recipients(summary: SentSummary): string {
  return [...summary.to, ...summary.cc, ...summary.bcc].join(", ");
}

export function gatewayFiling(options: GatewayFilingOptions): FilingGateway {
  const { client } = options;
  /** The notes' language is the case's; their clock is the office's. */
  const noteContext = async (
    job: FilingJob
  ): Promise<{ language: Language; timeZone: string; correspondence: Correspondence }> => {
    const correspondence = await client.getCorrespondence(job.ref);
    const timeZone =
      typeof options.timeZone === "function"
        ? options.timeZone(correspondence.officeId)
        : options.timeZone;
    return { language: correspondence.language, timeZone, correspondence };
  };

  const recordSending = async (
    job: FilingJob,
    summary: SentSummary
  ): Promise<Correspondence | null> => {
    if (summary.sentAt === null || summary.from === null || summary.to.length === 0) return null;
    return once(() =>
      client.recordSending(
        job.ref,
        { sentAt: summary.sentAt!, from: summary.from!, to: summary.to, subject: summary.subject },
        { idempotencyKey: stepKey(job.ref, "sending") }
      )
    );
  };

  /**
   * R12: the notice is on file (or noted), so its transfer is notified. Only a transfer-purpose
   * correspondence costs a call. Never fails the filing: the Transfers queue reconciles on load.
   */
  const markTransferNotice = async (job: FilingJob, known: Correspondence | null) => {
    if (known !== null && known.purpose !== "transfer") return;
    try {
      const notice =
        known !== null && noticeWasSent(known) ? known : await client.getCorrespondence(job.ref);
      await recordTransferNoticeFor(client, notice);
    } catch {
      // The transfer stays on the Transfers list, which records the notice when it next loads.
    }
  };

  return {
    async uploadEDocument(job, msg, summary) {
      const sent = await recordSending(job, summary);
      const filed = await once(() =>
        client.uploadEDocument(job.ref, msg, { idempotencyKey: stepKey(job.ref, "e-document") })
      );
      await markTransferNotice(job, filed ?? sent);
    },

    async recordPrintRequired(job, size, summary) {
      await recordSending(job, summary);
      await once(() =>
        client.createPrintTask(
          job.ref,
          { size },
          { idempotencyKey: stepKey(job.ref, "print-task") }
        )
      );
      const context = await noteContext(job);
      const text = printToFileNote(
        {
          sentAt: summary.sentAt ?? new Date(0).toISOString(),
          timeZone: context.timeZone,
          recipient: recipients(summary),
          subject: summary.subject,
          sizeBytes: size,
          limitBytes: options.limitBytes,
        },
        context.language
      );
      await once(() =>
        client.addNote(
          job.caseNumber,
          { kind: "print-to-file", text, correspondenceId: job.ref },
          { idempotencyKey: stepKey(job.ref, "print-note") }
        )
      );
      await markTransferNotice(job, context.correspondence);
    },

    async addFallbackNote(job, summary) {
      const context = await noteContext(job);
      const text = fallbackNote(
        {
          sentAt: summary.sentAt ?? new Date(0).toISOString(),
          timeZone: context.timeZone,
          from: summary.from ?? "",
          recipient: recipients(summary),
          subject: summary.subject,
          content: summary.text,
        },
        context.language
      );
      await once(() =>
        client.addNote(
          job.caseNumber,
          { kind: "fallback-filing", text, correspondenceId: job.ref },
          { idempotencyKey: stepKey(job.ref, "fallback-note") }
        )
      );
      await markTransferNotice(job, context.correspondence);
    },
  };
}
