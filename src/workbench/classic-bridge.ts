/**
 * The messages between the workbench page and the worker that runs `events.js` as classic Outlook
 * on Windows does: in a JavaScript-only runtime, with no window, document or localStorage. The
 * worker's `Office` forwards every asynchronous call to the page's simulated Office, so the handler
 * reads and changes the same simulated item the form shows. Development only.
 */

/** Values the worker reads synchronously, captured from the page's Office before the run. */
export interface ClassicSnapshot {
  displayLanguage: string;
  /** `name@version` of every requirement set the simulated host supports. */
  supportedSets: string[];
}

export type WorkerToPage =
  | { kind: "call"; id: number; path: string; args: unknown[] }
  | { kind: "token"; id: number }
  | { kind: "save-properties"; id: number; values: Record<string, unknown> }
  | { kind: "completed"; options: unknown; globals: string }
  | { kind: "failed"; message: string };

export type PageToWorker =
  | { kind: "start"; eventsUrl: string; handlerName: string; snapshot: ClassicSnapshot }
  | { kind: "result"; id: number; result: PlainAsyncResult }
  | { kind: "token-result"; id: number; token: string | null; code: number | null };

/** An Office AsyncResult without functions, so it crosses postMessage. */
export interface PlainAsyncResult {
  status: string;
  value: unknown;
  error: { code: number; name: string; message: string } | null;
  /** Set when the value was a CustomProperties object: its entries. */
  customProperties?: Record<string, unknown>;
}

/** The requirement sets the worker answers for without asking the page. */
export const probedSets: ReadonlyArray<[string, string]> = [
  ...Array.from({ length: 15 }, (_, i) => ["Mailbox", `1.${i + 1}`] as [string, string]),
  ["NestedAppAuth", "1.1"],
  ["IdentityAPI", "1.3"],
];
