/** Byte helpers without Node built-ins, so the writer runs unchanged in the task pane. */

const utf8Encoder = new TextEncoder();

/**
 * Stream content the compound file writes in place: its exact length up front, then its bytes
 * straight into the output (so a large body is never encoded into a buffer of its own first).
 */
export interface LazyBytes {
  readonly length: number;
  writeTo(out: Uint8Array, offset: number): void;
}

export type StreamContent = Uint8Array | LazyBytes;

/** A string as UTF-16LE without a terminator, written where it lands. */
export function lazyUtf16le(text: string): LazyBytes {
  return new Utf16Text(text);
}

/** A string as UTF-8 (lone surrogates as U+FFFD, as TextEncoder does), written where it lands. */
export function lazyUtf8(text: string): LazyBytes {
  return new Utf8Text(text);
}

// Classes rather than closures: a message with many attachments makes thousands of these.
class Utf16Text implements LazyBytes {
  constructor(private readonly text: string) {}

  get length(): number {
    return 2 * this.text.length;
  }

  writeTo(out: Uint8Array, offset: number): void {
    const text = this.text;
    for (let i = 0, o = offset; i < text.length; i++, o += 2) {
      const c = text.charCodeAt(i);
      out[o] = c & 0xff;
      out[o + 1] = c >>> 8;
    }
  }
}

class Utf8Text implements LazyBytes {
  readonly length: number;

  constructor(private readonly text: string) {
    this.length = utf8Length(text);
  }

  writeTo(out: Uint8Array, offset: number): void {
    const r = utf8Encoder.encodeInto(this.text, out.subarray(offset, offset + this.length));
    if (r.read !== this.text.length) throw new Error("UTF-8 length mismatch");
  }
}

/** The UTF-8 length of a string without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** UTF-16LE without a terminator, as MS-OXMSG stores PT_UNICODE values in their streams. */
export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >>> 8;
  }
  return out;
}

/** UTF-16LE with a two-byte terminator, as entry ids embed their strings. */
export function utf16leZ(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2 + 2);
  out.set(utf16le(text));
  return out;
}

export function utf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** ASCII with a terminator, for search keys (`SMTP:ADDRESS\0`); non-ASCII becomes `?`. */
export function asciiZ(text: string): Uint8Array {
  const out = new Uint8Array(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[i] = c < 0x80 ? c : 0x3f;
  }
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}` to the 16 bytes of its in-memory (mixed-endian) form. */
export function guidBytes(guid: string): Uint8Array {
  const hex = guid.replace(/[{}-]/g, "");
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error("invalid GUID");
  const b = new Uint8Array(16);
  const byte = (i: number) => parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  order.forEach((src, dst) => (b[dst] = byte(src)));
  return b;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = "";
  for (const v of bytes) s += v.toString(16).padStart(2, "0");
  return s;
}

export function hex8(value: number): string {
  return (value >>> 0).toString(16).toUpperCase().padStart(8, "0");
}

export function hex4(value: number): string {
  return (value & 0xffff).toString(16).toUpperCase().padStart(4, "0");
}

/** Milliseconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11644473600000n;

/** A Date as a FILETIME (100 ns ticks since 1601), the PT_SYSTIME value. */
export function fileTime(date: Date): bigint {
  return (BigInt(date.getTime()) + FILETIME_EPOCH_OFFSET_MS) * 10000n;
}

export function dateFromFileTime(ticks: bigint): Date {
  return new Date(Number(ticks / 10000n - FILETIME_EPOCH_OFFSET_MS));
}
