/**
 * A minimal reader for `Name: value` blocks (RFC 5322 header fields, RFC 3464 DSN fields):
 * unfolds continuation lines and keeps every field in order. Bounded, because bounce text is
 * untrusted: at most `maxFields` fields of at most 8 KB each.
 */
export interface Field {
  /** Lower-case field name. */
  name: string;
  value: string;
}

const FIELD = /^([A-Za-z][A-Za-z0-9-]{0,76}):[ \t]*(.*)$/;

export function readFields(lines: readonly string[], maxFields = 400): Field[] {
  const fields: Field[] = [];
  for (const line of lines) {
    if (fields.length >= maxFields) break;
    const last = fields[fields.length - 1];
    if (/^[ \t]/.test(line) && last !== undefined) {
      if (last.value.length < 8192) last.value = `${last.value} ${line.trim()}`.trim();
      continue;
    }
    const m = FIELD.exec(line);
    if (m !== null) fields.push({ name: (m[1] ?? "").toLowerCase(), value: (m[2] ?? "").trim() });
  }
  return fields;
}

/** The first field called `name` (lower case), or "". */
export function fieldValue(fields: readonly Field[], name: string): string {
  return fields.find((f) => f.name === name)?.value ?? "";
}

/** Splits text into lines, normalising CRLF and CR. */
export function toLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** RFC 2047 encoded words in a header value (`=?utf-8?B?...?=`), decoded where the charset is known. */
export function decodeWords(value: string): string {
  if (!value.includes("=?")) return value;
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(
      /=\?([^?\s]{1,40})\?([bBqQ])\?([^?\s]{0,2000})\?=/g,
      (whole, charset: string, enc: string, data: string) => {
        try {
          const bytes =
            enc.toUpperCase() === "B" ? base64Bytes(data) : qBytes(data.replace(/_/g, " "));
          return new TextDecoder(charset.toLowerCase(), { fatal: false }).decode(bytes);
        } catch {
          return whole;
        }
      }
    );
}

function base64Bytes(data: string): Uint8Array {
  const bin = atob(data.replace(/[^A-Za-z0-9+/]/g, ""));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function qBytes(data: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = data[i] as string;
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(data.slice(i + 1, i + 3))) {
      out.push(parseInt(data.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}
