/**
 * An attached Outlook `.msg` becomes a real embedded message: its storages are copied under the
 * attachment's `__substg1.0_3701000D` storage, the top-level 32-byte property header shrinks to
 * the embedded 24 bytes, and its named properties are remapped into the parent file's map
 * (an embedded message has no `__nameid_version1.0` of its own).
 */
import * as CFB from "cfb";
import { hex4 } from "./bytes";
import type { NamedPropertyMap, NamedPropertyKey } from "./named-properties";
import { readNamedPropertyMap } from "./named-properties";
import type { StreamOut } from "./property-bag";

export interface EmbeddedCopyPlan {
  storages: string[];
  streams: StreamOut[];
}

const NAMEID = "__nameid_version1.0/";
const PROPS = "__properties_version1.0";

function bytesOf(entry: CFB.CFB$Entry | null | undefined): Uint8Array | undefined {
  const c = entry?.content as unknown;
  if (c === null || c === undefined) return undefined;
  if (c instanceof Uint8Array) return c;
  if (Array.isArray(c)) return Uint8Array.from(c as number[]);
  return undefined;
}

/**
 * Plans the copy, or returns undefined when the bytes are not a readable `.msg` (the caller then
 * attaches them by value). Named properties are registered in `names` only for a valid file.
 */
export function planEmbeddedCopy(
  names: NamedPropertyMap,
  msg: Uint8Array
): EmbeddedCopyPlan | undefined {
  let container: CFB.CFB$Container;
  try {
    container = CFB.parse(msg);
  } catch {
    return undefined;
  }
  const root = container.FullPaths[0];
  if (root === undefined) return undefined;
  const entries = container.FullPaths.map((p, i) => ({
    path: p.slice(root.length),
    entry: container.FileIndex[i] as CFB.CFB$Entry,
  })).slice(1);
  const byPath = new Map(entries.map((e) => [e.path, e.entry]));
  if (byPath.get(PROPS)?.type !== 2) return undefined;

  const stream = (p: string) => bytesOf(byPath.get(NAMEID + p)) ?? new Uint8Array(0);
  const childNames = readNamedPropertyMap(
    stream("__substg1.0_00020102"),
    stream("__substg1.0_00030102"),
    stream("__substg1.0_00040102")
  );
  const remapCache = new Map<number, number | null>();
  const remap = (id: number): number | null => {
    if (id < 0x8000) return id;
    let mapped = remapCache.get(id);
    if (mapped === undefined) {
      const key: NamedPropertyKey | undefined = childNames.get(id);
      mapped = key === undefined ? null : names.idFor(key);
      remapCache.set(id, mapped);
    }
    return mapped;
  };

  const plan: EmbeddedCopyPlan = { storages: [], streams: [] };
  for (const { path, entry } of entries) {
    if (path.startsWith(NAMEID) || path === NAMEID) continue;
    if (entry.type === 1) {
      plan.storages.push(path.endsWith("/") ? path : `${path}/`);
      continue;
    }
    if (entry.type !== 2) continue;
    const bytes = bytesOf(entry) ?? new Uint8Array(0);
    const slash = path.lastIndexOf("/");
    const dir = path.slice(0, slash + 1);
    const name = path.slice(slash + 1);
    if (name === PROPS) {
      plan.streams.push({ name: path, bytes: remapPropertyStream(bytes, dir, remap) });
      continue;
    }
    const m = /^__substg1\.0_([0-9A-Fa-f]{4})([0-9A-Fa-f]{4})(.*)$/.exec(name);
    if (m !== null) {
      const id = parseInt(m[1] as string, 16);
      const mapped = remap(id);
      if (mapped === null) continue; // a named property the file never defined: dropped
      plan.streams.push({ name: `${dir}__substg1.0_${hex4(mapped)}${m[2]}${m[3]}`, bytes });
      continue;
    }
    plan.streams.push({ name: path, bytes });
  }
  // Parents before children, and every folder a stream lives in, whatever order cfb listed.
  const dirs = new Set(plan.storages);
  for (const st of plan.streams) {
    const parts = st.name.split("/").slice(0, -1);
    for (let i = 1; i <= parts.length; i++) dirs.add(`${parts.slice(0, i).join("/")}/`);
  }
  plan.storages = [...dirs].sort((a, b) => a.split("/").length - b.split("/").length);
  return plan;
}

/** Header size of the property stream in storage `dir` of the attached file, before copying. */
function headerSizes(dir: string): { from: number; to: number } {
  if (dir === "") return { from: 32, to: 24 };
  const last = dir.slice(0, -1).split("/").pop() ?? "";
  if (last === "__substg1.0_3701000D") return { from: 24, to: 24 };
  return { from: 8, to: 8 };
}

function remapPropertyStream(
  bytes: Uint8Array,
  dir: string,
  remap: (id: number) => number | null
): Uint8Array {
  const { from, to } = headerSizes(dir);
  if (bytes.length < from) return bytes;
  const count = Math.floor((bytes.length - from) / 16);
  const out = new Uint8Array(to + 16 * count);
  out.set(bytes.subarray(0, to));
  const src = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const view = new DataView(out.buffer);
  let written = 0;
  for (let i = 0; i < count; i++) {
    const off = from + 16 * i;
    const t = src.getUint32(off, true);
    const mapped = remap(t >>> 16);
    if (mapped === null) continue;
    out.set(bytes.subarray(off, off + 16), to + 16 * written);
    view.setUint32(to + 16 * written, ((mapped << 16) | (t & 0xffff)) >>> 0, true);
    written++;
  }
  return out.subarray(0, to + 16 * written);
}
