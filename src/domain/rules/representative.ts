/** R2: with a signed IMM 5476 giving an email, everything goes to the representative. */
import { representativeEmail } from "../expected-recipient";
import type { Finding } from "../finding";
import { addressKey, allRecipients, finding, type EvaluationInput } from "./evaluation-input";

export function checkRepresentative({ caseRecord, draft }: EvaluationInput): Finding[] {
  const rep = caseRecord.representative;
  if (rep === null) return [];
  const repEmail = representativeEmail(caseRecord);
  if (repEmail === null) {
    if (rep.email !== null && rep.email.trim() !== "" && !rep.imm5476Signed) {
      return [finding("R2", "R2.imm5476-unsigned", "warn", { representative: rep.email.trim() })];
    }
    return rep.imm5476Signed ? [finding("R2", "R2.representative-without-email", "info")] : [];
  }
  const repKey = addressKey(repEmail);
  const applicantKeys = new Set(
    caseRecord.addresses.map((a) => addressKey(a.email)).filter((k) => k !== repKey)
  );
  const reported = new Set<string>();
  const findings: Finding[] = [];
  for (const r of allRecipients(draft)) {
    const key = addressKey(r.address);
    if (!applicantKeys.has(key) || reported.has(key)) continue;
    reported.add(key);
    findings.push(
      finding("R2", "R2.applicant-addressed", "block", {
        address: r.address.trim(),
        representative: repEmail,
        field: r.field,
      })
    );
  }
  return findings;
}
