import { findingCodes, type Finding } from "../../src/domain/finding";
import { domainMessages, findingText } from "../../src/i18n/messages/domain";

describe("finding messages", () => {
  test.each([...findingCodes])("%s has a message and a fix in both languages", (code) => {
    expect(domainMessages.en[code]).toBeTruthy();
    expect(domainMessages.en[`${code}.fix`]).toBeTruthy();
    expect(domainMessages.fr[code]).toBeTruthy();
    expect(domainMessages.fr[`${code}.fix`]).toBeTruthy();
  });

  const nearMiss: Finding = {
    rule: "R3",
    code: "R3.near-miss",
    severity: "block",
    params: {
      address: "ana@gmial.com",
      expected: "ana@gmail.com",
      kind: "domain-typo",
      field: "cc",
    },
  };

  test("R3 coded params become words of the locale", () => {
    expect(findingText(nearMiss, "en")).toEqual({
      message:
        "ana@gmial.com (Cc) is not the address on file but looks like it: its domain is a common misspelling. On file: ana@gmail.com.",
      fix: "Replace ana@gmial.com with ana@gmail.com.",
    });
    expect(
      findingText({ ...nearMiss, params: { ...nearMiss.params, field: "bcc" } }, "fr").message
    ).toContain("(Cci)");
  });

  test("R4 ISO dates are written in the reader's language", () => {
    const f: Finding = {
      rule: "R4",
      code: "R4.deadline-too-soon",
      severity: "block",
      params: { deadline: "2027-01-01", minimum: "2027-02-01", days: 30, purpose: "interview" },
    };
    expect(findingText(f, "en").message).toBe(
      "The deadline January 1, 2027 is too soon: this interview invitation needs at least 30 days."
    );
    expect(findingText(f, "fr").fix).toBe("Fixez le délai au 1er février 2027 ou après.");
  });

  test("R1 the reason of no consent is explained", () => {
    const f: Finding = {
      rule: "R1",
      code: "R1.no-consent",
      severity: "block",
      params: { reason: "no-address" },
    };
    expect(findingText(f, "en").message).toContain("(no email address on file)");
    expect(findingText(f, "fr").fix).toContain("par la poste");
  });

  test("R5 an unknown code still says something, in both languages", () => {
    const f: Finding = { rule: "R5", code: "R5.from-the-future", severity: "warn", params: {} };
    expect(findingText(f, "en")).toEqual({
      message: "Rule R5: R5.from-the-future.",
      fix: "Contact your administrator.",
    });
    expect(findingText(f, "fr").message).toBe("Règle R5 : R5.from-the-future.");
  });

  test("R3 an unexpected param value is left as is rather than dropped", () => {
    const f: Finding = { ...nearMiss, params: { ...nearMiss.params, kind: "other", field: 3 } };
    expect(findingText(f, "en").message).toContain("looks like it: {kindText}");
  });
});
