/**
 * Writes the compound file (MS-CFB version 3 with 512-byte sectors, or version 4 with 4,096-byte
 * sectors when that is smaller) ourselves, straight into one output buffer allocated at its exact
 * final size.
 *
 * SheetJS `cfb` needed every stream as its own buffer and then copied them all into its
 * output (two copies of every byte at the peak), and re-sorted its directory on every add.
 * Here a stream is either bytes or a writer that knows its length and fills its place in the
 * output itself (a string property is encoded to UTF-16 directly there), so nothing is held
 * twice. Each storage's children get a balanced red-black tree in MS-CFB order (shorter names
 * first, then upper-case code units).
 *
 * Layout, as cfb wrote it: header, DIFAT, FAT, mini FAT, directory, the streams of 4,096 bytes
 * or more (each in consecutive sectors), then the mini stream holding the smaller ones (each in
 * consecutive 64-byte mini sectors). Every stream is therefore contiguous in the output.
 */
import type { StreamContent } from "./bytes";
import {
  DIFSECT,
  ENDOFCHAIN,
  ENTRY_SIZE,
  FATSECT,
  FREESECT,
  HEADER_DIFAT,
  MINI_CUTOFF,
  MINI_SECTOR,
  NOSTREAM,
  SIGNATURE,
  TYPE_ROOT,
  TYPE_STORAGE,
  TYPE_STREAM,
} from "./compound-file-format";

const RED = 0;
const BLACK = 1;

/** A storage or stream, and (filled in when writing) its directory entry's links and place. */
interface Node {
  name: string;
  /** The name upper-cased once, for MS-CFB sibling order. */
  key: string;
  type: typeof TYPE_ROOT | typeof TYPE_STORAGE | typeof TYPE_STREAM;
  content: StreamContent | undefined;
  children: Node[] | undefined;
  left: number;
  right: number;
  child: number;
  color: number;
  start: number;
  size: number;
}

type Entry = Node;

/** Upper-cased names, kept: the same few dozen stream names recur in every object. */
const upperNames = new Map<string, string>();
function upperCased(name: string): string {
  let upper = upperNames.get(name);
  if (upper === undefined) {
    upper = name.toUpperCase();
    if (upperNames.size < 4096) upperNames.set(name, upper);
  }
  return upper;
}

function newNode(
  name: string,
  type: Node["type"],
  content: StreamContent | undefined,
  children: Node[] | undefined
): Node {
  return {
    name,
    key: upperCased(name),
    type,
    content,
    children,
    left: NOSTREAM,
    right: NOSTREAM,
    child: NOSTREAM,
    color: BLACK,
    start: 0,
    size: 0,
  };
}

/**
 * Sorts siblings in place: insertion sort for the usual dozen or two (Array.prototype.sort
 * allocates its own work state on every call, hundreds of times for a message with many
 * attachments), the built-in sort for more.
 */
function sortSiblings(list: Node[]): Node[] {
  if (list.length > 32) return list.sort(compareKeys);
  for (let i = 1; i < list.length; i++) {
    const x = list[i] as Node;
    let j = i - 1;
    while (j >= 0 && compareKeys(list[j] as Node, x) > 0) {
      list[j + 1] = list[j] as Node;
      j--;
    }
    list[j + 1] = x;
  }
  return list;
}

/** MS-CFB sibling order: by name length (UTF-16 units), then by upper-cased code units. */
function compareKeys(a: Node, b: Node): number {
  if (a.key.length !== b.key.length) return a.key.length - b.key.length;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

const sectorsFor = (bytes: number, unit: number) => Math.ceil(bytes / unit);

/** MS-CFB major version: 3 has 512-byte sectors, 4 has 4,096-byte sectors. */
export type CompoundFileVersion = 3 | 4;

/** What the layout needs to know of the streams, for both sector sizes at once. */
interface StreamSizes {
  entries: number;
  /** 64-byte mini sectors of the streams under 4,096 bytes (the same in both versions). */
  miniSectors: number;
  /** Sectors of the larger streams, each rounded up on its own, at 512 and at 4,096 bytes. */
  big3: number;
  big4: number;
}

/**
 * Sector counts of each region and the exact file size for one version. Version 3 pays one
 * 512-byte FAT sector per 64 KB of file, version 4 one 4,096-byte FAT sector per 4 MB, but
 * version 4 pads the header, each larger stream, the mini stream, the mini FAT and the
 * directory to 4,096 bytes. So version 4 is smaller only for files made mostly of a few large
 * streams (6.6 KB less with a 3 MB attachment; one attachment needs about 2.27 MB for version 4
 * to win), and version 3 for everything else, which keeps ordinary mail as Outlook saves it.
 */
export interface CompoundFileLayout {
  version: CompoundFileVersion;
  sector: number;
  miniSectors: number;
  miniStreamSectors: number;
  miniFatSectors: number;
  dirSectors: number;
  bigSectors: number;
  fatSectors: number;
  difatSectors: number;
  bytes: number;
}

function planLayout(sizes: StreamSizes, version: CompoundFileVersion): CompoundFileLayout {
  const sector = version === 4 ? 4096 : 512;
  const perSector = sector / 4;
  const { miniSectors } = sizes;
  const miniStreamSectors = sectorsFor(miniSectors * MINI_SECTOR, sector);
  const miniFatSectors = sectorsFor(miniSectors, perSector);
  const dirSectors = sectorsFor(sizes.entries, sector / ENTRY_SIZE);
  const bigSectors = version === 4 ? sizes.big4 : sizes.big3;
  const base = miniFatSectors + dirSectors + bigSectors + miniStreamSectors;
  let fatSectors = 0;
  let difatSectors = 0;
  // The FAT maps every sector, its own and the DIFAT's included: grow both until they fit.
  for (;;) {
    const total = base + fatSectors + difatSectors;
    const needFat = sectorsFor(total, perSector);
    const needDifat =
      needFat > HEADER_DIFAT ? sectorsFor(needFat - HEADER_DIFAT, perSector - 1) : 0;
    if (needFat === fatSectors && needDifat === difatSectors) break;
    fatSectors = needFat;
    difatSectors = needDifat;
  }
  return {
    version,
    sector,
    miniSectors,
    miniStreamSectors,
    miniFatSectors,
    dirSectors,
    bigSectors,
    fatSectors,
    difatSectors,
    bytes: sector * (1 + base + fatSectors + difatSectors),
  };
}

export class CompoundFileBuilder {
  private readonly rootClsid: string;
  private readonly root: Node = newNode("Root Entry", TYPE_ROOT, undefined, []);
  private readonly storages = new Map<string, Node>([["", this.root]]);
  private count = 1;

  /** `rootClsid` as the 32 hex digits of the GUID's in-memory bytes. */
  constructor(rootClsid: string) {
    if (!/^[0-9a-f]{32}$/i.test(rootClsid)) throw new Error("invalid CLSID");
    this.rootClsid = rootClsid;
  }

  /** `path` like `__attach_version1.0_#00000000/` (relative to the root, ending in `/`). */
  addStorage(path: string): void {
    if (this.storages.has(path)) throw new Error("duplicate storage");
    const { parent, name } = this.split(path.slice(0, -1));
    const node = newNode(name, TYPE_STORAGE, undefined, []);
    this.storages.set(path, node);
    parent.children?.push(node);
    this.count++;
  }

  /** Adds a stream; its storage must have been added first. */
  addStream(path: string, content: StreamContent): void {
    const { parent, name } = this.split(path);
    this.push(parent, name, content);
  }

  /** Adds stream `name` to the storage at `storage` ("" for the root, else ending in "/"). */
  addStreamIn(storage: string, name: string, content: StreamContent): void {
    const parent = this.storages.get(storage);
    if (parent === undefined) throw new Error("storage not added before its content");
    if (name.length === 0 || name.length > 31 || name.includes("/"))
      throw new Error("invalid compound file name");
    this.push(parent, name, content);
  }

  private push(parent: Node, name: string, content: StreamContent): void {
    parent.children?.push(newNode(name, TYPE_STREAM, content, undefined));
    this.count++;
  }

  get entryCount(): number {
    return this.count;
  }

  private split(path: string): { parent: Node; name: string } {
    const slash = path.lastIndexOf("/");
    const parentPath = slash < 0 ? "" : path.slice(0, slash + 1);
    const parent = this.storages.get(parentPath);
    if (parent === undefined) throw new Error("storage not added before its content");
    const name = path.slice(slash + 1);
    if (name.length === 0 || name.length > 31) throw new Error("invalid compound file name");
    return { parent, name };
  }

  /** The directory in file order: the root, then each storage's children, depth first. */
  private directory(): Entry[] {
    const entries: Entry[] = [this.root];
    const link = (storage: Node, parent: Entry) => {
      const children = sortSiblings(storage.children ?? []);
      for (let i = 1; i < children.length; i++) {
        // Duplicates are found here, among sorted siblings, rather than by a set of all paths.
        if (compareKeys(children[i - 1] as Node, children[i] as Node) === 0)
          throw new Error("duplicate compound file entry");
      }
      const first = entries.length;
      for (let i = 0; i < children.length; i++) entries.push(children[i] as Node);
      parent.child = balancedTree(entries, first, first + children.length - 1);
      for (let i = 0; i < children.length; i++) {
        const child = children[i] as Node;
        if (child.type === TYPE_STORAGE) link(child, child);
      }
    };
    link(this.root, this.root);
    return entries;
  }

  /**
   * The whole file. Without `version`, the smaller of the two layouts (version 3 on a tie, which
   * is every small message): see `CompoundFileLayout`.
   */
  write(version?: CompoundFileVersion): Uint8Array {
    const entries = this.directory();
    // Sizes: mini sectors for small streams, whole sectors for the others (in both sizes).
    const sizes: StreamSizes = { entries: entries.length, miniSectors: 0, big3: 0, big4: 0 };
    for (const e of entries) {
      const size = e.content?.length ?? 0;
      e.size = size;
      if (size === 0) continue;
      if (size < MINI_CUTOFF) sizes.miniSectors += sectorsFor(size, MINI_SECTOR);
      else {
        sizes.big3 += sectorsFor(size, 512);
        sizes.big4 += sectorsFor(size, 4096);
      }
    }
    let layout: CompoundFileLayout;
    if (version !== undefined) layout = planLayout(sizes, version);
    else {
      const v3 = planLayout(sizes, 3);
      const v4 = planLayout(sizes, 4);
      layout = v4.bytes < v3.bytes ? v4 : v3;
    }
    return this.writeLayout(entries, layout);
  }

  private writeLayout(entries: Entry[], layout: CompoundFileLayout): Uint8Array {
    const { version, sector: sectorBytes, miniSectors } = layout;
    const { fatSectors, difatSectors, miniFatSectors, dirSectors, bigSectors } = layout;
    const { miniStreamSectors } = layout;
    const fatPerSector = sectorBytes / 4;
    const out = new Uint8Array(layout.bytes);
    const view = new DataView(out.buffer);
    // The header takes the first sector's place (512 bytes, padded to 4,096 in version 4).
    const at = (sector: number) => sectorBytes * (1 + sector);

    // Sector numbers of each region, in file order.
    const difatStart = 0;
    const fatStart = difatStart + difatSectors;
    const miniFatStart = fatStart + fatSectors;
    const dirStart = miniFatStart + miniFatSectors;
    const bigStart = dirStart + dirSectors;
    const miniStreamStart = bigStart + bigSectors;

    // FAT: every entry free, then the chains.
    const fatEntry = (sector: number, value: number) =>
      view.setUint32(at(fatStart) + 4 * sector, value, true);
    for (let s = 0; s < fatSectors * fatPerSector; s++) fatEntry(s, FREESECT);
    for (let s = 0; s < difatSectors; s++) fatEntry(difatStart + s, DIFSECT);
    for (let s = 0; s < fatSectors; s++) fatEntry(fatStart + s, FATSECT);
    const chain = (first: number, length: number) => {
      for (let s = 0; s < length; s++)
        fatEntry(first + s, s === length - 1 ? ENDOFCHAIN : first + s + 1);
    };
    chain(miniFatStart, miniFatSectors);
    chain(dirStart, dirSectors);
    chain(miniStreamStart, miniStreamSectors);

    // Mini FAT: every entry free, then one chain per small stream.
    const miniFatOffset = at(miniFatStart);
    for (let m = 0; m < miniFatSectors * fatPerSector; m++)
      view.setUint32(miniFatOffset + 4 * m, FREESECT, true);

    // Place each stream and write its content where it lands.
    let nextBig = bigStart;
    let nextMini = 0;
    for (const e of entries) {
      const content = e.content;
      if (e.type !== TYPE_STREAM || content === undefined) continue;
      if (e.size === 0) {
        e.start = ENDOFCHAIN; // as Outlook writes empty streams
        continue;
      }
      let offset: number;
      if (e.size < MINI_CUTOFF) {
        const n = sectorsFor(e.size, MINI_SECTOR);
        e.start = nextMini;
        for (let m = 0; m < n; m++)
          view.setUint32(
            miniFatOffset + 4 * (nextMini + m),
            m === n - 1 ? ENDOFCHAIN : nextMini + m + 1,
            true
          );
        offset = at(miniStreamStart) + MINI_SECTOR * nextMini;
        nextMini += n;
      } else {
        const n = sectorsFor(e.size, sectorBytes);
        e.start = nextBig;
        chain(nextBig, n);
        offset = at(nextBig);
        nextBig += n;
      }
      writeContent(content, out, offset);
    }

    // DIFAT: the first 109 FAT sectors in the header, the rest in DIFAT sectors.
    const fatSectorAt = (i: number) => (i < fatSectors ? fatStart + i : FREESECT);
    for (let i = 0; i < HEADER_DIFAT; i++) view.setUint32(76 + 4 * i, fatSectorAt(i), true);
    for (let d = 0; d < difatSectors; d++) {
      const o = at(difatStart + d);
      for (let i = 0; i < fatPerSector - 1; i++)
        view.setUint32(o + 4 * i, fatSectorAt(HEADER_DIFAT + d * (fatPerSector - 1) + i), true);
      view.setUint32(
        o + sectorBytes - 4,
        d === difatSectors - 1 ? ENDOFCHAIN : difatStart + d + 1,
        true
      );
    }

    // Header (MS-CFB 2.2).
    out.set(SIGNATURE, 0);
    view.setUint16(24, 0x003e, true); // minor version
    view.setUint16(26, version, true); // major version: 3 (512-byte sectors) or 4 (4,096)
    view.setUint16(28, 0xfffe, true); // byte order mark
    view.setUint16(30, version === 4 ? 12 : 9, true); // sector shift
    view.setUint16(32, 6, true); // mini sector shift
    // Number of directory sectors: must be 0 in version 3, which has no such field.
    view.setUint32(40, version === 4 ? dirSectors : 0, true);
    view.setUint32(44, fatSectors, true);
    view.setUint32(48, dirSectors > 0 ? dirStart : ENDOFCHAIN, true);
    view.setUint32(56, MINI_CUTOFF, true);
    view.setUint32(60, miniFatSectors > 0 ? miniFatStart : ENDOFCHAIN, true);
    view.setUint32(64, miniFatSectors, true);
    view.setUint32(68, difatSectors > 0 ? difatStart : ENDOFCHAIN, true);
    view.setUint32(72, difatSectors, true);

    // Directory; the slots after the last entry are left unused (zero names, no siblings).
    const rootEntry = entries[0] as Entry;
    rootEntry.start = miniSectors > 0 ? miniStreamStart : ENDOFCHAIN;
    rootEntry.size = miniSectors * MINI_SECTOR;
    const dirOffset = at(dirStart);
    for (let i = 0; i < dirSectors * (sectorBytes / ENTRY_SIZE); i++) {
      const o = dirOffset + ENTRY_SIZE * i;
      const e = entries[i];
      if (e === undefined) {
        view.setUint32(o + 68, NOSTREAM, true);
        view.setUint32(o + 72, NOSTREAM, true);
        view.setUint32(o + 76, NOSTREAM, true);
        continue;
      }
      const name = e.name;
      for (let c = 0; c < name.length; c++) view.setUint16(o + 2 * c, name.charCodeAt(c), true);
      view.setUint16(o + 64, 2 * (name.length + 1), true);
      out[o + 66] = e.type;
      out[o + 67] = e.color;
      view.setUint32(o + 68, e.left, true);
      view.setUint32(o + 72, e.right, true);
      view.setUint32(o + 76, e.child, true);
      if (e.type === TYPE_ROOT) {
        for (let b = 0; b < 16; b++)
          out[o + 80 + b] = parseInt(this.rootClsid.slice(2 * b, 2 * b + 2), 16);
      }
      view.setUint32(o + 116, e.start, true);
      view.setUint32(o + 120, e.size, true); // high 32 bits stay 0 (sizes are below 4 GB)
    }
    return out;
  }
}

function writeContent(content: StreamContent, out: Uint8Array, offset: number): void {
  if (content instanceof Uint8Array) out.set(content, offset);
  else content.writeTo(out, offset);
}

/**
 * Links the sorted siblings entries[lo..hi] as a balanced binary search tree and colours it
 * red-black: splitting at the middle puts every leaf at the deepest level d or at d - 1, so
 * colouring the nodes of level d red and all others black gives every path the same number of
 * black nodes and no red node a red child. Returns the root index (or NOSTREAM for none).
 */
function balancedTree(entries: Entry[], lo: number, hi: number): number {
  const count = hi - lo + 1;
  if (count <= 0) return NOSTREAM;
  const maxDepth = Math.floor(Math.log2(count));
  const perfect = count === 2 ** (maxDepth + 1) - 1;
  const build = (a: number, b: number, depth: number): number => {
    if (a > b) return NOSTREAM;
    const mid = (a + b) >>> 1;
    const e = entries[mid] as Entry;
    e.left = build(a, mid - 1, depth + 1);
    e.right = build(mid + 1, b, depth + 1);
    e.color = !perfect && depth === maxDepth ? RED : BLACK;
    return mid;
  };
  return build(lo, hi, 0);
}
