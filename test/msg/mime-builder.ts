/**
 * A small MIME builder for the tests: messages are generated here, never committed as binaries.
 * It writes what real clients write (CRLF, folded RFC 2047 subjects, RFC 2231 file names,
 * base64 at 76 columns, quoted-printable) and keeps the source values so tests can compare.
 */
import { createHash } from "node:crypto";

export interface PartSpec {
  contentType: string;
  /** Raw bytes of the decoded content. */
  content: Uint8Array;
  encoding?: "base64" | "quoted-printable" | "7bit" | "8bit";
  fileName?: string;
  disposition?: "attachment" | "inline";
  contentId?: string;
  charset?: string;
}

export interface MessageSpec {
  headers: Array<[string, string]>;
  /** A single body (no multipart) or the parts of a tree. */
  body: PartSpec | MultipartSpec;
  lineEnding?: "\r\n" | "\n";
}

export interface MultipartSpec {
  multipart: "mixed" | "alternative" | "related";
  parts: Array<PartSpec | MultipartSpec>;
}

let boundaryCounter = 0;

export function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  // Chunks of whole characters, each under 45 bytes, so encoded words stay under 76 columns.
  const words: string[] = [];
  let chunk = "";
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch) > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w).toString("base64")}?=`).join("\r\n ");
}

export function base64Lines(bytes: Uint8Array, eol: string): string {
  const b64 = Buffer.from(bytes).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join(eol);
}

export function quotedPrintable(bytes: Uint8Array, eol: string): string {
  const out: string[] = [];
  let line = "";
  const push = (token: string) => {
    if (line.length + token.length > 75) {
      out.push(`${line}=`);
      line = "";
    }
    line += token;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x0d && bytes[i + 1] === 0x0a) {
      out.push(line);
      line = "";
      i++;
      continue;
    }
    if (b === 0x0a) {
      out.push(line);
      line = "";
      continue;
    }
    const next = bytes[i + 1];
    const trailingSpace =
      (b === 0x20 || b === 0x09) && (next === undefined || next === 0x0d || next === 0x0a);
    if ((b >= 0x21 && b <= 0x7e && b !== 0x3d) || ((b === 0x20 || b === 0x09) && !trailingSpace)) {
      push(String.fromCharCode(b));
    } else {
      push(`=${b.toString(16).toUpperCase().padStart(2, "0")}`);
    }
  }
  out.push(line);
  return out.join(eol);
}

function rfc2231(name: string): string {
  if (/^[\x20-\x7e]*$/.test(name) && !/["\\]/.test(name)) return `filename="${name}"`;
  return `filename*=UTF-8''${encodeURIComponent(name)}`;
}

function renderPart(part: PartSpec | MultipartSpec, eol: string): string {
  if ("multipart" in part) {
    const boundary = `----=_Part_${++boundaryCounter}_${part.multipart}`;
    const body = part.parts.map((p) => `--${boundary}${eol}${renderPart(p, eol)}`).join(eol);
    return [
      `Content-Type: multipart/${part.multipart}; boundary="${boundary}"`,
      "",
      body,
      `--${boundary}--`,
      "",
    ].join(eol);
  }
  const encoding = part.encoding ?? "base64";
  const headers: string[] = [];
  const nameParam =
    part.fileName !== undefined && /^[\x20-\x7e]*$/.test(part.fileName)
      ? `; name="${part.fileName}"`
      : "";
  headers.push(
    `Content-Type: ${part.contentType}${part.charset !== undefined ? `; charset=${part.charset}` : ""}${nameParam}`
  );
  headers.push(`Content-Transfer-Encoding: ${encoding}`);
  if (part.disposition !== undefined || part.fileName !== undefined) {
    headers.push(
      `Content-Disposition: ${part.disposition ?? "attachment"}${part.fileName !== undefined ? `; ${rfc2231(part.fileName)}` : ""}`
    );
  }
  if (part.contentId !== undefined) headers.push(`Content-ID: <${part.contentId}>`);
  let body: string;
  if (encoding === "base64") body = base64Lines(part.content, eol);
  else if (encoding === "quoted-printable") body = quotedPrintable(part.content, eol);
  else body = Buffer.from(part.content).toString("latin1").replace(/\r?\n/g, eol);
  return [...headers, "", body, ""].join(eol);
}

/** The message as bytes (latin1 of the rendered text, so 8-bit content passes through). */
export function buildMime(spec: MessageSpec): Uint8Array {
  const eol = spec.lineEnding ?? "\r\n";
  const head = spec.headers.map(([k, v]) => `${k}: ${v.replace(/\r\n/g, eol)}`).join(eol);
  const text = `${head}${eol}MIME-Version: 1.0${eol}${renderPart(spec.body, eol)}`;
  return new Uint8Array(Buffer.from(text, "latin1"));
}

export const utf8Bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "utf8"));

/** Deterministic pseudo-random bytes (xorshift32), so generated attachments are reproducible. */
export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
