/**
 * A cheap early size check for the pane, before sending: no parsing, one pass over the bytes.
 * The `.msg` holds every attachment decoded, so the decoded size of base64 content is a lower
 * bound of the file's size (plus a few kilobytes of properties and compound-file overhead).
 * Only the exact length of `mimeToMsg`'s output decides R6/R7; this only warns early.
 */

export const DEFAULT_MSG_SIZE_LIMIT = 4_000_000;

export interface MsgSizeEstimate {
  /** Bytes of base64 content once decoded (lines made only of base64 characters). */
  decodedBase64Bytes: number;
  /** Other content bytes (headers, text, quoted-printable), counted as they are. */
  otherBytes: number;
  /** A lower bound of the `.msg` size: decoded base64 plus a fixed structural minimum. */
  lowerBound: number;
}

/** Minimum structure of a `.msg` (header, directory, FAT, property streams): 8 sectors. */
const STRUCTURE_MIN = 8 * 512;

export function estimateMsgSize(mime: Uint8Array): MsgSizeEstimate {
  let decoded = 0;
  let other = 0;
  let start = 0;
  const n = mime.length;
  while (start < n) {
    let end = mime.indexOf(0x0a, start);
    if (end < 0) end = n;
    let lineEnd = end;
    if (lineEnd > start && mime[lineEnd - 1] === 0x0d) lineEnd--;
    const len = lineEnd - start;
    if (len >= 16 && isBase64Line(mime, start, lineEnd)) {
      let pad = 0;
      if (mime[lineEnd - 1] === 0x3d) pad++;
      if (mime[lineEnd - 2] === 0x3d) pad++;
      decoded += Math.floor((len * 3) / 4) - pad;
    } else {
      other += len;
    }
    start = end + 1;
  }
  return { decodedBase64Bytes: decoded, otherBytes: other, lowerBound: decoded + STRUCTURE_MIN };
}

/** True when the `.msg` will certainly exceed `limit` (R7), judged from the MIME alone. */
export function isCertainlyOverLimit(mime: Uint8Array, limit = DEFAULT_MSG_SIZE_LIMIT): boolean {
  return estimateMsgSize(mime).lowerBound > limit;
}

function isBase64Line(b: Uint8Array, from: number, to: number): boolean {
  if ((to - from) % 4 !== 0) return false;
  for (let i = from; i < to; i++) {
    const c = b[i] as number;
    const ok =
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0x30 && c <= 0x39) ||
      c === 0x2b ||
      c === 0x2f ||
      (c === 0x3d && i >= to - 2);
    if (!ok) return false;
  }
  return true;
}
