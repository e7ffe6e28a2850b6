/**
 * Promise adapters over the compose item: sender, recipients (with `RecipientsChanged`), subject,
 * body, custom properties, internet headers, session data, notifications and save.
 */
import type { Recipient } from "../domain/message-draft";
import { currentItem, office } from "./host";
import { fail, fromAsync, ok, type OfficeResult } from "./result";

export type RecipientField = "to" | "cc" | "bcc";
export const recipientFields: readonly RecipientField[] = ["to", "cc", "bcc"];

type Compose = Office.MessageCompose;

function compose(): OfficeResult<Compose> {
  const item = currentItem();
  return item === null ? fail("NoItem", "No item is open") : ok(item as unknown as Compose);
}

function toRecipient(d: Office.EmailAddressDetails): Recipient {
  return d.displayName
    ? { address: d.emailAddress, displayName: d.displayName }
    : { address: d.emailAddress };
}

async function withItem<T>(
  run: (item: Compose) => Promise<OfficeResult<T>>
): Promise<OfficeResult<T>> {
  const item = compose();
  return item.ok ? run(item.value) : item;
}

/** The sending mailbox (Mailbox 1.7); shared mailboxes show the generic mailbox here. */
export function getFrom(): Promise<OfficeResult<string | null>> {
  return withItem(async (item) => {
    if (item.from === undefined) return fail("NotSupported", "item.from is not available");
    const r = await fromAsync<Office.EmailAddressDetails>((cb) => item.from.getAsync(cb));
    return r.ok ? ok(r.value?.emailAddress ? r.value.emailAddress : null) : r;
  });
}

export function getRecipients(field: RecipientField): Promise<OfficeResult<Recipient[]>> {
  return withItem(async (item) => {
    const r = await fromAsync<Office.EmailAddressDetails[]>((cb) => item[field].getAsync(cb));
    return r.ok ? ok((r.value ?? []).map(toRecipient)) : r;
  });
}

export function setRecipients(
  field: RecipientField,
  recipients: readonly Recipient[]
): Promise<OfficeResult<void>> {
  const details = recipients.map((r) => ({
    emailAddress: r.address,
    displayName: r.displayName ?? r.address,
  }));
  return withItem((item) =>
    fromAsync<void>((cb) => item[field].setAsync(details as Office.EmailAddressDetails[], cb))
  );
}

export function getSubject(): Promise<OfficeResult<string>> {
  return withItem((item) => fromAsync<string>((cb) => item.subject.getAsync(cb)));
}

export function setSubject(subject: string): Promise<OfficeResult<void>> {
  return withItem((item) => fromAsync<void>((cb) => item.subject.setAsync(subject, cb)));
}

/** The body as plain text: the rules read text, and Outlook does the HTML reduction. */
export function getBodyText(): Promise<OfficeResult<string>> {
  return withItem((item) =>
    fromAsync<string>((cb) => item.body.getAsync(office().CoercionType.Text, cb))
  );
}

export function getBodyType(): Promise<OfficeResult<"html" | "text">> {
  return withItem(async (item) => {
    const r = await fromAsync<Office.CoercionType>((cb) => item.body.getTypeAsync(cb));
    return r.ok ? ok(String(r.value).toLowerCase() === "html" ? "html" : "text") : r;
  });
}

export function setBody(content: string, type: "html" | "text"): Promise<OfficeResult<void>> {
  return withItem((item) =>
    fromAsync<void>((cb) => item.body.setAsync(content, { coercionType: coercion(type) }, cb))
  );
}

/** Inserts at the cursor (replacing any selection), as an officer expects from "Insert". */
export function insertInBody(content: string, type: "html" | "text"): Promise<OfficeResult<void>> {
  return withItem((item) =>
    fromAsync<void>((cb) =>
      item.body.setSelectedDataAsync(content, { coercionType: coercion(type) }, cb)
    )
  );
}

function coercion(type: "html" | "text"): Office.CoercionType {
  return type === "html" ? office().CoercionType.Html : office().CoercionType.Text;
}

/**
 * Calls `handler` whenever To, Cc or Bcc change (Mailbox 1.7). Resolves to a function that
 * removes the handler, or to the failure when the client has no such event.
 */
export function onRecipientsChanged(
  handler: () => void
): Promise<OfficeResult<() => Promise<void>>> {
  return withItem(async (item) => {
    const type = office().EventType.RecipientsChanged;
    const added = await fromAsync<void>((cb) => item.addHandlerAsync(type, handler, cb));
    if (!added.ok) return added;
    return ok(async () => {
      await fromAsync<void>((cb) => item.removeHandlerAsync(type, cb));
    });
  });
}

export function getCustomProperty(name: string): Promise<OfficeResult<string | null>> {
  return withItem(async (item) => {
    const props = await fromAsync<Office.CustomProperties>((cb) =>
      item.loadCustomPropertiesAsync(cb)
    );
    if (!props.ok) return props;
    const value: unknown = props.value.get(name);
    return ok(typeof value === "string" ? value : null);
  });
}

/** Sets and saves one custom property; it survives to the sent copy (readable through Graph). */
export function setCustomProperty(name: string, value: string): Promise<OfficeResult<void>> {
  return withItem(async (item) => {
    const props = await fromAsync<Office.CustomProperties>((cb) =>
      item.loadCustomPropertiesAsync(cb)
    );
    if (!props.ok) return props;
    props.value.set(name, value);
    return fromAsync<void>((cb) => props.value.saveAsync(cb));
  });
}

/** Sets several custom properties with one load and one save. */
export function setCustomProperties(
  values: Readonly<Record<string, string>>
): Promise<OfficeResult<void>> {
  return withItem(async (item) => {
    const props = await fromAsync<Office.CustomProperties>((cb) =>
      item.loadCustomPropertiesAsync(cb)
    );
    if (!props.ok) return props;
    for (const [name, value] of Object.entries(values)) props.value.set(name, value);
    return fromAsync<void>((cb) => props.value.saveAsync(cb));
  });
}

/** Internet headers travel in the MIME of the sent message (Mailbox 1.8). */
export function setInternetHeaders(
  headers: Readonly<Record<string, string>>
): Promise<OfficeResult<void>> {
  return withItem(async (item) => {
    if (item.internetHeaders === undefined) {
      return fail("NotSupported", "item.internetHeaders is not available");
    }
    return fromAsync<void>((cb) => item.internetHeaders.setAsync({ ...headers }, cb));
  });
}

export function getInternetHeaders(
  names: readonly string[]
): Promise<OfficeResult<Record<string, string>>> {
  return withItem(async (item) => {
    if (item.internetHeaders === undefined) {
      return fail("NotSupported", "item.internetHeaders is not available");
    }
    const r = await fromAsync<Record<string, string>>((cb) =>
      item.internetHeaders.getAsync([...names], cb)
    );
    return r.ok ? ok({ ...(r.value ?? {}) }) : r;
  });
}

/** Session data lives with the open compose form only (lost on a saved draft; Mailbox 1.11). */
export function getSessionData(name: string): Promise<OfficeResult<string | null>> {
  return withItem(async (item) => {
    if (item.sessionData === undefined) return fail("NotSupported", "sessionData is not available");
    const r = await fromAsync<string>((cb) => item.sessionData.getAsync(name, cb));
    // A missing key is reported as an error by Outlook; to the caller it is simply absent.
    if (!r.ok) return r.error.code === 9057 || r.error.name === "NotFound" ? ok(null) : r;
    return ok(r.value === "" || r.value === undefined ? null : r.value);
  });
}

export function setSessionData(name: string, value: string): Promise<OfficeResult<void>> {
  return withItem(async (item) => {
    if (item.sessionData === undefined) return fail("NotSupported", "sessionData is not available");
    return fromAsync<void>((cb) => item.sessionData.setAsync(name, value, cb));
  });
}

export type NotificationKind = "info" | "error" | "progress";

/** Shows (or replaces) the info bar named `key` above the message. */
export function showNotification(
  key: string,
  kind: NotificationKind,
  message: string
): Promise<OfficeResult<void>> {
  return withItem((item) => {
    const types = office().MailboxEnums.ItemNotificationMessageType;
    const details: Office.NotificationMessageDetails =
      kind === "info"
        ? {
            type: types.InformationalMessage,
            message,
            icon: "Icon.16x16",
            persistent: false,
          }
        : { type: kind === "error" ? types.ErrorMessage : types.ProgressIndicator, message };
    return fromAsync<void>((cb) => item.notificationMessages.replaceAsync(key, details, cb));
  });
}

export function clearNotification(key: string): Promise<OfficeResult<void>> {
  return withItem((item) =>
    fromAsync<void>((cb) => item.notificationMessages.removeAsync(key, cb))
  );
}

/** Saves the draft; resolves to its item id (needed for Graph calls on the draft). */
export function saveItem(): Promise<OfficeResult<string>> {
  return withItem((item) => fromAsync<string>((cb) => item.saveAsync(cb)));
}
