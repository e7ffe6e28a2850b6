/** The one entry point of the rules engine: every check of R1-R5 and R11 on a draft, in rule order. */
import type { Finding } from "./finding";
import { checkConsent } from "./rules/consent";
import { checkDeadline } from "./rules/deadline";
import type { EvaluationInput } from "./rules/evaluation-input";
import { checkGenericMailbox } from "./rules/generic-mailbox";
import { checkIdenticalRecipient } from "./rules/identical-recipient";
import { checkReadReceipt } from "./rules/read-receipt";
import { checkRepresentative } from "./rules/representative";

export type { EvaluationInput } from "./rules/evaluation-input";

const checks: ReadonlyArray<(input: EvaluationInput) => Finding[]> = [
  checkConsent,
  checkRepresentative,
  checkIdenticalRecipient,
  checkDeadline,
  checkGenericMailbox,
  checkReadReceipt,
];

export function evaluateMessage(input: EvaluationInput): Finding[] {
  return checks.flatMap((check) => check(input));
}
