/**
 * Addresses as R3 compares them: trimmed, the domain case-folded, the local part kept as written
 * (RFC 5321 lets it be case-sensitive, so a case difference is worth a warning, not a silent match).
 */

export interface ParsedAddress {
  /** The local part as written. */
  local: string;
  /** The domain, lower case, without a trailing dot. */
  domain: string;
}

/** Splits at the last `@`; null for anything that is not `local@domain`. */
export function parseAddress(raw: string): ParsedAddress | null {
  const value = raw.trim();
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1) return null;
  const local = value.slice(0, at);
  const domain = value
    .slice(at + 1)
    .toLowerCase()
    .replace(/\.$/, "");
  if (domain === "" || /\s/.test(value) || domain.includes("..")) return null;
  return { local, domain };
}

/** The comparable form: local part as written, domain lower case; null when unparseable. */
export function canonicalAddress(raw: string): string | null {
  const parsed = parseAddress(raw);
  return parsed === null ? null : `${parsed.local}@${parsed.domain}`;
}

export type AddressComparison = "identical" | "local-part-case" | "different";

/** R3's comparison of a recipient with the address on file. */
export function compareAddresses(recipient: string, onFile: string): AddressComparison {
  const a = parseAddress(recipient);
  const b = parseAddress(onFile);
  return a === null || b === null ? "different" : compareParsed(a, b);
}

export function compareParsed(a: ParsedAddress, b: ParsedAddress): AddressComparison {
  if (a.domain !== b.domain) return "different";
  if (a.local === b.local) return "identical";
  return a.local.toLowerCase() === b.local.toLowerCase() ? "local-part-case" : "different";
}

/** Configured internal domains in comparable form (`@Example.org.` gives `example.org`). */
export function normalizeDomains(domains: readonly string[]): string[] {
  return domains
    .map((d) => d.trim().toLowerCase().replace(/^@/, "").replace(/\.$/, ""))
    .filter((d) => d !== "");
}

/** True when a (lower-case) domain is one of the normalized domains or a subdomain of one. */
export function isInternalDomain(domain: string, normalizedDomains: readonly string[]): boolean {
  return normalizedDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** True when the address's domain is an internal domain or one of its subdomains. */
export function isInternalAddress(raw: string, internalDomains: readonly string[]): boolean {
  const parsed = parseAddress(raw);
  return parsed !== null && isInternalDomain(parsed.domain, normalizeDomains(internalDomains));
}
