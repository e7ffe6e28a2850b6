/**
 * Which message bounced: from the returned copy or headers (`message/rfc822`,
 * `text/rfc822-headers`, or pasted below the notice), CaseMail's `x-casemail-ref` first, then
 * Message-ID, then subject and date.
 */
import { decodeWords, fieldValue, readFields, toLines } from "./header-block";
import type { OriginalMessage } from "./types";

/** The header section of a returned message (its lines up to the first blank line). */
export function headerLines(text: string): string[] {
  // Only the header section is needed: cut at the first blank line after it before splitting.
  const lead = /^\s*/.exec(text)?.[0].length ?? 0;
  const blank = /\r?\n[ \t]*\r?\n/.exec(text.slice(lead, lead + 100_000));
  const head = text.slice(lead, blank === null ? lead + 100_000 : lead + blank.index);
  const lines = toLines(head);
  let start = 0;
  while (start < lines.length && (lines[start] ?? "").trim() === "") start++;
  const end = lines.findIndex((l, i) => i > start && l.trim() === "");
  return lines.slice(start, end === -1 ? lines.length : end);
}

export function originalFrom(headerTexts: readonly string[], notice: string): OriginalMessage {
  const original: OriginalMessage = { ref: "", messageId: "", subject: "", date: "" };
  for (const text of headerTexts) {
    const fields = readFields(headerLines(text));
    original.ref ||= fieldValue(fields, "x-casemail-ref").trim();
    original.messageId ||= fieldValue(fields, "message-id").trim();
    original.subject ||= decodeWords(fieldValue(fields, "subject")).trim();
    original.date ||= fieldValue(fields, "date").trim();
  }
  // Exchange 2003, Domino and PMDF quote the original's subject in the notice itself.
  if (original.subject === "") {
    const m = /^\s*Subject:\s*(.+)$/im.exec(notice);
    if (m?.[1] !== undefined) original.subject = decodeWords(m[1]).trim();
  }
  if (original.messageId === "") {
    const m = /^\s*Message-id:\s*(<[^>\s]{1,500}>)/im.exec(notice);
    if (m?.[1] !== undefined) original.messageId = m[1];
  }
  original.ref = original.ref.slice(0, 200);
  original.messageId = original.messageId.slice(0, 1000);
  original.subject = original.subject.slice(0, 1000);
  return original;
}

/** The recipients named in the returned headers' To field (a last resort for the address). */
export function originalRecipients(headerTexts: readonly string[]): string[] {
  for (const text of headerTexts) {
    const to = fieldValue(readFields(headerLines(text)), "to");
    const found = to.match(/[^\s<>",;:()]{1,64}@[A-Za-z0-9.-]{1,253}/g);
    if (found !== null) return found.map((a) => a.replace(/\.$/, ""));
  }
  return [];
}

/** The original's sender (From, Sender, Return-Path): never one of the failed recipients. */
export function originalSenders(headerTexts: readonly string[]): string[] {
  const found: string[] = [];
  for (const text of headerTexts) {
    const fields = readFields(headerLines(text));
    for (const name of ["from", "sender", "return-path"]) {
      const m = fieldValue(fields, name).match(/[^\s<>",;:()]{1,64}@[A-Za-z0-9.-]{1,253}/g);
      if (m !== null) found.push(...m.map((a) => a.replace(/\.$/, "").toLowerCase()));
    }
  }
  return found;
}
