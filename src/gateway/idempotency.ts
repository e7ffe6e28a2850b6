/**
 * Idempotency keys: one per logical operation, made before its first attempt and sent unchanged on
 * every retry, so a request that reached the gateway but whose response was lost replays the first
 * response instead of filing twice. Callers with a durable queue pass their own stored key so that
 * a retry after the pane was closed and reopened is still the same operation.
 */
export const idempotencyHeader = "Idempotency-Key";

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** Keys the client accepts from callers: printable ASCII without spaces, 8 to 200 characters. */
export function isValidIdempotencyKey(key: string): boolean {
  return /^[\x21-\x7e]{8,200}$/.test(key);
}
