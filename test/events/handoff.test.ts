import { caseRecordSchema } from "../../src/domain/schemas";
import {
  customPropertyBudget,
  decodeHandoff,
  encodeHandoff,
  encodeHandoffForCustomProperty,
  type HandoffLink,
} from "../../src/events/handoff";
import { caseSnapshotSchema, parseCaseSnapshot } from "../../src/events/snapshot-schema";
import { caseRecord } from "./support";

const link: HandoffLink = {
  caseNumber: "B012345678",
  purpose: "documents",
  deadline: "2026-04-06",
  snapshot: caseRecord(),
  snapshotAt: "2026-03-04T17:00:00Z",
};

describe("the pane-to-handler handoff", () => {
  it("round-trips through session data", () => {
    expect(decodeHandoff(encodeHandoff(link))).toEqual(link);
  });

  it("drops the applicant's name from the custom-property copy (the checks never read it)", () => {
    const decoded = decodeHandoff(encodeHandoffForCustomProperty(link));
    expect(decoded?.snapshot?.applicantName).toBe("");
    expect(decoded?.snapshot?.addresses).toEqual(link.snapshot?.addresses);
  });

  it("keeps the custom-property copy within its budget, dropping the snapshot when needed", () => {
    const crowded = caseRecord({
      addresses: Array.from({ length: 40 }, (_, i) => ({
        email: `applicant.address.number${i}@example.com`,
        consent: "application-form" as const,
        recordedAt: "2026-01-10T10:00:00Z",
        supersededAt: "2026-01-11T10:00:00Z",
      })),
    });
    const text = encodeHandoffForCustomProperty({ ...link, snapshot: crowded });
    expect(text.length).toBeLessThanOrEqual(customPropertyBudget);
    const decoded = decodeHandoff(text);
    expect(decoded).toMatchObject({ caseNumber: "B012345678", snapshot: null, snapshotAt: null });
  });

  it.each([
    ["absent", null],
    ["empty", ""],
    ["not JSON", "{oops"],
    ["another version", JSON.stringify({ ...link, v: 2 })],
    ["a bad deadline", encodeHandoff({ ...link, deadline: "06/04/2026" })],
    ["an unknown purpose", JSON.stringify({ v: 1, ...link, purpose: "gossip" })],
  ])("treats a %s value as no link", (_name, text) => {
    expect(decodeHandoff(text)).toBeNull();
  });
});

describe("the handler's snapshot schema agrees with the domain's", () => {
  const samples: Array<[string, unknown]> = [
    ["a full record", caseRecord()],
    ["defaults filled in", { ...caseRecord(), bilingual: undefined, bounces: undefined }],
    ["lower-case country", { ...caseRecord(), countryOfResidence: "ca" }],
    ["a bad country", { ...caseRecord(), countryOfResidence: "CAN" }],
    ["a bad language", { ...caseRecord(), language: "de" }],
    ["no case number", { ...caseRecord(), caseNumber: "" }],
    [
      "a bad date",
      { ...caseRecord(), addresses: [{ ...caseRecord().addresses[0], recordedAt: "soon" }] },
    ],
    ["not an object", "B012345678"],
  ];

  it.each(samples)("%s", (_name, value) => {
    const domain = caseRecordSchema.safeParse(value);
    const mini = caseSnapshotSchema.safeParse(value);
    expect(mini.success).toBe(domain.success);
    if (domain.success) expect(parseCaseSnapshot(value)).toEqual(domain.data);
  });
});
