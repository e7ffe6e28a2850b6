/**
 * MS-CFB version 3 (512-byte sectors) or 4 (4,096-byte sectors): the writer takes the smaller
 * layout. The header of each version is checked field by field against an independent walk of
 * its FAT, the choice against both forced outputs, and files forced to version 4 are read back
 * by every reader the round trip uses (@kenjiuno/msgreader, olefile, msgconvert), by olecfinfo
 * (libolecf) and by SheetJS cfb (through readMsgSummary): each must find what the source says.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { mimeToMsg, readMsgSummary, type MsgSummary } from "../../src/msg";
import { generatedBenchInputs } from "../bench/msg-inputs";
import { generatedCases, sizedCase, type GeneratedCase } from "./generated-messages";
import { sha256 } from "./mime-builder";
import { checkMsgconvert, checkMsgReader, checkOle } from "./reader-checks";
import {
  convertWithMsgconvert,
  hasMsgconvert,
  hasOlefile,
  readWithMsgReader,
  readWithOlefile,
  type OleDump,
} from "./readers";

const hasOlecfinfo = spawnSync("sh", ["-c", "command -v olecfinfo"]).status === 0;
if (!hasOlecfinfo)
  console.warn("compound file versions: olecfinfo (libolecf-utils) is absent; its checks skipped");
if (!hasMsgconvert)
  console.warn(
    "compound file versions: msgconvert (libemail-outlook-message-perl) is absent; its checks skipped"
  );
if (!hasOlefile)
  console.warn(
    "compound file versions: /usr/bin/python3 with olefile (python3-olefile) is absent; its checks skipped"
  );

const FREESECT = 0xffffffff;
const ENDOFCHAIN = 0xfffffffe;
const FATSECT = 0xfffffffd;

interface Header {
  minor: number;
  major: number;
  byteOrder: number;
  sectorShift: number;
  miniSectorShift: number;
  reserved: number[];
  dirSectorsField: number;
  fatSectors: number;
  firstDirSector: number;
  miniCutoff: number;
  firstMiniFatSector: number;
  miniFatSectors: number;
  firstDifatSector: number;
  difatSectors: number;
  headerDifat: number[];
}

function readHeader(file: Uint8Array): Header {
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  return {
    minor: v.getUint16(24, true),
    major: v.getUint16(26, true),
    byteOrder: v.getUint16(28, true),
    sectorShift: v.getUint16(30, true),
    miniSectorShift: v.getUint16(32, true),
    reserved: Array.from(file.subarray(34, 40)),
    dirSectorsField: v.getUint32(40, true),
    fatSectors: v.getUint32(44, true),
    firstDirSector: v.getUint32(48, true),
    miniCutoff: v.getUint32(56, true),
    firstMiniFatSector: v.getUint32(60, true),
    miniFatSectors: v.getUint32(64, true),
    firstDifatSector: v.getUint32(68, true),
    difatSectors: v.getUint32(72, true),
    headerDifat: Array.from({ length: 109 }, (_, i) => v.getUint32(76 + 4 * i, true)),
  };
}

/** The FAT, read from the sectors the header's DIFAT lists (files here need no DIFAT sectors). */
function readFat(file: Uint8Array, h: Header): number[] {
  const sector = 1 << h.sectorShift;
  const v = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const fat: number[] = [];
  for (let i = 0; i < h.fatSectors; i++) {
    const at = sector * (1 + (h.headerDifat[i] as number));
    for (let k = 0; k < sector / 4; k++) fat.push(v.getUint32(at + 4 * k, true));
  }
  return fat;
}

function chainLength(fat: number[], start: number): number {
  let n = 0;
  for (let s = start; s !== ENDOFCHAIN; s = fat[s] as number) {
    if (s >= fat.length || n > fat.length) throw new Error(`broken chain at ${s}`);
    n++;
  }
  return n;
}

/** Everything a header must say for the file's own size, whichever the version. */
function checkHeader(file: Uint8Array, version: 3 | 4): Header {
  const h = readHeader(file);
  const sector = version === 4 ? 4096 : 512;
  expect(Array.from(file.subarray(0, 8))).toEqual([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  expect([h.minor, h.major, h.byteOrder, h.sectorShift, h.miniSectorShift]).toEqual([
    0x3e,
    version,
    0xfffe,
    version === 4 ? 12 : 9,
    6,
  ]);
  expect(h.reserved).toEqual([0, 0, 0, 0, 0, 0]);
  expect(h.miniCutoff).toBe(4096);
  expect(file.length % sector).toBe(0);
  // Version 4 pads the 512-byte header to a whole 4,096-byte sector, with zeros.
  if (version === 4) expect(file.subarray(512, 4096).every((b) => b === 0)).toBe(true);

  // The FAT is as small as it can be and still map every sector of the file.
  const sectors = file.length / sector - 1;
  expect(h.fatSectors).toBe(Math.ceil(sectors / (sector / 4)));
  expect([h.difatSectors, h.firstDifatSector]).toEqual([0, ENDOFCHAIN]);
  const fat = readFat(file, h);
  h.headerDifat.forEach((s, i) => {
    if (i < h.fatSectors) expect(fat[s]).toBe(FATSECT);
    else expect(s).toBe(FREESECT);
  });
  expect(fat.slice(sectors).every((x) => x === FREESECT)).toBe(true);

  // Version 4 counts its directory sectors in the header; version 3 must leave the field 0.
  const dirSectors = chainLength(fat, h.firstDirSector);
  expect(dirSectors).toBeGreaterThan(0);
  expect(h.dirSectorsField).toBe(version === 4 ? dirSectors : 0);
  if (h.miniFatSectors > 0) expect(chainLength(fat, h.firstMiniFatSector)).toBe(h.miniFatSectors);
  return h;
}

describe("the header of each version", () => {
  const large = sizedCase("three-mb", 3_000_000);
  const small = sizedCase("small", 2_000);

  test("version 4 forced: major 4, sector shift 12, one FAT sector for 3 MB, no DIFAT", async () => {
    const file = await mimeToMsg(large.mime, { compoundFileVersion: 4 });
    const h = checkHeader(file, 4);
    expect(h.fatSectors).toBe(1);
    checkHeader(await mimeToMsg(small.mime, { compoundFileVersion: 4 }), 4);
  });

  test("version 3 forced: major 3, sector shift 9, a FAT sector per 64 KB of file", async () => {
    const file = await mimeToMsg(large.mime, { compoundFileVersion: 3 });
    const h = checkHeader(file, 3);
    expect(h.fatSectors).toBe(Math.ceil(file.length / 512 / 128));
    checkHeader(await mimeToMsg(small.mime, { compoundFileVersion: 3 }), 3);
  });
});

describe("which version is written", () => {
  let corpus: GeneratedCase[] = [];
  beforeAll(async () => {
    corpus = await generatedCases((m) => mimeToMsg(m));
  }, 60_000);

  test("the generated corpus (ordinary mail) stays version 3, byte for byte as forced", async () => {
    for (const c of corpus) {
      const auto = await mimeToMsg(c.mime);
      const v3 = await mimeToMsg(c.mime, { compoundFileVersion: 3 });
      const v4 = await mimeToMsg(c.mime, { compoundFileVersion: 4 });
      expect([c.name, readHeader(auto).major]).toEqual([c.name, 3]);
      expect(Buffer.from(auto).equals(Buffer.from(v3))).toBe(true);
      expect(v4.length).toBeGreaterThanOrEqual(v3.length);
    }
  });

  test("the benchmark inputs get the smaller version: 4 for one large stream, 3 for 200 parts", async () => {
    const chosen: Record<string, number> = {};
    for (const input of generatedBenchInputs()) {
      const auto = await mimeToMsg(input.mime);
      const v3 = await mimeToMsg(input.mime, { compoundFileVersion: 3 });
      const v4 = await mimeToMsg(input.mime, { compoundFileVersion: 4 });
      const smaller = v4.length < v3.length ? v4 : v3;
      expect(Buffer.from(auto).equals(Buffer.from(smaller))).toBe(true);
      checkHeader(auto, readHeader(auto).major as 3 | 4);
      chosen[input.name] = readHeader(auto).major;
    }
    expect(chosen).toEqual({
      "4mb-one-3mb-attachment": 4,
      "200-attachments": 3,
      "1mb-text-1mb-html": 4,
    });
  });
});

/** A summary with each attachment's bytes as their SHA-256 (deep equality of megabytes is slow). */
function hashed(s: MsgSummary): Omit<MsgSummary, "attachments"> & {
  attachments: Array<Record<string, unknown>>;
} {
  return {
    ...s,
    attachments: s.attachments.map((a) => ({
      ...a,
      content: a.content === undefined ? undefined : sha256(a.content),
      message: a.message === undefined ? undefined : hashed(a.message),
    })),
  };
}

interface Pair {
  c: GeneratedCase;
  v3: string;
  v4: string;
  bytes3: Uint8Array;
  bytes4: Uint8Array;
}

describe("files forced to version 4, read back by every reader", () => {
  let dir = "";
  let pairs: Pair[] = [];
  let ole: Record<string, OleDump> = {};
  let emls: Record<string, Uint8Array | undefined> = {};

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "casemail-cfb4-"));
    // The attached-.msg cases attach a version 4 file too (copied in through SheetJS cfb).
    const cases = [
      ...(await generatedCases((m) => mimeToMsg(m, { compoundFileVersion: 4 }))),
      sizedCase("below-limit", 3_850_000),
    ];
    pairs = [];
    for (const c of cases) {
      const bytes3 = await mimeToMsg(c.mime, { compoundFileVersion: 3 });
      const bytes4 = await mimeToMsg(c.mime, { compoundFileVersion: 4 });
      const v3 = path.join(dir, `${c.name}.v3.msg`);
      const v4 = path.join(dir, `${c.name}.v4.msg`);
      writeFileSync(v3, bytes3);
      writeFileSync(v4, bytes4);
      pairs.push({ c, v3, v4, bytes3, bytes4 });
    }
    if (hasOlefile) ole = readWithOlefile(pairs.flatMap((p) => [p.v3, p.v4]));
    if (hasMsgconvert)
      emls = convertWithMsgconvert(
        pairs.map((p) => p.v4),
        dir
      );
  }, 240_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const each = (check: (p: Pair) => void | Promise<void>) => async () => {
    expect(pairs.length).toBeGreaterThanOrEqual(33);
    for (const p of pairs) {
      try {
        await check(p);
      } catch (err) {
        throw new Error(`${p.c.name}: ${(err as Error).message}`);
      }
    }
  };

  test(
    "every file has a valid version 4 header",
    each((p) => void checkHeader(p.bytes4, 4))
  );

  test(
    "@kenjiuno/msgreader: subject, addresses, dates, id, bodies, attachment SHA-256",
    each((p) => {
      const { reader, data } = readWithMsgReader(p.bytes4);
      checkMsgReader(p.c.expect, data, reader);
    })
  );

  (hasOlefile ? test : test.skip)(
    "olefile reads version 4 with 4,096-byte sectors, and finds what version 3 holds",
    each((p) => {
      const d4 = ole[p.v4] as OleDump;
      const d3 = ole[p.v3] as OleDump;
      expect([d4.majorVersion, d4.sectorSize, d3.majorVersion, d3.sectorSize]).toEqual([
        4, 4096, 3, 512,
      ]);
      checkOle(p.c.expect, d4.message);
      expect(d4.clsid).toBe("00020D0B-0000-0000-C000-000000000046");
      expect({ ...d4, majorVersion: 0, sectorSize: 0 }).toEqual({
        ...d3,
        majorVersion: 0,
        sectorSize: 0,
      });
    })
  );

  (hasMsgconvert ? test : test.skip)(
    "msgconvert turns each version 4 file back into the same MIME message",
    each(async (p) => {
      const eml = emls[p.v4];
      expect(eml).toBeDefined();
      await checkMsgconvert(p.c.expect, eml as Uint8Array);
    })
  );

  (hasOlecfinfo ? test : test.skip)(
    "olecfinfo (libolecf) lists the same storages and streams with 4,096-byte sectors",
    each((p) => {
      const info = (file: string) => {
        const r = spawnSync("olecfinfo", [file], { encoding: "utf8" });
        expect(r.status).toBe(0);
        const tree = r.stdout.indexOf("Storage and stream items:");
        expect(tree).toBeGreaterThan(0);
        return { head: r.stdout.slice(0, tree), tree: r.stdout.slice(tree) };
      };
      const i3 = info(p.v3);
      const i4 = info(p.v4);
      expect(i4.head).toMatch(/Sector size\s*: 4096/);
      expect(i3.head).toMatch(/Sector size\s*: 512/);
      expect(i4.tree).toBe(i3.tree);
      expect(i4.tree.split("\n").length).toBeGreaterThan(20);
    })
  );

  test(
    "SheetJS cfb (readMsgSummary) reads the same summary from both versions",
    each((p) => {
      const s4 = hashed(readMsgSummary(p.bytes4));
      expect(s4).toEqual(hashed(readMsgSummary(p.bytes3)));
      expect(s4.subject ?? "").toBe(p.c.expect.subject);
      const shas = s4.attachments.map((a) => a.content);
      for (const a of p.c.expect.attachments)
        if (a.embeddedSubject === undefined) expect(shas).toContain(a.sha256);
    })
  );
});
