/**
 * The task pane bundles zod's ESM build (tree-shaken) instead of its CommonJS one. webpack 5 gets
 * `z.iso.date` wrong there unless zod's `external.js` keeps its own module (webpack.config.js,
 * zodNamespaceRule): it resolves to the top-level `z.date`, which refuses every YYYY-MM-DD string.
 * This builds `z.iso` uses with the pane's own resolution and rules, and runs them.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { repoRoot } from "./harness";

function run(file: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(file, args, { cwd: repoRoot }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${path.basename(args[1] ?? file)} failed: ${stderr.slice(-1500)}`))
        : resolve(stdout)
    )
  );
}

describe("zod's ESM build as the task pane bundles it", () => {
  let dir: string;
  let output: unknown;
  let bundleBytes: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "casemail-zod-esm-"));
    const tsxCli = path.join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs");
    await run(process.execPath, [tsxCli, path.join(__dirname, "zod-esm-build.ts"), dir]);
    const bundle = path.join(dir, "bundle.js");
    bundleBytes = readFileSync(bundle).length;
    output = JSON.parse(await run(process.execPath, [bundle]));
  }, 180_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("z.iso.date() takes a calendar date and refuses a month 13; z.date() stays z.date()", () => {
    expect(output).toEqual({
      isoDate: true,
      isoDateMonth13: false,
      isoDateTime: true,
      dateOfString: false,
      coerced: 3,
    });
  });

  test("is tree-shaken: far smaller than zod's CommonJS build with all its locales", () => {
    // The CommonJS build alone is over 300 KB minified; this entry's ESM bundle is about 75 KB.
    expect(bundleBytes).toBeLessThan(150 * 1024);
  });
});
