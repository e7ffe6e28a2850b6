/**
 * Case data arrives from another system and may hold anything, markup included. Templates and notes
 * are plain text: values go in as characters, never as markup, and a value cannot add lines to a
 * one-line field (a subject, a greeting).
 */

// C0 and C1 controls except tab and line feed, plus bidirectional overrides that can disguise text.
// eslint-disable-next-line no-control-regex
const unsafeCharacters = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A one-line value: controls removed, any line break or tab run folded to one space. */
export function plainLine(value: string): string {
  return value
    .replace(/\r\n?|\n|\t|\u2028|\u2029/g, " ")
    .replace(unsafeCharacters, "")
    .replace(/ {2,}/g, " ")
    .trim();
}

/** A multi-line value (a message body in a note): controls removed, line breaks kept as `\n`. */
export function plainBlock(value: string): string {
  return value
    .replace(/\r\n?|\u2028|\u2029/g, "\n")
    .replace(unsafeCharacters, "")
    .trim();
}

const htmlEscapes: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);
}

/** A plain-text body for an HTML message body: escaped, paragraphs and line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, "<br>")}</p>`)
    .join("");
}
