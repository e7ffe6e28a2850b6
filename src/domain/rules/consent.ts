/** R1: email only with consent; otherwise post. Also warns when the address on file bounced. */
import { expectedRecipient } from "../expected-recipient";
import type { Finding } from "../finding";
import { addressKey, finding, type EvaluationInput } from "./evaluation-input";

export function checkConsent({ caseRecord }: EvaluationInput): Finding[] {
  const expected = expectedRecipient(caseRecord);
  if (expected.kind === "post") {
    return [finding("R1", "R1.no-consent", "block", { reason: expected.reason })];
  }
  // R10: a permanent bounce of the very address on file means the next step is post.
  const key = addressKey(expected.address);
  const bounce = caseRecord.bounces
    .filter((b) => b.permanent && addressKey(b.address) === key)
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : -1))[0];
  if (bounce === undefined) return [];
  return [
    finding("R1", "R1.address-bounced", "warn", {
      address: expected.address,
      date: bounce.occurredAt.slice(0, 10),
    }),
  ];
}
