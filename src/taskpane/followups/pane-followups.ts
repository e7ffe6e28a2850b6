/**
 * The pane's follow-up services, without React or Office (ports injected):
 * - F5 Overdue responses: the R9 note with the officer's bracketed choices, in the case's language,
 *   or the applicant's response recorded;
 * - F6 Transfers: the R12 notice prefilled in a new message to the expected recipient (R2/R3); a
 *   notice already sent marks its transfer notified when the list loads (filing does it too);
 * - R13 reconsideration: the department's error read from the proof, the decision note saved.
 * Input from the forms is checked here (zod); failures are codes the pane translates.
 */
import { z } from "zod";
import type { CaseRecord, Language, Office } from "../../domain/case-record";
import { expectedRecipient } from "../../domain/expected-recipient";
import type { DeadlinePurpose, Purpose } from "../../domain/message-draft";
import {
  noResponseNote,
  reconsiderationNote,
  type ApplicantResponse,
  type NoResponseOutcome,
} from "../../domain/notes";
import { textToHtml } from "../../domain/plain-text";
import { renderTemplate } from "../../domain/templates";
import { messageLanguages } from "../../domain/rules/deadline";
import { toZonedDateTime } from "../../domain/zoned-time";
import { noticeCovers, noticeWasSent, recordTransferNoticeFor } from "../../filing/transfer-notice";
import type {
  Bounce,
  Correspondence,
  Note,
  ProofOfSending,
  Transfer,
} from "../../gateway/contract";
import type { GatewayClient } from "../../gateway/client";

export type FollowupsGateway = Pick<
  GatewayClient,
  | "listAwaitingResponse"
  | "listTransferredNotNotified"
  | "listCaseCorrespondence"
  | "listCaseTransfers"
  | "listOffices"
  | "getCase"
  | "addNote"
  | "recordResponse"
  | "recordTransferNotice"
>;

/** What `displayNewMessageForm` takes. */
export interface NewMessageForm {
  to: string[];
  subject: string;
  htmlBody: string;
}

export interface FollowupsPorts {
  gateway: FollowupsGateway;
  /** YYYY-MM-DD in the officer's zone: the overdue list is "past its deadline as of today". */
  today(): string;
  now?(): Date;
  /** IANA zone of an office, for the date a note gives the email (the office's clock). */
  timeZone(officeId: string): string;
  /** Opens Outlook's new message form; an error code where the client refused. */
  openNewMessage(form: NewMessageForm): { ok: true } | { ok: false; code: string };
  /** Tells the compose pane of the new form which purpose it was opened for. */
  purposeHint?(caseNumber: string, purpose: Purpose): void;
}

export type FollowupErrorCode =
  | "choices-required"
  | "no-standard-text"
  | "reasons-required"
  | "reasons-too-long"
  | "documents-too-long"
  | "no-email-consent"
  | "office-unknown"
  | "template-failed"
  | "form-failed";

export interface FollowupError {
  code: FollowupErrorCode;
  params?: Record<string, string | number>;
}

export type FollowupResult<T> = { ok: true; value: T } | { ok: false; error: FollowupError };

const fail = <T>(code: FollowupErrorCode, params?: FollowupError["params"]): FollowupResult<T> => ({
  ok: false,
  error: params === undefined ? { code } : { code, params },
});

// ---------------------------------------------------------------------------------------------
// F5 Overdue responses (R9)

export interface OverdueRow {
  correspondence: Correspondence;
  /** The R9 aim; null where the purpose has no standard note (only "Response received"). */
  purpose: DeadlinePurpose | null;
  /** Where the message went: the address of the Via details, else the sent To, else expected. */
  recipient: string;
}

export interface NoResponseChoices {
  outcome: NoResponseOutcome | null;
  response: ApplicantResponse | null;
}

const noResponseChoicesSchema = z.object({
  outcome: z.enum(["refused", "abandoned"]),
  response: z.enum(["did-not-comply", "requested-more-time"]),
});

function deadlinePurpose(purpose: Purpose): DeadlinePurpose | null {
  return purpose === "documents" || purpose === "interview" ? purpose : null;
}

// ---------------------------------------------------------------------------------------------
// F6 Transfers (R12)

export type TransferNotice =
  | {
      ok: true;
      /** R2/R3: the representative under a signed IMM 5476, else the applicant's current address. */
      to: string;
      recipientKind: "applicant" | "representative";
      subject: string;
      body: string;
      languages: Language[];
    }
  | { ok: false; error: FollowupError };

export interface TransferRow {
  transfer: Transfer;
  caseRecord: CaseRecord;
  fromOffice: Office | null;
  toOffice: Office | null;
  notice: TransferNotice;
}

export interface TransferList {
  rows: TransferRow[];
  /** Transfers whose notice was already sent, recorded as notified while loading. */
  reconciled: Transfer[];
  /** Transfers whose case could not be read (kept visible with the reason). */
  unavailable: { transfer: Transfer; error: unknown }[];
}

// ---------------------------------------------------------------------------------------------
// R13 Reconsideration

export type DepartmentError = "not-sent" | "old-address";

export interface ReconsiderationContext {
  proof: ProofOfSending;
  /** No sending is known: pending, or no sending time and no note of a sending (R7, R8). */
  notSent: boolean;
  /** Sent, but not to the latest address on file at that time. */
  oldAddress: boolean;
  bounces: Bounce[];
  /** Where it went, and the address on file when it went. */
  sentTo: string | null;
  addressOnFile: string | null;
  /** The department's error the record shows (R13: the application is reopened); else null. */
  error: DepartmentError | null;
  /** YYYY-MM-DD on the office's clock: the email the applicant says never arrived. */
  emailDate: string;
  /** The case's language: the note's. */
  language: Language;
}

export interface ReconsiderationForm {
  reasons: string;
  /** One document a line. */
  documents: string;
  reopen: boolean;
}

export const reasonsMaxLength = 20_000;
export const documentsMaxLength = 20_000;

const reconsiderationFormSchema = z.object({
  reasons: z.string().trim().min(1, "reasons-required").max(reasonsMaxLength, "reasons-too-long"),
  documents: z.string().max(documentsMaxLength, "documents-too-long"),
  reopen: z.boolean(),
});

// ---------------------------------------------------------------------------------------------

export interface PaneFollowups {
  listOverdue(): Promise<OverdueRow[]>;
  /** The note as it will be saved, or why it cannot be. */
  previewNoResponse(row: OverdueRow, choices: NoResponseChoices): FollowupResult<string>;
  /** R9: the note with its correspondence (the gateway sets followedUpAt); the row leaves the list. */
  addNoResponseNote(row: OverdueRow, choices: NoResponseChoices): Promise<FollowupResult<Note>>;
  /** The applicant did answer: status responded, off the list. */
  recordResponse(row: OverdueRow): Promise<Correspondence>;

  listTransfers(): Promise<TransferList>;
  /** Opens the new message form with the notice; the compose pane is told the purpose. */
  writeTransferNotice(row: TransferRow): FollowupResult<void>;

  reconsideration(proof: ProofOfSending): ReconsiderationContext;
  previewReconsideration(
    context: ReconsiderationContext,
    form: ReconsiderationForm
  ): FollowupResult<string>;
  saveReconsideration(
    context: ReconsiderationContext,
    form: ReconsiderationForm
  ): Promise<FollowupResult<Note>>;
}

export function createPaneFollowups(ports: FollowupsPorts): PaneFollowups {
  const { gateway } = ports;
  const now = ports.now ?? (() => new Date());

  let offices: Promise<Office[]> | null = null;
  const listOffices = () =>
    (offices ??= gateway.listOffices().catch((error: unknown) => {
      offices = null;
      throw error;
    }));

  const noResponseText = (row: OverdueRow, choices: NoResponseChoices): FollowupResult<string> => {
    if (row.purpose === null) return fail("no-standard-text");
    const parsed = noResponseChoicesSchema.safeParse(choices);
    if (!parsed.success) return fail("choices-required");
    const text = noResponseNote(
      { purpose: row.purpose, ...parsed.data },
      row.correspondence.language
    );
    return { ok: true, value: text };
  };

  const transferRow = (transfer: Transfer, caseRecord: CaseRecord, known: Office[]) => {
    const fromOffice = known.find((o) => o.id === transfer.fromOfficeId) ?? null;
    const toOffice = known.find((o) => o.id === transfer.toOfficeId) ?? null;
    let notice: TransferNotice;
    const expected = expectedRecipient(caseRecord);
    if (expected.kind === "post") {
      notice = { ok: false, error: { code: "no-email-consent" } };
    } else if (fromOffice === null || toOffice === null) {
      notice = { ok: false, error: { code: "office-unknown" } };
    } else {
      // The template is signed by the office that now holds the file: where it went.
      const rendered = renderTemplate({
        kind: "transfer",
        caseRecord,
        office: toOffice,
        fromOffice,
      });
      notice = rendered.ok
        ? {
            ok: true,
            to: expected.address,
            recipientKind: expected.kind,
            subject: rendered.message.subject,
            body: rendered.message.body,
            languages: messageLanguages(caseRecord),
          }
        : { ok: false, error: { code: "template-failed", params: { code: rendered.error } } };
    }
    return { transfer, caseRecord, fromOffice, toOffice, notice };
  };

  return {
    async listOverdue() {
      const rows = await gateway.listAwaitingResponse({ asOf: ports.today() });
      return rows.map((c) => ({
        correspondence: c,
        purpose: deadlinePurpose(c.purpose),
        recipient: c.via?.address ?? c.to[0] ?? c.expectedRecipient,
      }));
    },

    previewNoResponse: noResponseText,

    async addNoResponseNote(row, choices) {
      const text = noResponseText(row, choices);
      if (!text.ok) return text;
      const c = row.correspondence;
      const note = await gateway.addNote(
        c.caseNumber,
        { kind: "no-response", text: text.value, correspondenceId: c.id },
        // One R9 note per correspondence, whatever the retries.
        { idempotencyKey: `${c.id}:no-response` }
      );
      return { ok: true, value: note };
    },

    async recordResponse(row) {
      const c = row.correspondence;
      return gateway.recordResponse(
        c.id,
        { respondedAt: now().toISOString() },
        { idempotencyKey: `${c.id}:response` }
      );
    },

    async listTransfers() {
      const [open, known] = await Promise.all([
        gateway.listTransferredNotNotified(),
        listOffices(),
      ]);
      const rows: TransferRow[] = [];
      const reconciled: Transfer[] = [];
      const unavailable: TransferList["unavailable"] = [];
      for (const transfer of open) {
        try {
          const [caseRecord, correspondence] = await Promise.all([
            gateway.getCase(transfer.caseNumber),
            gateway.listCaseCorrespondence(transfer.caseNumber),
          ]);
          // A notice sent by any path (filed, noted, even by another pane) counts: record it now.
          const sent = correspondence.find((c) => noticeWasSent(c) && noticeCovers(c, transfer));
          if (sent !== undefined) {
            const done = await recordTransferNoticeFor(gateway, sent, [transfer]);
            if (done.length > 0) {
              reconciled.push(...done);
              continue;
            }
          }
          rows.push(transferRow(transfer, caseRecord, known));
        } catch (error) {
          unavailable.push({ transfer, error });
        }
      }
      return { rows, reconciled, unavailable };
    },

    writeTransferNotice(row) {
      if (!row.notice.ok) return { ok: false, error: row.notice.error };
      const { to, subject, body } = row.notice;
      ports.purposeHint?.(row.caseRecord.caseNumber, "transfer");
      const opened = ports.openNewMessage({ to: [to], subject, htmlBody: textToHtml(body) });
      return opened.ok
        ? { ok: true, value: undefined }
        : fail("form-failed", { code: opened.code });
    },

    reconsideration(proof) {
      const c = proof.correspondence;
      const notSent = c.sentAt === null && !["filed", "noted", "print-required"].includes(c.status);
      const oldAddress = !notSent && proof.sentToLatestAddress === false;
      const at = c.sentAt ?? c.createdAt;
      const zoned = toZonedDateTime(at, ports.timeZone(c.officeId));
      return {
        proof,
        notSent,
        oldAddress,
        bounces: proof.bounces,
        sentTo: c.via?.address ?? c.to[0] ?? null,
        addressOnFile: proof.addressOnFileAtSending,
        error: notSent ? "not-sent" : oldAddress ? "old-address" : null,
        emailDate: zoned?.date ?? at.slice(0, 10),
        language: c.language,
      };
    },

    previewReconsideration(context, form) {
      return reconsiderationText(context, form);
    },

    async saveReconsideration(context, form) {
      const text = reconsiderationText(context, form);
      if (!text.ok) return text;
      const c = context.proof.correspondence;
      const note = await gateway.addNote(c.caseNumber, {
        kind: "reconsideration",
        text: text.value,
        correspondenceId: c.id,
      });
      return { ok: true, value: note };
    },
  };
}

function reconsiderationText(
  context: ReconsiderationContext,
  form: ReconsiderationForm
): FollowupResult<string> {
  const parsed = reconsiderationFormSchema.safeParse(form);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message;
    const code: FollowupErrorCode =
      message === "reasons-too-long" || message === "documents-too-long"
        ? message
        : "reasons-required";
    const max = code === "documents-too-long" ? documentsMaxLength : reasonsMaxLength;
    return fail(code, code.endsWith("too-long") ? { max } : undefined);
  }
  const { reasons, documents, reopen } = parsed.data;
  const text = reconsiderationNote(
    {
      emailDate: context.emailDate,
      decision: reopen ? { reopened: true, error: context.error } : { reopened: false },
      reasons,
      documents: documents.split(/\r\n?|\n/),
    },
    context.language
  );
  return { ok: true, value: text };
}
