/**
 * The case as the rules see it: who may be written to, since when, and through which consent (R1, R2),
 * where the file is held (R5), in which language and country (R4), and what bounced (R10).
 * Dates are ISO 8601 strings so that snapshots cross the gateway, custom properties and the
 * send-time handler unchanged.
 */

export type Language = "en" | "fr";

/** How the applicant consented to email (R1). */
export type ConsentSource =
  /** An email address written on a completed application form. */
  | "application-form"
  /** The applicant started an email exchange by giving an address. */
  | "applicant-initiated";

export interface ApplicantAddress {
  email: string;
  /** Null where an address is known but carries no consent (for example taken from a letterhead). */
  consent: ConsentSource | null;
  /** When the applicant gave this address (ISO date-time). */
  recordedAt: string;
  /** When a later address replaced it; null while it is the current one. */
  supersededAt: string | null;
}

/** A representative under a Use of a Representative form (IMM 5476). */
export interface Representative {
  name: string;
  /** A signed IMM 5476 is on file. */
  imm5476Signed: boolean;
  /** The representative's email on the IMM 5476; null when the form gives none (R2 does not apply). */
  email: string | null;
  recordedAt: string;
}

export interface BounceRecord {
  address: string;
  occurredAt: string;
  /** The address itself is bad (unknown user or host), not a full mailbox or a delay. */
  permanent: boolean;
  correspondenceId: string | null;
}

export interface CaseRecord {
  caseNumber: string;
  /** The office that holds the case (R5: its generic mailbox sends). */
  officeId: string;
  /** The applicant's language of correspondence. */
  language: Language;
  /** Correspondence goes in both official languages, the applicant's first. */
  bilingual: boolean;
  /** ISO 3166-1 alpha-2 code of the country of residence (R4 minimums). */
  countryOfResidence: string;
  applicantName: string;
  /** Every address the applicant gave, current and superseded. */
  addresses: ApplicantAddress[];
  representative: Representative | null;
  bounces: BounceRecord[];
}

export interface Office {
  id: string;
  name: { en: string; fr: string };
  /** The office's generic mailbox (R5). */
  genericMailbox: string;
  /** IANA time zone of the office ("today" for R4, date and time in notes); UTC when absent. */
  timeZone?: string;
}
