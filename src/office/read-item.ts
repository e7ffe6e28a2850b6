/** Promise adapters over a read-mode item: its class, its headers, and its MIME (Mailbox 1.14). */
import { currentItem } from "./host";
import { fail, fromAsync, ok, type OfficeResult } from "./result";

type Read = Office.MessageRead;

function read(): OfficeResult<Read> {
  const item = currentItem();
  return item === null ? fail("NoItem", "No item is open") : ok(item as unknown as Read);
}

/** `IPM.Note` for a message; reports and meeting items have other classes. */
export function itemClass(): OfficeResult<string> {
  const item = read();
  return item.ok ? ok(String(item.value.itemClass ?? "")) : item;
}

export function itemId(): OfficeResult<string | null> {
  const item = read();
  return item.ok ? ok(item.value.itemId ?? null) : item;
}

/** All internet headers as Outlook returns them: one RFC 5322 header block. */
export async function getAllInternetHeaders(): Promise<OfficeResult<string>> {
  const item = read();
  if (!item.ok) return item;
  return fromAsync<string>((cb) => item.value.getAllInternetHeadersAsync(cb));
}

/** One header's value from the block (first occurrence, unfolded), or null. */
export function headerValue(block: string, name: string): string | null {
  const unfolded = block.replace(/\r?\n[ \t]+/g, " ");
  const wanted = name.toLowerCase();
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === wanted) {
      return line.slice(colon + 1).trim();
    }
  }
  return null;
}

/** The item's MIME, base64-encoded, as `getAsFileAsync` gives it (read mode only). */
export async function getAsFile(): Promise<OfficeResult<string>> {
  const item = read();
  if (!item.ok) return item;
  const v = item.value as Read & { getAsFileAsync?: (cb: (r: unknown) => void) => void };
  if (typeof v.getAsFileAsync !== "function") {
    return fail("NotSupported", "getAsFileAsync needs Mailbox 1.14");
  }
  return fromAsync<string>((cb) =>
    (v.getAsFileAsync as (c: typeof cb) => void).call(item.value, cb)
  );
}
