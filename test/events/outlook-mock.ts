/**
 * A compose item in Outlook for the handler tests, on office-addin-mock: each `*Async` method
 * answers through its callback with Office's AsyncResult shape; `fail` makes a named call fail.
 * `state` shows what the handler wrote (custom properties, headers, notifications).
 */
import { OfficeMockObject } from "office-addin-mock";

type Callback = (r: unknown) => void;
type Address = { emailAddress: string; displayName: string };

export interface ItemState {
  from: string;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  body: string;
  customProperties: Record<string, string>;
  headers: Record<string, string>;
  session: Record<string, string>;
  notifications: Record<string, { type: string; message: string }>;
  saves: number;
}

export interface MockOptions {
  state?: Partial<ItemState>;
  fail?: readonly string[];
  language?: string;
  /** Highest Mailbox requirement set the client supports, e.g. "1.15". */
  mailbox?: string;
}

const addr = (a: string): Address => ({ emailAddress: a, displayName: a });
export const addresses = (...list: string[]): Address[] => list.map(addr);

export function installOutlookMock(options: MockOptions = {}) {
  const state: ItemState = {
    from: "casework.west@example.org",
    to: [],
    cc: [],
    bcc: [],
    subject: "",
    body: "",
    customProperties: {},
    headers: {},
    session: {},
    notifications: {},
    saves: 0,
    ...options.state,
  };
  const failing = new Set(options.fail ?? []);
  const answer = (name: string, cb: unknown, value: unknown) => {
    const result = failing.has(name)
      ? {
          status: "failed",
          value: undefined,
          error: { code: 9002, name: "InternalError", message: name },
        }
      : { status: "succeeded", value, error: null };
    setTimeout(() => (cb as Callback)(result), 0);
  };
  const last = (args: unknown[]) => [...args].reverse().find((a) => typeof a === "function");
  const recipients = (field: "to" | "cc" | "bcc") => ({
    getAsync: (...a: unknown[]) => answer(`${field}.getAsync`, last(a), state[field]),
  });
  const pending: Record<string, string> = {};
  const customProperties = {
    get: (name: string) => state.customProperties[name],
    set: (name: string, value: string) => void (pending[name] = value),
    saveAsync: (cb: unknown) => {
      if (!failing.has("customProperties.saveAsync"))
        Object.assign(state.customProperties, pending);
      answer("customProperties.saveAsync", cb, undefined);
    },
  };
  const supported = Number((options.mailbox ?? "1.15").split(".")[1]);
  const office = new OfficeMockObject({
    host: "outlook",
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Text: "text", Html: "html" },
    EventType: { RecipientsChanged: "olkRecipientsChanged" },
    MailboxEnums: {
      ItemNotificationMessageType: {
        InformationalMessage: "informationalMessage",
        ErrorMessage: "errorMessage",
        ProgressIndicator: "progressIndicator",
      },
      RestVersion: { v2_0: "v2.0" },
    },
    context: {
      displayLanguage: options.language ?? "en-CA",
      requirements: {
        isSetSupported: (name: string, version: string) =>
          name === "Mailbox" && Number(version.split(".")[1]) <= supported,
      },
      mailbox: {
        convertToRestId: (id: string) => `rest-${id}`,
        item: {
          from: {
            getAsync: (...a: unknown[]) => answer("from.getAsync", last(a), addr(state.from)),
          },
          to: recipients("to"),
          cc: recipients("cc"),
          bcc: recipients("bcc"),
          subject: {
            getAsync: (...a: unknown[]) => answer("subject.getAsync", last(a), state.subject),
            setAsync: (...a: unknown[]) => answer("subject.setAsync", last(a), undefined),
          },
          body: {
            getAsync: (_type: string, ...a: unknown[]) =>
              answer("body.getAsync", last(a), state.body),
          },
          loadCustomPropertiesAsync: (cb: unknown) =>
            answer("loadCustomPropertiesAsync", cb, customProperties),
          internetHeaders: {
            setAsync: (h: Record<string, string>, ...a: unknown[]) => {
              if (!failing.has("internetHeaders.setAsync")) Object.assign(state.headers, h);
              answer("internetHeaders.setAsync", last(a), undefined);
            },
          },
          sessionData: {
            getAsync: (name: string, cb: unknown) =>
              name in state.session
                ? answer("sessionData.getAsync", cb, state.session[name])
                : setTimeout(
                    () =>
                      (cb as Callback)({
                        status: "failed",
                        value: undefined,
                        error: { code: 9057, name: "NotFound", message: "not found" },
                      }),
                    0
                  ),
          },
          notificationMessages: {
            replaceAsync: (
              key: string,
              details: { type: string; message: string },
              ...a: unknown[]
            ) => {
              state.notifications[key] = details;
              answer("notificationMessages.replaceAsync", last(a), undefined);
            },
          },
          saveAsync: (...a: unknown[]) => {
            state.saves++;
            answer("saveAsync", last(a), "AAMkDraft1");
          },
        },
      },
    },
  });
  (globalThis as { Office?: unknown }).Office = office;
  return { office, state };
}

export function uninstallOutlookMock(): void {
  delete (globalThis as { Office?: unknown }).Office;
}

/** A MailboxEvent stand-in that records every completion. */
export function recordingEvent() {
  const completions: unknown[] = [];
  return {
    completions,
    completed(options?: unknown) {
      completions.push(options);
    },
  };
}
