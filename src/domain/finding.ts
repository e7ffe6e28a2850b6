/** What the rules engine returns: one finding per problem or notable fact, never a thrown error. */

export type RuleId = "R1" | "R2" | "R3" | "R4" | "R5" | "R11";
export type Severity = "block" | "warn" | "info";

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
