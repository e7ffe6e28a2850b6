/**
 * Case notes: R7 print-to-file, R8 fallback (date and time, recipient, content), R9 no response
 * (the bulletin's text with its bracketed choices), R10 bounce, R13 reconsideration decision.
 * Plain text; case data goes in as characters.
 */
import { translator } from "../i18n/catalog";
import { noteMessages } from "../i18n/messages/domain-notes";
import type { CaseRecord, Language } from "./case-record";
import { isIsoDate } from "./calendar-date";
import { expectedRecipient } from "./expected-recipient";
import { formatLongDate } from "./long-date";
import type { DeadlinePurpose } from "./message-draft";
import { plainBlock, plainLine } from "./plain-text";
import { formatTime, toZonedDateTime } from "./zoned-time";

interface SentAt {
  /** ISO 8601 instant the message was sent. */
  sentAt: string;
  /** IANA zone of the office, for the date and time the note shows. */
  timeZone: string;
}

function dateAndTime({ sentAt, timeZone }: SentAt, language: Language) {
  const zoned = toZonedDateTime(sentAt, timeZone);
  if (zoned === null) return { date: plainLine(sentAt), time: "" };
  return {
    date: formatLongDate(zoned.date, language),
    time: formatTime(zoned.time, timeZone, language),
  };
}

function longDateOrRaw(value: string, language: Language): string {
  return isIsoDate(value) ? formatLongDate(value, language) : plainLine(value);
}

export interface PrintToFileInput extends SentAt {
  recipient: string;
  subject: string;
  sizeBytes: number;
  limitBytes: number;
}

/** R7: the e-document is over the limit; it was printed and put on the paper file. */
export function printToFileNote(input: PrintToFileInput, language: Language): string {
  return translator(noteMessages, language)("r7.printToFile", {
    ...dateAndTime(input, language),
    recipient: plainLine(input.recipient),
    subject: plainLine(input.subject),
    size: input.sizeBytes,
    limit: input.limitBytes,
  });
}

export interface FallbackInput extends SentAt {
  from: string;
  recipient: string;
  subject: string;
  /** The sent message's text. */
  content: string;
}

/** R8: attaching the e-document failed; the note holds date and time, recipient and content. */
export function fallbackNote(input: FallbackInput, language: Language): string {
  return translator(noteMessages, language)("r8.fallback", {
    ...dateAndTime(input, language),
    from: plainLine(input.from),
    recipient: plainLine(input.recipient),
    subject: plainLine(input.subject),
    content: plainBlock(input.content),
  });
}

export type NoResponseOutcome = "refused" | "abandoned";
export type ApplicantResponse = "did-not-comply" | "requested-more-time";

export interface NoResponseInput {
  purpose: DeadlinePurpose;
  outcome: NoResponseOutcome;
  response: ApplicantResponse;
}

/** R9: the bulletin's standard note, its bracketed choices filled in. */
export function noResponseNote(input: NoResponseInput, language: Language): string {
  const t = translator(noteMessages, language);
  return t("r9.sentence", {
    aim: t(`r9.aim.${input.purpose}`),
    failing: t(`r9.failing.${input.purpose}`),
    outcome: t(`r9.outcome.${input.outcome}`),
    response: t(`r9.response.${input.response}`),
  });
}

export type BounceNextStep =
  | { action: "resend"; to: string }
  /** The current address itself bounced, or no address carries consent: correspond by post. */
  | { action: "post" };

/** R10: resend to the current address if it changed since; post if the current address bounced. */
export function bounceNextStep(caseRecord: CaseRecord, bouncedAddress: string): BounceNextStep {
  const expected = expectedRecipient(caseRecord);
  if (expected.kind === "post") return { action: "post" };
  const same = expected.address.trim().toLowerCase() === bouncedAddress.trim().toLowerCase();
  return same ? { action: "post" } : { action: "resend", to: expected.address };
}

export interface BounceNoteInput {
  /** The date (YYYY-MM-DD) the bounced message was sent. */
  sentOn: string;
  bounced: string;
  step: BounceNextStep;
}

export function bounceNote(input: BounceNoteInput, language: Language): string {
  const t = translator(noteMessages, language);
  const params = {
    date: longDateOrRaw(input.sentOn, language),
    bounced: plainLine(input.bounced),
  };
  return input.step.action === "resend"
    ? t("r10.resend", { ...params, current: plainLine(input.step.to) })
    : t("r10.post", params);
}

/**
 * Reopened after the department's error (R13: it must be), or at the decision maker's discretion
 * where the record shows none (error null); or not reopened.
 */
export type ReconsiderationDecision =
  { reopened: true; error: "not-sent" | "old-address" | null } | { reopened: false };

export interface ReconsiderationInput {
  /** The date (YYYY-MM-DD) of the email the applicant says never arrived. */
  emailDate: string;
  decision: ReconsiderationDecision;
  reasons: string;
  documents: readonly string[];
}

/** R13: the decision, its reasons and the supporting documents, for the case file. */
export function reconsiderationNote(input: ReconsiderationInput, language: Language): string {
  const t = translator(noteMessages, language);
  const documents = input.documents.map(plainLine).filter((d) => d !== "");
  return t("r13.decision", {
    date: longDateOrRaw(input.emailDate, language),
    decision: !input.decision.reopened
      ? t("r13.decision.not-reopened")
      : input.decision.error === null
        ? t("r13.decision.reopened-discretion")
        : t("r13.decision.reopened", { error: t(`r13.error.${input.decision.error}`) }),
    reasons: plainBlock(input.reasons),
    documents: documents.length > 0 ? documents.join("; ") : t("r13.noDocuments"),
  });
}
