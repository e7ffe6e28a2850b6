/**
 * `npm run bench -- msg [runs]`: MIME to .msg with our writer and with @tutao/oxmsg (a MsgKit
 * port) on the same three inputs, both behind the same postal-mime parse, in the same run.
 * Prints one JSON line per input: both medians, the ratio, both output sizes, our peak memory.
 *
 * Peak memory: sampling the heap cannot see inside synchronous code, so each input is converted
 * once in a fresh child process; the child builds the input, collects garbage, reads its peak
 * resident set (`process.resourceUsage().maxRSS`, a high-water mark that only grows), converts
 * once, and reads it again (after one tiny warm-up conversion, so that compiling the code is not
 * counted). The difference is what the conversion added at its peak, input
 * excluded; `peakMemoryRatio` divides it by the input size.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { messageModelToMsg, mimeToMsg } from "../../src/msg";
import { parseMime } from "../../src/msg/mime-source";
import { generatedBenchInputs } from "./msg-inputs";
import { median, printResult, round, timeRuns } from "./stats";

type OxmsgModule = typeof import("@tutao/oxmsg");

async function oxmsgConvert(ox: OxmsgModule, mime: Uint8Array): Promise<Uint8Array> {
  const e = await PostalMime.parse(mime);
  const email = new ox.Email(false, false);
  const from = e.from as { name?: string; address?: string } | undefined;
  if (from?.address) email.sender(from.address, from.name ?? "");
  for (const t of e.to ?? []) {
    const a = t as { name?: string; address?: string };
    if (a.address) email.to(a.address, a.name ?? "");
  }
  email.subject(e.subject ?? "");
  if (e.text !== undefined) email.bodyText(e.text);
  if (e.html !== undefined) email.bodyHtml(e.html);
  if (e.date !== undefined) email.sentOn(new Date(e.date));
  for (const a of e.attachments) {
    const data =
      a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : (a.content as Uint8Array);
    email.attach(new ox.Attachment(data, a.filename ?? "attachment", a.contentId ?? ""));
  }
  return email.msg();
}

/** In a child: the maxRSS growth (bytes) of one conversion of the MIME file `file`. */
async function measurePeakInChild(file: string): Promise<void> {
  const mime = new Uint8Array(readFileSync(file));
  // Warm up on a tiny message so that code compilation is not counted as conversion memory.
  await mimeToMsg(new TextEncoder().encode("From: a@example.com\r\nSubject: w\r\n\r\nw\r\n"));
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.resourceUsage().maxRSS * 1024;
  // "parse" mode measures postal-mime alone, to show how much of the peak is the parser's.
  const size =
    process.argv[4] === "parse"
      ? (await PostalMime.parse(mime.buffer, { forceRfc822Attachments: true })).attachments.length
      : (await mimeToMsg(mime)).length;
  const after = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ peak: after - before, size }));
}

/** The input goes through a file so that building it does not raise the child's high-water mark. */
function peakOf(mime: Uint8Array, mode: "convert" | "parse" = "convert"): number {
  const dir = mkdtempSync(join(tmpdir(), "casemail-bench-"));
  const file = join(dir, "input.eml");
  writeFileSync(file, mime);
  try {
    const r = spawnSync(
      process.execPath,
      ["--expose-gc", "--import", "tsx", __filename, "--peak-memory", file, mode],
      { encoding: "utf8", env: { ...process.env, CASEMAIL_BENCH_CHILD: "1" } }
    );
    const parsed = JSON.parse(r.stdout || "{}") as { peak?: number };
    return parsed.peak ?? Number.NaN;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(args: string[]): Promise<void> {
  const runs = Math.max(3, Number(args[0] ?? 9) || 9);
  const ox = (await import("@tutao/oxmsg")) as OxmsgModule;
  for (const input of generatedBenchInputs()) {
    const ours = await mimeToMsg(input.mime);
    const theirs = await oxmsgConvert(ox, input.mime);
    const oxRuns = input.name === "200-attachments" ? Math.min(runs, 3) : runs;
    // Ours and oxmsg alternate run by run, so that load from other processes hits both alike.
    const ourTimes: number[] = [];
    const oxTimes: number[] = [];
    for (let i = 0; i < runs; i++) {
      ourTimes.push(...(await timeRuns(() => mimeToMsg(input.mime), 1, i === 0 ? 2 : 0)));
      if (i < oxRuns)
        oxTimes.push(...(await timeRuns(() => oxmsgConvert(ox, input.mime), 1, i === 0 ? 1 : 0)));
    }
    const peak = peakOf(input.mime);
    const parsePeak = peakOf(input.mime, "parse");
    // Where our time goes: postal-mime's parse alone, and our writer on an already parsed model.
    const parseTimes = await timeRuns(
      () => PostalMime.parse(input.mime, { forceRfc822Attachments: true }),
      runs,
      1
    );
    const model = await parseMime(input.mime, { maxEmbeddingDepth: 8 });
    const writeTimes = await timeRuns(() => messageModelToMsg(model), runs, 1);
    const oursMs = median(ourTimes);
    const oxMs = median(oxTimes);
    printResult({
      bench: "msg",
      input: input.name,
      inputBytes: input.mime.length,
      runs,
      oxmsgRuns: oxRuns,
      oursMedianMs: round(oursMs, 1),
      oursParseMedianMs: round(median(parseTimes), 1),
      oursWriteMedianMs: round(median(writeTimes), 1),
      oxmsgMedianMs: round(oxMs, 1),
      speedup: round(oxMs / oursMs, 1),
      oursBytes: ours.length,
      oxmsgBytes: theirs.length,
      sizeRatio: round(ours.length / theirs.length, 3),
      oursPeakMemoryBytes: peak,
      peakMemoryRatio: round(peak / input.mime.length, 2),
      parseOnlyPeakMemoryBytes: parsePeak,
      loadAverage: round(loadavg()[0] ?? Number.NaN, 1),
    });
  }
}

if (require.main === module && process.argv[2] === "--peak-memory") {
  void measurePeakInChild(process.argv[3] ?? "");
}
