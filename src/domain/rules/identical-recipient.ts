/**
 * R3: the one address on file, identical; no other outside recipient in To, Cc or Bcc except
 * internal domains; near misses named beside the address on file.
 */
import { compareParsed, isInternalDomain, normalizeDomains, parseAddress } from "../email-address";
import { expectedRecipient, representativeEmail } from "../expected-recipient";
import type { Finding } from "../finding";
import { nearMissMatcher } from "../near-miss";
import {
  addressKey,
  allRecipients,
  finding,
  type EvaluationInput,
  type RecipientField,
} from "./evaluation-input";

export function checkIdenticalRecipient({ caseRecord, draft, policy }: EvaluationInput): Finding[] {
  const expected = expectedRecipient(caseRecord);
  if (expected.kind === "post") return []; // R1 already blocks: no address to compare with.
  const onFile = expected.address;
  const onFileParsed = parseAddress(onFile);
  const internal = normalizeDomains(policy.internalDomains);
  const nearMiss = onFileParsed === null ? () => null : nearMissMatcher(onFileParsed);
  // Applicant addresses under R2 are R2's finding; the applicant's older addresses are named as such.
  const represented = representativeEmail(caseRecord) !== null;
  const caseAddresses = new Set(caseRecord.addresses.map((a) => addressKey(a.email)));

  const findings: Finding[] = [];
  const reported = new Set<string>();
  const report = (f: Finding, key: string): void => {
    if (reported.has(`${f.code} ${key}`)) return;
    reported.add(`${f.code} ${key}`);
    findings.push(f);
  };
  const foundIn = new Set<RecipientField>();

  for (const r of allRecipients(draft)) {
    const address = r.address.trim();
    const key = addressKey(address);
    const parsed = parseAddress(address);
    if (parsed === null) {
      report(finding("R3", "R3.invalid-address", "block", { address, field: r.field }), key);
      continue;
    }
    const comparison = onFileParsed === null ? "different" : compareParsed(parsed, onFileParsed);
    if (comparison !== "different") {
      foundIn.add(r.field);
      if (comparison === "local-part-case") {
        report(finding("R3", "R3.local-part-case", "warn", { address, expected: onFile }), key);
      }
      continue;
    }
    if (isInternalDomain(parsed.domain, internal)) continue;
    if (caseAddresses.has(key)) {
      if (!represented) {
        const params = { address, expected: onFile, field: r.field };
        report(finding("R3", "R3.superseded-address", "block", params), key);
      }
      continue;
    }
    const kind = nearMiss(parsed);
    if (kind !== null) {
      const params = { address, expected: onFile, kind, field: r.field };
      report(finding("R3", "R3.near-miss", "block", params), key);
    } else {
      report(finding("R3", "R3.outside-recipient", "block", { address, field: r.field }), key);
    }
  }

  if (foundIn.size === 0) {
    findings.unshift(finding("R3", "R3.recipient-missing", "block", { expected: onFile }));
  } else if (!foundIn.has("to")) {
    const field = foundIn.has("cc") ? "cc" : "bcc";
    findings.unshift(finding("R3", "R3.expected-not-in-to", "warn", { expected: onFile, field }));
  }
  return findings;
}
