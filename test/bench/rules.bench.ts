/**
 * The heart of the send check: the full rules evaluation for a message with 50 recipients and a
 * 1 MB body (goal: median under 2 ms). The deadline sits at the end of the body, so the date
 * search reads all of it. Printed as one JSON line.
 */
import { evaluateMessage, type EvaluationInput } from "../../src/domain/evaluate-message";
import type { CaseRecord } from "../../src/domain/case-record";
import { defaultPolicy } from "../../src/domain/policy";
import { median, percentile, printResult, round, timeRuns } from "./stats";

function input(): EvaluationInput {
  const caseRecord: CaseRecord = {
    caseNumber: "B012345678",
    officeId: "office-west",
    language: "fr",
    bilingual: true,
    countryOfResidence: "IN",
    applicantName: "Ana Silva",
    addresses: Array.from({ length: 10 }, (_, i) => ({
      email: i === 9 ? "ana.silva@mail.example.com" : `ana.silva${i}@old.example.com`,
      consent: "application-form" as const,
      recordedAt: `2026-0${(i % 9) + 1}-01T00:00:00Z`,
      supersededAt: i === 9 ? null : "2026-10-01T00:00:00Z",
    })),
    representative: null,
    bounces: [],
  };
  // 50 recipients: the right one, internal copies, near misses and outsiders (the slow paths).
  const to = [{ address: "ana.silva@mail.example.com" }];
  const cc = Array.from({ length: 25 }, (_, i) => ({
    address: i % 2 === 0 ? `officer${i}@example.org` : `ana.silv${i}@mail.example.com`,
  }));
  const bcc = Array.from({ length: 24 }, (_, i) => ({ address: `someone.else${i}@example.net` }));
  const filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. 12 mars 2026. ";
  const body = `${filler.repeat(Math.ceil(1_000_000 / filler.length))}\nau plus tard le 18 janvier 2027\nby January 18, 2027`;
  return {
    caseRecord,
    office: {
      id: "office-west",
      name: { en: "Western Processing Office", fr: "Bureau de traitement de l'Ouest" },
      genericMailbox: "casework.west@example.org",
    },
    draft: {
      from: "casework.west@example.org",
      to,
      cc,
      bcc,
      subject: "Demande de documents - demande B012345678",
      bodyText: body,
      purpose: "documents",
      deadline: "2027-01-18",
      readReceiptRequested: false,
    },
    policy: {
      ...defaultPolicy,
      internalDomains: ["example.org"],
      deadlineDaysByCountry: { IN: { documents: 45 } },
    },
    today: "2026-12-04",
  };
}

export async function run(args: string[]): Promise<void> {
  const runs = Number(args[0] ?? 200);
  const data = input();
  const recipients = data.draft.to.length + data.draft.cc.length + data.draft.bcc.length;
  const findings = evaluateMessage(data);
  const times = await timeRuns(() => evaluateMessage(data), runs, 20);
  printResult({
    bench: "rules",
    median_ms: round(median(times)),
    p95_ms: round(percentile(times, 95)),
    runs,
    goal_ms: 2,
    recipients,
    body_bytes: Buffer.byteLength(data.draft.bodyText),
    findings: findings.length,
  });
}
