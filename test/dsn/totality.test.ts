/**
 * The parser is total: mutated fixtures, random bytes and hostile shapes give a well-formed
 * result (often `not-a-report`), never a throw or a hang. The time bound is a hang guard,
 * generous enough for a loaded CI machine, not a performance figure.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import fc from "fast-check";
import { z } from "zod";
import { parseDeliveryReport, type RawReport } from "../../src/dsn";

const HANG_GUARD_MS = 5_000;

const Result = z.strictObject({
  kind: z.enum(["failure", "delay", "delivered", "not-a-report"]),
  recipients: z.array(
    z.strictObject({
      address: z.string().max(320),
      status: z.string().regex(/^([245]\.\d{1,3}\.\d{1,3})$/),
      action: z.enum(["failed", "delayed", "delivered", "relayed", "expanded", ""]),
      replyCode: z.string().regex(/^(|[245]\d\d)$/),
      diagnostic: z.string().max(2000),
      remoteHost: z.string().max(255),
      permanent: z.boolean(),
      reason: z.string(),
    })
  ),
  original: z.strictObject({
    ref: z.string(),
    messageId: z.string(),
    subject: z.string(),
    date: z.string(),
  }),
});

async function parseWithinBound(raw: RawReport): Promise<void> {
  const start = performance.now();
  const report = await parseDeliveryReport(raw);
  const elapsed = performance.now() - start;
  Result.parse(report);
  if (report.kind === "not-a-report") expect(report.recipients).toEqual([]);
  expect(elapsed).toBeLessThan(HANG_GUARD_MS);
}

const dir = path.resolve(__dirname, "../../../shared/fixtures/ndr");
const present = fs.existsSync(dir);
if (!present) console.warn(`dsn totality on fixtures: skipped, ${dir} is absent`);
const fixtures = present
  ? fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".eml"))
      .sort()
      .map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f))))
  : [];

type Mutation =
  | { op: "flip"; at: number; value: number }
  | { op: "cut"; at: number }
  | { op: "delete"; at: number; length: number }
  | { op: "duplicate"; at: number; length: number; times: number }
  | { op: "insert"; at: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("flip" as const), at: fc.nat(), value: fc.nat(255) }),
  fc.record({ op: fc.constant("cut" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), length: fc.nat(400) }),
  fc.record({
    op: fc.constant("duplicate" as const),
    at: fc.nat(),
    length: fc.nat(300),
    times: fc.integer({ min: 1, max: 40 }),
  }),
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.constantFrom(
      "\r\n\r\n",
      "\r\n--",
      "Content-Type: multipart/report; boundary=x\r\n",
      "Final-Recipient: rfc822; \r\n",
      "Status: 9.9.9999\r\n",
      "=?utf-8?B?@@@?=",
      "<<<<@@@@>>>>",
      "Diagnostic-Code: smtp; " + "550 ".repeat(500),
      "\u0000\u00ff\ufffd",
      "a@".repeat(300)
    ),
  })
);

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = bytes;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    switch (m.op) {
      case "flip":
        out = Uint8Array.from(out);
        if (out.length > 0) out[at] = m.value;
        break;
      case "cut":
        out = out.subarray(0, at);
        break;
      case "delete":
        out = Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + m.length)]);
        break;
      case "duplicate": {
        const chunk = out.subarray(at, at + m.length);
        const parts = [
          out.subarray(0, at),
          ...Array<Uint8Array>(m.times).fill(chunk),
          out.subarray(at),
        ];
        out = concat(parts);
        break;
      }
      case "insert":
        out = concat([out.subarray(0, at), new TextEncoder().encode(m.text), out.subarray(at)]);
        break;
    }
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

(present ? describe : describe.skip)("mutated fixtures", () => {
  it("never throw, hang or give a malformed result", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(fixtures.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        async (index, mutations) => {
          await parseWithinBound(mutate(fixtures[index] as Uint8Array, mutations));
        }
      ),
      { numRuns: 300, seed: 2026_12_04 }
    );
  }, 120_000);
});

describe("hostile input", () => {
  it("random strings and bytes", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 3000 }), fc.uint8Array({ maxLength: 3000 })),
        async (raw) => {
          await parseWithinBound(raw);
        }
      ),
      { numRuns: 200 }
    );
  }, 60_000);

  const shapes: [string, () => string][] = [
    ["empty input", () => ""],
    ["a header without a body", () => "Subject: Undeliverable"],
    [
      "a 1 MB header line",
      () => `From: MAILER-DAEMON@x.example\r\nSubject: ${"Undeliverable ".repeat(80_000)}\r\n\r\nx`,
    ],
    [
      "ten thousand recipient blocks",
      () =>
        [
          "From: MAILER-DAEMON@x.example",
          "Content-Type: message/delivery-status",
          "",
          ...Array.from(
            { length: 10_000 },
            (_, i) => `Final-Recipient: rfc822; u${i}@x.example\nAction: failed\nStatus: 5.1.1\n`
          ),
        ].join("\n"),
    ],
    [
      "deeply nested multiparts",
      () =>
        "From: MAILER-DAEMON@x.example\r\n" +
        Array.from(
          { length: 500 },
          (_, i) => `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n`
        ).join(""),
    ],
    [
      "a line of addresses",
      () =>
        `From: postmaster@x.example\r\nSubject: failure notice\r\n\r\n${"a.b.c.d@e.f.g.h ".repeat(50_000)}`,
    ],
    [
      "an HTML notice of unclosed script tags",
      () =>
        `From: postmaster@x.example\r\nSubject: Undeliverable\r\nContent-Type: text/html\r\n\r\n${"<script>".repeat(60_000)}`,
    ],
    [
      "an HTML notice of unclosed angle brackets",
      () =>
        `From: postmaster@x.example\r\nSubject: Undeliverable\r\nContent-Type: text/html\r\n\r\n${"<".repeat(400_000)}`,
    ],
    [
      "a notice naming hundreds of recipients",
      () =>
        `From: MAILER-DAEMON@x.example\r\nSubject: failure notice\r\n\r\nI wasn't able to deliver your message.\r\n\r\n${Array.from(
          { length: 1000 },
          (_, i) =>
            `<user${i}@example.org>:\r\n550 5.1.1 user unknown, mailbox full, policy, spam, relay\r\n`
        ).join("")}`,
    ],
    [
      "pathological dots and digits",
      () =>
        `From: postmaster@x.example\r\nSubject: failure notice\r\n\r\n${"5.5.5.".repeat(100_000)} 550`,
    ],
  ];
  it.each(shapes)("%s", async (_name, build) => {
    await parseWithinBound(build());
  });
});
