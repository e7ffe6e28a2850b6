/**
 * `npm run bench [-- name ...]`: runs the benchmarks in this folder (`<name>.bench.ts`), all of them
 * when no name is given. Each benchmark prints JSON lines (medians, ratios against the peer measured
 * in the same run) and never asserts: goals are judged from the figures, not by timed unit tests.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

export interface BenchModule {
  run: (args: string[]) => Promise<void>;
}

async function main(): Promise<void> {
  const available = readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .map((f) => f.replace(/\.bench\.ts$/, ""))
    .sort();
  const [first, ...rest] = process.argv.slice(2);
  const selected = first === undefined ? available : [first];
  for (const name of selected) {
    if (!available.includes(name)) {
      process.stderr.write(
        `bench: unknown benchmark "${name}". Available: ${available.join(", ")}\n`
      );
      process.exitCode = 2;
      return;
    }
    const mod = (await import(join(__dirname, `${name}.bench.ts`))) as BenchModule;
    await mod.run(first === undefined ? [] : rest);
  }
}

void main();
