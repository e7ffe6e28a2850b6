/**
 * The upload's container check (outlook-container.ts) on messages from every writer we have
 * (SheetJS cfb, our own writer in versions 3 and 4, real Outlook), on cut and broken files, and
 * against SheetJS cfb as an independent reader: whatever the check accepts, cfb reads, and finds
 * the properties stream at the root; no input makes the check throw.
 */
import fs from "node:fs";
import path from "node:path";
import * as CFB from "cfb";
import fc from "fast-check";
import { mimeToMsg } from "../../src/msg";
import { outlookContainerProblem } from "../../src/server/outlook-container";
import { buildMsg } from "../gateway/msg-body";
import { generatedCases, sizedCase } from "../msg/generated-messages";
import { makeMsg, makeNonMsgCompoundFile } from "./helpers/gateway-harness";

const fixtures = path.resolve(__dirname, "../../../shared/fixtures/outlook-msg");
const haveFixtures = fs.existsSync(fixtures);
if (!haveFixtures)
  console.info(`Real Outlook .msg container checks skipped: ${fixtures} is absent.`);

/** What SheetJS cfb says of the same bytes: readable, and the properties stream at the root. */
function cfbAccepts(bytes: Uint8Array): boolean {
  try {
    const container = CFB.read(Buffer.from(bytes), { type: "buffer" });
    const rootPath = container.FullPaths[0] ?? "";
    return (
      container.FileIndex[0]?.type === 5 &&
      container.FileIndex.some(
        (entry, i) =>
          entry.type === 2 &&
          entry.name.toUpperCase() === "__PROPERTIES_VERSION1.0" &&
          container.FullPaths[i]?.toUpperCase() ===
            `${rootPath}__PROPERTIES_VERSION1.0`.toUpperCase()
      )
    );
  } catch {
    return false;
  }
}

/**
 * Byte ranges of the directory entries a well-formed file leaves unallocated (type 0). Readers
 * ignore them, as the check does; SheetJS cfb reads their links anyway and fails on a broken
 * one, so the comparison with cfb leaves them alone.
 */
function unallocatedEntries(bytes: Uint8Array): Array<[number, number]> {
  const b = Buffer.from(bytes);
  const sectorSize = 1 << b.readUInt16LE(30);
  const fatAt = (s: number) => {
    const perFat = sectorSize / 4;
    const fatSector = b.readUInt32LE(76 + 4 * Math.floor(s / perFat));
    return b.readUInt32LE((fatSector + 1) * sectorSize + 4 * (s % perFat));
  };
  const ranges: Array<[number, number]> = [];
  for (let s = b.readUInt32LE(48); s !== 0xfffffffe; s = fatAt(s)) {
    for (let at = (s + 1) * sectorSize; at < (s + 2) * sectorSize; at += 128) {
      if (b[at + 66] === 0) ranges.push([at, at + 128]);
    }
  }
  return ranges;
}

/** Messages from each writer, small and large. */
async function acceptedSamples(): Promise<Array<[string, Uint8Array]>> {
  const large = sizedCase("large", 1_200_000).mime;
  const samples: Array<[string, Uint8Array]> = [
    ["cfb, 4 KB", makeMsg(4096)],
    ["cfb, 300 KB", makeMsg(300_000)],
    ["cfb bench body, 1 MB", buildMsg(1024 * 1024, "bench")],
    ["ours, version 3, 1.2 MB", await mimeToMsg(large, { compoundFileVersion: 3 })],
    ["ours, version 4, 1.2 MB", await mimeToMsg(large, { compoundFileVersion: 4 })],
  ];
  for (const generated of (await generatedCases((mime) => mimeToMsg(mime))).slice(0, 10)) {
    samples.push([`ours, ${generated.name}`, await mimeToMsg(generated.mime)]);
  }
  return samples;
}

describe("Outlook container check", () => {
  let samples: Array<[string, Uint8Array]>;
  beforeAll(async () => {
    samples = await acceptedSamples();
  });

  it("accepts messages from SheetJS cfb and from our writer (versions 3 and 4), as cfb does", () => {
    for (const [name, bytes] of samples) {
      expect([name, outlookContainerProblem(bytes), cfbAccepts(bytes)]).toEqual([name, null, true]);
    }
  });

  (haveFixtures ? it : it.skip)("accepts every .msg saved by real Outlook", () => {
    const files = fs.readdirSync(fixtures).filter((f) => f.endsWith(".msg"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(fixtures, file));
      expect([file, outlookContainerProblem(bytes)]).toEqual([file, null]);
    }
  });

  it("names what is wrong with other content and other compound files", () => {
    expect(outlookContainerProblem(Buffer.alloc(100))).toBe("not-compound-file");
    expect(outlookContainerProblem(Buffer.alloc(4096))).toBe("not-compound-file");
    expect(outlookContainerProblem(Buffer.from("From: a@example.com\r\n\r\nhi"))).toBe(
      "not-compound-file"
    );
    expect(outlookContainerProblem(makeNonMsgCompoundFile())).toBe("not-outlook-message");
    // The properties stream only inside a storage, not at the root: not a message.
    const nested = CFB.utils.cfb_new();
    CFB.utils.cfb_add(nested, "/__substg1.0_3701000D/__properties_version1.0", Buffer.alloc(48));
    expect(outlookContainerProblem(CFB.write(nested, { type: "buffer" }) as Buffer)).toBe(
      "not-outlook-message"
    );
  });

  it("refuses files cut short, in both versions", () => {
    for (const [name, bytes] of samples.slice(2, 5)) {
      const sector = bytes[30] === 12 ? 4096 : 512;
      // Whole sectors off the end (the last one may be part padding), and every few sectors.
      const cuts = [bytes.length - sector];
      for (let cut = sector; cut < bytes.length; cut += sector * 37) cuts.push(cut);
      for (const cut of cuts) {
        const problem = outlookContainerProblem(bytes.subarray(0, cut));
        expect([name, cut, problem === null]).toEqual([name, cut, false]);
      }
    }
  });

  it("refuses, and finishes on, a directory whose sibling links loop", () => {
    const bytes = Buffer.from(makeNonMsgCompoundFile());
    const dirStart = (bytes.readUInt32LE(48) + 1) * 512;
    const child = bytes.readUInt32LE(dirStart + 76);
    // The root's first child names itself as its left and right sibling.
    bytes.writeUInt32LE(child, dirStart + child * 128 + 68);
    bytes.writeUInt32LE(child, dirStart + child * 128 + 72);
    expect(outlookContainerProblem(bytes)).toBe("unreadable");
  });

  it("never throws, and accepts nothing SheetJS cfb cannot read as a message (mutated files)", () => {
    const bases = samples.slice(0, 4).map(([, bytes]) => bytes);
    const unallocated = bases.map(unallocatedEntries);
    const mutation = fc.record({
      base: fc.integer({ min: 0, max: bases.length - 1 }),
      // Writes land in the header, FAT and directory most of the time: where the check reads.
      writes: fc.array(
        fc.record({
          at: fc.oneof(fc.integer({ min: 0, max: 4096 }), fc.nat()),
          value: fc.oneof(
            fc.constantFrom(0, 0xff, 0xfe, 0xfd, 0xfa, 5, 2, 1),
            fc.integer({ min: 0, max: 255 })
          ),
        }),
        { minLength: 1, maxLength: 6 }
      ),
      cut: fc.option(fc.nat(), { nil: undefined }),
    });
    fc.assert(
      fc.property(mutation, ({ base, writes, cut }) => {
        const source = bases[base] as Uint8Array;
        const bytes = Buffer.from(source);
        const offsets = writes.map((w) => w.at % bytes.length);
        const inUnallocated = (at: number) =>
          (unallocated[base] ?? []).some(([from, to]) => at >= from && at < to);
        fc.pre(!offsets.some(inUnallocated));
        writes.forEach((w, i) => (bytes[offsets[i] as number] = w.value));
        const input = cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
        const problem = outlookContainerProblem(input);
        expect([null, "not-compound-file", "unreadable", "not-outlook-message"]).toContain(problem);
        if (problem === null) expect(cfbAccepts(input)).toBe(true);
      }),
      { numRuns: 3000, seed: 2026_12_04 }
    );
  });
});
