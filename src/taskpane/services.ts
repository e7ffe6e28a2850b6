/**
 * What the pane needs from outside React: the case gateway, the rules settings, the clock and the
 * id source. Injected, so component tests run the real views on a fake gateway and fixed date.
 */
import type { Policy } from "../domain/policy";
import type { GatewayClient } from "../gateway";
import type { PaneFiling } from "./filing/pane-filing";
import type { PaneFollowups } from "./followups/pane-followups";
import type { PaneBounces } from "./followups/pane-bounces";

export type PaneGateway = Pick<
  GatewayClient,
  | "getCase"
  | "getOffice"
  | "listOffices"
  | "recordPendingCorrespondence"
  | "getCorrespondence"
  | "listPendingFiling"
  | "listAwaitingResponse"
  | "listTransferredNotNotified"
>;

export interface PaneServices {
  /** Null where no gateway is configured: the pane still offers what needs no case. */
  gateway: PaneGateway | null;
  policy: Policy;
  caseNumberPattern: string;
  /** Shown in hints and errors, in the configured format. */
  caseNumberExample: string;
  /** YYYY-MM-DD in the officer's time zone. */
  today: () => string;
  newCorrelationRef: () => string;
  /** Filing (Pending list, Read mode, proof); absent where no gateway or Graph is reachable. */
  filing?: PaneFiling | null;
  /** Overdue responses (R9), Transfers (R12), reconsideration (R13); absent without a gateway. */
  followups?: PaneFollowups | null;
  /** The Bounces queue (F4, R10); absent where no gateway or Graph is reachable. */
  bounces?: PaneBounces | null;
}

export function localToday(now: Date = new Date()): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, "0");
  const d = String(now.getDate()).padStart(2, "0");
  return `${y}-${m}-${d}`;
}
