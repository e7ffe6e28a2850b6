/**
 * Page side of the classic-Outlook send check: starts the worker, answers its Office calls from the
 * page's simulated Office, and resolves with the handler's `event.completed` options.
 */
import {
  probedSets,
  type PageToWorker,
  type PlainAsyncResult,
  type WorkerToPage,
} from "./classic-bridge";

interface OfficeAsyncResult {
  status: string;
  value?: unknown;
  error?: { code?: number; name?: string; message?: string } | null;
}

type OfficeLike = {
  context: {
    displayLanguage: string;
    requirements: { isSetSupported(name: string, version?: string): boolean };
    mailbox: { item: unknown };
  };
  auth?: { getAccessToken(): Promise<string> };
};

export interface ClassicSendResult {
  options: { allowEvent?: boolean; errorMessage?: string } | null;
  /** `typeof window + typeof document + typeof localStorage` inside the worker. */
  globals: string;
}

function plain(result: OfficeAsyncResult): PlainAsyncResult {
  const value = result.value as { getAll?: () => Record<string, unknown> } | undefined;
  const error =
    result.error === null || result.error === undefined
      ? null
      : {
          code: result.error.code ?? 0,
          name: result.error.name ?? "",
          message: result.error.message ?? "",
        };
  if (value !== null && typeof value === "object" && typeof value.getAll === "function") {
    return { status: result.status, value: null, error, customProperties: value.getAll() };
  }
  return { status: result.status, value: result.value ?? null, error };
}

/** Calls the Office method at `path` (for example `context.mailbox.item.to.getAsync`). */
function callAt(
  office: unknown,
  path: string,
  args: unknown[],
  done: (r: PlainAsyncResult) => void
) {
  const parts = path.split(".");
  const name = parts.pop() ?? "";
  let owner: unknown = office;
  for (const part of parts) owner = (owner as Record<string, unknown> | undefined)?.[part];
  const method = (owner as Record<string, unknown> | undefined)?.[name];
  if (typeof method !== "function") {
    done({
      status: "failed",
      value: null,
      error: { code: 5000, name: "NotSupported", message: path },
    });
    return;
  }
  (method as (...a: unknown[]) => void).apply(owner, [
    ...args,
    (r: OfficeAsyncResult) => done(plain(r)),
  ]);
}

export function runClassicSend(
  office: OfficeLike,
  options: { workerUrl: string; eventsUrl: string; handlerName: string; timeoutMs?: number }
): Promise<ClassicSendResult> {
  const worker = new Worker(options.workerUrl);
  const post = (message: PageToWorker) => worker.postMessage(message);
  return new Promise<ClassicSendResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.terminate();
      reject(new Error("the send-time handler did not complete"));
    }, options.timeoutMs ?? 10_000);
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      worker.terminate();
      fn();
    };
    worker.onerror = (event) => finish(() => reject(new Error(event.message)));
    worker.onmessage = (event: MessageEvent<WorkerToPage>) => {
      const message = event.data;
      switch (message.kind) {
        case "call":
          callAt(office, message.path, message.args, (result) =>
            post({ kind: "result", id: message.id, result })
          );
          return;
        case "save-properties": {
          const item = office.context.mailbox.item as {
            loadCustomPropertiesAsync(cb: (r: OfficeAsyncResult) => void): void;
          };
          item.loadCustomPropertiesAsync((loaded) => {
            const props = loaded.value as {
              set(n: string, v: unknown): void;
              remove(n: string): void;
              getAll(): Record<string, unknown>;
              saveAsync(cb: (r: OfficeAsyncResult) => void): void;
            };
            for (const name of Object.keys(props.getAll())) {
              if (!(name in message.values)) props.remove(name);
            }
            for (const [name, value] of Object.entries(message.values)) props.set(name, value);
            props.saveAsync((saved) =>
              post({ kind: "result", id: message.id, result: plain(saved) })
            );
          });
          return;
        }
        case "token":
          (office.auth?.getAccessToken() ?? Promise.reject(new Error("no auth"))).then(
            (token) => post({ kind: "token-result", id: message.id, token, code: null }),
            (error: { code?: number }) =>
              post({
                kind: "token-result",
                id: message.id,
                token: null,
                code: error?.code ?? 13001,
              })
          );
          return;
        case "completed":
          finish(() =>
            resolve({
              options: message.options as ClassicSendResult["options"],
              globals: message.globals,
            })
          );
          return;
        case "failed":
          finish(() => reject(new Error(message.message)));
          return;
      }
    };
    post({
      kind: "start",
      eventsUrl: options.eventsUrl,
      handlerName: options.handlerName,
      snapshot: {
        displayLanguage: office.context.displayLanguage,
        supportedSets: probedSets
          .filter(([name, version]) => office.context.requirements.isSetSupported(name, version))
          .map(([name, version]) => `${name}@${version}`),
      },
    });
  });
}
