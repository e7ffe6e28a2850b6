/**
 * Worker side of the classic-Outlook send check (see classic-bridge.ts): a stand-in `Office` whose
 * asynchronous calls go to the page, then `importScripts("events.js")` exactly as the
 * JavaScript-only runtime loads the handler file, then the send event.
 */
import type { PageToWorker, PlainAsyncResult, WorkerToPage } from "./classic-bridge";

declare const self: {
  postMessage(message: WorkerToPage): void;
  onmessage: ((event: { data: PageToWorker }) => void) | null;
  importScripts(...urls: string[]): void;
  Office?: unknown;
};

type Handler = (event: unknown) => void;

let nextId = 1;
const waiting = new Map<number, (message: PageToWorker) => void>();

function ask(message: WorkerToPage & { id: number }): Promise<PageToWorker> {
  return new Promise((resolve) => {
    waiting.set(message.id, resolve);
    self.postMessage(message);
  });
}

function customProperties(initial: Record<string, unknown>) {
  const values: Record<string, unknown> = { ...initial };
  return {
    get: (name: string) => values[name],
    set: (name: string, value: unknown) => {
      values[name] = value;
    },
    remove: (name: string) => {
      delete values[name];
    },
    getAll: () => ({ ...values }),
    saveAsync: (...args: unknown[]) => {
      const callback = args.find((a) => typeof a === "function") as
        ((r: PlainAsyncResult) => void) | undefined;
      void ask({ kind: "save-properties", id: nextId++, values: { ...values } }).then((reply) => {
        if (reply.kind === "result") callback?.(reply.result);
      });
    },
  };
}

/** `path` on the page's Office, called with `args` and a callback, as an Office async method. */
function remote(path: string) {
  return (...args: unknown[]) => {
    const callback = [...args].reverse().find((a) => typeof a === "function") as
      ((result: unknown) => void) | undefined;
    const plain = args.filter((a) => typeof a !== "function");
    void ask({ kind: "call", id: nextId++, path, args: plain }).then((reply) => {
      if (reply.kind !== "result") return;
      const { customProperties: props, ...result } = reply.result;
      callback?.(props === undefined ? result : { ...result, value: customProperties(props) });
    });
  };
}

function officeFor(
  start: Extract<PageToWorker, { kind: "start" }>,
  handlers: Map<string, Handler>
) {
  const supported = new Set(start.snapshot.supportedSets);
  const item = (name: string) => `context.mailbox.item.${name}`;
  return {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Text: "text", Html: "html" },
    MailboxEnums: {
      ItemNotificationMessageType: {
        InformationalMessage: "informationalMessage",
        ErrorMessage: "errorMessage",
        ProgressIndicator: "progressIndicator",
      },
      RestVersion: { v2_0: "v2.0" },
    },
    actions: { associate: (name: string, handler: Handler) => handlers.set(name, handler) },
    auth: {
      getAccessToken: async () => {
        const reply = await ask({ kind: "token", id: nextId++ });
        if (reply.kind === "token-result" && reply.token !== null) return reply.token;
        throw Object.assign(new Error("no token"), {
          code: reply.kind === "token-result" ? reply.code : 13001,
        });
      },
    },
    context: {
      displayLanguage: start.snapshot.displayLanguage,
      requirements: {
        isSetSupported: (name: string, version = "1.1") => supported.has(`${name}@${version}`),
      },
      mailbox: {
        convertToRestId: (id: string) => id,
        item: {
          from: { getAsync: remote(item("from.getAsync")) },
          to: { getAsync: remote(item("to.getAsync")) },
          cc: { getAsync: remote(item("cc.getAsync")) },
          bcc: { getAsync: remote(item("bcc.getAsync")) },
          subject: { getAsync: remote(item("subject.getAsync")) },
          body: {
            getAsync: remote(item("body.getAsync")),
            getTypeAsync: remote(item("body.getTypeAsync")),
          },
          internetHeaders: {
            getAsync: remote(item("internetHeaders.getAsync")),
            setAsync: remote(item("internetHeaders.setAsync")),
          },
          sessionData: {
            getAsync: remote(item("sessionData.getAsync")),
            setAsync: remote(item("sessionData.setAsync")),
            getAllAsync: remote(item("sessionData.getAllAsync")),
          },
          notificationMessages: {
            addAsync: remote(item("notificationMessages.addAsync")),
            replaceAsync: remote(item("notificationMessages.replaceAsync")),
            removeAsync: remote(item("notificationMessages.removeAsync")),
            getAllAsync: remote(item("notificationMessages.getAllAsync")),
          },
          loadCustomPropertiesAsync: remote(item("loadCustomPropertiesAsync")),
          saveAsync: remote(item("saveAsync")),
        },
      },
    },
  };
}

self.onmessage = (event) => {
  const message = event.data;
  if (message.kind !== "start") {
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
    return;
  }
  const handlers = new Map<string, Handler>();
  try {
    self.Office = officeFor(message, handlers);
    self.importScripts(message.eventsUrl);
    const handler = handlers.get(message.handlerName);
    if (handler === undefined) throw new Error(`${message.handlerName} was not associated`);
    handler({
      type: "olkMessageSend",
      completed: (options: unknown) =>
        self.postMessage({
          kind: "completed",
          options: options ?? null,
          // What the classic runtime lacks, as the handler saw it: "undefinedundefinedundefined".
          globals: `${typeof (globalThis as { window?: unknown }).window}${typeof (globalThis as { document?: unknown }).document}${typeof (globalThis as { localStorage?: unknown }).localStorage}`,
        }),
    });
  } catch (error) {
    self.postMessage({
      kind: "failed",
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
