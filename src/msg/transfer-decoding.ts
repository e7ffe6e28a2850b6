/**
 * Base64 and quoted-printable bodies decoded from the raw message bytes in two passes (measure,
 * then write into one buffer of the exact size): no per-line strings, no chunk lists, no Blob.
 * Each decoder gives exactly the bytes postal-mime's decoder gives for the same lines, or
 * undefined where it would have to guess (the caller then leaves the part to postal-mime).
 * Given a `scratch` buffer large enough, a decoder writes into it instead of a new one (for
 * text bodies, whose bytes are needed only until they are decoded to a string); `spare` bytes
 * more are allocated otherwise, so that the next body fits too.
 */

const B64 = new Int16Array(256).fill(-1);
"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  .split("")
  .forEach((c, i) => (B64[c.charCodeAt(0)] = i));

const isWsp = (c: number) => c === 0x20 || c === 0x09;
const isBreak = (c: number) => c === 0x0d || c === 0x0a;

/**
 * Decodes canonical base64: alphabet characters, white space and line breaks, and at most two
 * `=` at the very end completing the last group. Anything else (junk characters, padding in the
 * middle, a truncated group) returns undefined: postal-mime has its own ways with those.
 * One pass, four characters at a time where a group lies within a line.
 */
export function decodeBase64Body(
  src: Uint8Array,
  from: number,
  to: number,
  scratch?: Uint8Array,
  spare = 0
): Uint8Array | undefined {
  const capacity = Math.floor(((to - from) * 3) / 4) + 3;
  const reuse = scratch !== undefined && scratch.length >= capacity;
  const out = reuse ? scratch : new Uint8Array(capacity + spare);
  let o = 0;
  let acc = 0;
  let quad = 0; // characters of the current group seen so far
  let padding = 0;
  let i = from;
  while (i < to) {
    if (quad === 0 && i + 4 <= to) {
      const a = B64[src[i] as number] as number;
      const b = B64[src[i + 1] as number] as number;
      const c = B64[src[i + 2] as number] as number;
      const d = B64[src[i + 3] as number] as number;
      if ((a | b | c | d) >= 0) {
        if (padding > 0) return undefined;
        out[o] = (a << 2) | (b >> 4);
        out[o + 1] = ((b & 15) << 4) | (c >> 2);
        out[o + 2] = ((c & 3) << 6) | d;
        o += 3;
        i += 4;
        continue;
      }
    }
    const ch = src[i] as number;
    const v = B64[ch] as number;
    i++;
    if (v >= 0) {
      if (padding > 0) return undefined;
      acc = (acc << 6) | v;
      if (++quad === 4) {
        out[o] = (acc >>> 16) & 0xff;
        out[o + 1] = (acc >>> 8) & 0xff;
        out[o + 2] = acc & 0xff;
        o += 3;
        quad = 0;
        acc = 0;
      }
    } else if (ch === 0x3d) {
      padding++;
    } else if (!isWsp(ch) && !isBreak(ch)) {
      return undefined;
    }
  }
  // The last group: 2 characters and "==" make one byte, 3 and "=" two; nothing else is canonical.
  if (padding > 0) {
    if (padding > 2 || quad + padding !== 4 || quad < 2) return undefined;
    out[o++] = ((acc << (6 * padding)) >>> 16) & 0xff;
    if (quad === 3) out[o++] = ((acc << 6) >>> 8) & 0xff;
  } else if (quad !== 0) {
    return undefined;
  }
  // Line breaks made the estimate a little high: keep the view unless it wastes much.
  return reuse || spare > 0 || o * 16 >= capacity * 15 ? out.subarray(0, o) : out.slice(0, o);
}

function hexNibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/**
 * Quoted-printable over the lines in src[from, to), `to` being the end of the last line's
 * content (its line break belongs to the boundary that follows, RFC 2046 5.1.1). As
 * postal-mime reads it: a line ends at LF and its content at the last byte that is not CR or
 * LF; trailing blanks are dropped; a final `=` is a soft break; `=XY` with two hex digits is a
 * byte, any other `=` is literal; a hard break is written as the bytes it was sent with.
 */
export function decodeQuotedPrintableBody(
  src: Uint8Array,
  from: number,
  to: number,
  scratch?: Uint8Array,
  spare = 0
): Uint8Array {
  const run = (out: Uint8Array | null): number => {
    let o = 0;
    let pendingFrom = -1; // the previous line's break, written once the next line arrives
    let pendingTo = -1;
    let lineStart = from;
    while (lineStart <= to) {
      let lf = src.indexOf(0x0a, lineStart);
      if (lf < 0 || lf >= to) lf = to; // the last line: its break is not ours
      let contentEnd = lf;
      while (contentEnd > lineStart && isBreak(src[contentEnd - 1] as number)) contentEnd--;
      if (pendingFrom >= 0) {
        if (out !== null) out.set(src.subarray(pendingFrom, pendingTo), o);
        o += pendingTo - pendingFrom;
      }
      let len = contentEnd;
      while (len > lineStart && isWsp(src[len - 1] as number)) len--;
      const soft = len > lineStart && src[len - 1] === 0x3d;
      if (soft) len--;
      for (let i = lineStart; i < len; i++) {
        const c = src[i] as number;
        if (c === 0x3d && i + 2 < len) {
          const hi = hexNibble(src[i + 1] as number);
          const lo = hexNibble(src[i + 2] as number);
          if (hi >= 0 && lo >= 0) {
            if (out !== null) out[o] = (hi << 4) | lo;
            o++;
            i += 2;
            continue;
          }
        }
        if (out !== null) out[o] = c;
        o++;
      }
      pendingFrom = soft ? -1 : contentEnd;
      pendingTo = soft ? -1 : lf + 1;
      if (lf >= to) break;
      lineStart = lf + 1;
    }
    return o;
  };
  const length = run(null);
  const out =
    scratch !== undefined && scratch.length >= length
      ? scratch.subarray(0, length)
      : new Uint8Array(length + spare).subarray(0, length);
  run(out);
  return out;
}

/** Drops each CR that precedes an LF, in place; returns the new length (text reads as LF). */
export function crlfToLf(bytes: Uint8Array): number {
  let w = 0;
  for (let r = 0; r < bytes.length; r++) {
    const c = bytes[r] as number;
    if (c === 0x0d && bytes[r + 1] === 0x0a) continue;
    bytes[w++] = c;
  }
  return w;
}
