/**
 * Who must receive email for a case (R1, R2): the representative where a signed IMM 5476 gives an
 * email, otherwise the applicant's current address if it carries consent, otherwise nobody (post).
 */
import type { ApplicantAddress, CaseRecord, ConsentSource } from "./case-record";

export type ExpectedRecipient =
  | { kind: "representative"; address: string }
  | { kind: "applicant"; address: string; consent: ConsentSource }
  /** No email consent: correspondence goes by post (R1). */
  | { kind: "post"; reason: "no-address" | "no-consent" };

/** R2 applies: a signed IMM 5476 with the representative's email. */
export function representativeEmail(caseRecord: CaseRecord): string | null {
  const rep = caseRecord.representative;
  if (rep === null || !rep.imm5476Signed || rep.email === null || rep.email.trim() === "") {
    return null;
  }
  return rep.email.trim();
}

/**
 * The latest address the applicant gave that has not been replaced. Ties on the recording time go
 * to the later entry in the list, the order the case system appended them.
 */
export function currentApplicantAddress(caseRecord: CaseRecord): ApplicantAddress | null {
  let current: ApplicantAddress | null = null;
  for (const address of caseRecord.addresses) {
    if (address.supersededAt !== null) continue;
    if (current === null || timeOf(address.recordedAt) >= timeOf(current.recordedAt)) {
      current = address;
    }
  }
  return current;
}

/** Milliseconds of an ISO date-time; an unreadable one sorts first, so it never hides a real one. */
function timeOf(isoDateTime: string): number {
  const ms = Date.parse(isoDateTime);
  return Number.isNaN(ms) ? Number.NEGATIVE_INFINITY : ms;
}

export function expectedRecipient(caseRecord: CaseRecord): ExpectedRecipient {
  const rep = representativeEmail(caseRecord);
  if (rep !== null) return { kind: "representative", address: rep };
  const current = currentApplicantAddress(caseRecord);
  if (current === null) return { kind: "post", reason: "no-address" };
  if (current.consent === null) return { kind: "post", reason: "no-consent" };
  return { kind: "applicant", address: current.email.trim(), consent: current.consent };
}
