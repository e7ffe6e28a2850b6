/**
 * What the fallback note (R8), the print-to-file note (R7) and the proof of sending (R14) state about
 * a sent message, read from its MIME: date and time, sender, recipients, subject, text and
 * attachment names. Parsed with postal-mime, which runs in the pane and in Node alike.
 */
import PostalMime from "postal-mime";

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

type Address = NonNullable<PostalMime.Email["to"]>[number];

function addresses(list: Address[] | Address | undefined): string[] {
  if (list === undefined) return [];
  const flat: string[] = [];
  for (const entry of Array.isArray(list) ? list : [list]) {
    if (entry.group !== undefined) flat.push(...entry.group.map((m) => m.address));
    else if (entry.address) flat.push(entry.address);
  }
  return flat;
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

function isoDate(value: string | undefined): string | null {
  if (value === undefined) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function byteLength(content: ArrayBuffer | Uint8Array | string): number {
  return typeof content === "string"
    ? new TextEncoder().encode(content).byteLength
    : content.byteLength;
}

export async function summarizeMime(mime: Uint8Array): Promise<SentSummary> {
  const email = await PostalMime.parse(mime, { attachmentEncoding: "arraybuffer" });
  const header = (key: string): string | null =>
    email.headers.find((h) => h.key === key)?.value.trim() ?? null;
  return {
    sentAt: isoDate(email.date),
    from: addresses(email.from)[0] ?? null,
    to: addresses(email.to),
    cc: addresses(email.cc),
    bcc: addresses(email.bcc),
    subject: email.subject ?? "",
    text: email.text ?? (email.html === undefined ? "" : htmlToText(email.html)),
    attachments: email.attachments.map((a) => ({
      name: a.filename ?? "",
      mimeType: a.mimeType,
      size: byteLength(a.content),
    })),
    messageId: email.messageId ?? null,
    ref: header("x-casemail-ref"),
  };
}
