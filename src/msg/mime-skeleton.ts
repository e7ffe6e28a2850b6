/**
 * Large encoded bodies decoded by us, the rest of the message by postal-mime.
 *
 * postal-mime awaits every line and decodes base64 and quoted-printable through per-line
 * strings, chunk lists and a Blob: 10 to 20 MB of garbage for a 4 MB message, and most of the
 * time. So before parsing we scan the MIME structure ourselves and, for each base64 or
 * quoted-printable leaf part, decode its body straight from the raw bytes into one buffer
 * (transfer-decoding.ts) and hand postal-mime a skeleton of the message in which that body is
 * replaced by a short marker line. postal-mime still decides everything else (headers, file
 * names, which part is the body, related images), then the markers are swapped back for the
 * decoded content.
 *
 * Safety: the markers carry a random nonce, and a marker must come back exactly as the whole
 * content of one attachment (or once in the text or HTML body, and not in the other). If any
 * does not, or the structure is anything but plain (a header line that is no field, a
 * Content-Type we would read differently), the caller parses the original message instead.
 */
import { crlfToLf, decodeBase64Body, decodeQuotedPrintableBody } from "./transfer-decoding";

/** Bodies shorter than this stay in the skeleton: the marker would save nothing. */
const MIN_CUT_BYTES = 256;

export type CutKind = "attachment" | "plain" | "html";

export interface Cut {
  kind: CutKind;
  marker: string;
  /** The decoded body: bytes for an attachment, the text (LF line ends) for a body. */
  bytes?: Uint8Array;
  text?: string;
  /** The transfer-encoding field and the body, both replaced in the skeleton. */
  field: { from: number; to: number };
  from: number;
  to: number;
  markerLine: Uint8Array;
}

export interface Skeleton {
  bytes: Uint8Array;
  cuts: Cut[];
}

interface ContentHeaders {
  /** Content-Type as written (trimmed), and as we read it (null: not plain enough to read). */
  typeRaw?: string;
  type?: { value: string; params: Map<string, string> } | null;
  encoding?: string | null;
  /** Where the Content-Transfer-Encoding field lies, its folded lines and line breaks included. */
  encodingField?: { from: number; to: number };
  disposition?: { value: string; params: Map<string, string> } | null;
}

const isWsp = (c: number) => c === 0x20 || c === 0x09;
const ASCII = new TextDecoder("latin1");
const TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
const PARAM_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;
/** Parameters whose RFC 2231 forms postal-mime would merge and we do not read. */
const STARRED = /^(boundary|charset|format|delsp)\*/;
const BOUNDARY = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/**
 * `type/subtype; name=value; name="quoted"` in the plainest syntax only: no comments, no
 * escapes, no white space inside a token, no repeated parameter. Anything else is null (and
 * the part is left to postal-mime).
 */
export function parseParameters(
  header: string
): { value: string; params: Map<string, string> } | null {
  const segments: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i];
    if (c === '"') quoted = !quoted;
    else if (quoted && c === "\\") return null;
    else if (!quoted && c === "(") return null;
    else if (!quoted && c === ";") {
      segments.push(header.slice(start, i));
      start = i + 1;
    }
  }
  if (quoted) return null;
  segments.push(header.slice(start));
  const value = trimWsp(segments[0] ?? "").toLowerCase();
  if (/[\s"]/.test(value)) return null;
  const params = new Map<string, string>();
  for (const segment of segments.slice(1)) {
    const s = trimWsp(segment);
    if (s === "") continue;
    const eq = s.indexOf("=");
    if (eq <= 0) return null;
    const name = trimWsp(s.slice(0, eq)).toLowerCase();
    let v = trimWsp(s.slice(eq + 1));
    if (!PARAM_NAME.test(name) || params.has(name) || STARRED.test(name)) return null;
    if (v.startsWith('"')) {
      if (v.length < 2 || !v.endsWith('"') || v.slice(1, -1).includes('"')) return null;
      v = v.slice(1, -1);
    } else if (/[\s"]/.test(v)) {
      return null;
    }
    params.set(name, v);
  }
  return { value, params };
}

function trimWsp(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s[a] === " " || s[a] === "\t")) a++;
  while (b > a && (s[b - 1] === " " || s[b - 1] === "\t")) b--;
  return s.slice(a, b);
}

/** A header field's start as postal-mime reads it: a name of printable ASCII but `:`, then `:`. */
function isFieldLine(b: Uint8Array, from: number, to: number): boolean {
  let i = from;
  while (i < to && (b[i] as number) >= 0x21 && (b[i] as number) <= 0x7e && b[i] !== 0x3a) i++;
  while (i < to && isWsp(b[i] as number)) i++;
  // An mbox "From " line is a field to postal-mime; here it is not, and the message is left to it.
  return i < to && b[i] === 0x3a;
}

/**
 * The content headers of one header block (lines [from, to)), or null when the block is not
 * plain enough to be sure postal-mime reads it the same way.
 */
function contentHeaders(b: Uint8Array, from: number, to: number): ContentHeaders | null {
  const fields: string[] = [];
  const ranges: Array<{ from: number; to: number }> = [];
  let pos = from;
  while (pos < to) {
    let lf = b.indexOf(0x0a, pos);
    if (lf < 0 || lf > to) lf = to;
    let end = lf;
    while (end > pos && (b[end - 1] === 0x0d || b[end - 1] === 0x0a)) end--;
    if (isWsp(b[pos] as number)) {
      if (fields.length === 0) return null;
      fields[fields.length - 1] += ASCII.decode(b.subarray(pos, end));
      (ranges[ranges.length - 1] as { to: number }).to = Math.min(lf + 1, to);
    } else if (isFieldLine(b, pos, end)) {
      fields.push(ASCII.decode(b.subarray(pos, end)));
      ranges.push({ from: pos, to: Math.min(lf + 1, to) });
    } else {
      return null;
    }
    pos = lf + 1;
  }
  const out: ContentHeaders = {};
  for (const [i, field] of fields.entries()) {
    if (field.includes("\r")) return null;
    const colon = field.indexOf(":");
    const key = field.slice(0, colon).toLowerCase();
    const value = trimWsp(field.slice(colon + 1));
    if (key === "content-type") {
      if (out.type !== undefined) return null;
      out.typeRaw = value;
      out.type = parseParameters(value);
      if (out.type !== null && !TYPE.test(out.type.value)) out.type = null;
    } else if (key === "content-transfer-encoding") {
      if (out.encoding !== undefined) return null;
      out.encoding = /^[A-Za-z0-9-]+$/.test(value) ? value.toLowerCase() : null;
      out.encodingField = ranges[i];
    } else if (key === "content-disposition") {
      if (out.disposition !== undefined) return null;
      out.disposition = parseParameters(value);
    }
  }
  return out;
}

/** The index of the open boundary `line` delimits (outermost first, as postal-mime checks). */
function matchBoundary(
  b: Uint8Array,
  from: number,
  to: number,
  boundaries: Uint8Array[]
): { index: number; terminator: boolean } | null {
  if (to - from <= 2 || b[from] !== 0x2d || b[from + 1] !== 0x2d) return null;
  for (let index = 0; index < boundaries.length; index++) {
    const bd = boundaries[index] as Uint8Array;
    if (to - from < bd.length + 2) continue;
    let same = true;
    for (let j = 0; j < bd.length && same; j++) same = b[from + 2 + j] === bd[j];
    if (!same) continue;
    let end = from + 2 + bd.length;
    const terminator = to - end >= 2 && b[end] === 0x2d && b[end + 1] === 0x2d;
    if (terminator) end += 2;
    let trailing = true;
    for (let j = end; j < to && trailing; j++) trailing = isWsp(b[j] as number);
    if (trailing) return { index, terminator };
  }
  return null;
}

interface Leaf {
  kind: CutKind;
  encoding: "base64" | "quoted-printable";
  encodingField: { from: number; to: number };
  bodyStart: number;
}

/** What a leaf part with these headers would be cut as, or null to leave it in place. */
function leafFor(h: ContentHeaders, bodyStart: number): Leaf | null {
  const encoding = h.encoding;
  const encodingField = h.encodingField;
  if (encoding !== "base64" && encoding !== "quoted-printable") return null;
  if (encodingField === undefined) return null;
  if (h.type === undefined || h.type === null || h.disposition === null) return null;
  const type = h.type.value;
  // postal-mime re-encodes calendar parts as text: not ours to reproduce.
  if (type === "text/calendar" || type === "application/ics") return null;
  const disposition = h.disposition?.value ?? "";
  if ((type === "text/plain" || type === "text/html") && disposition !== "attachment") {
    // An inline body: decoded as text, which we reproduce only for UTF-8 without format=flowed.
    const charset = h.type.params.get("charset")?.toLowerCase();
    if (charset !== "utf-8" && charset !== "utf8") return null;
    if (type === "text/plain" && /^flowed$/i.test(h.type.params.get("format") ?? "")) return null;
    return { kind: type === "text/plain" ? "plain" : "html", encoding, encodingField, bodyStart };
  }
  return { kind: "attachment", encoding, encodingField, bodyStart };
}

function newNonce(): string {
  const bytes = new Uint8Array(8);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 8; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * Scans the message and decodes its large encoded leaf bodies. Returns undefined when there is
 * nothing to cut or the structure is not plain enough (the caller parses the original).
 */
export function buildSkeleton(mime: Uint8Array): Skeleton | undefined {
  const boundaries: Uint8Array[] = [];
  const cuts: Cut[] = [];
  const nonce = newNonce();
  let state: "header" | "body" = "header";
  let headerStart = 0;
  let leaf: Leaf | null = null;
  let previousContentEnd = 0;
  let pos = 0;
  const n = mime.length;
  while (pos < n) {
    let lf = mime.indexOf(0x0a, pos);
    if (lf < 0) lf = n;
    // Body lines matter only when they start with "--" (a boundary): skip the others fast.
    if (state === "body" && !(mime[pos] === 0x2d && mime[pos + 1] === 0x2d)) {
      previousContentEnd = lf;
      while (previousContentEnd > pos && mime[previousContentEnd - 1] === 0x0d)
        previousContentEnd--;
      pos = lf + 1;
      continue;
    }
    let contentEnd = lf;
    while (contentEnd > pos && mime[contentEnd - 1] === 0x0d) contentEnd--;
    const next = lf + 1;
    const boundary = matchBoundary(mime, pos, contentEnd, boundaries);
    if (boundary !== null) {
      if (leaf !== null && previousContentEnd - leaf.bodyStart >= MIN_CUT_BYTES) {
        const cut = cutLeaf(mime, leaf, previousContentEnd, nonce, cuts.length);
        if (cut !== undefined) cuts.push(cut);
      }
      leaf = null;
      boundaries.length = boundary.terminator ? boundary.index : boundary.index + 1;
      state = boundary.terminator ? "body" : "header";
      headerStart = next;
    } else if (state === "header") {
      if (contentEnd === pos) {
        const headers = contentHeaders(mime, headerStart, pos);
        if (headers === null) return undefined;
        state = "body";
        const type = headers.type;
        if (type === null && /^multipart\//i.test(headers.typeRaw ?? "")) {
          return undefined; // a multipart we cannot read exactly as postal-mime does
        } else if (type?.value.startsWith("multipart/")) {
          const b = type.params.get("boundary") ?? "";
          if (!BOUNDARY.test(b)) return undefined; // postal-mime would read it as text
          boundaries.push(new TextEncoder().encode(b));
        } else {
          leaf = leafFor(headers, next);
        }
      } else if (!isWsp(mime[pos] as number) && !isFieldLine(mime, pos, contentEnd)) {
        return undefined; // postal-mime would end the headers here: leave it all to it
      }
    }
    previousContentEnd = contentEnd;
    pos = next;
  }
  if (cuts.length === 0) return undefined;
  return { bytes: assemble(mime, cuts), cuts };
}

function cutLeaf(
  mime: Uint8Array,
  leaf: Leaf,
  to: number,
  nonce: string,
  index: number
): Cut | undefined {
  const decoded =
    leaf.encoding === "base64"
      ? decodeBase64Body(mime, leaf.bodyStart, to)
      : decodeQuotedPrintableBody(mime, leaf.bodyStart, to);
  if (decoded === undefined) return undefined;
  // The skeleton part loses its Content-Transfer-Encoding field, so postal-mime passes the
  // marker through as it is (its base64 and quoted-printable decoders each take a 100 KB
  // buffer per part, 20 MB for 200 attachments, even for a marker).
  const marker = `CaseMailCut${nonce}${String(index).padStart(6, "0")}`;
  const markerLine = new TextEncoder().encode(marker);
  const cut: Cut = {
    kind: leaf.kind,
    marker,
    field: leaf.encodingField,
    from: leaf.bodyStart,
    to,
    markerLine,
  };
  if (leaf.kind === "attachment") {
    cut.bytes = decoded;
  } else {
    // As postal-mime reads a UTF-8 text part: line ends to LF, then decoded (BOM dropped).
    cut.text = new TextDecoder("utf-8").decode(decoded.subarray(0, crlfToLf(decoded)));
  }
  return cut;
}

/**
 * The message with, for each cut part, the transfer-encoding field left out and the body
 * replaced by its marker line (the line break before the next boundary kept).
 */
function assemble(mime: Uint8Array, cuts: Cut[]): Uint8Array {
  const edits: Array<{ from: number; to: number; insert?: Uint8Array }> = [];
  for (const c of cuts) edits.push(c.field, { from: c.from, to: c.to, insert: c.markerLine });
  let size = mime.length;
  for (const e of edits) size += (e.insert?.length ?? 0) - (e.to - e.from);
  const out = new Uint8Array(size);
  let read = 0;
  let write = 0;
  for (const e of edits) {
    out.set(mime.subarray(read, e.from), write);
    write += e.from - read;
    if (e.insert !== undefined) {
      out.set(e.insert, write);
      write += e.insert.length;
    }
    read = e.to;
  }
  out.set(mime.subarray(read), write);
  return out;
}

interface ParsedParts {
  text?: string;
  html?: string;
  attachments: Array<{ content: ArrayBuffer | Uint8Array | string }>;
}

/**
 * Puts the decoded bodies back where postal-mime left the markers. False when any marker is
 * not found exactly once where it belongs: the caller then parses the original message.
 */
export function restoreCuts(email: ParsedParts, cuts: Cut[]): boolean {
  const byMarker = new Map(cuts.map((c) => [c.marker, c]));
  const found = new Set<Cut>();
  const markerLength = cuts[0]?.marker.length ?? 0;
  const replacements: Array<[{ content: unknown }, Uint8Array]> = [];
  for (const a of email.attachments) {
    if (typeof a.content === "string" || a.content.byteLength !== markerLength) continue;
    const bytes = a.content instanceof Uint8Array ? a.content : new Uint8Array(a.content);
    const cut = byMarker.get(ASCII.decode(bytes));
    if (cut === undefined) continue;
    if (cut.kind !== "attachment" || found.has(cut) || cut.bytes === undefined) return false;
    found.add(cut);
    replacements.push([a, cut.bytes]);
  }
  let text = email.text;
  let html = email.html;
  for (const cut of cuts) {
    if (cut.kind === "attachment") continue;
    const own = cut.kind === "plain" ? text : html;
    const other = cut.kind === "plain" ? html : text;
    if (own === undefined || cut.text === undefined || other?.includes(cut.marker)) return false;
    const at = own.indexOf(cut.marker);
    if (at < 0 || own.indexOf(cut.marker, at + 1) >= 0) return false;
    const replaced =
      own.length === cut.marker.length
        ? cut.text
        : own.slice(0, at) + cut.text + own.slice(at + cut.marker.length);
    if (cut.kind === "plain") text = replaced;
    else html = replaced;
    found.add(cut);
  }
  if (found.size !== cuts.length) return false;
  for (const [a, bytes] of replacements) a.content = bytes;
  // postal-mime leaves out an empty body; so do we when the decoded one is empty.
  email.text = text === "" ? undefined : text;
  email.html = html === "" ? undefined : html;
  return true;
}
