/**
 * The correlation reference ties a message to its pending correspondence across send, Sent Items
 * and bounces: an opaque `cm-<uuid>` (never personal information) stored twice, as a custom
 * property (survives to the sent copy, readable through Graph) and as an internet header
 * (travels in the MIME, so bounce reports quoting the headers can be tied back).
 */
import { getCustomProperty, setCustomProperty, setInternetHeaders } from "./compose-item";
import { ok, type OfficeResult } from "./result";

export const correlationProperty = "casemail-ref";
export const correlationHeader = "x-casemail-ref";
const pattern = /^cm-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isCorrelationRef(value: unknown): value is string {
  return typeof value === "string" && pattern.test(value);
}

export function newCorrelationRef(): string {
  return `cm-${globalThis.crypto.randomUUID()}`;
}

/** The item's reference if it already has one (a reopened draft), else null. */
export async function readCorrelationRef(): Promise<OfficeResult<string | null>> {
  const r = await getCustomProperty(correlationProperty);
  return r.ok ? ok(isCorrelationRef(r.value) ? r.value : null) : r;
}

/**
 * Writes `ref` as property and header. The header needs Mailbox 1.8; when it fails the property
 * alone still lets filing find the sent item, so the result says which parts were written.
 */
export async function stampCorrelationRef(
  ref: string
): Promise<OfficeResult<{ property: true; header: boolean }>> {
  const property = await setCustomProperty(correlationProperty, ref);
  if (!property.ok) return property;
  const header = await setInternetHeaders({ [correlationHeader]: ref });
  return ok({ property: true, header: header.ok });
}
