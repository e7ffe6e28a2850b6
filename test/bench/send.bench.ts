/**
 * `npm run bench -- send [runs] [--no-build]`: the OnMessageSend decision with the pane's case
 * snapshot at hand (session data), for 50 recipients and a 1 MB body: handleSend end to end over
 * in-memory item ports, beside the bare rules engine (evaluateMessage) on the same draft in the
 * same run, so the ratio is the handler's own cost. Then events.js as built for production:
 * minified and gzip bytes. Goals (DESIGN.md section 6): median under 20 ms, under 150 KB minified.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { minimumDeadline } from "../../src/domain/business-calendar";
import type { CaseRecord, Office } from "../../src/domain/case-record";
import { evaluateMessage } from "../../src/domain/evaluate-message";
import { formatLongDate } from "../../src/domain/long-date";
import type { Policy } from "../../src/domain/policy";
import { encodeHandoff } from "../../src/events/handoff";
import { officeToday } from "../../src/events/send-decision";
import {
  handleSend,
  type DraftFields,
  type SendEnvironment,
  type SendItemPort,
} from "../../src/events/send-handler";
import { median, percentile, printResult, round, timeRuns } from "./stats";

const root = resolve(__dirname, "../..");
const argsSchema = z.object({
  runs: z.coerce.number().int().min(5).max(10_000).default(200),
  build: z.boolean(),
});

const office: Office = {
  id: "office-west",
  name: { en: "Western Processing Office", fr: "Bureau de traitement de l'Ouest" },
  genericMailbox: "casework.west@example.org",
  timeZone: "America/Vancouver",
};
const policy: Policy = {
  internalDomains: ["example.org"],
  deadlineDays: { documents: 30, interview: 30 },
  deadlineDaysByCountry: {},
  holidays: [],
  noCaseLinked: "prompt",
};
const caseRecord: CaseRecord = {
  caseNumber: "B012345678",
  officeId: "office-west",
  language: "en",
  bilingual: true,
  countryOfResidence: "CA",
  applicantName: "Ana Silva",
  addresses: [
    {
      email: "ana.old@example.com",
      consent: "application-form",
      recordedAt: "2025-01-10T10:00:00Z",
      supersededAt: "2026-01-10T10:00:00Z",
    },
    {
      email: "ana.silva@example.com",
      consent: "application-form",
      recordedAt: "2026-01-10T10:00:00Z",
      supersededAt: null,
    },
  ],
  representative: null,
  bounces: [],
};

/** 50 recipients, 1 MB of body with the deadline in both languages near the end. */
function draftFields(now: Date, outside: boolean): { fields: DraftFields; deadline: string } {
  const today = officeToday(now, office, "UTC");
  const deadline = minimumDeadline(caseRecord, "documents", policy, today);
  const line =
    "Nous vous prions de fournir les documents demandés. Please provide the documents.\n";
  const filler = line.repeat(Math.ceil(1_000_000 / line.length)).slice(0, 1_000_000);
  const colleague = (i: number) => ({
    address: `${outside ? "person" : "colleague"}${i}@${outside ? "elsewhere.example.net" : "example.org"}`,
  });
  return {
    deadline,
    fields: {
      from: office.genericMailbox,
      to: [{ address: "ana.silva@example.com" }],
      cc: Array.from({ length: 30 }, (_, i) => colleague(i)),
      bcc: Array.from({ length: 19 }, (_, i) => colleague(100 + i)),
      subject: "B012345678: documents requested / documents demandés",
      bodyText: `${filler}\nBy ${formatLongDate(deadline, "en")} / au plus tard le ${formatLongDate(deadline, "fr")}.`,
    },
  };
}

function environment(
  now: Date,
  outside: boolean
): { env: SendEnvironment; fields: DraftFields; deadline: string } {
  const { fields, deadline } = draftFields(now, outside);
  const session = encodeHandoff({
    caseNumber: caseRecord.caseNumber,
    purpose: "documents",
    deadline,
    snapshot: caseRecord,
    snapshotAt: now.toISOString(),
  });
  const item: SendItemPort = {
    readDraft: async () => fields,
    readHandoff: async () => ({ correlationRef: null, session, property: null }),
    stampCorrelationRef: async () => true,
  };
  const env: SendEnvironment = {
    item,
    cases: null,
    readReceiptProbe: null,
    locale: "en",
    capabilities: { markdown: true, takeAction: true, promptUser: true },
    settings: {
      offices: [office],
      policy,
      timeZone: "UTC",
      snapshotMaxAgeMs: 8 * 60 * 60 * 1000,
      gatewayTimeoutMs: 2000,
    },
    now: () => now,
    newCorrelationRef: () => "cm-00000000-0000-4000-8000-000000000000",
  };
  return { env, fields, deadline };
}

function bundleSize(build: boolean): Record<string, unknown> {
  let file = join(root, "dist/events.js");
  let out: string | null = null;
  if (build) {
    out = mkdtempSync(join(tmpdir(), "casemail-bench-events-"));
    const cli = join(root, "node_modules/webpack-cli/bin/cli.js");
    const r = spawnSync(
      process.execPath,
      [cli, "--mode", "production", "--config-name", "events", "--output-path", out],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, ADDIN_BASE_URL: "https://casemail.example.com" },
      }
    );
    if (r.status !== 0) return { bundle: "build failed", detail: r.stderr.slice(-500) };
    file = join(out, "events.js");
  }
  if (!existsSync(file)) return { bundle: `no ${file}; run without --no-build` };
  const bytes = readFileSync(file);
  if (out !== null) rmSync(out, { recursive: true, force: true });
  return {
    minifiedBytes: bytes.byteLength,
    minifiedKiB: round(bytes.byteLength / 1024, 1),
    gzipBytes: gzipSync(bytes).byteLength,
    goalKiB: 150,
    underGoal: bytes.byteLength < 150 * 1024,
    source: build ? "fresh production build" : file,
  };
}

export async function run(args: string[]): Promise<void> {
  const parsed = argsSchema.safeParse({
    runs: args.find((a) => !a.startsWith("--")),
    build: !args.includes("--no-build"),
  });
  if (!parsed.success) {
    process.stderr.write("bench send: usage: npm run bench -- send [runs 5..10000] [--no-build]\n");
    process.exitCode = 2;
    return;
  }
  const { runs, build } = parsed.data;
  const now = new Date();
  for (const variant of ["compliant", "blocked"] as const) {
    const { env, fields, deadline } = environment(now, variant === "blocked");
    const check = await handleSend(env);
    const draft = {
      ...fields,
      purpose: "documents" as const,
      deadline,
      readReceiptRequested: false,
    };
    const today = officeToday(now, office, "UTC");
    const engine = () => evaluateMessage({ caseRecord, office, draft, policy, today });
    const handler = await timeRuns(() => handleSend(env), runs, 5);
    const peer = await timeRuns(engine, runs, 5);
    printResult({
      bench: "send",
      variant,
      outcome: check.outcome,
      recipients: fields.to.length + fields.cc.length + fields.bcc.length,
      bodyBytes: fields.bodyText.length,
      runs,
      medianMs: round(median(handler)),
      p95Ms: round(percentile(handler, 95)),
      peer: "evaluateMessage (rules engine alone, same draft)",
      peerMedianMs: round(median(peer)),
      ratioToPeer: round(median(handler) / median(peer), 2),
      goalMs: 20,
      underGoal: median(handler) < 20,
    });
  }
  printResult({ bench: "send", artifact: "events.js", ...bundleSize(build) });
}
