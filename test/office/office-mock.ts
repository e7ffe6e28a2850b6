/**
 * An Outlook compose or read item for office-addin-mock: each `*Async` method answers through its
 * callback with Office's result shape, and any call can be made to fail with an Office error code.
 */
import { OfficeMockObject } from "office-addin-mock";

export interface MockFailure {
  code: number;
  name: string;
  message: string;
}

type Callback = (r: unknown) => void;

export function installOutlookMock(
  options: {
    fail?: Record<string, MockFailure>;
    read?: boolean;
    language?: string;
    sets?: Record<string, string>;
  } = {}
) {
  const state = {
    to: [{ emailAddress: "a@example.com", displayName: "A" }],
    cc: [] as Array<{ emailAddress: string; displayName: string }>,
    bcc: [] as Array<{ emailAddress: string; displayName: string }>,
    subject: "RE: B000100001",
    body: "Hello",
    customProperties: {} as Record<string, string>,
    headers: {} as Record<string, string>,
    session: {} as Record<string, string>,
    notifications: {} as Record<string, unknown>,
    handler: null as null | (() => void),
    newForms: [] as unknown[],
  };
  const answer = (name: string, cb: unknown, value: unknown) => {
    const f = options.fail?.[name];
    const result = f
      ? { status: "failed", value: undefined, error: f }
      : { status: "succeeded", value, error: null };
    setTimeout(() => (cb as Callback)(result), 0);
  };
  const last = (args: unknown[]) => [...args].reverse().find((a) => typeof a === "function");
  const field = (name: "to" | "cc" | "bcc") => ({
    getAsync: (...a: unknown[]) => answer(`${name}.getAsync`, last(a), state[name]),
    setAsync: (list: Array<{ emailAddress: string; displayName: string }>, ...a: unknown[]) => {
      if (!options.fail?.[`${name}.setAsync`]) state[name] = list;
      answer(`${name}.setAsync`, last(a), undefined);
    },
  });
  const props = {
    get: (n: string) => state.customProperties[n],
    set: (n: string, v: string) => {
      pendingProps[n] = v;
    },
    saveAsync: (cb: unknown) => {
      if (!options.fail?.["customProperties.saveAsync"])
        Object.assign(state.customProperties, pendingProps);
      answer("customProperties.saveAsync", cb, undefined);
    },
  };
  const pendingProps: Record<string, string> = {};
  const compose = {
    subject: {
      getAsync: (...a: unknown[]) => answer("subject.getAsync", last(a), state.subject),
      setAsync: (v: string, ...a: unknown[]) => {
        state.subject = v;
        answer("subject.setAsync", last(a), undefined);
      },
    },
    from: {
      getAsync: (...a: unknown[]) =>
        answer("from.getAsync", last(a), {
          emailAddress: "casework.east@example.org",
          displayName: "East",
        }),
    },
    to: field("to"),
    cc: field("cc"),
    bcc: field("bcc"),
    body: {
      getAsync: (_c: string, ...a: unknown[]) => answer("body.getAsync", last(a), state.body),
      getTypeAsync: (...a: unknown[]) => answer("body.getTypeAsync", last(a), "html"),
      setAsync: (v: string, ...a: unknown[]) => {
        state.body = v;
        answer("body.setAsync", last(a), undefined);
      },
      setSelectedDataAsync: (v: string, ...a: unknown[]) => {
        state.body += v;
        answer("body.setSelectedDataAsync", last(a), undefined);
      },
    },
    loadCustomPropertiesAsync: (cb: unknown) => answer("loadCustomPropertiesAsync", cb, props),
    internetHeaders: {
      setAsync: (h: Record<string, string>, ...a: unknown[]) => {
        if (!options.fail?.["internetHeaders.setAsync"]) Object.assign(state.headers, h);
        answer("internetHeaders.setAsync", last(a), undefined);
      },
      getAsync: (names: string[], ...a: unknown[]) =>
        answer(
          "internetHeaders.getAsync",
          last(a),
          Object.fromEntries(
            names.filter((n) => n in state.headers).map((n) => [n, state.headers[n]])
          )
        ),
    },
    sessionData: {
      getAsync: (n: string, cb: unknown) =>
        n in state.session
          ? answer("sessionData.getAsync", cb, state.session[n])
          : setTimeout(
              () =>
                (cb as Callback)({
                  status: "failed",
                  value: undefined,
                  error: { code: 9057, name: "NotFound", message: "not found" },
                }),
              0
            ),
      setAsync: (n: string, v: string, cb: unknown) => {
        state.session[n] = v;
        answer("sessionData.setAsync", cb, undefined);
      },
    },
    notificationMessages: {
      replaceAsync: (key: string, details: unknown, ...a: unknown[]) => {
        state.notifications[key] = details;
        answer("notificationMessages.replaceAsync", last(a), undefined);
      },
      removeAsync: (key: string, ...a: unknown[]) => {
        delete state.notifications[key];
        answer("notificationMessages.removeAsync", last(a), undefined);
      },
    },
    saveAsync: (...a: unknown[]) => answer("saveAsync", last(a), "AAMkDraft1"),
    addHandlerAsync: (_t: string, h: () => void, ...a: unknown[]) => {
      state.handler = h;
      answer("addHandlerAsync", last(a), undefined);
    },
    removeHandlerAsync: (_t: string, ...a: unknown[]) => {
      state.handler = null;
      answer("removeHandlerAsync", last(a), undefined);
    },
  };
  const read = {
    itemClass: "IPM.Note",
    itemId: "AAMkSent1",
    subject: "Sent subject",
    loadCustomPropertiesAsync: compose.loadCustomPropertiesAsync,
    getAllInternetHeadersAsync: (cb: unknown) =>
      answer(
        "getAllInternetHeadersAsync",
        cb,
        "From: a@example.org\r\nX-CaseMail-Ref: cm-0\r\nSubject: long\r\n folded"
      ),
    getAsFileAsync: (cb: unknown) => answer("getAsFileAsync", cb, "RnJvbTogYQ=="),
  };
  const sets = options.sets ?? { Mailbox: "1.14" };
  // host "outlook": scalar properties read without `load`, as in Outlook's API.
  const mock = new OfficeMockObject({
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
    },
    context: {
      displayLanguage: options.language ?? "fr-CA",
      requirements: {
        isSetSupported: (name: string, version: string) => {
          const have = sets[name]?.split(".").map(Number);
          const want = version.split(".").map(Number);
          if (have === undefined) return false;
          const d = (have[0] ?? 0) - (want[0] ?? 0) || (have[1] ?? 0) - (want[1] ?? 0);
          return d >= 0;
        },
      },
      mailbox: {
        item: options.read ? read : compose,
        userProfile: { emailAddress: "officer@example.org", displayName: "Officer" },
        displayNewMessageForm: (m: unknown) => {
          state.newForms.push(m);
        },
      },
    },
    onReady: (cb: () => void) => {
      setTimeout(cb, 0);
      return Promise.resolve({ host: "Outlook" });
    },
  });
  (globalThis as { Office?: unknown }).Office = mock;
  return { mock, state };
}
