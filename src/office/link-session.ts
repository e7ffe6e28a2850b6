/**
 * The pane's side of the hand-off to the send-time handler (`src/events/handoff.ts`): the linked
 * case, purpose, deadline and case snapshot, written to session data (full) and to a custom
 * property (compact, survives a saved draft), and read back when the pane reopens.
 */
import {
  decodeHandoff,
  encodeHandoff,
  encodeHandoffForCustomProperty,
  handoffKey,
  type HandoffLink,
} from "../events/handoff";
import {
  getCustomProperty,
  getSessionData,
  setCustomProperties,
  setSessionData,
} from "./compose-item";
import { ok, type OfficeResult } from "./result";

export async function writeHandoff(link: HandoffLink): Promise<OfficeResult<void>> {
  const property = await setCustomProperties({
    [handoffKey]: encodeHandoffForCustomProperty(link),
  });
  // Session data needs Mailbox 1.11; the custom property alone is enough for the handler.
  await setSessionData(handoffKey, encodeHandoff(link));
  return property;
}

/** The session's link if present, else the custom property's; null when neither parses. */
export async function readHandoff(): Promise<OfficeResult<HandoffLink | null>> {
  const session = await getSessionData(handoffKey);
  const fromSession = session.ok ? decodeHandoff(session.value) : null;
  if (fromSession !== null) return ok(fromSession);
  const property = await getCustomProperty(handoffKey);
  if (!property.ok) return property;
  return ok(decodeHandoff(property.value));
}
