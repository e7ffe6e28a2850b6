/**
 * `npm run bench -- pane [runs]`: the task pane's initial JavaScript (gzip bytes) and the median time
 * from navigation to the checklist shown in the workbench (real gateway, demo case), beside a
 * minimal React + Fluent UI page (pane-peer.tsx) built with the same webpack settings in the same
 * run and timed from navigation to its first content. Goals: under 300 KB gzip; under 1 s.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import HtmlWebpackPlugin from "html-webpack-plugin";
import webpack from "webpack";
import { z } from "zod";
import { hasChromium, launchChromium, repoRoot, startWorkbench } from "../browser/harness";
import { median, printResult, round } from "./stats";

type ConfigFactory = (
  env: Record<string, unknown>,
  argv: { mode: string }
) => webpack.Configuration[];

/** The pane's webpack configuration with its workbench, optimized as in production. */
function configs(outDir: string): webpack.Configuration[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(path.join(repoRoot, "webpack.config.js")) as ConfigFactory;
  const all = factory({}, { mode: "development" });
  const pane = all.find((c) => c.name === "taskpane");
  const events = all.find((c) => c.name === "events");
  if (!pane || !events) throw new Error("webpack.config.js has no taskpane or events config");
  const optimized = { mode: "production" as const, devtool: false as const };
  const peer: webpack.Configuration = {
    ...pane,
    ...optimized,
    name: "peer",
    entry: { peer: "./test/bench/pane-peer.tsx" },
    output: {
      ...pane.output,
      path: path.join(outDir, "peer"),
      filename: "[name].[contenthash:8].js",
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "peer.html",
        chunks: ["peer"],
        templateContent:
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Peer</title></head><body><div id="root"></div></body></html>',
      }),
    ],
  };
  return [
    {
      ...pane,
      ...optimized,
      output: { ...pane.output, path: outDir, filename: "[name].[contenthash:8].js" },
    },
    { ...events, output: { ...events.output, path: outDir } },
    peer,
  ];
}

/** Gzip bytes of the scripts a page loads from its own origin (office.js comes from Microsoft's CDN). */
function initialJsGzip(dir: string, html: string): number {
  const page = readFileSync(path.join(dir, html), "utf8");
  const sources = [...page.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
    .map((m) => m[1] as string)
    .filter((src) => !/^https?:/.test(src));
  return sources.reduce(
    (sum, src) => sum + gzipSync(readFileSync(path.join(dir, src)), { level: 9 }).length,
    0
  );
}

export async function run(args: string[]): Promise<void> {
  const runs = z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .parse(args[0] ?? undefined);
  const outDir = mkdtempSync(path.join(tmpdir(), "casemail-bench-pane-"));
  const compiler = webpack(configs(outDir));
  const stats = await new Promise<webpack.MultiStats>((resolve, reject) =>
    compiler.run((e, s) => (e || !s ? reject(e) : resolve(s)))
  );
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));

  const paneBytes = initialJsGzip(outDir, "taskpane.html");
  const peerBytes = initialJsGzip(path.join(outDir, "peer"), "peer.html");
  printResult({
    bench: "pane",
    metric: "initial-js-gzip-bytes",
    pane: paneBytes,
    peer: peerBytes,
    ratio: round(paneBytes / peerBytes, 2),
    goalBytes: 300 * 1024,
  });

  if (!hasChromium) {
    printResult({
      bench: "pane",
      metric: "navigation-to-checklist-ms",
      skipped: "/usr/bin/chromium absent",
    });
    rmSync(outDir, { recursive: true, force: true });
    return;
  }
  // The same gateway, static server and development token as the browser tests (the build is here).
  const wb = await startWorkbench(outDir);
  const browser = await launchChromium();
  const paneUrl = wb.url({ subject: "Request for documents B000100001" });
  // Each run in a fresh context: nothing cached, as a pane opening for the first time.
  const time = async (
    url: string,
    ready: (p: import("playwright-core").Page) => Promise<unknown>
  ) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(url);
    await ready(page);
    const ms = performance.now() - start;
    await context.close();
    return ms;
  };
  const paneTimes: number[] = [];
  const peerTimes: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const p = await time(paneUrl, (page) =>
        page.frameLocator("#pane").locator('[data-testid="checklist"] [data-rule="R5"]').waitFor()
      );
      const q = await time(`${wb.web.origin}/peer/peer.html`, (page) =>
        page.locator('[data-testid="ready"]').waitFor()
      );
      if (i > 0) {
        // The first pair warms Chromium and the gateway up; it is not counted.
        paneTimes.push(p);
        peerTimes.push(q);
      }
    }
  } finally {
    await browser.close();
    await wb.close();
    rmSync(outDir, { recursive: true, force: true });
  }
  printResult({
    bench: "pane",
    metric: "navigation-to-checklist-ms",
    runs,
    paneMedian: round(median(paneTimes), 1),
    peerMedian: round(median(peerTimes), 1),
    ratio: round(median(paneTimes) / median(peerTimes), 2),
    goalMs: 1000,
  });
}
