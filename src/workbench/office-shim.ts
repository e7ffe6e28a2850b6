/**
 * A stand-in for Office.js over a `SimulatedItem`: the same names, enums and async result shapes
 * (`{ status, value, error: { code, name, message } }`, callbacks called later, never inline) for the
 * part of the API CaseMail uses. The workbench installs it as `window.Office` before the real task
 * pane bundle loads; component tests use it as a faithful fake.
 */
import { htmlToText, SimulatedItem, type SimAddress, type SimField } from "./simulated-item";

export interface ShimOptions {
  displayLanguage?: string;
  /** Highest supported version per requirement set, e.g. `{ Mailbox: "1.14" }`. */
  requirementSets?: Record<string, string>;
  /** Calls that should fail, by name (e.g. `"internetHeaders.setAsync"`), with an Office code. */
  failures?: Record<string, { code: number; name: string; message: string }>;
  /** Milliseconds before each callback, to let tests and the workbench see loading states. */
  latencyMs?: number;
  theme?: { bodyBackgroundColor: string; bodyForegroundColor: string };
  /** Called by `displayNewMessageForm`. */
  onNewMessageForm?: (message: unknown) => void;
  /** What `Office.auth.getAccessToken` returns (the workbench's development token). */
  accessToken?: string | null;
  /** Receives the handlers an event bundle associates (`Office.actions.associate`). */
  onAssociate?: (name: string, handler: (event: unknown) => void) => void;
}

type Callback<T> = (result: ShimAsyncResult<T>) => void;

export interface ShimAsyncResult<T> {
  status: "succeeded" | "failed";
  value: T;
  error: { code: number; name: string; message: string } | null;
  asyncContext?: unknown;
}

const RECIPIENTS_CHANGED = "olkRecipientsChanged";

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** The optional callback is always the last function argument, as in Office.js. */
function lastCallback<T>(args: unknown[]): Callback<T> | undefined {
  for (let i = args.length - 1; i >= 0; i--) {
    if (typeof args[i] === "function") return args[i] as Callback<T>;
  }
  return undefined;
}

function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function addressHeader(list: readonly SimAddress[]): string {
  return list.map((a) => `"${a.displayName.replace(/"/g, "")}" <${a.emailAddress}>`).join(", ");
}

export function createOfficeShim(item: SimulatedItem, options: ShimOptions = {}) {
  const sets = options.requirementSets ?? { Mailbox: "1.14" };
  const handlers = new Map<string, (event: unknown) => void>();
  let removeSubscription: (() => void) | null = null;

  function respond<T>(name: string, args: unknown[], run: () => T): void {
    const cb = lastCallback<T>(args);
    const failure = options.failures?.[name];
    setTimeout(() => {
      if (failure) {
        cb?.({ status: "failed", value: undefined as T, error: { ...failure } });
        return;
      }
      let value: T;
      try {
        value = run();
      } catch (error) {
        const e = error as { code?: number; name?: string; message?: string };
        cb?.({
          status: "failed",
          value: undefined as T,
          error: { code: e.code ?? 9000, name: e.name ?? "GenericError", message: e.message ?? "" },
        });
        return;
      }
      cb?.({ status: "succeeded", value, error: null });
    }, options.latencyMs ?? 0);
  }

  function officeError(code: number, name: string, message: string): Error {
    return Object.assign(new Error(message), { code, name });
  }

  function recipientsField(field: SimField) {
    return {
      getAsync: (...args: unknown[]) =>
        respond(`${field}.getAsync`, args, () =>
          item.state[field].map((a) => ({ ...a, recipientType: "other" }))
        ),
      setAsync: (list: Array<SimAddress | string>, ...args: unknown[]) =>
        respond(`${field}.setAsync`, args, () => {
          item.setRecipients(field, list.map(normalizeAddress));
        }),
      addAsync: (list: Array<SimAddress | string>, ...args: unknown[]) =>
        respond(`${field}.addAsync`, args, () => {
          item.setRecipients(field, [...item.state[field], ...list.map(normalizeAddress)]);
        }),
    };
  }

  function customProperties(): Office.CustomProperties {
    const pending: Record<string, string> = { ...item.state.customProperties };
    const props = {
      get: (name: string) => pending[name],
      set: (name: string, value: string) => {
        pending[name] = value;
      },
      remove: (name: string) => {
        delete pending[name];
      },
      getAll: () => ({ ...pending }),
      saveAsync: (...args: unknown[]) =>
        respond("customProperties.saveAsync", args, () => {
          item.update({ customProperties: { ...pending } }, "stamp");
        }),
    };
    return props as unknown as Office.CustomProperties;
  }

  const composeItem = {
    get itemType() {
      return "message";
    },
    from: {
      getAsync: (...args: unknown[]) =>
        respond("from.getAsync", args, () => ({ ...item.state.from })),
    },
    to: recipientsField("to"),
    cc: recipientsField("cc"),
    bcc: recipientsField("bcc"),
    subject: {
      getAsync: (...args: unknown[]) => respond("subject.getAsync", args, () => item.state.subject),
      setAsync: (subject: string, ...args: unknown[]) =>
        respond("subject.setAsync", args, () => item.update({ subject }, "subject")),
    },
    body: {
      getAsync: (coercion: string, ...args: unknown[]) =>
        respond("body.getAsync", args, () =>
          coercion === "html" && item.state.bodyType === "html" ? item.state.body : item.bodyText()
        ),
      getTypeAsync: (...args: unknown[]) =>
        respond("body.getTypeAsync", args, () => item.state.bodyType),
      setAsync: (data: string, ...args: unknown[]) =>
        respond("body.setAsync", args, () => {
          const type = coercionOf(args);
          const body =
            type === item.state.bodyType ? data : type === "html" ? htmlToText(data) : data;
          item.update({ body, cursor: null }, "body");
        }),
      setSelectedDataAsync: (data: string, ...args: unknown[]) =>
        respond("body.setSelectedDataAsync", args, () => item.insert(data, coercionOf(args))),
      prependAsync: (data: string, ...args: unknown[]) =>
        respond("body.prependAsync", args, () => {
          const type = coercionOf(args);
          const piece = type === "html" && item.state.bodyType === "text" ? htmlToText(data) : data;
          item.update({ body: piece + item.state.body }, "body");
        }),
    },
    loadCustomPropertiesAsync: (...args: unknown[]) =>
      respond("loadCustomPropertiesAsync", args, () => customProperties()),
    internetHeaders: {
      getAsync: (names: string[], ...args: unknown[]) =>
        respond("internetHeaders.getAsync", args, () => {
          const out: Record<string, string> = {};
          for (const n of names) {
            const key = Object.keys(item.state.internetHeaders).find(
              (k) => k.toLowerCase() === n.toLowerCase()
            );
            if (key !== undefined) out[n] = item.state.internetHeaders[key] as string;
          }
          return out;
        }),
      setAsync: (headers: Record<string, string>, ...args: unknown[]) =>
        respond("internetHeaders.setAsync", args, () =>
          item.update({ internetHeaders: { ...item.state.internetHeaders, ...headers } }, "stamp")
        ),
      removeAsync: (names: string[], ...args: unknown[]) =>
        respond("internetHeaders.removeAsync", args, () => {
          const next = { ...item.state.internetHeaders };
          for (const n of names) delete next[n];
          item.update({ internetHeaders: next }, "stamp");
        }),
    },
    sessionData: {
      getAsync: (name: string, ...args: unknown[]) =>
        respond("sessionData.getAsync", args, () => {
          const v = item.state.sessionData[name];
          if (v === undefined) throw officeError(9057, "NotFound", "The key was not found.");
          return v;
        }),
      setAsync: (name: string, value: string, ...args: unknown[]) =>
        respond("sessionData.setAsync", args, () =>
          item.update({ sessionData: { ...item.state.sessionData, [name]: value } }, "other")
        ),
      getAllAsync: (...args: unknown[]) =>
        respond("sessionData.getAllAsync", args, () => ({ ...item.state.sessionData })),
    },
    notificationMessages: {
      replaceAsync: (key: string, details: { type: string; message: string }, ...args: unknown[]) =>
        respond("notificationMessages.replaceAsync", args, () =>
          item.update(
            {
              notifications: {
                ...item.state.notifications,
                [key]: { type: details.type, message: details.message },
              },
            },
            "other"
          )
        ),
      addAsync: (key: string, details: { type: string; message: string }, ...args: unknown[]) =>
        respond("notificationMessages.addAsync", args, () => {
          if (item.state.notifications[key])
            throw officeError(9041, "DuplicateNotificationKey", "Key exists.");
          item.update(
            { notifications: { ...item.state.notifications, [key]: { ...details } } },
            "other"
          );
        }),
      removeAsync: (key: string, ...args: unknown[]) =>
        respond("notificationMessages.removeAsync", args, () => {
          const next = { ...item.state.notifications };
          delete next[key];
          item.update({ notifications: next }, "other");
        }),
      getAllAsync: (...args: unknown[]) =>
        respond("notificationMessages.getAllAsync", args, () =>
          Object.entries(item.state.notifications).map(([key, n]) => ({ key, ...n }))
        ),
    },
    saveAsync: (...args: unknown[]) =>
      respond("saveAsync", args, () => {
        const id = item.state.itemId ?? `AAMkSIM${Date.now().toString(36)}`;
        item.update({ itemId: id }, "other");
        return id;
      }),
    addHandlerAsync: (type: string, handler: (event: unknown) => void, ...args: unknown[]) =>
      respond("addHandlerAsync", args, () => {
        if (type !== RECIPIENTS_CHANGED) throw officeError(9000, "InvalidEventType", type);
        handlers.set(type, handler);
        removeSubscription?.();
        removeSubscription = item.subscribe((change) => {
          if (change === "recipients") {
            const h = handlers.get(RECIPIENTS_CHANGED);
            h?.({
              type: RECIPIENTS_CHANGED,
              changedRecipientFields: { to: true, cc: true, bcc: true },
            });
          }
        });
      }),
    removeHandlerAsync: (type: string, ...args: unknown[]) =>
      respond("removeHandlerAsync", args, () => {
        handlers.delete(type);
        removeSubscription?.();
        removeSubscription = null;
      }),
  };

  function mime(): string {
    const s = item.state;
    const headers = [
      `From: ${addressHeader([s.from])}`,
      `To: ${addressHeader(s.to)}`,
      ...(s.cc.length ? [`Cc: ${addressHeader(s.cc)}`] : []),
      `Subject: ${s.subject}`,
      `Date: ${new Date(s.dateTimeCreated).toUTCString()}`,
      `Message-ID: <${s.itemId ?? "sim"}@workbench.invalid>`,
      ...Object.entries(s.internetHeaders).map(([k, v]) => `${k}: ${v}`),
      "MIME-Version: 1.0",
      `Content-Type: text/${s.bodyType === "html" ? "html" : "plain"}; charset=utf-8`,
      "Content-Transfer-Encoding: 8bit",
    ];
    return `${headers.join("\r\n")}\r\n\r\n${s.body.replace(/\r?\n/g, "\r\n")}\r\n`;
  }

  const readItem = {
    get itemType() {
      return "message";
    },
    get itemClass() {
      return item.state.itemClass;
    },
    get itemId() {
      return item.state.itemId;
    },
    get subject() {
      return item.state.subject;
    },
    get from() {
      return { ...item.state.from };
    },
    get to() {
      return item.state.to.map((a) => ({ ...a }));
    },
    get cc() {
      return item.state.cc.map((a) => ({ ...a }));
    },
    get dateTimeCreated() {
      return new Date(item.state.dateTimeCreated);
    },
    loadCustomPropertiesAsync: composeItem.loadCustomPropertiesAsync,
    getAllInternetHeadersAsync: (...args: unknown[]) =>
      respond("getAllInternetHeadersAsync", args, () => mime().split("\r\n\r\n")[0] ?? ""),
    getAsFileAsync: (...args: unknown[]) => respond("getAsFileAsync", args, () => toBase64(mime())),
    body: {
      getAsync: composeItem.body.getAsync,
    },
  };

  const shim = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Text: "text", Html: "html" },
    EventType: { RecipientsChanged: RECIPIENTS_CHANGED },
    HostType: { Outlook: "Outlook" },
    PlatformType: { OfficeOnline: "OfficeOnline" },
    MailboxEnums: {
      ItemNotificationMessageType: {
        InformationalMessage: "informationalMessage",
        ErrorMessage: "errorMessage",
        ProgressIndicator: "progressIndicator",
        InsightMessage: "insightMessage",
      },
      ItemType: { Message: "message" },
    },
    actions: {
      associate(name: string, handler: (event: unknown) => void) {
        options.onAssociate?.(name, handler);
      },
    },
    auth: {
      getAccessToken(): Promise<string> {
        const token = options.accessToken ?? null;
        return token === null
          ? Promise.reject(Object.assign(new Error("No token"), { code: 13001 }))
          : Promise.resolve(token);
      },
    },
    onReady(callback?: (info: { host: string; platform: string }) => void) {
      const info = { host: "Outlook", platform: "OfficeOnline" };
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0)
      );
    },
    context: {
      get displayLanguage() {
        return options.displayLanguage ?? "en-US";
      },
      officeTheme: options.theme,
      requirements: {
        isSetSupported(name: string, version = "1.1") {
          const max = sets[name];
          return max !== undefined && compareVersions(max, version) >= 0;
        },
      },
      mailbox: {
        get item() {
          return item.state.mode === "compose" ? composeItem : readItem;
        },
        get userProfile() {
          return {
            emailAddress: item.state.from.emailAddress,
            displayName: item.state.from.displayName,
            timeZone: "Eastern Standard Time",
            accountType: "enterprise",
          };
        },
        diagnostics: { hostName: "OutlookWebApp", hostVersion: "workbench" },
        displayNewMessageForm(message: unknown) {
          options.onNewMessageForm?.(message);
        },
      },
    },
  };
  return shim;
}

function normalizeAddress(
  a: SimAddress | string | { emailAddress: string; displayName?: string }
): SimAddress {
  if (typeof a === "string") return { emailAddress: a, displayName: a };
  return { emailAddress: a.emailAddress, displayName: a.displayName || a.emailAddress };
}

function coercionOf(args: unknown[]): "text" | "html" {
  const opts = args.find((a) => typeof a === "object" && a !== null) as
    { coercionType?: string } | undefined;
  return opts?.coercionType === "html" ? "html" : "text";
}

export type OfficeShim = ReturnType<typeof createOfficeShim>;
