import * as domain from "../../src/domain";
import {
  currentApplicantAddress,
  expectedRecipient,
  representativeEmail,
} from "../../src/domain/expected-recipient";
import { aCase } from "./builders";

const address = (email: string, recordedAt: string, supersededAt: string | null = null) => ({
  email,
  consent: "application-form" as const,
  recordedAt,
  supersededAt,
});

describe("expected recipient (R1, R2)", () => {
  test.each([
    [
      "R1 the latest current address wins, whatever the list order",
      [
        address("new@example.com", "2026-06-01T00:00:00Z"),
        address("older@example.com", "2026-01-01T00:00:00Z"),
      ],
      "new@example.com",
    ],
    [
      "R1 times with offsets are compared as instants",
      [
        address("a@example.com", "2026-06-01T10:00:00+02:00"),
        address("b@example.com", "2026-06-01T09:30:00Z"),
      ],
      "b@example.com",
    ],
    [
      "R1 a tie goes to the later entry",
      [
        address("first@example.com", "2026-06-01T00:00:00Z"),
        address("second@example.com", "2026-06-01T00:00:00Z"),
      ],
      "second@example.com",
    ],
    [
      "R1 an unreadable recording time never hides a readable one",
      [
        address("dated@example.com", "2026-06-01T00:00:00Z"),
        address("undated@example.com", "sometime"),
      ],
      "dated@example.com",
    ],
    [
      "R1 superseded addresses are skipped",
      [
        address("new@example.com", "2026-01-01T00:00:00Z"),
        address("old@example.com", "2026-06-01T00:00:00Z", "2026-07-01T00:00:00Z"),
      ],
      "new@example.com",
    ],
  ])("%s", (_name, addresses, expected) => {
    expect(currentApplicantAddress(aCase({ addresses }))?.email).toBe(expected);
  });

  test("R1 the applicant's address is trimmed and carries its consent source", () => {
    const c = aCase({
      addresses: [
        { ...address(" a@example.com ", "2026-01-01T00:00:00Z"), consent: "applicant-initiated" },
      ],
    });
    expect(expectedRecipient(c)).toEqual({
      kind: "applicant",
      address: "a@example.com",
      consent: "applicant-initiated",
    });
  });

  test("R2 the representative under a signed IMM 5476 with email, trimmed", () => {
    const c = aCase({
      representative: {
        name: "J",
        imm5476Signed: true,
        email: " rep@example.net ",
        recordedAt: "2026-01-01T00:00:00Z",
      },
    });
    expect(representativeEmail(c)).toBe("rep@example.net");
    expect(expectedRecipient(c)).toEqual({ kind: "representative", address: "rep@example.net" });
  });

  test("the public entry point exports the engine and its helpers", () => {
    for (const name of [
      "evaluateMessage",
      "expectedRecipient",
      "minimumDeadline",
      "formatLongDate",
      "findCaseNumber",
      "isValidCaseNumber",
      "renderTemplate",
      "noResponseNote",
      "findingText",
      "caseRecordSchema",
      "defaultPolicy",
      "ruleStatuses",
    ]) {
      expect(typeof (domain as Record<string, unknown>)[name]).not.toBe("undefined");
    }
    expect(domain.purposes).toEqual([
      "documents",
      "interview",
      "approval",
      "refusal",
      "transfer",
      "general",
    ]);
  });
});
