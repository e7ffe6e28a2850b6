/**
 * The case record as the handler receives it (the pane's snapshot, the gateway's answer), checked
 * with zod/mini: the same rules as the domain's `caseRecordSchema` (test/events/snapshot-schema
 * compares them), at a sixth of the weight, because events.js must stay under 150 KB and classic
 * zod alone is 85 KB minified.
 */
import * as z from "zod/mini";
import type { CaseRecord } from "../domain/case-record";

const isoDateTime = z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v))));

const applicantAddress = z.object({
  email: z.string().check(z.minLength(1)),
  consent: z.nullable(z.enum(["application-form", "applicant-initiated"])),
  recordedAt: isoDateTime,
  supersededAt: z._default(z.nullable(isoDateTime), null),
});

const representative = z.object({
  name: z.string(),
  imm5476Signed: z.boolean(),
  email: z.nullable(z.string()),
  recordedAt: isoDateTime,
});

const bounceRecord = z.object({
  address: z.string(),
  occurredAt: isoDateTime,
  permanent: z.boolean(),
  correspondenceId: z._default(z.nullable(z.string()), null),
});

export const caseSnapshotSchema = z.object({
  caseNumber: z.string().check(z.minLength(1)),
  officeId: z.string().check(z.minLength(1)),
  language: z.enum(["en", "fr"]),
  bilingual: z._default(z.boolean(), false),
  countryOfResidence: z.pipe(
    z.string().check(z.regex(/^[A-Za-z]{2}$/)),
    z.transform((v: string) => v.toUpperCase())
  ),
  applicantName: z.string(),
  addresses: z.array(applicantAddress),
  representative: z._default(z.nullable(representative), null),
  bounces: z._default(z.array(bounceRecord), []),
});

/** The record, or null when `value` is not one. */
export function parseCaseSnapshot(value: unknown): CaseRecord | null {
  const parsed = caseSnapshotSchema.safeParse(value);
  return parsed.success ? (parsed.data satisfies CaseRecord) : null;
}
