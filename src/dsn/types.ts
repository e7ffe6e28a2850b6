/**
 * What the delivery-report parser returns. Every field is a plain string ("" when the report does
 * not say), so the result serialises to the same JSON in the task pane, the CLI and the gateway.
 */

/** The report as a whole: a failure wins over a delay, a delay over a success. */
export type ReportKind = "failure" | "delay" | "delivered" | "not-a-report";

/** RFC 3464 action values; text-only reports get "failed" or "delayed" inferred from their wording. */
export type RecipientAction = "failed" | "delayed" | "delivered" | "relayed" | "expanded" | "";

export interface ReportRecipient {
  /** The recipient address as reported (Final-Recipient, else Original-Recipient, else the text). */
  address: string;
  /** RFC 3463 enhanced status code, given by the report or inferred (see docs/bounces.md). */
  status: string;
  action: RecipientAction;
  /** Three-digit SMTP reply code, "" when the report carries none. */
  replyCode: string;
  /** The remote server's words (Diagnostic-Code or the report's text), whitespace collapsed. */
  diagnostic: string;
  /** Remote-MTA or the host named in the text. */
  remoteHost: string;
  /** The address itself is bad (unknown user or host, moved): resending to it is pointless. */
  permanent: boolean;
  /** Coarse class behind `status` and `permanent` (userunknown, mailboxfull, ...). */
  reason: BounceReason;
}

/** Correlation with the message that bounced, read from its returned headers. */
export interface OriginalMessage {
  /** CaseMail's `x-casemail-ref` header: the opaque correlation reference stamped at compose time. */
  ref: string;
  messageId: string;
  subject: string;
  /** Date header of the original, for the subject-and-date fallback. */
  date: string;
}

export interface DeliveryReport {
  kind: ReportKind;
  recipients: ReportRecipient[];
  original: OriginalMessage;
}

/** Bounce classes; the names follow the sisimai project's vocabulary, where the fixtures come from. */
export const BOUNCE_REASONS = [
  "userunknown",
  "hostunknown",
  "hasmoved",
  "notaccept",
  "mailboxfull",
  "mesgtoobig",
  "exceedlimit",
  "suspend",
  "filtered",
  "rejected",
  "blocked",
  "spamdetected",
  "virusdetected",
  "policyviolation",
  "securityerror",
  "authfailure",
  "requireptr",
  "notcompliantrfc",
  "norelaying",
  "toomanyconn",
  "contenterror",
  "expired",
  "networkerror",
  "systemerror",
  "systemfull",
  "mailererror",
  "syntaxerror",
  "onhold",
  "delivered",
  "undefined",
] as const;

export type BounceReason = (typeof BOUNCE_REASONS)[number];
