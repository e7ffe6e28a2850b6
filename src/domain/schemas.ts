/**
 * zod schemas of the domain types, for every boundary that receives them as JSON (the command
 * line's scenarios, the gateway's case snapshots). The `satisfies`-style checks below keep each
 * schema and its TypeScript type in step.
 */
import { z } from "zod";
import type { CaseRecord, Office } from "./case-record";
import { isIsoDate } from "./calendar-date";
import type { MessageDraft } from "./message-draft";
import type { Policy } from "./policy";

export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { message: "expected a calendar date written YYYY-MM-DD" });
const isoDateTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), {
  message: "expected an ISO 8601 date-time",
});
const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "expected an ISO 3166-1 alpha-2 country code")
  .transform((v) => v.toUpperCase());

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const languageSchema = z.enum(["en", "fr"]);

export const applicantAddressSchema = z.object({
  email: z.string().min(1),
  consent: z.enum(["application-form", "applicant-initiated"]).nullable(),
  recordedAt: isoDateTime,
  supersededAt: isoDateTime.nullable().default(null),
});

export const representativeSchema = z.object({
  name: z.string(),
  imm5476Signed: z.boolean(),
  email: z.string().nullable(),
  recordedAt: isoDateTime,
});

export const bounceRecordSchema = z.object({
  address: z.string(),
  occurredAt: isoDateTime,
  permanent: z.boolean(),
  correspondenceId: z.string().nullable().default(null),
});

export const caseRecordSchema = z.object({
  caseNumber: z.string().min(1),
  officeId: z.string().min(1),
  language: languageSchema,
  bilingual: z.boolean().default(false),
  countryOfResidence: countryCode,
  applicantName: z.string(),
  addresses: z.array(applicantAddressSchema),
  representative: representativeSchema.nullable().default(null),
  bounces: z.array(bounceRecordSchema).default([]),
});

export const officeSchema = z.object({
  id: z.string().min(1),
  name: z.object({ en: z.string().min(1), fr: z.string().min(1) }),
  genericMailbox: z.email(),
  timeZone: z
    .string()
    .refine(isTimeZone, { message: "expected an IANA time zone such as America/Toronto" })
    .optional(),
});

export const recipientSchema = z.object({
  address: z.string(),
  displayName: z.string().optional(),
});

export const messageDraftSchema = z.object({
  from: z.string().nullable(),
  to: z.array(recipientSchema).default([]),
  cc: z.array(recipientSchema).default([]),
  bcc: z.array(recipientSchema).default([]),
  subject: z.string().default(""),
  bodyText: z.string().default(""),
  purpose: z
    .enum(["documents", "interview", "approval", "refusal", "transfer", "general"])
    .nullable()
    .default(null),
  deadline: isoDateSchema.nullable().default(null),
  readReceiptRequested: z.boolean().nullable().default(null),
});

const deadlineDaysSchema = z.object({
  documents: z.number().int().min(0).max(3650),
  interview: z.number().int().min(0).max(3650),
});

export const policySchema = z.object({
  internalDomains: z.array(z.string().min(1)),
  deadlineDays: deadlineDaysSchema,
  deadlineDaysByCountry: z.record(z.string(), deadlineDaysSchema.partial()),
  holidays: z.array(isoDateSchema),
  noCaseLinked: z.enum(["block", "prompt"]),
});

// Compile-time checks: what a schema parses is assignable to the domain type.
type Assignable<T, U extends T> = U;
export type _CaseRecordCheck = Assignable<CaseRecord, z.output<typeof caseRecordSchema>>;
export type _OfficeCheck = Assignable<Office, z.output<typeof officeSchema>>;
export type _PolicyCheck = Assignable<Policy, z.output<typeof policySchema>>;
export type _DraftCheck = Assignable<MessageDraft, z.output<typeof messageDraftSchema>>;
