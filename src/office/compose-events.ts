/**
 * Office.js for the event handlers (OnMessageSend, OnMessageRecipientsChanged,
 * OnMessageFromChanged): the item port of `src/events/send-handler`, what the client supports,
 * the saved draft's REST id, a silent token, and the info bar. Built on the pane's adapters in
 * `compose-item` and `correlation`; everything here also works in classic Outlook's
 * JavaScript-only runtime (no DOM, no storage).
 */
import type { SilentTokenSource } from "../events/case-source";
import { handoffKey } from "../events/handoff";
import type { SendCapabilities } from "../events/send-decision";
import type { DraftFields, ItemHandoff, SendItemPort } from "../events/send-handler";
import {
  getBodyText,
  getFrom,
  getRecipients,
  getSessionData,
  getSubject,
  saveItem,
  showNotification,
} from "./compose-item";
import { correlationProperty, isCorrelationRef, stampCorrelationRef } from "./correlation";
import { currentItem, mailbox, office } from "./host";
import { isSetSupported } from "./mailbox";
import { fromAsync, valueOr } from "./result";

export const statusNotificationKey = "casemail-status";

/** Both of the pane's custom properties in one load (each load is a round trip on some clients). */
async function readCustomProperties(names: readonly string[]): Promise<Record<string, string>> {
  const item = currentItem() as Office.MessageCompose | null;
  if (item === null) return {};
  const props = await fromAsync<Office.CustomProperties>((cb) =>
    item.loadCustomPropertiesAsync(cb)
  );
  if (!props.ok) return {};
  const values: Record<string, string> = {};
  for (const name of names) {
    const value: unknown = props.value.get(name);
    if (typeof value === "string") values[name] = value;
  }
  return values;
}

export async function readDraftFields(): Promise<DraftFields> {
  const [from, to, cc, bcc, subject, bodyText] = await Promise.all([
    getFrom(),
    getRecipients("to"),
    getRecipients("cc"),
    getRecipients("bcc"),
    getSubject(),
    getBodyText(),
  ]);
  return {
    from: valueOr(from, null),
    to: valueOr(to, []),
    cc: valueOr(cc, []),
    bcc: valueOr(bcc, []),
    subject: valueOr(subject, ""),
    bodyText: valueOr(bodyText, ""),
  };
}

export async function readItemHandoff(): Promise<ItemHandoff> {
  const [props, session] = await Promise.all([
    readCustomProperties([correlationProperty, handoffKey]),
    getSessionData(handoffKey),
  ]);
  const ref = props[correlationProperty];
  return {
    correlationRef: isCorrelationRef(ref) ? ref : null,
    session: valueOr(session, null),
    property: props[handoffKey] ?? null,
  };
}

export const officeSendItemPort: SendItemPort = {
  readDraft: readDraftFields,
  readHandoff: readItemHandoff,
  async stampCorrelationRef(ref) {
    const r = await stampCorrelationRef(ref);
    return r.ok;
  },
};

/** What the Smart Alerts dialog may use on this client. */
export function sendCapabilities(): SendCapabilities {
  const v114 = isSetSupported("Mailbox", "1.14");
  return { markdown: isSetSupported("Mailbox", "1.15"), takeAction: v114, promptUser: v114 };
}

/** Saves the draft and converts its id for Graph (REST v2.0); null when either fails. */
export async function savedDraftRestId(): Promise<string | null> {
  const saved = await saveItem();
  if (!saved.ok || saved.value === "") return null;
  try {
    return mailbox().convertToRestId(saved.value, office().MailboxEnums.RestVersion.v2_0);
  } catch {
    return null;
  }
}

/**
 * Office's own SSO token, silently (no sign-in or consent prompt, as handlers require). It serves
 * the gateway when the gateway accepts it; Graph needs an exchanged token, so none here.
 */
export const officeSilentToken: SilentTokenSource = async (scope) => {
  if (scope !== "gateway") return null;
  const auth = (office() as { auth?: typeof Office.auth }).auth;
  if (auth === undefined || typeof auth.getAccessToken !== "function") return null;
  try {
    const token = await auth.getAccessToken({
      allowSignInPrompt: false,
      allowConsentPrompt: false,
    });
    return typeof token === "string" && token !== "" ? token : null;
  } catch {
    return null;
  }
};

/** Outlook limits an info bar to 150 characters. */
export const notificationLimit = 150;

export async function showStatus(kind: "info" | "error", text: string): Promise<boolean> {
  const message =
    text.length <= notificationLimit ? text : `${text.slice(0, notificationLimit - 1)}…`;
  const r = await showNotification(statusNotificationKey, kind, message);
  return r.ok;
}
