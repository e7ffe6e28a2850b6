/**
 * R12: a sent transfer notice marks its transfer notified. Filing calls this once the notice is on
 * file (or noted), and the Transfers queue calls it for every listed transfer when it loads, so a
 * notice sent by any path is counted even where the filing step's own call failed.
 */
import type { Correspondence, Transfer } from "../gateway/contract";
import type { GatewayClient } from "../gateway/client";
import { GatewayError } from "../gateway/errors";

export type TransferNoticeClient = Pick<
  GatewayClient,
  "listCaseTransfers" | "recordTransferNotice"
>;

/**
 * Known as sent: the facts of sending recorded, or filed, noted (R8) or printed (R7), which only
 * happen to a sent copy. Pending is not sent yet; a bounced notice did not reach the applicant.
 */
export function noticeWasSent(c: Correspondence): boolean {
  if (c.purpose !== "transfer") return false;
  return ["sent", "filed", "noted", "print-required", "responded"].includes(c.status);
}

/**
 * The notice tells of this transfer: written for the case at the office it moved to, and recorded
 * after the move (a notice of an earlier transfer does not count for a later one).
 */
export function noticeCovers(c: Correspondence, t: Transfer): boolean {
  return (
    c.caseNumber === t.caseNumber &&
    c.officeId === t.toOfficeId &&
    t.reason === "processing" &&
    Date.parse(c.createdAt) >= Date.parse(t.transferredAt)
  );
}

/**
 * Records the notice for each open transfer it covers; returns the transfers now notified. A
 * transfer already told by another notice (409) is left as it is.
 */
export async function recordTransferNoticeFor(
  client: TransferNoticeClient,
  notice: Correspondence,
  transfers?: readonly Transfer[]
): Promise<Transfer[]> {
  if (!noticeWasSent(notice)) return [];
  const candidates = (transfers ?? (await client.listCaseTransfers(notice.caseNumber))).filter(
    (t) => !t.notified && noticeCovers(notice, t)
  );
  const done: Transfer[] = [];
  for (const t of candidates) {
    try {
      done.push(
        await client.recordTransferNotice(
          t.id,
          { correspondenceId: notice.id },
          { idempotencyKey: `${notice.id}:transfer-notice:${t.id}` }
        )
      );
    } catch (error) {
      if (error instanceof GatewayError && error.kind === "conflict") continue;
      throw error;
    }
  }
  return done;
}
