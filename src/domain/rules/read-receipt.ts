/** R11: no read receipt; it proves nothing once the message leaves the department. */
import type { Finding } from "../finding";
import { finding, type EvaluationInput } from "./evaluation-input";

export function checkReadReceipt({ draft }: EvaluationInput): Finding[] {
  if (draft.readReceiptRequested === true) return [finding("R11", "R11.read-receipt", "block")];
  if (draft.readReceiptRequested === null) {
    return [finding("R11", "R11.read-receipt-unknown", "info")];
  }
  return [];
}
