/**
 * Every generated message and every MIME fixture is converted, then read back by three readers
 * that share no code with the writer: @kenjiuno/msgreader (in process), olefile (python) and
 * msgconvert (perl, back to MIME). What the source says must come back from each of them.
 */
import PostalMime from "postal-mime";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { mimeToMsg } from "../../src/msg";
import { generatedCases, sizedCase, type GeneratedCase } from "./generated-messages";
import { sha256 } from "./mime-builder";
import {
  convertWithMsgconvert,
  hasMsgconvert,
  hasOlefile,
  readWithMsgReader,
  readWithOlefile,
  type OleDump,
} from "./readers";
import { checkMsgconvert, checkMsgReader, checkOle, norm } from "./reader-checks";

const MIME_FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/mime");
const haveFixtures = (() => {
  try {
    return readdirSync(MIME_FIXTURES).some((f) => f.endsWith(".eml"));
  } catch {
    return false;
  }
})();
if (!haveFixtures)
  console.warn(`msg round trip: ${MIME_FIXTURES} is absent; fixture conversions skipped`);
if (!hasMsgconvert)
  console.warn(
    "msg round trip: msgconvert is not installed (libemail-outlook-message-perl); its checks are skipped"
  );
if (!hasOlefile)
  console.warn(
    "msg round trip: /usr/bin/python3 with olefile is absent (python3-olefile); its checks are skipped"
  );

interface Converted {
  c: GeneratedCase;
  file: string;
  msg: Uint8Array;
}

let dir = "";
let converted: Converted[] = [];
let ole: Record<string, OleDump> = {};
let emls: Record<string, Uint8Array | undefined> = {};

const LIMIT = 4_000_000;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "casemail-msg-"));
  const cases = [
    ...(await generatedCases((m) => mimeToMsg(m))),
    sizedCase("below-limit", 3_850_000),
    sizedCase("above-limit", 4_100_000),
  ];
  converted = [];
  for (const c of cases) {
    const msg = await mimeToMsg(c.mime);
    const file = path.join(dir, `${c.name}.msg`);
    writeFileSync(file, msg);
    converted.push({ c, file, msg });
  }
  if (hasOlefile) ole = readWithOlefile(converted.map((x) => x.file));
  if (hasMsgconvert)
    emls = convertWithMsgconvert(
      converted.map((x) => x.file),
      dir
    );
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the corpus covers at least 30 generated messages", () => {
  expect(converted.length).toBeGreaterThanOrEqual(32);
});

describe("sizes around the 4,000,000-byte limit", () => {
  test("the exact output length decides: below stays below, above goes above", () => {
    const below = converted.find((x) => x.c.name === "below-limit") as Converted;
    const above = converted.find((x) => x.c.name === "above-limit") as Converted;
    expect(below.msg.length).toBeLessThanOrEqual(LIMIT);
    expect(above.msg.length).toBeGreaterThan(LIMIT);
    // The overhead over the attachment is small: properties, directory and FAT.
    expect(below.msg.length - 3_850_000).toBeLessThan(60_000);
  });
});

describe("generated messages, read back by three readers", () => {
  const names = () => converted.map((x) => x.c.name);
  test("every case converts to a compound file", () => {
    expect(names().length).toBeGreaterThan(0);
    for (const x of converted)
      expect(Array.from(x.msg.subarray(0, 4))).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
  });

  test("@kenjiuno/msgreader finds subject, addresses, dates, id, bodies and attachments", () => {
    for (const x of converted) {
      const { reader, data } = readWithMsgReader(x.msg);
      try {
        checkMsgReader(x.c.expect, data, reader);
      } catch (err) {
        throw new Error(`${x.c.name}: ${(err as Error).message}`);
      }
    }
  });

  (hasOlefile ? test : test.skip)(
    "olefile reads the same container, Outlook CLSID, no stray streams",
    () => {
      for (const x of converted) {
        const d = ole[x.file] as OleDump;
        try {
          expect(d.clsid).toBe("00020D0B-0000-0000-C000-000000000046");
          expect(d.streams.some((s) => s.includes("Sh33tJ5"))).toBe(false);
          checkOle(x.c.expect, d.message);
        } catch (err) {
          throw new Error(`${x.c.name}: ${(err as Error).message}`);
        }
      }
    }
  );

  (hasMsgconvert ? test : test.skip)(
    "msgconvert turns each file back into the same MIME message",
    async () => {
      for (const x of converted) {
        const eml = emls[x.file];
        try {
          expect(eml).toBeDefined();
          await checkMsgconvert(x.c.expect, eml as Uint8Array);
        } catch (err) {
          throw new Error(`${x.c.name}: ${(err as Error).message}`);
        }
      }
    }
  );
});

(haveFixtures ? describe : describe.skip)("MIME fixtures (../shared/fixtures/mime)", () => {
  const files = haveFixtures
    ? readdirSync(MIME_FIXTURES)
        .filter((f) => f.endsWith(".eml"))
        .sort()
    : [];
  test.each(files)(
    "%s converts and reads back with its subject, sender and attachments",
    async (f) => {
      const mime = new Uint8Array(readFileSync(path.join(MIME_FIXTURES, f)));
      const source = await PostalMime.parse(mime, { forceRfc822Attachments: true });
      const msg = await mimeToMsg(mime);
      const { reader, data } = readWithMsgReader(msg);
      expect(data.subject ?? "").toBe(source.subject ?? "");
      // PR_SENDER is the Sender header when there is one (the agent), else From.
      const from = (source.sender ?? source.from) as { address?: string } | undefined;
      if (from?.address) expect(data.senderEmail).toBe(from.address);
      if (source.messageId) expect(data.messageId).toBe(source.messageId);
      if (source.text !== undefined) expect(norm(data.body)).toBe(norm(source.text));
      expect(data.attachments ?? []).toHaveLength(source.attachments.length);
      source.attachments.forEach((a, i) => {
        const got = (data.attachments ?? [])[i];
        if (got === undefined) throw new Error("missing attachment");
        if (a.mimeType === "message/rfc822" && got.innerMsgContent) return; // parsed as a message
        expect(sha256(reader.getAttachment(got).content)).toBe(
          sha256(new Uint8Array(a.content as ArrayBuffer))
        );
      });
    }
  );
});

/** The fixtures again, through olefile and msgconvert (postal-mime's parse is the reference). */
(haveFixtures && (hasOlefile || hasMsgconvert) ? describe : describe.skip)(
  "MIME fixtures read back by olefile and msgconvert",
  () => {
    interface FixtureRun {
      name: string;
      file: string;
      source: PostalMime.Email;
    }
    let fixtureDir = "";
    let runs: FixtureRun[] = [];
    let fixtureOle: Record<string, OleDump> = {};
    let fixtureEmls: Record<string, Uint8Array | undefined> = {};
    const addresses = (list: PostalMime.Address[] | undefined) =>
      (list ?? []).flatMap((a) => (a.group !== undefined ? a.group : [a])).map((m) => m.address);

    beforeAll(async () => {
      fixtureDir = mkdtempSync(path.join(tmpdir(), "casemail-msg-fixtures-"));
      runs = [];
      for (const f of readdirSync(MIME_FIXTURES)
        .filter((x) => x.endsWith(".eml"))
        .sort()) {
        const mime = new Uint8Array(readFileSync(path.join(MIME_FIXTURES, f)));
        const file = path.join(fixtureDir, f.replace(/\.eml$/, ".msg"));
        writeFileSync(file, await mimeToMsg(mime));
        runs.push({
          name: f,
          file,
          source: await PostalMime.parse(mime, { forceRfc822Attachments: true }),
        });
      }
      if (hasOlefile) fixtureOle = readWithOlefile(runs.map((r) => r.file));
      if (hasMsgconvert)
        fixtureEmls = convertWithMsgconvert(
          runs.map((r) => r.file),
          fixtureDir
        );
    }, 120_000);
    afterAll(() => {
      if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
    });

    (hasOlefile ? test : test.skip)(
      "olefile: subject, sender, recipients, attachment bytes",
      () => {
        expect(runs.length).toBe(
          readdirSync(MIME_FIXTURES).filter((x) => x.endsWith(".eml")).length
        );
        for (const r of runs) {
          const m = (fixtureOle[r.file] as OleDump).message;
          try {
            expect(m.subject ?? "").toBe(r.source.subject ?? "");
            const sender = (r.source.sender ?? r.source.from) as { address?: string } | undefined;
            if (sender?.address) expect(m.senderSmtp).toBe(sender.address);
            expect(m.recipients.map((x) => x.smtp)).toEqual([
              ...addresses(r.source.to),
              ...addresses(r.source.cc),
              ...addresses(r.source.bcc),
            ]);
            expect(m.attachments).toHaveLength(r.source.attachments.length);
            r.source.attachments.forEach((a, i) => {
              const got = m.attachments[i];
              if (got?.embedded) return expect(a.mimeType).toBe("message/rfc822");
              expect(got?.sha256).toBe(sha256(new Uint8Array(a.content as ArrayBuffer)));
            });
          } catch (err) {
            throw new Error(`${r.name}: ${(err as Error).message}`);
          }
        }
      }
    );

    (hasMsgconvert ? test : test.skip)(
      "msgconvert: subject, From and attachment bytes",
      async () => {
        for (const r of runs) {
          const eml = fixtureEmls[r.file];
          try {
            expect(eml).toBeDefined();
            const back = await PostalMime.parse(eml as Uint8Array, {
              forceRfc822Attachments: true,
            });
            expect(back.subject ?? "").toBe(r.source.subject ?? "");
            const from = r.source.from as { address?: string } | undefined;
            if (from?.address)
              expect((back.from as { address?: string } | undefined)?.address).toBe(from.address);
            const shas = back.attachments.map((a) =>
              sha256(new Uint8Array(a.content as ArrayBuffer))
            );
            for (const a of r.source.attachments) {
              if (a.mimeType === "message/rfc822") continue; // re-rendered as MIME by msgconvert
              expect(shas).toContain(sha256(new Uint8Array(a.content as ArrayBuffer)));
            }
          } catch (err) {
            throw new Error(`${r.name}: ${(err as Error).message}`);
          }
        }
      }
    );
  }
);
