import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sampleScenarioDir, summarizeScenarios } from "../../src/cli/commands/start";
import { runCli, type CliIo } from "../../src/cli/main";

function capture(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

describe("casemail start (scenario summary)", () => {
  test("summarizes every sample scenario with its findings in English and French", async () => {
    const io = capture();
    expect(await summarizeScenarios(sampleScenarioDir, io)).toBe(0);
    const text = io.out.join("\n");
    expect(text).toMatch(
      /01-all-rules-pass\.json: may be sent \(0 finding\(s\), today 2026-12-04\)/
    );
    expect(text).toMatch(/09-r11-read-receipt\.json: BLOCKED/);
    expect(text).toContain("BLOCK R11.read-receipt: A read receipt is requested.");
    expect(text).toContain("Un accusé de lecture est demandé.");
    expect(text).toMatch(/\d+ scenario\(s\) checked\.$/);
    expect(io.err).toEqual([]);
  });

  test("an invalid scenario is reported and makes start exit 1; a missing folder exits 2", async () => {
    const dir = mkdtempSync(join(tmpdir(), "casemail-start-"));
    writeFileSync(join(dir, "broken.json"), "{}");
    writeFileSync(join(dir, "notes.txt"), "ignored");
    const io = capture();
    expect(await runCli(["start", dir], io)).toBe(1);
    expect(io.err.join("\n")).toMatch(/broken\.json: invalid scenario: case: /);
    expect(io.out.join("\n")).toContain("0 scenario(s) checked, 1 invalid.");
    const missing = capture();
    expect(await runCli(["start", join(dir, "nope")], missing)).toBe(2);
    expect(missing.err.join("\n")).toMatch(/cannot read the scenarios/);
  });
});
