/** Where the adapters find Office.js: the real library, the workbench shim, or a test mock. */
export function office(): typeof Office {
  const o = (globalThis as { Office?: typeof Office }).Office;
  if (o === undefined) throw new Error("Office.js is not loaded");
  return o;
}

export function mailbox(): Office.Mailbox {
  return office().context.mailbox;
}

/** The current item; compose and read share one object whose methods differ by mode. */
export function currentItem(): Office.Item | null {
  return (mailbox().item as Office.Item | null | undefined) ?? null;
}

/** Compose items have `setAsync` on their subject; read items carry the subject as a string. */
export function isComposeItem(item: Office.Item | null): boolean {
  if (item === null) return false;
  const subject = (item as { subject?: unknown }).subject;
  return typeof subject === "object" && subject !== null && "setAsync" in subject;
}
