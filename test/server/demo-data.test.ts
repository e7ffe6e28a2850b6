/** The demo data covers every rule situation the issue lists and uses example domains only. */
import { defaultConfig } from "../../src/config";
import { caseRecordSchema, officeSchema } from "../../src/gateway/contract";
import {
  demoCases,
  demoDeadlineDaysByCountry,
  demoOffices,
  demoTransfers,
} from "../../src/server/seed/demo-data";

const records = demoCases.map((c) => c.record);

describe("demo data", () => {
  it("has two offices and at least ten cases, all valid contract resources", () => {
    expect(demoOffices).toHaveLength(2);
    expect(records.length).toBeGreaterThanOrEqual(10);
    for (const office of demoOffices) expect(officeSchema.parse(office)).toEqual(office);
    for (const record of records) expect(caseRecordSchema.parse(record)).toEqual(record);
    expect(new Set(records.map((r) => r.caseNumber)).size).toBe(records.length);
  });

  it("covers consent by form, by own email and none", () => {
    const consents = new Set(records.flatMap((r) => r.addresses.map((a) => a.consent)));
    expect(consents).toEqual(new Set(["application-form", "applicant-initiated", null]));
  });

  it("covers a representative with and without email, a superseded address and bounces", () => {
    expect(records.some((r) => r.representative?.imm5476Signed && r.representative.email)).toBe(
      true
    );
    expect(records.some((r) => r.representative !== null && r.representative.email === null)).toBe(
      true
    );
    expect(records.some((r) => r.addresses.some((a) => a.supersededAt !== null))).toBe(true);
    const current = (r: (typeof records)[number]) =>
      r.addresses.find((a) => a.supersededAt === null)?.email;
    // An earlier bounce on an old address, and a bounce on the current one.
    expect(records.some((r) => r.bounces.some((b) => b.address !== current(r)))).toBe(true);
    expect(records.some((r) => r.bounces.some((b) => b.address === current(r)))).toBe(true);
  });

  it("covers a transfer, English, French, bilingual and longer-deadline countries", () => {
    expect(demoTransfers.length).toBeGreaterThan(0);
    for (const t of demoTransfers) {
      expect(records.find((r) => r.caseNumber === t.caseNumber)?.officeId).toBe(t.toOfficeId);
    }
    expect(new Set(records.map((r) => r.language))).toEqual(new Set(["en", "fr"]));
    expect(records.some((r) => r.bilingual)).toBe(true);
    const longer = Object.keys(demoDeadlineDaysByCountry);
    expect(records.some((r) => longer.includes(r.countryOfResidence))).toBe(true);
  });

  it("uses example domains only", () => {
    const addresses = [
      ...demoOffices.map((o) => o.genericMailbox),
      ...records.flatMap((r) => [
        ...r.addresses.map((a) => a.email),
        r.representative?.email ?? "",
      ]),
      ...records.flatMap((r) => r.bounces.map((b) => b.address)),
    ].filter((a) => a !== "");
    for (const address of addresses) expect(address).toMatch(/@example\.(com|org|net)$/);
  });
});

describe("demo data and the embedded configuration", () => {
  it("R4 the pane's embedded country minimums are the demo data's", () => {
    expect(defaultConfig.deadlines.byCountry).toEqual(demoDeadlineDaysByCountry);
  });
});
