/** R5: the message leaves from the generic mailbox of the office that holds the case. */
import type { Finding } from "../finding";
import { addressKey, finding, type EvaluationInput } from "./evaluation-input";

export function checkGenericMailbox({ caseRecord, office, draft }: EvaluationInput): Finding[] {
  // An unconfigured office is the administrator's to fix; the officer is told, not stopped.
  if (office === null || office.id !== caseRecord.officeId) {
    return [finding("R5", "R5.office-unknown", "warn", { officeId: caseRecord.officeId })];
  }
  const expected = office.genericMailbox.trim();
  if (draft.from === null) return [finding("R5", "R5.sender-unknown", "warn", { expected })];
  if (addressKey(draft.from) === addressKey(expected)) return [];
  return [finding("R5", "R5.wrong-sender", "block", { from: draft.from.trim(), expected })];
}
