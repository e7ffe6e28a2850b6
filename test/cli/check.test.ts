import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseScenario } from "../../src/cli/commands/check";
import { runCli, type CliIo } from "../../src/cli/main";

const scenarios = resolve(__dirname, "../fixtures/scenarios");
const sampleFiles = readdirSync(scenarios)
  .filter((f) => f.endsWith(".json"))
  .sort();

function capture(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

async function check(...args: string[]) {
  const io = capture();
  const code = await runCli(["check", ...args], io);
  return { code, out: io.out.join("\n"), err: io.err.join("\n") };
}

type Base = Record<string, Record<string, unknown>>;

const tmp = mkdtempSync(join(tmpdir(), "casemail-check-"));
function scenarioFile(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

describe("casemail check", () => {
  test("at least 8 sample scenarios, together covering every rule's block and warn paths", () => {
    expect(sampleFiles.length).toBeGreaterThanOrEqual(8);
    const codes = new Set<string>();
    for (const file of sampleFiles) {
      const parsed = parseScenario(readFileSync(join(scenarios, file), "utf8"));
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
      for (const c of parsed.scenario.expect?.codes ?? []) codes.add(c);
    }
    for (const rule of ["R1", "R2", "R3", "R4", "R5", "R11"]) {
      expect([...codes].some((c) => c.startsWith(`${rule}.`))).toBe(true);
    }
  });

  test.each(sampleFiles)(
    "R1-R11 sample %s gives its expected findings and exit code",
    async (file) => {
      const expected = JSON.parse(readFileSync(join(scenarios, file), "utf8")).expect as {
        blocks: boolean;
        codes: string[];
      };
      const { code, out, err } = await check(join(scenarios, file));
      expect(err).toBe("");
      const report = JSON.parse(out) as {
        blocks: boolean;
        findings: Array<{
          code: string;
          message: { en: string; fr: string };
          fix: { en: string; fr: string };
        }>;
      };
      expect(report.findings.map((f) => f.code)).toEqual(expected.codes);
      expect(report.blocks).toBe(expected.blocks);
      expect(code).toBe(expected.blocks ? 1 : 0);
      for (const f of report.findings) {
        for (const text of [f.message.en, f.message.fr, f.fix.en, f.fix.fr]) {
          expect(text.length).toBeGreaterThan(0);
          expect(text).not.toMatch(/\{\w+\}/); // every placeholder filled
        }
      }
    }
  );

  test("R5 the office defaults to the configured office of the case, today to the office's zone", async () => {
    const base = JSON.parse(readFileSync(join(scenarios, "01-all-rules-pass.json"), "utf8"));
    delete base.today;
    delete base.expect;
    base.case.officeId = "office-east";
    const { out } = await check(scenarioFile("mtl.json", base));
    const report = JSON.parse(out);
    expect(report.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(report.findings.map((f: { code: string }) => f.code)).toContain("R5.wrong-sender");
    expect(
      report.findings.find((f: { code: string }) => f.code === "R5.wrong-sender").params.expected
    ).toBe("casework.east@example.org");
  });

  test("R4 --config supplies the policy (country minimums) and offices", async () => {
    const base = JSON.parse(readFileSync(join(scenarios, "01-all-rules-pass.json"), "utf8"));
    base.case.countryOfResidence = "IN";
    const path = scenarioFile("india.json", base);
    expect((await check(path)).code).toBe(0);
    const config = resolve(__dirname, "../../config.sample.json");
    const withConfig = await check(path, "--config", config);
    expect(withConfig.code).toBe(1);
    expect(withConfig.out).toContain("R4.deadline-too-soon");
  });

  test.each([
    ["no file", [], /missing <scenario.json>/],
    ["two files", ["a.json", "b.json"], /unexpected argument b.json/],
    ["an unknown option", ["--fast", "a.json"], /unknown option --fast/],
    ["--config without a file", ["a.json", "--config"], /--config needs a file/],
    ["a missing file", [join(tmp, "absent.json")], /cannot read/],
  ])("exit 2 on bad arguments: %s", async (_name, args, message) => {
    const { code, err, out } = await check(...(args as string[]));
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe("");
  });

  test.each([
    ["not JSON", (_b: Base) => "{", /: not valid JSON/],
    ["no case", (b: Base) => ({ ...b, case: undefined }), /: case: /],
    [
      "a bad case language",
      (b: Base) => ({ ...b, case: { ...b.case, language: "es" } }),
      /: case\.language: /,
    ],
    [
      "a bad country code",
      (b: Base) => ({ ...b, case: { ...b.case, countryOfResidence: "CAN" } }),
      /: case\.countryOfResidence: expected an ISO 3166-1 alpha-2/,
    ],
    ["an unknown field", (b: Base) => ({ ...b, extra: 1 }), /: unknown field extra$/],
    [
      "a bad recipient list",
      (b: Base) => ({ ...b, message: { ...b.message, to: "ana@example.com" } }),
      /: message\.to: /,
    ],
    [
      "a bad deadline",
      (b: Base) => ({ ...b, message: { ...b.message, deadline: "2027-02-30" } }),
      /: message\.deadline: expected a calendar date/,
    ],
    [
      "a bad expected code",
      (b: Base) => ({ ...b, expect: { blocks: true, codes: ["R9.nope"] } }),
      /: expect\.codes\[0\]: /,
    ],
  ])("exit 2 on an invalid scenario: %s", async (_name, make, message) => {
    const base = JSON.parse(
      readFileSync(join(scenarios, "01-all-rules-pass.json"), "utf8")
    ) as Base;
    const { code, err, out } = await check(scenarioFile("bad.json", make(base)));
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe("");
  });

  test("--schema prints the scenario JSON Schema, the one in docs/scenario.schema.json", async () => {
    const { code, out } = await check("--schema");
    expect(code).toBe(0);
    const schema = JSON.parse(out) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["case", "office", "message", "policy", "today", "expect"])
    );
    expect(schema.required).toEqual(["case", "message"]);
    const documented = readFileSync(resolve(__dirname, "../../docs/scenario.schema.json"), "utf8");
    expect(JSON.parse(documented)).toEqual(schema);
  });
});
