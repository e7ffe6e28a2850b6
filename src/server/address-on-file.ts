/**
 * The address a message had to go to at a given time (R1, R2, R3): the representative's email
 * under a signed IMM 5476 recorded by then, otherwise the applicant's latest address with consent
 * that was current then. Used by the proof of sending to say whether the address was the latest.
 */
import type { CaseResource } from "../gateway/contract";

export function addressOnFileAt(record: CaseResource, at: string): string | null {
  const when = Date.parse(at);
  const rep = record.representative;
  if (
    rep !== null &&
    rep.imm5476Signed &&
    rep.email !== null &&
    Date.parse(rep.recordedAt) <= when
  ) {
    return rep.email;
  }
  const current = record.addresses
    .filter(
      (a) =>
        a.consent !== null &&
        Date.parse(a.recordedAt) <= when &&
        (a.supersededAt === null || Date.parse(a.supersededAt) > when)
    )
    .sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt));
  return current[0]?.email ?? null;
}

export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
