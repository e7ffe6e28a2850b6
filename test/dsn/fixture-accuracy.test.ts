/**
 * Accuracy against the sisimai fixture set (../shared/fixtures/ndr): the enhanced status code
 * must be right for at least 95% of the expected failed recipients and `permanent` must equal
 * the fixture's `hard` for at least 98%. Prints both figures.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { parseDeliveryReport, type ReportRecipient } from "../../src/dsn";

const dir = path.resolve(__dirname, "../../../shared/fixtures/ndr");
const present = fs.existsSync(path.join(dir, "expected.json"));
const maybe = present ? describe : describe.skip;
if (!present) console.warn(`dsn accuracy: skipped, fixture folder ${dir} is absent`);

const Expected = z.record(
  z.string(),
  z.array(
    z.object({ status: z.string(), replyCode: z.string(), reason: z.string(), hard: z.boolean() })
  )
);

/** Pairs expected and parsed recipients: same position first, else the next one unused. */
function pair<E>(expected: E[], got: ReportRecipient[]): [E, ReportRecipient | undefined][] {
  const used = new Set<number>();
  return expected.map((e, i) => {
    let j = i < got.length && !used.has(i) ? i : got.findIndex((_, k) => !used.has(k));
    if (j === -1) j = Number.NaN;
    const g = Number.isNaN(j) ? undefined : got[j];
    if (g !== undefined) used.add(j);
    return [e, g];
  });
}

maybe("delivery reports from about 50 mail systems", () => {
  it("gets the status code right for >= 95% and `permanent` for >= 98% of recipients", async () => {
    const expected = Expected.parse(
      JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8"))
    );
    let total = 0;
    let statusRight = 0;
    let permanentRight = 0;
    const misses: string[] = [];
    for (const [name, recipients] of Object.entries(expected)) {
      const report = await parseDeliveryReport(fs.readFileSync(path.join(dir, `${name}.eml`)));
      expect(report.kind).not.toBe("not-a-report");
      const failed = report.recipients.filter((r) => r.action !== "delivered");
      for (const [e, g] of pair(recipients, failed)) {
        total++;
        if (g?.status === e.status) statusRight++;
        else misses.push(`${name}: status ${g?.status ?? "-"}, expected ${e.status}`);
        if (g?.permanent === e.hard) permanentRight++;
        else misses.push(`${name}: permanent ${String(g?.permanent)}, expected ${e.hard}`);
      }
    }
    const statusRate = statusRight / total;
    const permanentRate = permanentRight / total;
    console.log(
      `dsn accuracy over ${total} recipients: status ${statusRight}/${total} ` +
        `(${(statusRate * 100).toFixed(1)}%), permanent ${permanentRight}/${total} ` +
        `(${(permanentRate * 100).toFixed(1)}%)\n  misses:\n  ${misses.join("\n  ")}`
    );
    expect(total).toBeGreaterThanOrEqual(150);
    expect(statusRate).toBeGreaterThanOrEqual(0.95);
    expect(permanentRate).toBeGreaterThanOrEqual(0.98);
  }, 60_000);

  it("matches recipients by address: every parsed failed recipient has a plausible address", async () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".eml"));
    let withAddress = 0;
    let all = 0;
    for (const f of files) {
      const report = await parseDeliveryReport(fs.readFileSync(path.join(dir, f)));
      for (const r of report.recipients) {
        all++;
        if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(r.address)) withAddress++;
      }
    }
    // A few reports name only a local alias ("kijitora") or nothing at all.
    expect(withAddress / all).toBeGreaterThanOrEqual(0.97);
  }, 60_000);

  it("reads the delivery reports of the MIME fixture set", async () => {
    const mime = path.resolve(dir, "../mime");
    const cases: [string, Partial<ReportRecipient>][] = [
      [
        "postal-mime-bounce.eml",
        {
          address: "htfgvhyufthdgcvhgjyfthgc@ethereal.email",
          status: "5.0.0",
          replyCode: "550",
          remoteHost: "mx.ethereal.email",
          permanent: true,
        },
      ],
      // Amazon SES suppression list: the address bounced hard before.
      [
        "mailparser-delivery-status.eml",
        { address: "xxxx@xxxx.com", status: "5.1.1", permanent: true },
      ],
    ];
    for (const [file, expected] of cases) {
      const report = await parseDeliveryReport(fs.readFileSync(path.join(mime, file)));
      expect(report.kind).toBe("failure");
      expect(report.recipients).toHaveLength(1);
      expect(report.recipients[0]).toMatchObject(expected);
    }
  });

  it("does not take ordinary messages for reports", async () => {
    const mime = path.resolve(dir, "../mime");
    const ordinary = [
      "mailparser-mixed.eml",
      "mailparser-nested.eml",
      "postal-mime-arf.eml",
      "postal-mime-calendar-event.eml",
      "postal-mime-mimetorture.eml",
      "postal-mime-mixed.eml",
    ].filter((f) => fs.existsSync(path.join(mime, f)));
    expect(ordinary.length).toBeGreaterThan(0);
    for (const f of ordinary) {
      const report = await parseDeliveryReport(fs.readFileSync(path.join(mime, f)));
      expect([f, report.kind]).toEqual([f, "not-a-report"]);
    }
  });
});
