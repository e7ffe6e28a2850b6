/** The upload checks on their own: RFC 9530 digests and the Outlook compound-file test. */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import {
  checkDigest,
  checkOutlookMessage,
  sha256FromContentDigest,
} from "../../src/server/e-document";
import { HttpError } from "../../src/server/http-error";
import { makeMsg, makeNonMsgCompoundFile } from "./helpers/gateway-harness";

const fixtures = path.resolve(__dirname, "../../../shared/fixtures/outlook-msg");
const haveFixtures = fs.existsSync(fixtures);
if (!haveFixtures) console.info(`Real Outlook .msg checks skipped: ${fixtures} is absent.`);

const statusOf = (fn: () => unknown): number | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof HttpError ? error.statusCode : -1;
  }
};

describe("Content-Digest", () => {
  const body = Buffer.from("hello");
  const b64 = createHash("sha256").update(body).digest("base64");

  it("reads sha-256 among other algorithms and checks it", () => {
    expect(sha256FromContentDigest(`sha-256=:${b64}:`).toString("base64")).toBe(b64);
    expect(sha256FromContentDigest(`sha-512=:AAAA:, sha-256=:${b64}:`).toString("base64")).toBe(
      b64
    );
    expect(checkDigest(body, `sha-256=:${b64}:`)).toBe(
      createHash("sha256").update(body).digest("hex")
    );
  });

  it("answers 400 for a missing, malformed, short or mismatching digest", () => {
    expect(statusOf(() => checkDigest(body, undefined))).toBe(400);
    expect(statusOf(() => checkDigest(body, `sha-256=${b64}`))).toBe(400);
    expect(statusOf(() => checkDigest(body, "sha-256=:AAAA:"))).toBe(400);
    expect(statusOf(() => checkDigest(Buffer.from("other"), `sha-256=:${b64}:`))).toBe(400);
  });
});

describe("Outlook message check", () => {
  it("accepts a compound file with the MS-OXMSG property stream", () => {
    expect(statusOf(() => checkOutlookMessage(makeMsg()))).toBeNull();
  });

  it("answers 415 for other content, other compound files and truncated files", () => {
    expect(statusOf(() => checkOutlookMessage(Buffer.alloc(4096)))).toBe(415);
    expect(statusOf(() => checkOutlookMessage(makeNonMsgCompoundFile()))).toBe(415);
    const msg = makeMsg();
    expect(statusOf(() => checkOutlookMessage(msg.subarray(0, 600)))).toBe(415);
    expect(statusOf(() => checkOutlookMessage(Buffer.from("From: a@example.com\r\n\r\nhi")))).toBe(
      415
    );
  });

  (haveFixtures ? it : it.skip)("accepts every .msg saved by real Outlook in the fixtures", () => {
    const files = fs.readdirSync(fixtures).filter((f) => f.endsWith(".msg"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect([
        file,
        statusOf(() => checkOutlookMessage(fs.readFileSync(path.join(fixtures, file)))),
      ]).toEqual([file, null]);
    }
  });
});
