/** The contract's own helpers and a few boundaries the client and the service both rely on. */
import {
  caseRecordSchema,
  correlationIdSchema,
  createCorrespondenceRequestSchema,
  eDocumentMaxBytes,
  errorSchema,
  routePath,
} from "../../src/gateway/contract";
import { defaultEDocumentLimitBytes } from "../../src/config/schema";
import { demoCases } from "../../src/server/seed/demo-data";

describe("gateway contract", () => {
  it("R6/R7 draws the e-document line where the deployment configuration does by default", () => {
    expect(eDocumentMaxBytes).toBe(defaultEDocumentLimitBytes);
  });

  it("fills route parameters URI-encoded and refuses a missing one", () => {
    expect(routePath("correspondenceEDocument", { correlationId: "cm-a/b c" })).toBe(
      "/api/v1/correspondence/cm-a%2Fb%20c/e-document"
    );
    expect(() => routePath("case")).toThrow(/caseNumber/);
  });

  it("keeps correlation references opaque: no addresses, spaces or slashes", () => {
    expect(correlationIdSchema.safeParse("cm-0b7f6a4e-2a7c-4c1e-9a55-1f2d3c4b5a69").success).toBe(
      true
    );
    for (const bad of ["alex.sample@example.com", "cm 123456", "cm-1/2/3/4", "short"]) {
      expect(correlationIdSchema.safeParse(bad).success).toBe(false);
    }
  });

  it("parses every demo case unchanged (the wire shape is the domain's CaseRecord)", () => {
    for (const { record } of demoCases) expect(caseRecordSchema.parse(record)).toEqual(record);
  });

  it("strips unknown request fields instead of storing them", () => {
    const parsed = createCorrespondenceRequestSchema.parse({
      id: "cm-00000000-0000-4000-8000-000000000001",
      caseNumber: "B000100001",
      purpose: "documents",
      deadline: "2027-01-01",
      expectedRecipient: "alex.sample@example.com",
      language: "en",
      body: "the whole message",
    });
    expect(parsed).not.toHaveProperty("body");
  });

  it("describes errors with a known code", () => {
    expect(
      errorSchema.safeParse({ error: { code: "digest-mismatch", message: "x" } }).success
    ).toBe(true);
    expect(errorSchema.safeParse({ error: { code: "teapot", message: "x" } }).success).toBe(false);
  });
});
