/**
 * The properties of one MAPI object (message, recipient or attachment), serialized as MS-OXMSG
 * stores them: a `__properties_version1.0` stream of 16-byte entries (fixed-size values inline,
 * variable-size values as their length) plus one `__substg1.0_<tag>` stream per variable value.
 */
import { fileTime, hex8, lazyUtf16le, type StreamContent } from "./bytes";
import { PropType, tag } from "./property-tags";

/** PROPATTR_READABLE | PROPATTR_WRITABLE, the flags Outlook writes for ordinary properties. */
const FLAGS_READ_WRITE = 0x06;

type Entry =
  | { tag: number; kind: "int32"; value: number }
  | { tag: number; kind: "bool"; value: boolean }
  | { tag: number; kind: "time"; value: bigint }
  | { tag: number; kind: "var"; bytes: StreamContent; sizeField: number }
  | { tag: number; kind: "object" };

/** Which header precedes the entries (MS-OXMSG 2.4.1): top-level 32, embedded 24, others 8. */
export type PropertyHeader =
  | { kind: "message"; embedded: boolean; recipientCount: number; attachmentCount: number }
  | { kind: "child" };

/** `__substg1.0_<TAG>`, kept per tag: the same few dozen names recur in every object. */
const streamNames = new Map<number, string>();
function streamName(t: number): string {
  let name = streamNames.get(t);
  if (name === undefined) {
    name = `__substg1.0_${hex8(t)}`;
    streamNames.set(t, name);
  }
  return name;
}

export interface StreamOut {
  name: string;
  bytes: StreamContent;
}

export class PropertyBag {
  // An array, not a Map: a bag holds a few dozen entries and a message may hold hundreds of bags.
  private readonly entries: Entry[] = [];

  /** Adds the entry, or replaces the one with the same tag (the last value set wins). */
  private put(e: Entry): void {
    const list = this.entries;
    for (let i = 0; i < list.length; i++) {
      if ((list[i] as Entry).tag === e.tag) {
        list[i] = e;
        return;
      }
    }
    list.push(e);
  }

  int32(id: number, value: number): this {
    const t = tag(id, PropType.Int32);
    this.put({ tag: t, kind: "int32", value: value | 0 });
    return this;
  }

  bool(id: number, value: boolean): this {
    const t = tag(id, PropType.Boolean);
    this.put({ tag: t, kind: "bool", value });
    return this;
  }

  time(id: number, value: Date): this {
    const t = tag(id, PropType.SysTime);
    this.put({ tag: t, kind: "time", value: fileTime(value) });
    return this;
  }

  /**
   * PT_UNICODE; the length field counts the terminator that the stream itself leaves out.
   * Encoded to UTF-16 only when the file is written, in place.
   */
  string(id: number, value: string | undefined): this {
    if (value === undefined) return this;
    const t = tag(id, PropType.Unicode);
    const bytes = lazyUtf16le(value);
    this.put({ tag: t, kind: "var", bytes, sizeField: bytes.length + 2 });
    return this;
  }

  binary(id: number, bytes: StreamContent | undefined): this {
    if (bytes === undefined) return this;
    const t = tag(id, PropType.Binary);
    this.put({ tag: t, kind: "var", bytes, sizeField: bytes.length });
    return this;
  }

  /** PT_OBJECT marker for an embedded message; its storage is written by the caller. */
  object(id: number): this {
    const t = tag(id, PropType.Object);
    this.put({ tag: t, kind: "object" });
    return this;
  }

  has(id: number, type: number): boolean {
    const t = tag(id, type);
    return this.entries.some((e) => e.tag === t);
  }

  get size(): number {
    return this.entries.length;
  }

  tags(): number[] {
    return this.entries.map((e) => e.tag);
  }

  /** The property stream and the variable-value streams, named relative to the object's storage. */
  serialize(header: PropertyHeader): StreamOut[] {
    const headerSize = header.kind === "child" ? 8 : header.embedded ? 24 : 32;
    const stream = new Uint8Array(headerSize + 16 * this.entries.length);
    const view = new DataView(stream.buffer);
    if (header.kind === "message") {
      // Next recipient id, next attachment id, recipient count, attachment count.
      view.setUint32(8, header.recipientCount, true);
      view.setUint32(12, header.attachmentCount, true);
      view.setUint32(16, header.recipientCount, true);
      view.setUint32(20, header.attachmentCount, true);
    }
    const out: StreamOut[] = [{ name: "__properties_version1.0", bytes: stream }];
    let offset = headerSize;
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i] as Entry;
      view.setUint32(offset, e.tag, true);
      view.setUint32(offset + 4, FLAGS_READ_WRITE, true);
      switch (e.kind) {
        case "int32":
          view.setInt32(offset + 8, e.value, true);
          break;
        case "bool":
          view.setUint32(offset + 8, e.value ? 1 : 0, true);
          break;
        case "time":
          view.setBigUint64(offset + 8, e.value, true);
          break;
        case "var":
          view.setUint32(offset + 8, e.sizeField, true);
          out.push({ name: streamName(e.tag), bytes: e.bytes });
          break;
        case "object":
          // As Outlook writes it for an embedded message: 0xFFFFFFFF then 1.
          view.setUint32(offset + 8, 0xffffffff, true);
          view.setUint32(offset + 12, 1, true);
          break;
      }
      offset += 16;
    }
    return out;
  }
}
