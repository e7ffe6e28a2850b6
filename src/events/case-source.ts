/**
 * The handler's one gateway call, `GET /api/v1/cases/{caseNumber}`, over plain `fetch` (the
 * JavaScript-only runtime has fetch; axios would add weight and an XHR dependency). The response
 * is checked with the snapshot schema; every failure maps to a reason the officer can read.
 */
import type { CaseFetchResult, CaseSource } from "./send-handler";
import { parseCaseSnapshot } from "./snapshot-schema";

/**
 * The contract's `routes.case` (src/gateway/contract.ts), spelled here so that events.js does not
 * carry the whole contract; test/events/case-source.test.ts checks the two agree.
 */
export function casePath(caseNumber: string): string {
  return `/api/v1/cases/${encodeURIComponent(caseNumber)}`;
}

export type TokenScope = "gateway" | "graph";
/** A token without any prompt (Smart Alerts handlers may not interact), or null. */
export type SilentTokenSource = (scope: TokenScope) => Promise<string | null>;

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; signal?: AbortSignal }
) => Promise<{ status: number; json(): Promise<unknown> }>;

export function gatewayCaseSource(
  baseUrl: string,
  token: SilentTokenSource,
  fetchFn: FetchLike
): CaseSource {
  const base = baseUrl.replace(/\/+$/, "");
  return {
    async fetchCase(caseNumber, signal): Promise<CaseFetchResult> {
      const bearer = await token("gateway").catch(() => null);
      if (bearer === null) return { kind: "unavailable", reason: "sign-in" };
      let response: { status: number; json(): Promise<unknown> };
      try {
        response = await fetchFn(`${base}${casePath(caseNumber)}`, {
          method: "GET",
          headers: { Accept: "application/json", Authorization: `Bearer ${bearer}` },
          ...(signal ? { signal } : {}),
        });
      } catch {
        return { kind: "unavailable", reason: "network" };
      }
      if (response.status === 404 || response.status === 403) return { kind: "not-found" };
      if (response.status === 401) return { kind: "unavailable", reason: "sign-in" };
      if (response.status !== 200) return { kind: "unavailable", reason: "server" };
      const caseRecord = parseCaseSnapshot(await response.json().catch(() => undefined));
      if (caseRecord === null || caseRecord.caseNumber !== caseNumber) {
        return { kind: "unavailable", reason: "server" };
      }
      return { kind: "found", caseRecord };
    },
  };
}
