/**
 * What the task pane leaves on the item for the send-time handler: the linked case number, the
 * purpose and deadline chosen, and a snapshot of the case as the pane loaded it, so that the
 * handler rarely needs the gateway. Written twice by the pane:
 * - session data (`casemail-link`, up to 50,000 characters, lost when the draft is saved and
 *   reopened): the full snapshot;
 * - a custom property (`casemail-link`, survives a saved draft; Outlook allows about 2,500
 *   characters for all of an add-in's custom properties): the same link with a compact snapshot,
 *   or none when even that is too long (the handler then fetches the case).
 * The text is JSON, checked with zod (mini) on read: a malformed or foreign value counts as absent.
 */
import * as z from "zod/mini";
import { isIsoDate } from "../domain/calendar-date";
import type { CaseRecord } from "../domain/case-record";
import { purposes, type Purpose } from "../domain/message-draft";
import { caseSnapshotSchema } from "./snapshot-schema";

export const handoffKey = "casemail-link";
/** Room left in the custom properties for the correlation reference and Outlook's own JSON. */
export const customPropertyBudget = 2000;

export interface HandoffLink {
  caseNumber: string;
  purpose: Purpose | null;
  /** YYYY-MM-DD, where the purpose needs one (R4). */
  deadline: string | null;
  /** The case as the pane last loaded it; null when only the link travelled. */
  snapshot: CaseRecord | null;
  /** When the pane loaded the snapshot (ISO date-time); null without a snapshot. */
  snapshotAt: string | null;
}

const handoffSchema = z.object({
  v: z.literal(1),
  caseNumber: z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
  purpose: z.nullable(z.enum(purposes as [Purpose, ...Purpose[]])),
  deadline: z.nullable(z.string().check(z.refine(isIsoDate))),
  snapshot: z.nullable(caseSnapshotSchema),
  snapshotAt: z.nullable(z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v))))),
});

export function encodeHandoff(link: HandoffLink): string {
  return JSON.stringify({ v: 1, ...link });
}

/**
 * The custom-property form: the snapshot without what the send checks never read (the
 * applicant's name, old bounces), dropped entirely when the text would not fit.
 */
export function encodeHandoffForCustomProperty(link: HandoffLink): string {
  if (link.snapshot !== null) {
    const compact: CaseRecord = {
      ...link.snapshot,
      applicantName: "",
      bounces: link.snapshot.bounces.slice(-5),
    };
    const text = encodeHandoff({ ...link, snapshot: compact });
    if (text.length <= customPropertyBudget) return text;
  }
  return encodeHandoff({ ...link, snapshot: null, snapshotAt: null });
}

/** The link in `text`, or null when it is absent, not JSON, or not this shape. */
export function decodeHandoff(text: string | null | undefined): HandoffLink | null {
  if (typeof text !== "string" || text.trim() === "") return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = handoffSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { caseNumber, purpose, deadline, snapshot, snapshotAt } = parsed.data;
  return { caseNumber, purpose, deadline, snapshot, snapshotAt: snapshot ? snapshotAt : null };
}
