/**
 * The case named in the subject, requested as soon as Office is ready: the gateway answers while
 * React renders the pane and reads the draft, instead of after both (issue #5's 1 s goal).
 */
import type { CaseRecord, Office } from "../../domain/case-record";
import { findCaseNumber } from "../../domain/case-number";
import type { PaneGateway } from "../services";

export interface CasePrefetch {
  /** Requests the case the subject names, with the offices list; nothing if it names none. */
  startFromSubject(subject: string): void;
  /** The offices list once requested (null inside when it could not be read); else null. */
  offices(): Promise<Office[] | null> | null;
  /**
   * The prefetched case request, once, when it is for `caseNumber`; else null. A retry or another
   * case number asks the gateway again.
   */
  takeCase(caseNumber: string): Promise<CaseRecord> | null;
}

export function createCasePrefetch(
  gateway: Pick<PaneGateway, "getCase" | "listOffices">,
  caseNumberPattern: string
): CasePrefetch {
  let started: { caseNumber: string; request: Promise<CaseRecord> | null } | null = null;
  let offices: Promise<Office[] | null> | null = null;
  return {
    startFromSubject(subject) {
      const caseNumber = findCaseNumber(subject, caseNumberPattern);
      if (started !== null || caseNumber === null) return;
      const request = gateway.getCase(caseNumber);
      // Whoever takes the request handles its failure; until then it must not count as unhandled.
      request.catch(() => undefined);
      started = { caseNumber, request };
      offices = gateway.listOffices().catch(() => null);
    },
    offices: () => offices,
    takeCase(caseNumber) {
      if (started === null || started.caseNumber !== caseNumber) return null;
      const taken = started.request;
      started.request = null;
      return taken;
    },
  };
}
