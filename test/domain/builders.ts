/** Small builders for domain tests: a valid case, office and draft that pass every rule. */
import type { CaseRecord, Office } from "../../src/domain/case-record";
import type { MessageDraft } from "../../src/domain/message-draft";
import { defaultPolicy, type Policy } from "../../src/domain/policy";
import type { EvaluationInput } from "../../src/domain/evaluate-message";

export const today = "2026-12-04"; // a Friday; +30 days is Sunday 2027-01-03, so the minimum is Monday 2027-01-04

export const office: Office = {
  id: "office-west",
  name: { en: "Western Processing Office", fr: "Bureau de traitement de l'Ouest" },
  genericMailbox: "casework.west@example.org",
  timeZone: "America/Vancouver",
};

export function aCase(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseNumber: "B012345678",
    officeId: "office-west",
    language: "en",
    bilingual: false,
    countryOfResidence: "CA",
    applicantName: "Ana Silva",
    addresses: [
      {
        email: "ana.silva@mail.example.com",
        consent: "application-form",
        recordedAt: "2026-03-02T15:04:00Z",
        supersededAt: null,
      },
    ],
    representative: null,
    bounces: [],
    ...overrides,
  };
}

export function aDraft(overrides: Partial<MessageDraft> = {}): MessageDraft {
  return {
    from: "casework.west@example.org",
    to: [{ address: "ana.silva@mail.example.com" }],
    cc: [],
    bcc: [],
    subject: "Request for documents - application B012345678",
    bodyText: "Please send the documents by January 4, 2027.",
    purpose: "documents",
    deadline: "2027-01-04",
    readReceiptRequested: false,
    ...overrides,
  };
}

export const policy: Policy = { ...defaultPolicy, internalDomains: ["example.org"] };

export function anInput(overrides: Partial<EvaluationInput> = {}): EvaluationInput {
  return { caseRecord: aCase(), office, draft: aDraft(), policy, today, ...overrides };
}

export const to = (...addresses: string[]) => addresses.map((address) => ({ address }));
