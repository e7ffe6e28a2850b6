/** What the rules engine returns: one finding per problem or notable fact, never a thrown error. */

export type RuleId = "R1" | "R2" | "R3" | "R4" | "R5" | "R11";
export const ruleIds: readonly RuleId[] = ["R1", "R2", "R3", "R4", "R5", "R11"];
export type Severity = "block" | "warn" | "info";

/** Every code the engine emits; each is a key of the `domain` message catalogue. */
export const findingCodes = [
  "R1.no-consent",
  "R1.address-bounced",
  "R2.applicant-addressed",
  "R2.imm5476-unsigned",
  "R2.representative-without-email",
  "R3.recipient-missing",
  "R3.expected-not-in-to",
  "R3.local-part-case",
  "R3.near-miss",
  "R3.superseded-address",
  "R3.outside-recipient",
  "R3.invalid-address",
  "R4.purpose-unknown",
  "R4.today-invalid",
  "R4.deadline-missing",
  "R4.deadline-invalid",
  "R4.deadline-too-soon",
  "R4.deadline-not-business-day",
  "R4.date-not-in-body",
  "R5.wrong-sender",
  "R5.sender-unknown",
  "R5.office-unknown",
  "R11.read-receipt",
  "R11.read-receipt-unknown",
] as const;
export type FindingCode = (typeof findingCodes)[number];

export interface Finding {
  rule: RuleId;
  /** Stable machine code, also the message catalogue key (for example `R3.near-miss`). */
  code: string;
  severity: Severity;
  /** Values the message shows (addresses, dates, days); strings and numbers only. */
  params: Readonly<Record<string, string | number>>;
}

export function blocks(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "block");
}

export type RuleStatus = "pass" | "warn" | "block";

/** The checklist view: each rule's worst finding (info counts as a pass). */
export function ruleStatuses(findings: readonly Finding[]): Record<RuleId, RuleStatus> {
  const statuses = Object.fromEntries(ruleIds.map((r) => [r, "pass"])) as Record<
    RuleId,
    RuleStatus
  >;
  for (const f of findings) {
    if (f.severity === "block") statuses[f.rule] = "block";
    else if (f.severity === "warn" && statuses[f.rule] === "pass") statuses[f.rule] = "warn";
  }
  return statuses;
}
