import { findCaseNumber, isValidCaseNumber } from "../../src/domain/case-number";

describe("case numbers", () => {
  test.each([
    ["B012345678", true],
    [" B012345678 ", true],
    ["b012345678", false],
    ["B01234567", false],
    ["B0123456789", false],
    ["BB12345678", false],
  ])("isValidCaseNumber(%j) is %j", (value, valid) => {
    expect(isValidCaseNumber(value)).toBe(valid);
  });

  test.each([
    ["RE: Request for documents - application B012345678", "B012345678"],
    ["[B012345678] Interview", "B012345678"],
    ["Demande B012345678/suivi", "B012345678"],
    ["XB012345678 is glued to a word", null],
    ["B0123456789 has too many digits", null],
    ["no number here", null],
  ])("findCaseNumber(%j)", (subject, expected) => {
    expect(findCaseNumber(subject)).toBe(expected);
  });

  test("a configured pattern", () => {
    expect(findCaseNumber("Case CIT-2026-000123 follow-up", "CIT-\\d{4}-\\d{6}")).toBe(
      "CIT-2026-000123"
    );
    expect(isValidCaseNumber("CIT-2026-000123", "CIT-\\d{4}-\\d{6}")).toBe(true);
    expect(isValidCaseNumber("B012345678", "CIT-\\d{4}-\\d{6}")).toBe(false);
  });

  test("a pattern that does not compile finds nothing rather than throwing", () => {
    expect(findCaseNumber("B012345678", "(")).toBeNull();
    expect(isValidCaseNumber("B012345678", "(")).toBe(false);
  });
});
