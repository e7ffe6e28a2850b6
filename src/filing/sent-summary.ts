/**
 * What the fallback note (R8), the print-to-file note (R7) and the proof of sending (R14) state about
 * a sent message, read from its MIME: date and time, sender, recipients, subject, text and
 * attachment names. Read from the `.msg` writer's own parse, so each message is parsed once.
 */
import type { MessageModel } from "../msg/message-model";
import { parseMime } from "../msg/mime-source";
import { messageModelToMsg } from "../msg/mime-to-msg";

export interface SentSummary {
  /** ISO date-time from the Date header; null when the header is missing or unreadable. */
  sentAt: string | null;
  from: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  /** The plain text body, or the HTML body reduced to text. */
  text: string;
  attachments: { name: string; mimeType: string; size: number }[];
  messageId: string | null;
  /** The `x-casemail-ref` header the pane stamped, where the copy kept it. */
  ref: string | null;
}

/** Reduces HTML to readable text without a DOM (the send handler's runtime has none). */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|tr|h[1-6])\s*>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/gi, " ")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/&amp;/gi, "&")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** An unfolded header's value from a raw header block, or null. */
function headerValue(block: string, name: string): string | null {
  const unfolded = block.replace(/\r?\n[ \t]+/g, " ");
  const pattern = new RegExp(`^${name}:[ \\t]*(.*)$`, "im");
  return pattern.exec(unfolded)?.[1]?.trim() || null;
}

/** The summary of a message the `.msg` writer has parsed (one parse serves both). */
export function summaryFromModel(model: MessageModel): SentSummary {
  const of = (kind: "to" | "cc" | "bcc") =>
    model.recipients.filter((r) => r.kind === kind).map((r) => r.address);
  return {
    sentAt:
      model.date === undefined || Number.isNaN(model.date.getTime())
        ? null
        : model.date.toISOString(),
    from: model.from?.address || null,
    to: of("to"),
    cc: of("cc"),
    bcc: of("bcc"),
    subject: model.subject ?? "",
    text: model.text ?? (model.html === undefined ? "" : htmlToText(model.html)),
    attachments: model.attachments.map((a) => ({
      name: a.fileName,
      mimeType: a.mimeType,
      size: a.content.byteLength,
    })),
    messageId: model.messageId ?? null,
    ref: headerValue(model.transportHeaders, "x-casemail-ref"),
  };
}

export interface PreparedMessage {
  summary: SentSummary;
  /** Writes the `.msg`; throws a MsgConversionError where it cannot. */
  toMsg: () => Uint8Array;
}

/** Parses the MIME once for both the summary and the `.msg`. */
export async function prepareSentMessage(mime: Uint8Array): Promise<PreparedMessage> {
  const model = await parseMime(mime, { maxEmbeddingDepth: 8 });
  return { summary: summaryFromModel(model), toMsg: () => messageModelToMsg(model) };
}

/** The summary alone (the proof view, tests). */
export async function summarizeMime(mime: Uint8Array): Promise<SentSummary> {
  return (await prepareSentMessage(mime)).summary;
}
