/**
 * Fictional demo data: two offices, their officers and a dozen cases, one for each situation the
 * rules know (consent by form, by own email, none; representative with and without email; a
 * superseded address; an earlier bounce, also on the current address; a transfer; English, French,
 * bilingual; countries with longer deadlines). Example domains only (RFC 2606). Tests and the
 * workbench import it; `casemail seed --demo` stores it.
 */
import type { CaseRecord, Office } from "../../domain/case-record";
import type { DeadlineDays } from "../../domain/policy";

export interface DemoOfficer {
  id: string;
  displayName: string;
  offices: string[];
}

export interface DemoTransfer {
  caseNumber: string;
  fromOfficeId: string;
  toOfficeId: string;
  reason: "processing" | "triage";
  transferredAt: string;
}

export interface DemoCase {
  record: CaseRecord;
  /** What the case demonstrates, for the workbench's picker and the tests' names. */
  situation: string;
}

export const demoOffices: readonly Office[] = [
  {
    id: "office-east",
    name: { en: "Eastern Processing Office", fr: "Bureau de traitement de l'Est" },
    genericMailbox: "casework.east@example.org",
  },
  {
    id: "office-west",
    name: { en: "Western Processing Office", fr: "Bureau de traitement de l'Ouest" },
    genericMailbox: "casework.west@example.org",
  },
];

export const demoOfficers: readonly DemoOfficer[] = [
  { id: "officer-a", displayName: "Officer A (demo)", offices: ["office-east"] },
  { id: "officer-b", displayName: "Officer B (demo)", offices: ["office-west"] },
  {
    id: "officer-supervisor",
    displayName: "Supervisor (demo)",
    offices: ["office-east", "office-west"],
  },
];

/** Minimum response days the demo configuration sets for countries with slower mail or access. */
export const demoDeadlineDaysByCountry: Readonly<Record<string, Partial<DeadlineDays>>> = {
  CM: { documents: 45, interview: 45 },
  PH: { documents: 40 },
};

const base = {
  bilingual: false,
  representative: null,
  bounces: [],
} satisfies Partial<CaseRecord>;

export const demoCases: readonly DemoCase[] = [
  {
    situation: "Consent on the application form (English)",
    record: {
      ...base,
      caseNumber: "B000100001",
      officeId: "office-east",
      language: "en",
      countryOfResidence: "CA",
      applicantName: "Alex Sample",
      addresses: [
        {
          email: "alex.sample@example.com",
          consent: "application-form",
          recordedAt: "2026-03-02T14:00:00.000Z",
          supersededAt: null,
        },
      ],
    },
  },
  {
    situation: "Consent by the applicant's own email (French)",
    record: {
      ...base,
      caseNumber: "B000100002",
      officeId: "office-east",
      language: "fr",
      countryOfResidence: "FR",
      applicantName: "Camille Exemple",
      addresses: [
        {
          email: "camille.exemple@example.net",
          consent: "applicant-initiated",
          recordedAt: "2026-05-11T09:30:00.000Z",
          supersededAt: null,
        },
      ],
    },
  },
  {
    situation: "No consent: an address known from a letterhead only (post)",
    record: {
      ...base,
      caseNumber: "B000100003",
      officeId: "office-east",
      language: "en",
      countryOfResidence: "GB",
      applicantName: "Jordan Placeholder",
      addresses: [
        {
          email: "jordan.placeholder@example.org",
          consent: null,
          recordedAt: "2026-04-20T10:00:00.000Z",
          supersededAt: null,
        },
      ],
    },
  },
  {
    situation: "No address at all (post)",
    record: {
      ...base,
      caseNumber: "B000100004",
      officeId: "office-west",
      language: "fr",
      countryOfResidence: "CA",
      applicantName: "Dominique Témoin",
      addresses: [],
    },
  },
  {
    situation: "Representative with an IMM 5476 and email (R2: write to the representative)",
    record: {
      ...base,
      caseNumber: "B000100005",
      officeId: "office-east",
      language: "en",
      countryOfResidence: "IN",
      applicantName: "Priya Fictive",
      addresses: [
        {
          email: "priya.fictive@example.com",
          consent: "application-form",
          recordedAt: "2026-01-15T08:00:00.000Z",
          supersededAt: null,
        },
      ],
      representative: {
        name: "Sam Counsel, Example Immigration Law",
        imm5476Signed: true,
        email: "sam.counsel@example.net",
        recordedAt: "2026-02-01T12:00:00.000Z",
      },
    },
  },
  {
    situation: "Representative without email (R2 does not apply; the applicant's address)",
    record: {
      ...base,
      caseNumber: "B000100006",
      officeId: "office-west",
      language: "en",
      countryOfResidence: "MX",
      applicantName: "Luis Ejemplo",
      addresses: [
        {
          email: "luis.ejemplo@example.com",
          consent: "application-form",
          recordedAt: "2026-02-10T16:45:00.000Z",
          supersededAt: null,
        },
      ],
      representative: {
        name: "Rita Paralegal",
        imm5476Signed: true,
        email: null,
        recordedAt: "2026-02-12T10:00:00.000Z",
      },
    },
  },
  {
    situation: "Superseded address: the applicant gave a new one (R3: only the latest)",
    record: {
      ...base,
      caseNumber: "B000100007",
      officeId: "office-east",
      language: "en",
      countryOfResidence: "CA",
      applicantName: "Morgan Specimen",
      addresses: [
        {
          email: "morgan.old@example.com",
          consent: "application-form",
          recordedAt: "2025-11-03T09:00:00.000Z",
          supersededAt: "2026-06-01T13:20:00.000Z",
        },
        {
          email: "morgan.specimen@example.org",
          consent: "applicant-initiated",
          recordedAt: "2026-06-01T13:20:00.000Z",
          supersededAt: null,
        },
      ],
    },
  },
  {
    situation: "An earlier bounce on an old address; the current one is newer (R10: resend)",
    record: {
      ...base,
      caseNumber: "B000100008",
      officeId: "office-west",
      language: "fr",
      countryOfResidence: "BE",
      applicantName: "Noé Fictif",
      addresses: [
        {
          email: "noe.fictif@example.com",
          consent: "application-form",
          recordedAt: "2025-12-01T09:00:00.000Z",
          supersededAt: "2026-07-14T08:00:00.000Z",
        },
        {
          email: "noe.nouveau@example.net",
          consent: "applicant-initiated",
          recordedAt: "2026-07-14T08:00:00.000Z",
          supersededAt: null,
        },
      ],
      bounces: [
        {
          address: "noe.fictif@example.com",
          occurredAt: "2026-07-10T11:00:00.000Z",
          permanent: true,
          correspondenceId: null,
        },
      ],
    },
  },
  {
    situation: "The current address itself bounced (R10: correspond by post)",
    record: {
      ...base,
      caseNumber: "B000100009",
      officeId: "office-east",
      language: "en",
      countryOfResidence: "AU",
      applicantName: "Riley Dummy",
      addresses: [
        {
          email: "riley.dummy@example.org",
          consent: "application-form",
          recordedAt: "2026-03-20T09:00:00.000Z",
          supersededAt: null,
        },
      ],
      bounces: [
        {
          address: "riley.dummy@example.org",
          occurredAt: "2026-08-02T15:30:00.000Z",
          permanent: true,
          correspondenceId: null,
        },
      ],
    },
  },
  {
    situation: "Transferred from the Eastern to the Western office, applicant not yet told (R12)",
    record: {
      ...base,
      caseNumber: "B000100010",
      officeId: "office-west",
      language: "fr",
      countryOfResidence: "CA",
      applicantName: "Sacha Modèle",
      addresses: [
        {
          email: "sacha.modele@example.com",
          consent: "application-form",
          recordedAt: "2026-04-04T10:10:00.000Z",
          supersededAt: null,
        },
      ],
    },
  },
  {
    situation: "Country with a longer deadline (Cameroon, 45 days), bilingual correspondence",
    record: {
      ...base,
      caseNumber: "B000100011",
      officeId: "office-west",
      language: "fr",
      bilingual: true,
      countryOfResidence: "CM",
      applicantName: "Amina Essai",
      addresses: [
        {
          email: "amina.essai@example.net",
          consent: "application-form",
          recordedAt: "2026-02-28T07:00:00.000Z",
          supersededAt: null,
        },
      ],
    },
  },
  {
    situation: "Country with a longer deadline for documents (Philippines, 40 days)",
    record: {
      ...base,
      caseNumber: "B000100012",
      officeId: "office-east",
      language: "en",
      countryOfResidence: "PH",
      applicantName: "Jamie Trial",
      addresses: [
        {
          email: "jamie.trial@example.com",
          consent: "applicant-initiated",
          recordedAt: "2026-09-09T09:09:00.000Z",
          supersededAt: null,
        },
      ],
    },
  },
];

export const demoTransfers: readonly DemoTransfer[] = [
  {
    caseNumber: "B000100010",
    fromOfficeId: "office-east",
    toOfficeId: "office-west",
    reason: "processing",
    transferredAt: "2026-11-20T14:00:00.000Z",
  },
];
