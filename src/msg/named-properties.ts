/**
 * The named-property map (MS-OXMSG 2.2.3): one per file, kept in `__nameid_version1.0` at the
 * top level; embedded messages use their parent's. Each distinct (property set, id or name)
 * gets the next id from 0x8000.
 */
import { bytesToHex, concatBytes, guidBytes, hex4, utf16le } from "./bytes";
import type { StreamOut } from "./property-bag";

export const PS_MAPI = guidBytes("{00020328-0000-0000-C000-000000000046}");
export const PS_PUBLIC_STRINGS = guidBytes("{00020329-0000-0000-C000-000000000046}");
export const PSETID_COMMON = guidBytes("{00062008-0000-0000-C000-000000000046}");
export const PSETID_ADDRESS = guidBytes("{00062004-0000-0000-C000-000000000046}");

export type NamedPropertyKey =
  { guid: Uint8Array; kind: "id"; id: number } | { guid: Uint8Array; kind: "name"; name: string };

/** PidLid numbers of PSETID_Common that Outlook writes on every sent note (sent.msg). */
export const LID = {
  ReminderSet: 0x8503,
  Private: 0x8506,
  AgingDontAgeMe: 0x850e,
  SideEffects: 0x8510,
} as const;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** The CRC-32 of MS-OXMSG 2.2.3.2.3: the usual table, initial value 0 and no final inversion. */
export function nameCrc32(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = (CRC_TABLE[(crc ^ b) & 0xff] as number) ^ (crc >>> 8);
  return crc >>> 0;
}

interface Mapped {
  key: NamedPropertyKey;
  guidIndex: number;
  stringOffset: number;
}

export class NamedPropertyMap {
  private readonly guids: Uint8Array[] = [];
  private readonly guidIndexByHex = new Map<string, number>();
  private readonly byKey = new Map<string, number>();
  private readonly mapped: Mapped[] = [];
  private readonly strings: Uint8Array[] = [];
  private stringLength = 0;

  /** The property id (0x8000 + n) for a named property, allocated on first use. */
  idFor(key: NamedPropertyKey): number {
    const guidHex = bytesToHex(key.guid);
    const k = `${guidHex}/${key.kind === "id" ? key.id : `s:${key.name}`}`;
    const existing = this.byKey.get(k);
    if (existing !== undefined) return existing;
    if (this.mapped.length >= 0x7ffe) throw new RangeError("named property map is full");
    let stringOffset = -1;
    if (key.kind === "name") {
      const name = utf16le(key.name);
      const record = new Uint8Array(4 + name.length + ((4 - (name.length % 4)) % 4));
      new DataView(record.buffer).setUint32(0, name.length, true);
      record.set(name, 4);
      stringOffset = this.stringLength;
      this.strings.push(record);
      this.stringLength += record.length;
    }
    const id = 0x8000 + this.mapped.length;
    this.mapped.push({ key, guidIndex: this.guidIndex(guidHex, key.guid), stringOffset });
    this.byKey.set(k, id);
    return id;
  }

  get count(): number {
    return this.mapped.length;
  }

  /** Property set index as stored: 1 PS_MAPI, 2 PS_PUBLIC_STRINGS, 3+ the GUID stream. */
  private guidIndex(hex: string, guid: Uint8Array): number {
    if (hex === bytesToHex(PS_MAPI)) return 1;
    if (hex === bytesToHex(PS_PUBLIC_STRINGS)) return 2;
    let index = this.guidIndexByHex.get(hex);
    if (index === undefined) {
      index = 3 + this.guids.length;
      this.guids.push(guid);
      this.guidIndexByHex.set(hex, index);
    }
    return index;
  }

  /** The streams of `__nameid_version1.0`, names relative to that storage. */
  serialize(): StreamOut[] {
    const entries = new Uint8Array(8 * this.mapped.length);
    const view = new DataView(entries.buffer);
    const buckets = new Map<number, number[]>();
    this.mapped.forEach((m, propIndex) => {
      const isString = m.key.kind === "name";
      const nameOrOffset = isString ? m.stringOffset : (m.key as { id: number }).id;
      const indexAndKind = ((propIndex << 16) | (m.guidIndex << 1) | (isString ? 1 : 0)) >>> 0;
      view.setUint32(8 * propIndex, nameOrOffset >>> 0, true);
      view.setUint32(8 * propIndex + 4, indexAndKind, true);
      const hashBase = isString
        ? nameCrc32(utf16le((m.key as { name: string }).name))
        : (m.key as { id: number }).id;
      const bucket =
        0x1000 + (((hashBase ^ ((m.guidIndex << 1) | (isString ? 1 : 0))) >>> 0) % 0x1f);
      const list = buckets.get(bucket) ?? [];
      list.push(hashBase >>> 0, indexAndKind);
      buckets.set(bucket, list);
    });
    const out: StreamOut[] = [
      { name: "__substg1.0_00020102", bytes: concatBytes(this.guids) },
      { name: "__substg1.0_00030102", bytes: entries },
      { name: "__substg1.0_00040102", bytes: concatBytes(this.strings) },
    ];
    for (const [bucket, values] of [...buckets.entries()].sort((a, b) => a[0] - b[0])) {
      const bytes = new Uint8Array(4 * values.length);
      const v = new DataView(bytes.buffer);
      values.forEach((x, i) => v.setUint32(4 * i, x, true));
      out.push({ name: `__substg1.0_${hex4(bucket)}0102`, bytes });
    }
    return out;
  }
}

/** Reads a `__nameid_version1.0` map back (from an attached .msg) as keys by property id. */
export function readNamedPropertyMap(
  guidStream: Uint8Array,
  entryStream: Uint8Array,
  stringStream: Uint8Array
): Map<number, NamedPropertyKey> {
  const keys = new Map<number, NamedPropertyKey>();
  const ev = new DataView(entryStream.buffer, entryStream.byteOffset, entryStream.byteLength);
  const sv = new DataView(stringStream.buffer, stringStream.byteOffset, stringStream.byteLength);
  for (let off = 0; off + 8 <= entryStream.length; off += 8) {
    const nameOrOffset = ev.getUint32(off, true);
    const indexAndKind = ev.getUint32(off + 4, true);
    const guidIndex = (indexAndKind & 0xffff) >>> 1;
    const propIndex = indexAndKind >>> 16;
    let guid: Uint8Array | undefined;
    if (guidIndex === 1) guid = PS_MAPI;
    else if (guidIndex === 2) guid = PS_PUBLIC_STRINGS;
    else if ((guidIndex - 3) * 16 + 16 <= guidStream.length && guidIndex >= 3)
      guid = guidStream.slice((guidIndex - 3) * 16, (guidIndex - 3) * 16 + 16);
    if (guid === undefined) continue;
    if (indexAndKind & 1) {
      if (nameOrOffset + 4 > stringStream.length) continue;
      const len = sv.getUint32(nameOrOffset, true);
      const start = nameOrOffset + 4;
      if (start + len > stringStream.length) continue;
      let name = "";
      for (let i = start; i + 1 < start + len; i += 2)
        name += String.fromCharCode(sv.getUint16(i, true));
      keys.set(0x8000 + propIndex, { guid, kind: "name", name });
    } else {
      keys.set(0x8000 + propIndex, { guid, kind: "id", id: nameOrOffset });
    }
  }
  return keys;
}
