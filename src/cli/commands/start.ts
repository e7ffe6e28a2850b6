/**
 * `npm start`, for now: runs `check` on every sample scenario in test/fixtures/scenarios/ and prints
 * a readable summary of each, so a fresh clone shows the rules engine at work.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { CliCommand, CliIo } from "../main";
import { checkScenario, parseScenario } from "./check";

export const sampleScenarioDir = resolve(__dirname, "../../../test/fixtures/scenarios");

const marks = { block: "BLOCK", warn: "WARN ", info: "INFO " } as const;

/** Prints one block per scenario; returns how many scenario files could not be read or parsed. */
export async function summarizeScenarios(dir: string, io: CliIo): Promise<number> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  let invalid = 0;
  for (const file of files) {
    const parsed = parseScenario(await readFile(join(dir, file), "utf8"));
    if (!parsed.ok) {
      invalid++;
      io.stderr(`${file}: invalid scenario: ${parsed.error}`);
      continue;
    }
    const report = checkScenario(parsed.scenario);
    const lines = [
      `${file}: ${report.blocks ? "BLOCKED" : "may be sent"} (${report.findings.length} finding(s), today ${report.today})`,
    ];
    if (parsed.scenario.description) lines.push(`  ${parsed.scenario.description}`);
    for (const f of report.findings) {
      lines.push(`  ${marks[f.severity]} ${f.code}: ${f.message.en}`);
      lines.push(`        ${f.message.fr}`);
    }
    io.stdout(lines.join("\n"));
  }
  io.stdout(
    `${files.length - invalid} scenario(s) checked${invalid ? `, ${invalid} invalid` : ""}.`
  );
  return invalid;
}

export const run: CliCommand = async (argv, io) => {
  const dir = argv[0] ?? sampleScenarioDir;
  try {
    return (await summarizeScenarios(dir, io)) === 0 ? 0 : 1;
  } catch {
    io.stderr(`start: cannot read the scenarios in ${dir}`);
    return 2;
  }
};
