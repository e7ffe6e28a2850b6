/**
 * A short-lived hint from the pane that opened a new message form (the Transfers queue) to the
 * compose pane that opens on it: "this message for case X is a transfer notice". Outlook gives the
 * new form no data of ours, so it goes through localStorage (same origin), keyed by case number,
 * and is taken once. A stale or foreign hint is ignored: the officer then picks the purpose.
 */
import { z } from "zod";
import { purposeSchema } from "../../gateway/contract";
import type { Purpose } from "../../domain/message-draft";

const key = "casemail.purpose-hint";
/** Long enough for Outlook to open the form and the pane; short enough not to mislabel a later one. */
export const purposeHintMaxAgeMs = 10 * 60 * 1000;

const hintSchema = z.object({
  caseNumber: z.string().min(1).max(32),
  purpose: purposeSchema,
  at: z.number(),
});

type HintStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

function storage(): HintStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Storage can be blocked (privacy settings): no hint then.
    return null;
  }
}

export function setPurposeHint(
  caseNumber: string,
  purpose: Purpose,
  now: number = Date.now(),
  store: HintStorage | null = storage()
): void {
  try {
    store?.setItem(key, JSON.stringify({ caseNumber, purpose, at: now }));
  } catch {
    // A full or blocked storage only loses the convenience.
  }
}

/** The purpose hinted for this case, once; null when none, stale, or for another case. */
export function takePurposeHint(
  caseNumber: string,
  now: number = Date.now(),
  store: HintStorage | null = storage()
): Purpose | null {
  if (store === null) return null;
  let raw: string | null;
  try {
    raw = store.getItem(key);
  } catch {
    return null;
  }
  if (raw === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = null;
  }
  const hint = hintSchema.safeParse(parsed);
  if (!hint.success || now - hint.data.at > purposeHintMaxAgeMs || now < hint.data.at) {
    store.removeItem(key);
    return null;
  }
  if (hint.data.caseNumber !== caseNumber) return null;
  store.removeItem(key);
  return hint.data.purpose;
}
