/** Shared test data for the send-time handler: one case, its office, a compliant draft. */
import { minimumDeadline } from "../../src/domain/business-calendar";
import type { CaseRecord, Office } from "../../src/domain/case-record";
import { formatLongDate } from "../../src/domain/long-date";
import type { MessageDraft } from "../../src/domain/message-draft";
import type { Policy } from "../../src/domain/policy";
import type { SendCapabilities } from "../../src/events/send-decision";
import type { SendSettings } from "../../src/events/send-handler";

/** A fixed instant: Wednesday 4 March 2026, mid-morning in Vancouver. */
export const now = new Date("2026-03-04T18:00:00Z");
export const today = "2026-03-04";

export const office: Office = {
  id: "office-west",
  name: { en: "Western Processing Office", fr: "Bureau de traitement de l'Ouest" },
  genericMailbox: "casework.west@example.org",
  timeZone: "America/Vancouver",
};

export const policy: Policy = {
  internalDomains: ["example.org"],
  deadlineDays: { documents: 30, interview: 30 },
  deadlineDaysByCountry: {},
  holidays: [],
  noCaseLinked: "prompt",
};

export const settings: SendSettings = {
  offices: [office],
  policy,
  timeZone: "UTC",
  snapshotMaxAgeMs: 8 * 60 * 60 * 1000,
  gatewayTimeoutMs: 2000,
};

export const allCapabilities: SendCapabilities = {
  markdown: true,
  takeAction: true,
  promptUser: true,
};
export const noCapabilities: SendCapabilities = {
  markdown: false,
  takeAction: false,
  promptUser: false,
};

export function caseRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  return {
    caseNumber: "B012345678",
    officeId: "office-west",
    language: "en",
    bilingual: false,
    countryOfResidence: "CA",
    applicantName: "Ana Silva",
    addresses: [
      {
        email: "ana.silva@example.com",
        consent: "application-form",
        recordedAt: "2026-01-10T10:00:00Z",
        supersededAt: null,
      },
    ],
    representative: null,
    bounces: [],
    ...overrides,
  };
}

export const deadline = minimumDeadline(caseRecord(), "documents", policy, today);

/** A request for documents that passes every rule. */
export function compliantDraft(overrides: Partial<MessageDraft> = {}): MessageDraft {
  return {
    from: office.genericMailbox,
    to: [{ address: "ana.silva@example.com" }],
    cc: [],
    bcc: [],
    subject: "B012345678: documents requested",
    bodyText: `Please send the documents by ${formatLongDate(deadline, "en")}.`,
    purpose: "documents",
    deadline,
    readReceiptRequested: false,
    ...overrides,
  };
}
