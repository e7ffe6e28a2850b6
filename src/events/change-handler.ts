/**
 * OnMessageRecipientsChanged and OnMessageFromChanged: refresh the info bar that sums up the check
 * state, then complete the event, whatever happened (a failed read leaves the bar as it was).
 */
import type { Locale } from "../i18n/catalog";
import type { CompletableEvent, SendItemPort, SendSettings } from "./send-handler";
import { summarizeStatus, type StatusSummary } from "./status-summary";

export interface ChangeEnvironment {
  item: Pick<SendItemPort, "readDraft" | "readHandoff">;
  show: (text: string) => Promise<unknown>;
  locale: Locale;
  settings: SendSettings;
  now: () => Date;
}

export async function handleItemChanged(
  event: CompletableEvent,
  env: ChangeEnvironment
): Promise<StatusSummary | null> {
  let summary: StatusSummary | null = null;
  try {
    const [fields, handoff] = await Promise.all([env.item.readDraft(), env.item.readHandoff()]);
    summary = summarizeStatus({
      locale: env.locale,
      fields,
      handoff,
      settings: env.settings,
      now: env.now(),
    });
    await env.show(summary.text);
  } catch {
    summary = null;
  }
  try {
    event.completed();
  } catch {
    // Completing is all an informational handler owes; nothing else to undo.
  }
  return summary;
}
