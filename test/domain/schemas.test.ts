import {
  caseRecordSchema,
  messageDraftSchema,
  officeSchema,
  policySchema,
} from "../../src/domain/schemas";
import { defaultPolicy } from "../../src/domain/policy";

describe("domain schemas (boundaries)", () => {
  test("R4 a case fills its defaults and upper-cases the country", () => {
    const parsed = caseRecordSchema.parse({
      caseNumber: "B012345678",
      officeId: "office-west",
      language: "fr",
      countryOfResidence: "in",
      applicantName: "Ana Silva",
      addresses: [
        { email: "a@example.com", consent: "application-form", recordedAt: "2026-01-01T00:00:00Z" },
      ],
    });
    expect(parsed.countryOfResidence).toBe("IN");
    expect(parsed.bilingual).toBe(false);
    expect(parsed.representative).toBeNull();
    expect(parsed.bounces).toEqual([]);
    expect(parsed.addresses[0]?.supersededAt).toBeNull();
  });

  test.each([
    ["R1 an unknown consent source", { consent: "phone" }],
    ["R1 an unreadable recording time", { recordedAt: "last Tuesday" }],
  ])("%s is refused", (_name, change) => {
    const result = caseRecordSchema.safeParse({
      caseNumber: "B012345678",
      officeId: "office-west",
      language: "en",
      countryOfResidence: "CA",
      applicantName: "x",
      addresses: [
        {
          email: "a@example.com",
          consent: "application-form",
          recordedAt: "2026-01-01T00:00:00Z",
          ...change,
        },
      ],
    });
    expect(result.success).toBe(false);
  });

  test("R11 a draft defaults unknowns to null and lists to empty", () => {
    expect(messageDraftSchema.parse({ from: null })).toEqual({
      from: null,
      to: [],
      cc: [],
      bcc: [],
      subject: "",
      bodyText: "",
      purpose: null,
      deadline: null,
      readReceiptRequested: null,
    });
    expect(messageDraftSchema.safeParse({ from: null, purpose: "party" }).success).toBe(false);
  });

  test("R5 an office needs a valid generic mailbox and time zone", () => {
    const office = {
      id: "office-west",
      name: { en: "a", fr: "b" },
      genericMailbox: "van@example.org",
    };
    expect(officeSchema.safeParse(office).success).toBe(true);
    expect(officeSchema.safeParse({ ...office, genericMailbox: "van" }).success).toBe(false);
    expect(officeSchema.safeParse({ ...office, timeZone: "Nowhere/Special" }).success).toBe(false);
    expect(officeSchema.safeParse({ ...office, timeZone: "America/Toronto" }).success).toBe(true);
  });

  test("R4 the default policy is a valid policy; a holiday must be a date", () => {
    expect(policySchema.parse(defaultPolicy)).toEqual(defaultPolicy);
    expect(policySchema.safeParse({ ...defaultPolicy, holidays: ["2027-02-30"] }).success).toBe(
      false
    );
  });
});
