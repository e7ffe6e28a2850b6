/**
 * Builds named configurations of webpack.config.js into a directory, through webpack's Node API.
 * Run as its own process (`tsx test/browser/build-bundles.ts <outDir> <mode> <name>...`): the
 * config loads TypeScript through tsx, which Jest's module loader does not allow in-process.
 */
import path from "node:path";
import webpack from "webpack";

type ConfigFactory = (
  env: Record<string, unknown>,
  argv: { mode: string }
) => webpack.Configuration[];

export async function buildBundles(
  outDir: string,
  names: readonly string[],
  mode: "development" | "production"
): Promise<webpack.MultiStats> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(path.resolve(__dirname, "../../webpack.config.js")) as ConfigFactory;
  const configs = factory({}, { mode })
    .filter((c) => names.includes(String(c.name)))
    .map((c) => ({ ...c, output: { ...c.output, path: outDir } }));
  if (configs.length !== names.length)
    throw new Error(`unknown webpack config in ${names.join(", ")}`);
  const compiler = webpack(configs);
  const stats = await new Promise<webpack.MultiStats>((resolve, reject) =>
    compiler.run((error, result) => (error || !result ? reject(error) : resolve(result)))
  );
  await new Promise<void>((resolve) => compiler.close(() => resolve()));
  if (stats.hasErrors())
    throw new Error(stats.toString({ all: false, errors: true }).slice(0, 4000));
  return stats;
}

if (require.main === module) {
  const [outDir, mode, ...names] = process.argv.slice(2);
  if (!outDir || (mode !== "development" && mode !== "production") || names.length === 0) {
    process.stderr.write("usage: build-bundles.ts <outDir> development|production <config>...\n");
    process.exit(2);
  }
  buildBundles(path.resolve(outDir), names, mode).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    }
  );
}
