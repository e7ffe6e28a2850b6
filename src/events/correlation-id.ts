/**
 * A new correlation reference (`cm-<uuid v4>`) where `crypto.randomUUID` may be missing: the
 * JavaScript-only runtime does not promise Web Crypto. The reference is an opaque join key, not a
 * secret, so the fallback's weaker randomness only has to make collisions unlikely.
 */
export function newCorrelationId(random: () => number = Math.random): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c !== undefined && typeof c.randomUUID === "function") return `cm-${c.randomUUID()}`;
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
  const variant = "89ab"[Math.floor(random() * 4)] as string;
  return `cm-${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
