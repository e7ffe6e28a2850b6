/** `casemail msg convert` and `msg inspect`: exit codes, output file, inspect JSON. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "../../src/cli/commands/msg";
import { mail } from "./generated-messages";
import { sha256, utf8Bytes } from "./mime-builder";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
  };
}

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "casemail-cli-msg-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("convert writes a .msg and inspect describes it", async () => {
  const pdf = utf8Bytes("%PDF-1.4 tiny");
  const c = mail({
    name: "cli",
    subject: "CLI – é",
    text: "Body\r\n",
    cc: [{ address: "c@example.org" }],
    files: [{ name: "a.pdf", type: "application/pdf", bytes: pdf }],
  });
  const eml = path.join(dir, "in.eml");
  const out = path.join(dir, "out.msg");
  writeFileSync(eml, c.mime);
  const a = io();
  expect(await run(["convert", eml, out], a.io)).toBe(0);
  expect(readFileSync(out).subarray(0, 4)).toEqual(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  const b = io();
  expect(await run(["inspect", out], b.io)).toBe(0);
  const json = JSON.parse(b.out.join("")) as Record<string, unknown>;
  expect(json).toMatchObject({
    subject: "CLI – é",
    sender: { smtpAddress: "montreal.office@example.gc.ca", addressType: "SMTP" },
    recipients: [
      { type: "to", smtpAddress: "jean.tremblay@example.com" },
      { type: "cc", smtpAddress: "c@example.org" },
    ],
    dates: { clientSubmitTime: "2026-11-30T15:04:05.000Z" },
    attachments: [
      {
        name: "a.pdf",
        mimeType: "application/pdf",
        size: pdf.length,
        sha256: sha256(pdf),
        embedded: false,
      },
    ],
  });
  expect(json.headerCount).toBeGreaterThanOrEqual(6);
});

test("input that is not a message exits 2 with a clear message", async () => {
  const bad = path.join(dir, "bad.eml");
  writeFileSync(bad, "just some words\n");
  const a = io();
  expect(await run(["convert", bad, path.join(dir, "bad.msg")], a.io)).toBe(2);
  expect(a.err.join("")).toContain("not-a-message");
  const b = io();
  expect(await run(["inspect", bad], b.io)).toBe(2);
});

test("bad arguments exit 2 with the usage; a missing file exits 1", async () => {
  const a = io();
  expect(await run(["convert", "only-one"], a.io)).toBe(2);
  expect(a.err.join("")).toContain("Usage");
  expect(await run(["frobnicate"], io().io)).toBe(2);
  const c = io();
  expect(await run(["inspect", path.join(dir, "missing.msg")], c.io)).toBe(1);
  expect(c.err.join("")).toContain("ENOENT");
});
