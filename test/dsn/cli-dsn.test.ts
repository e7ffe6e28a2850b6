/** `casemail dsn parse`: argument checks, one JSON line per file, unreadable files reported. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { run } from "../../src/cli/commands/dsn";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
    out,
    err,
  };
}

const bounce = [
  "From: MAILER-DAEMON@mx.gc.example",
  "Subject: Undelivered Mail Returned to Sender",
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
  "",
  "--b",
  "Content-Type: message/delivery-status",
  "",
  "Reporting-MTA: dns; mx.gc.example",
  "",
  "Final-Recipient: rfc822; applicant@example.org",
  "Action: failed",
  "Status: 5.1.1",
  "",
  "--b",
  "Content-Type: text/rfc822-headers",
  "",
  "Message-ID: <m1@gc.example>",
  "x-casemail-ref: cm-1",
  "Subject: Request",
  "",
  "--b--",
  "",
].join("\r\n");

describe("casemail dsn parse", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "casemail-dsn-"));
    fs.writeFileSync(path.join(dir, "bounce.eml"), bounce);
    fs.writeFileSync(
      path.join(dir, "plain.eml"),
      "From: a@example.org\r\nSubject: hi\r\n\r\nhello"
    );
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints exactly the published shape, one line per file, in order", async () => {
    const { io, out, err } = capture();
    const files = [path.join(dir, "bounce.eml"), path.join(dir, "plain.eml")];
    expect(await run(["parse", ...files], io)).toBe(0);
    expect(err).toEqual([]);
    expect(out.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        file: files[0],
        kind: "failure",
        recipients: [
          {
            address: "applicant@example.org",
            status: "5.1.1",
            action: "failed",
            replyCode: "",
            diagnostic: "",
            remoteHost: "",
            permanent: true,
          },
        ],
        original: { ref: "cm-1", messageId: "<m1@gc.example>", subject: "Request" },
      },
      {
        file: files[1],
        kind: "not-a-report",
        recipients: [],
        original: { ref: "", messageId: "", subject: "" },
      },
    ]);
  });

  it("reports an unreadable file on stderr, parses the rest and exits 1", async () => {
    const { io, out, err } = capture();
    const code = await run(
      ["parse", path.join(dir, "missing.eml"), path.join(dir, "bounce.eml")],
      io
    );
    expect(code).toBe(1);
    expect(out).toHaveLength(1);
    expect(err.join("\n")).toMatch(/cannot read .*missing\.eml: ENOENT/);
  });

  it.each([[[]], [["parse"]], [["convert", "x.eml"]], [["parse", "--all"]]])(
    "exits 2 with the usage for %j",
    async (argv) => {
      const { io, out, err } = capture();
      expect(await run(argv, io)).toBe(2);
      expect(out).toEqual([]);
      expect(err.join("\n")).toMatch(/casemail dsn parse <file\.eml>/);
    }
  );
});
