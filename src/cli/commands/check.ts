/**
 * `casemail check <scenario.json> [--config config.json]`: runs the rules engine on one scenario
 * (a case, its office, a message, a policy, today's date) and prints the findings as JSON with their
 * English and French messages. Exit 1 when a finding blocks, 0 otherwise, 2 on invalid input.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { defaultConfig } from "../../config/default-config";
import { findOffice, policyFromConfig } from "../../config/policy-from-config";
import type { CasemailConfig } from "../../config/schema";
import { readConfigFile } from "../../config/read-config-file";
import { todayInZone } from "../../domain/calendar-date";
import type { Office } from "../../domain/case-record";
import { evaluateMessage } from "../../domain/evaluate-message";
import { blocks, findingCodes, type Finding } from "../../domain/finding";
import type { Policy } from "../../domain/policy";
import {
  caseRecordSchema,
  isoDateSchema,
  messageDraftSchema,
  officeSchema,
  policySchema,
} from "../../domain/schemas";
import { findingText } from "../../i18n/messages/domain";
import type { CliCommand } from "../main";

export const scenarioSchema = z
  .object({
    $comment: z.string().optional(),
    /** What the scenario shows, for people reading the samples. */
    description: z.string().optional(),
    case: caseRecordSchema,
    /** The office that holds the case; by default the configured office of `case.officeId`. */
    office: officeSchema.optional(),
    message: messageDraftSchema,
    /** Overrides of the configured policy, field by field. */
    policy: policySchema.partial().optional(),
    /** YYYY-MM-DD; by default today in the office's time zone. */
    today: isoDateSchema.optional(),
    /** What the scenario should produce; `check` ignores it, the sample tests compare with it. */
    expect: z
      .object({
        blocks: z.boolean(),
        codes: z.array(z.enum(findingCodes)),
      })
      .optional(),
  })
  .strict();

export type Scenario = z.output<typeof scenarioSchema>;

export interface CheckedFinding extends Finding {
  message: { en: string; fr: string };
  fix: { en: string; fr: string };
}

export interface CheckReport {
  blocks: boolean;
  today: string;
  findings: CheckedFinding[];
}

export function scenarioPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (out, key) =>
      typeof key === "number"
        ? `${out}[${key}]`
        : out === ""
          ? String(key)
          : `${out}.${String(key)}`,
    ""
  );
}

/** Parses scenario JSON text; the error names the first bad field. */
export function parseScenario(
  text: string
): { ok: true; scenario: Scenario } | { ok: false; error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      error: `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success) return { ok: true, scenario: parsed.data };
  const issue = parsed.error.issues[0];
  if (issue === undefined) return { ok: false, error: "invalid scenario" };
  const where = scenarioPath(issue.path) || "(root)";
  const detail =
    issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.join(", ")}` : issue.message;
  return { ok: false, error: `${where}: ${detail}` };
}

/** Evaluates a scenario against a configuration (the embedded defaults unless given). */
export function checkScenario(
  scenario: Scenario,
  config: CasemailConfig = defaultConfig,
  now: Date = new Date()
): CheckReport {
  const office: Office | null = scenario.office ?? findOffice(config, scenario.case.officeId);
  const policy: Policy = { ...policyFromConfig(config), ...scenario.policy };
  const today = scenario.today ?? todayInZone(now, office?.timeZone ?? "UTC");
  const findings = evaluateMessage({
    caseRecord: scenario.case,
    office,
    draft: scenario.message,
    policy,
    today,
  });
  return {
    blocks: blocks(findings),
    today,
    findings: findings.map((f) => {
      const en = findingText(f, "en");
      const fr = findingText(f, "fr");
      return { ...f, message: { en: en.message, fr: fr.message }, fix: { en: en.fix, fr: fr.fix } };
    }),
  };
}

const argsSchema = z.array(z.string()).transform((argv, ctx) => {
  let file: string | undefined;
  let config: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--config") {
      config = argv[++i];
      if (config === undefined) ctx.addIssue({ code: "custom", message: "--config needs a file" });
    } else if (arg.startsWith("-")) {
      ctx.addIssue({ code: "custom", message: `unknown option ${arg}` });
    } else if (file === undefined) {
      file = arg;
    } else {
      ctx.addIssue({ code: "custom", message: `unexpected argument ${arg}` });
    }
  }
  if (file === undefined) ctx.addIssue({ code: "custom", message: "missing <scenario.json>" });
  return { file: file ?? "", config };
});

export const usage =
  "Usage: casemail check <scenario.json> [--config config.json]\n       casemail check --schema";

/** The scenario format as JSON Schema (docs/scenario.schema.json is this output). */
export function scenarioJsonSchema(): unknown {
  return z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
}

export const run: CliCommand = async (argv, io) => {
  if (argv.length === 1 && argv[0] === "--schema") {
    io.stdout(JSON.stringify(scenarioJsonSchema(), null, 2));
    return 0;
  }
  const args = argsSchema.safeParse(argv);
  if (!args.success) {
    io.stderr(`check: ${args.error.issues[0]?.message ?? "invalid arguments"}\n${usage}`);
    return 2;
  }
  let config = defaultConfig;
  if (args.data.config !== undefined) {
    const loaded = await readConfigFile(args.data.config);
    if (!loaded.ok) {
      io.stderr(`check: ${loaded.error}`);
      return 2;
    }
    config = loaded.config;
  }
  let text: string;
  try {
    text = await readFile(args.data.file, "utf8");
  } catch {
    io.stderr(`check: cannot read ${args.data.file}`);
    return 2;
  }
  const parsed = parseScenario(text);
  if (!parsed.ok) {
    io.stderr(`check: ${args.data.file}: ${parsed.error}`);
    return 2;
  }
  const report = checkScenario(parsed.scenario, config);
  io.stdout(JSON.stringify(report, null, 2));
  return report.blocks ? 1 : 0;
};
