/**
 * `npm run bench -- dsn [passes]`: delivery reports parsed per second over the fixture set
 * (../shared/fixtures/ndr), the median of several passes, beside postal-mime's own MIME parse
 * of the same files measured in the same run (the floor the parser builds on). Goal: > 1,000/s.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import PostalMime from "postal-mime";
import { z } from "zod";
import { parseDeliveryReport } from "../../src/dsn";
import { median, printResult, round, timeRuns } from "./stats";

const dir = path.resolve(__dirname, "../../../shared/fixtures/ndr");

export async function run(args: string[]): Promise<void> {
  const passes = z.coerce.number().int().min(3).max(100).default(9).safeParse(args[0]);
  if (!passes.success) {
    process.stderr.write("bench dsn: passes must be an integer from 3 to 100\n");
    process.exitCode = 2;
    return;
  }
  if (!fs.existsSync(dir)) {
    printResult({ bench: "dsn", skipped: `fixture folder ${dir} is absent` });
    return;
  }
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".eml"))
    .map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f))));
  const bytes = files.reduce((n, f) => n + f.byteLength, 0);

  const parseAll = async () => {
    for (const f of files) await parseDeliveryReport(f);
  };
  const mimeOnly = async () => {
    for (const f of files) {
      await PostalMime.parse(f, { forceRfc822Attachments: true, attachmentEncoding: "utf8" });
    }
  };
  // Interleave the two so that machine noise hits both alike. CPU time is kept as well: on a
  // shared machine it varies less than wall-clock time.
  const ours: number[] = [];
  const oursCpu: number[] = [];
  const peer: number[] = [];
  await timeRuns(parseAll, 0, 2);
  await timeRuns(mimeOnly, 0, 2);
  for (let i = 0; i < passes.data; i++) {
    const cpu = process.cpuUsage();
    ours.push(...(await timeRuns(parseAll, 1, 0)));
    oursCpu.push(process.cpuUsage(cpu).user / 1000);
    peer.push(...(await timeRuns(mimeOnly, 1, 0)));
  }
  const oursMs = median(ours);
  const peerMs = median(peer);
  printResult({
    bench: "dsn",
    reports: files.length,
    bytes,
    passes: passes.data,
    medianPassMs: round(oursMs, 1),
    reportsPerSecond: Math.round((files.length * 1000) / oursMs),
    goalReportsPerSecond: 1000,
    reportsPerCpuSecond: Math.round((files.length * 1000) / median(oursCpu)),
    loadAverage1m: round(os.loadavg()[0] ?? 0, 2),
    peer: "postal-mime parse only",
    peerMedianPassMs: round(peerMs, 1),
    peerReportsPerSecond: Math.round((files.length * 1000) / peerMs),
    ratioToPeer: round(oursMs / peerMs, 2),
  });
}
