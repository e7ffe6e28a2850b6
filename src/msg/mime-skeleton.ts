/**
 * Large encoded bodies decoded by us, the rest of the message by postal-mime.
 *
 * postal-mime awaits every line and decodes base64 and quoted-printable through per-line
 * strings, a 100 KB chunk buffer per part and a Blob: 10 to 20 MB of garbage for a 4 MB
 * message, and most of the time. So before parsing we scan the MIME structure ourselves and, for
 * each large base64 or quoted-printable leaf part, decode its body straight from the raw bytes
 * into one buffer (transfer-decoding.ts). postal-mime then parses a skeleton of the message: an
 * attachment part with simple headers is left out whole (we build its attachment as postal-mime
 * would), any other cut body is replaced by a short marker line. postal-mime still decides
 * everything else (headers, file names, which part is the body, related images).
 *
 * Safety: the markers carry a random nonce, and a marker must come back exactly as the whole
 * content of one attachment (or once in the text or HTML body, and not in the other);
 * postal-mime's attachments must be the leaf parts we predicted, in order, with the same types.
 * If anything differs, or the structure is anything but plain (a header line that is no field,
 * a Content-Type we would read differently), the caller parses the original message instead.
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
}

/** An attachment built by us for a part left out of the skeleton, as postal-mime builds one. */
export interface BuiltAttachment {
  filename: string | null;
  mimeType: string;
  disposition: string | null;
  related?: true;
  contentId?: string;
  content: Uint8Array;
}

/** A leaf part in document order, as postal-mime will list it. */
interface LeafRecord {
  /** An attachment to postal-mime: anything but an inline text/plain or text/html part. */
  attachment: boolean;
  mimeType: string;
  /** Set when the whole part is left out of the skeleton and its attachment is built here. */
  built?: BuiltAttachment;
}

export interface Skeleton {
  bytes: Uint8Array;
  /** Bodies replaced by markers. */
  cuts: Cut[];
  /** Every leaf part, when any part was left out whole (null otherwise). */
  leaves: LeafRecord[] | null;
}

interface ContentHeaders {
  /** Content-Type as written (trimmed), and as we read it (null: not plain enough to read). */
  typeRaw?: string;
  type?: { value: string; params: Map<string, string> } | null;
  encoding?: string | null;
  /** Where the Content-Transfer-Encoding field lies, its folded lines and line breaks included. */
  encodingField?: { from: number; to: number };
  /** Content-ID as written (trimmed); null when given twice. */
  contentId?: string | null;
  disposition?: { value: string; params: Map<string, string> } | null;
}

const isWsp = (c: number) => c === 0x20 || c === 0x09;
const ASCII = new TextDecoder("latin1");
const ENCODER = new TextEncoder();
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
  for (let k = 1; k < segments.length; k++) {
    const s = trimWsp(segments[k] as string);
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

const CONTENT = [0x63, 0x6f, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x2d]; // "content-"

/** Whether the line's field name starts with "Content-" (any case). */
function isContentField(b: Uint8Array, from: number, to: number): boolean {
  if (to - from < CONTENT.length) return false;
  for (let i = 0; i < CONTENT.length; i++)
    if (((b[from + i] as number) | 0x20) !== CONTENT[i]) {
      return false;
    }
  return true;
}

/**
 * The content headers of one header block (lines [from, to)), or null when the block is not
 * plain enough to be sure postal-mime reads it the same way.
 */
function contentHeaders(b: Uint8Array, from: number, to: number): ContentHeaders | null {
  // Only Content-* fields are decoded to text (null for the others, which are only checked).
  const fields: Array<string | null> = [];
  const ranges: Array<{ from: number; to: number }> = [];
  let pos = from;
  while (pos < to) {
    let lf = b.indexOf(0x0a, pos);
    if (lf < 0 || lf > to) lf = to;
    let end = lf;
    while (end > pos && (b[end - 1] === 0x0d || b[end - 1] === 0x0a)) end--;
    if (isWsp(b[pos] as number)) {
      if (fields.length === 0) return null;
      const last = fields[fields.length - 1];
      if (last !== null && last !== undefined)
        fields[fields.length - 1] = last + ASCII.decode(b.subarray(pos, end));
      (ranges[ranges.length - 1] as { to: number }).to = Math.min(lf + 1, to);
    } else if (isFieldLine(b, pos, end)) {
      fields.push(isContentField(b, pos, end) ? ASCII.decode(b.subarray(pos, end)) : null);
      ranges.push({ from: pos, to: Math.min(lf + 1, to) });
    } else {
      return null;
    }
    pos = lf + 1;
  }
  const out: ContentHeaders = {};
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field === null || field === undefined) continue;
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
    } else if (key === "content-id") {
      out.contentId = out.contentId === undefined ? value : null;
    }
  }
  return out;
}

/** The index of the open boundary `line` delimits (outermost first, as postal-mime checks). */
function matchBoundary(
  b: Uint8Array,
  from: number,
  to: number,
  open: readonly OpenMultipart[]
): { index: number; terminator: boolean } | null {
  if (to - from <= 2 || b[from] !== 0x2d || b[from + 1] !== 0x2d) return null;
  for (let index = 0; index < open.length; index++) {
    const bd = (open[index] as OpenMultipart).boundary;
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
  headers: ContentHeaders;
  /** Inside a multipart/related (an inline resource when it has a Content-ID). */
  related: boolean;
  /** Its entry in the list of leaves, when that list is complete so far. */
  record?: LeafRecord;
}

/** What a leaf part with these headers would be cut as, or null to leave it in place. */
function leafFor(h: ContentHeaders, bodyStart: number, related: boolean): Leaf | null {
  const encoding = h.encoding;
  const encodingField = h.encodingField;
  if (encoding !== "base64" && encoding !== "quoted-printable") return null;
  if (encodingField === undefined) return null;
  if (h.type === undefined || h.type === null || h.disposition === null) return null;
  const type = h.type.value;
  // postal-mime re-encodes calendar parts as text: not ours to reproduce.
  if (type === "text/calendar" || type === "application/ics") return null;
  const disposition = h.disposition?.value ?? "";
  const base = { encoding, encodingField, bodyStart, headers: h, related } as const;
  if ((type === "text/plain" || type === "text/html") && disposition !== "attachment") {
    // An inline body: decoded as text, which we reproduce only for UTF-8 without format=flowed.
    const charset = h.type.params.get("charset")?.toLowerCase();
    if (charset !== "utf-8" && charset !== "utf8") return null;
    if (type === "text/plain" && /^flowed$/i.test(h.type.params.get("format") ?? "")) return null;
    return { kind: type === "text/plain" ? "plain" : "html", ...base };
  }
  return { kind: "attachment", ...base };
}

/**
 * How postal-mime will list a leaf part (collectNode): an inline text/plain or text/html part
 * goes to the body, anything else (message/rfc822 included: we force attachments) is an
 * attachment. Null when we cannot read its headers as postal-mime does.
 */
function predictLeaf(h: ContentHeaders | null, digest: boolean): LeafRecord | null {
  if (h === null || h.type === null || h.disposition === null) return null;
  const mimeType = h.type?.value ?? (digest ? "message/rfc822" : "text/plain");
  const inlineText =
    h.disposition?.value !== "attachment" &&
    (mimeType === "text/plain" || mimeType === "text/html");
  return { attachment: !inlineText, mimeType };
}

const PRINTABLE = /^[\x20-\x7e]*$/;

/**
 * The attachment postal-mime would build for this part (collectAttachment), when its headers
 * are simple enough to be sure: file name and Content-ID in printable ASCII, no RFC 2231
 * name parameters. Undefined otherwise (the part then stays in the skeleton with a marker).
 */
function attachmentFor(
  leaf: Leaf,
  content: Uint8Array,
  decodeWords: (s: string) => string
): BuiltAttachment | undefined {
  const { type, disposition, contentId } = leaf.headers;
  if (type === undefined || type === null || disposition === null || contentId === null)
    return undefined;
  if (hasStarredName(type.params) || (disposition && hasStarredName(disposition.params)))
    return undefined;
  const filename = disposition?.params.get("filename") || type.params.get("name") || null;
  if (filename !== null && !PRINTABLE.test(filename)) return undefined;
  if (contentId !== undefined && !PRINTABLE.test(contentId)) return undefined;
  const built: BuiltAttachment = {
    filename: filename === null ? null : decodeWords(filename),
    mimeType: type.value,
    disposition: disposition?.value || null,
    content,
  };
  if (leaf.related && contentId) built.related = true;
  if (contentId) built.contentId = contentId;
  return built;
}

/** An RFC 2231 `name*` or `filename*` parameter, which postal-mime would merge and decode. */
function hasStarredName(params: Map<string, string>): boolean {
  let starred = false;
  params.forEach((_v, key) => {
    if (/^(file)?name\*/.test(key)) starred = true;
  });
  return starred;
}

function newNonce(): string {
  const bytes = new Uint8Array(8);
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 8; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (x) => x.toString(16).padStart(2, "0")).join("");
}

interface OpenMultipart {
  boundary: Uint8Array;
  subtype: string;
}

interface Edit {
  from: number;
  to: number;
  insert?: Uint8Array;
}

/**
 * Scans the message and decodes its large encoded leaf bodies. An attachment part with simple
 * headers is left out of the skeleton whole and its attachment built here (postal-mime spends
 * some 20 KB on every part, however small); other cut bodies become markers. Returns undefined
 * when there is nothing to cut or the structure is not plain enough (the caller then parses
 * the original). `decodeWords` is postal-mime's RFC 2047 decoder, for file names.
 */
export function buildSkeleton(
  mime: Uint8Array,
  decodeWords: (s: string) => string = (s) => s
): Skeleton | undefined {
  const open: OpenMultipart[] = [];
  const candidates: Array<{ cut: Cut; leaf: Leaf; partStart: number; partEnd: number }> = [];
  const leaves: LeafRecord[] = [];
  let predictable = true;
  const nonce = newNonce();
  const scratch: { buffer?: Uint8Array } = {};
  let state: "header" | "body" = "header";
  let headerStart = 0;
  let partStart = -1; // where the current part's delimiter line starts (-1: the root)
  let leaf: Leaf | null = null;
  let previousContentEnd = 0;
  let pos = 0;
  const n = mime.length;
  const related = () => open.some((m) => m.subtype === "related");
  const digest = () => open[open.length - 1]?.subtype === "digest";
  /** A part whose headers never ended (a boundary or the end came first) is still a leaf. */
  const headerOnlyLeaf = (end: number) => {
    const h = contentHeaders(mime, headerStart, end);
    if (h?.type?.value.startsWith("multipart/")) return;
    const record = predictLeaf(h, digest());
    if (record === null) predictable = false;
    else leaves.push(record);
  };
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
    const boundary = matchBoundary(mime, pos, contentEnd, open);
    if (boundary !== null) {
      if (state === "header") headerOnlyLeaf(pos);
      if (leaf !== null && previousContentEnd - leaf.bodyStart >= MIN_CUT_BYTES) {
        const cut = cutLeaf(mime, leaf, previousContentEnd, nonce, candidates.length, scratch);
        if (cut !== undefined) candidates.push({ cut, leaf, partStart, partEnd: pos });
      }
      leaf = null;
      open.length = boundary.terminator ? boundary.index : boundary.index + 1;
      state = boundary.terminator ? "body" : "header";
      headerStart = next;
      partStart = boundary.terminator ? -1 : pos;
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
          open.push({ boundary: ENCODER.encode(b), subtype: type.value.slice(10) });
        } else {
          const record = predictLeaf(headers, digest());
          if (record === null) predictable = false;
          else leaves.push(record);
          leaf = leafFor(headers, next, related());
          if (leaf !== null && record !== null) leaf.record = record;
        }
      } else if (!isWsp(mime[pos] as number) && !isFieldLine(mime, pos, contentEnd)) {
        return undefined; // postal-mime would end the headers here: leave it all to it
      }
    }
    previousContentEnd = contentEnd;
    pos = next;
  }
  if (state === "header") headerOnlyLeaf(n);
  if (candidates.length === 0) return undefined;

  // Parts left out whole need every leaf predicted, to put their attachments back in order.
  const edits: Edit[] = [];
  const cuts: Cut[] = [];
  let removed = 0;
  for (const { cut, leaf: l, partStart: from, partEnd: to } of candidates) {
    const built =
      predictable && cut.kind === "attachment" && from >= 0 && cut.bytes !== undefined
        ? attachmentFor(l, cut.bytes, decodeWords)
        : undefined;
    if (built !== undefined && l.record !== undefined) {
      // From its delimiter line to the next: the line break before that one stays.
      edits.push({ from, to });
      l.record.built = built;
      removed++;
    } else {
      edits.push(cut.field, { from: cut.from, to: cut.to, insert: ENCODER.encode(cut.marker) });
      cuts.push(cut);
    }
  }
  return { bytes: assemble(mime, edits), cuts, leaves: removed > 0 ? leaves : null };
}

function cutLeaf(
  mime: Uint8Array,
  leaf: Leaf,
  to: number,
  nonce: string,
  index: number,
  textScratch: { buffer?: Uint8Array }
): Cut | undefined {
  // Text bytes live only until decoded to a string: one scratch buffer serves every body.
  // A quarter more than this body needs, so that a slightly longer HTML body fits as well.
  const text = leaf.kind !== "attachment";
  const scratch = text ? textScratch.buffer : undefined;
  const spare = text ? (to - leaf.bodyStart) >> 2 : 0;
  const decoded =
    leaf.encoding === "base64"
      ? decodeBase64Body(mime, leaf.bodyStart, to, scratch, spare)
      : decodeQuotedPrintableBody(mime, leaf.bodyStart, to, scratch, spare);
  if (decoded === undefined) return undefined;
  if (leaf.kind !== "attachment" && decoded.buffer !== scratch?.buffer)
    textScratch.buffer = new Uint8Array(decoded.buffer);
  // A skeleton part keeping its body as a marker loses its Content-Transfer-Encoding field, so
  // postal-mime passes the marker through as it is (its base64 and quoted-printable decoders
  // each take a 100 KB buffer per part, 20 MB for 200 attachments, even for a marker).
  const marker = `CaseMailCut${nonce}${String(index).padStart(6, "0")}`;
  const cut: Cut = {
    kind: leaf.kind,
    marker,
    field: leaf.encodingField,
    from: leaf.bodyStart,
    to,
  };
  if (leaf.kind === "attachment") {
    cut.bytes = decoded;
  } else {
    // As postal-mime reads a UTF-8 text part: line ends to LF, then decoded (BOM dropped).
    cut.text = new TextDecoder("utf-8").decode(decoded.subarray(0, crlfToLf(decoded)));
  }
  return cut;
}

/** The message with the edits applied (ranges replaced by their insert, or left out). */
function assemble(mime: Uint8Array, edits: Edit[]): Uint8Array {
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
  attachments: Array<{ content: ArrayBuffer | Uint8Array | string; mimeType: string }>;
}

/**
 * Puts the decoded bodies back where postal-mime left the markers, and the attachments built
 * here back among postal-mime's in document order. False when a marker is not found exactly
 * once where it belongs or postal-mime's attachments are not the ones expected: the caller
 * then parses the original message.
 */
export function restoreCuts(email: ParsedParts, skeleton: Skeleton): boolean {
  const { cuts, leaves } = skeleton;
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
  let attachments = email.attachments;
  if (leaves !== null) {
    // postal-mime's attachments must be exactly the predicted ones we did not build, in order.
    const merged: Array<ParsedParts["attachments"][number]> = [];
    let k = 0;
    for (const leaf of leaves) {
      if (!leaf.attachment) continue;
      if (leaf.built !== undefined) {
        merged.push(leaf.built);
        continue;
      }
      const a = email.attachments[k++];
      if (a === undefined || a.mimeType !== leaf.mimeType) return false;
      merged.push(a);
    }
    if (k !== email.attachments.length) return false;
    attachments = merged;
  }
  for (const [a, bytes] of replacements) a.content = bytes;
  email.attachments = attachments;
  // postal-mime leaves out an empty body; so do we when the decoded one is empty.
  email.text = text === "" ? undefined : text;
  email.html = html === "" ? undefined : html;
  return true;
}
