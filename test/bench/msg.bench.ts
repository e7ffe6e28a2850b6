/**
 * `npm run bench -- msg [runs]`: MIME to .msg with our writer and with @tutao/oxmsg (a MsgKit
 * port) on the same three inputs, both behind the same postal-mime parse, in the same run.
 * Prints one JSON line per input: both medians, the ratio, both output sizes, our peak memory.
 *
 * Peak memory: sampling the heap cannot see inside synchronous code, so each input is converted
 * once in a fresh child process (`--expose-gc`). The child reads the input from a file, warms up
 * on a small message with the same kinds of parts (so that compiling the code paths is not
 * counted: it is paid once per process, not per message), collects garbage, resets the
 * kernel's resident-set high-water mark (`/proc/self/clear_refs`, Linux) and reads the current
 * resident set, converts once, and reads the high-water mark (VmHWM). The difference is what
 * the conversion added at its peak, input excluded (it was resident before), heap growth and
 * garbage not yet collected included; `peakMemoryRatio` divides it by the input size (the median
 * of five children; `peakMemoryRatioRange` gives the lowest and highest). Where the
 * reset is not available the child falls back to the growth of `maxRSS`, which can only
 * under-count (the mark may already be above the current resident set), and says so
 * (`peakMethod`).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import PostalMime from "postal-mime";
import { messageModelToMsg, mimeToMsg } from "../../src/msg";
import { parseMime } from "../../src/msg/mime-source";
import { mail } from "../msg/generated-messages";
import { pseudoRandomBytes } from "../msg/mime-builder";
import { generatedBenchInputs } from "./msg-inputs";
import { median, printResult, round, timeRuns } from "./stats";

type OxmsgModule = typeof import("@tutao/oxmsg");

const PEAK_CHILDREN = 5;

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

/** The current resident set and its high-water mark, in bytes, from /proc (Linux). */
function procMemory(): { rss: number; hwm: number } | undefined {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1]);
    const rss = kb("VmRSS");
    const hwm = kb("VmHWM");
    return Number.isFinite(rss) && Number.isFinite(hwm)
      ? { rss: rss * 1024, hwm: hwm * 1024 }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Resets VmHWM to the current resident set (Linux 4.0+); false where that is not possible. */
function resetHighWaterMark(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    const m = procMemory();
    return m !== undefined && m.hwm - m.rss < 64 * 1024;
  } catch {
    return false;
  }
}

/** A small message with the parts of the bench inputs: text, HTML, base64 attachments. */
function warmUpMessage(): Uint8Array {
  return mail({
    name: "bench-warm-up",
    subject: "Warm-up é",
    text: "Warm-up text é à ü — ".repeat(40),
    html: `<p>${"Warm-up HTML é à ü — ".repeat(40)}</p>`,
    files: [
      { name: "a.pdf", type: "application/pdf", bytes: pseudoRandomBytes(20_000, 5) },
      { name: "b.txt", type: "text/plain", bytes: pseudoRandomBytes(2_000, 6) },
    ],
  }).mime;
}

/** In a child: the resident-set growth (bytes) at the peak of one conversion of `file`. */
async function measurePeakInChild(file: string): Promise<void> {
  const mime = new Uint8Array(readFileSync(file));
  const parseOnly = process.argv[4] === "parse";
  const warm = warmUpMessage();
  for (let i = 0; i < 3; i++) {
    if (parseOnly) await PostalMime.parse(warm.slice().buffer, { forceRfc822Attachments: true });
    else await mimeToMsg(warm);
  }
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const exact = resetHighWaterMark();
  const before = exact ? (procMemory()?.rss ?? Number.NaN) : process.resourceUsage().maxRSS * 1024;
  // "parse" mode measures postal-mime alone on the whole message, for comparison.
  const size = parseOnly
    ? (await PostalMime.parse(mime.buffer, { forceRfc822Attachments: true })).attachments.length
    : (await mimeToMsg(mime)).length;
  const after = exact ? (procMemory()?.hwm ?? Number.NaN) : process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({ peak: after - before, size, method: exact ? "VmHWM-reset" : "maxRSS" })
  );
}

/** The input goes through a file so that building it does not raise the child's high-water mark. */
function peakOf(
  mime: Uint8Array,
  mode: "convert" | "parse" = "convert"
): { peak: number; method: string } {
  const dir = mkdtempSync(join(tmpdir(), "casemail-bench-"));
  const file = join(dir, "input.eml");
  writeFileSync(file, mime);
  try {
    const r = spawnSync(
      process.execPath,
      ["--expose-gc", "--import", "tsx", __filename, "--peak-memory", file, mode],
      { encoding: "utf8", env: { ...process.env, CASEMAIL_BENCH_CHILD: "1" } }
    );
    const parsed = JSON.parse(r.stdout || "{}") as { peak?: number; method?: string };
    return { peak: parsed.peak ?? Number.NaN, method: parsed.method ?? "failed" };
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
    // The kernel's resident-set counters are per thread and synced lazily (a few hundred KB of
    // slack), and garbage-collection timing varies with load: the median of five children.
    const peaks = Array.from({ length: PEAK_CHILDREN }, () => peakOf(input.mime));
    const peak = median(peaks.map((p) => p.peak));
    const parsePeak = peakOf(input.mime, "parse");
    // Where our time goes: our parse (skeleton, our decoding, postal-mime on the skeleton) to
    // the model, and our writer on an already parsed model.
    const parseTimes = await timeRuns(
      () => parseMime(input.mime, { maxEmbeddingDepth: 8 }),
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
      peakMemoryRatioRange: [
        round(Math.min(...peaks.map((p) => p.peak)) / input.mime.length, 2),
        round(Math.max(...peaks.map((p) => p.peak)) / input.mime.length, 2),
      ],
      wholeMessagePostalMimePeakBytes: parsePeak.peak,
      peakMethod: peaks[0]?.method,
      loadAverage: round(loadavg()[0] ?? Number.NaN, 1),
    });
  }
}

if (require.main === module && process.argv[2] === "--peak-memory") {
  void measurePeakInChild(process.argv[3] ?? "");
}
