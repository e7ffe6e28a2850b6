/** What every rule reads: the case, its office, the draft, the policy and today's date. */
import type { CaseRecord, Office } from "../case-record";
import type { Finding, FindingCode, RuleId, Severity } from "../finding";
import type { MessageDraft, Recipient } from "../message-draft";
import type { Policy } from "../policy";

export interface EvaluationInput {
  caseRecord: CaseRecord;
  /** The office that holds the case, from the configuration; null when it is not configured. */
  office: Office | null;
  draft: MessageDraft;
  policy: Policy;
  /** YYYY-MM-DD in the office's time zone. */
  today: string;
}

export type RecipientField = "to" | "cc" | "bcc";

export interface FieldRecipient extends Recipient {
  field: RecipientField;
}

export function allRecipients(draft: MessageDraft): FieldRecipient[] {
  return [
    ...draft.to.map((r) => ({ ...r, field: "to" as const })),
    ...draft.cc.map((r) => ({ ...r, field: "cc" as const })),
    ...draft.bcc.map((r) => ({ ...r, field: "bcc" as const })),
  ];
}

export function finding(
  rule: RuleId,
  code: FindingCode,
  severity: Severity,
  params: Record<string, string | number> = {}
): Finding {
  return { rule, code, severity, params };
}

/** Lower-case comparable form of a whole address (for "is this one of the case's addresses"). */
export function addressKey(address: string): string {
  return address.trim().toLowerCase();
}
