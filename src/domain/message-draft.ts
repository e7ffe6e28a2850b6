/** The message as the rules see it, whatever surface (pane, send handler, CLI) read it. */

export interface Recipient {
  address: string;
  displayName?: string;
}

/** Why the officer writes: documents and interview need a deadline (R4); transfer is R12's notice. */
export type Purpose = "documents" | "interview" | "approval" | "refusal" | "transfer" | "general";
export const purposes: readonly Purpose[] = [
  "documents",
  "interview",
  "approval",
  "refusal",
  "transfer",
  "general",
];
export type DeadlinePurpose = Extract<Purpose, "documents" | "interview">;

export interface MessageDraft {
  /** The sending mailbox's SMTP address; null when it could not be read. */
  from: string | null;
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  /** The body as plain text (HTML bodies are reduced to text by the caller). */
  bodyText: string;
  purpose: Purpose | null;
  /** The response deadline the officer chose (YYYY-MM-DD), where the purpose needs one. */
  deadline: string | null;
  /** Read receipt flag where it could be known (Graph on the saved draft); null when unknown. */
  readReceiptRequested: boolean | null;
}
