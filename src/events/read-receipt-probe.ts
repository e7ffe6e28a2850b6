/**
 * R11 at send time. Office.js has no read-receipt flag, so the draft is saved and Graph reads its
 * `isReadReceiptRequested`, with a silent token only. Unknown (null) on any failure: the rules then
 * report the flag as unknown rather than block on a guess.
 */
import * as z from "zod/mini";
import type { FetchLike, SilentTokenSource } from "./case-source";
import type { ReadReceiptProbe } from "./send-handler";

export const graphBaseUrl = "https://graph.microsoft.com/v1.0";

const flagSchema = z.object({ isReadReceiptRequested: z.boolean() });

/** `savedDraftId` saves the draft and gives its REST id (null when it cannot). */
export function graphReadReceiptProbe(
  savedDraftId: () => Promise<string | null>,
  token: SilentTokenSource,
  fetchFn: FetchLike,
  base = graphBaseUrl
): ReadReceiptProbe {
  return {
    async isReadReceiptRequested(signal) {
      try {
        // Token first: without one there is no reason to save the officer's draft.
        const bearer = await token("graph");
        if (bearer === null) return null;
        const id = await savedDraftId();
        if (id === null) return null;
        const url = `${base}/me/messages/${encodeURIComponent(id)}?$select=isReadReceiptRequested`;
        const response = await fetchFn(url, {
          method: "GET",
          headers: { Accept: "application/json", Authorization: `Bearer ${bearer}` },
          ...(signal ? { signal } : {}),
        });
        if (response.status !== 200) return null;
        const parsed = flagSchema.safeParse(await response.json());
        return parsed.success ? parsed.data.isReadReceiptRequested : null;
      } catch {
        return null;
      }
    },
  };
}
