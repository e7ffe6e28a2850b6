/**
 * Builds a small entry that uses `z.iso` with the task pane's webpack resolution and module rules
 * (production optimizations, for Node), for zod-esm-bundle.test.ts. Its own process
 * (`tsx test/browser/zod-esm-build.ts <outDir>`): the config loads TypeScript through tsx.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import webpack from "webpack";

type ConfigFactory = (
  env: Record<string, unknown>,
  argv: { mode: string }
) => webpack.Configuration[];

const root = path.resolve(__dirname, "../..");

const entrySource = `import { z } from "zod";
console.log(JSON.stringify({
  isoDate: z.iso.date().safeParse("2027-01-15").success,
  isoDateMonth13: z.iso.date().safeParse("2027-13-01").success,
  isoDateTime: z.iso.datetime().safeParse("2027-01-15T10:00:00Z").success,
  dateOfString: z.date().safeParse("2027-01-15").success,
  coerced: z.coerce.number().parse("3"),
}));
`;

async function main(outDir: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(path.join(root, "webpack.config.js")) as ConfigFactory;
  const pane = factory({}, { mode: "development" }).find((c) => c.name === "taskpane");
  if (!pane) throw new Error("webpack.config.js has no taskpane config");
  const entry = path.join(outDir, "entry.js");
  writeFileSync(entry, entrySource);
  const compiler = webpack({
    mode: "production",
    target: "node",
    context: root,
    entry,
    devtool: false,
    resolve: { ...pane.resolve, modules: [path.join(root, "node_modules"), "node_modules"] },
    module: pane.module,
    output: { path: outDir, filename: "bundle.js" },
  });
  const stats = await new Promise<webpack.Stats>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error) : resolve(result)))
  );
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
}

const [outDir] = process.argv.slice(2);
if (!outDir) {
  process.stderr.write("usage: zod-esm-build.ts <outDir>\n");
  process.exit(2);
}
main(path.resolve(outDir)).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
);
