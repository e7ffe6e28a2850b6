import fc from "fast-check";
import { fromEpochDay } from "../../src/domain/calendar-date";
import {
  languagesWithLongDate,
  bodyHasLongDate,
  formatLongDate,
  longDateSpellings,
} from "../../src/domain/long-date";

describe("R4 long dates", () => {
  test.each([
    ["2027-01-15", "en", "January 15, 2027"],
    ["2027-01-15", "fr", "15 janvier 2027"],
    ["2027-02-01", "fr", "1er février 2027"],
    ["2027-08-01", "en", "August 1, 2027"],
    ["2027-12-31", "fr", "31 décembre 2027"],
  ] as const)("R4 formatLongDate(%j, %j) is %j", (iso, lang, expected) => {
    expect(formatLongDate(iso, lang)).toBe(expected);
  });

  test("R4 an invalid date is refused", () => {
    expect(() => formatLongDate("2027-02-30", "en")).toThrow(RangeError);
  });

  test("R4 French accepts 1er and 1 for the first of the month", () => {
    expect(longDateSpellings("2027-02-01", "fr")).toEqual(["1er février 2027", "1 février 2027"]);
    expect(bodyHasLongDate("avant le 1 février 2027.", "2027-02-01", "fr")).toBe(true);
  });

  test.each([
    ["R4 plain", "Reply by January 15, 2027.", true],
    ["R4 any case and a non-breaking space", "REPLY BY JANUARY\u00a015,  2027", true],
    ["R4 a line break inside", "by January\n15, 2027", true],
    ["R4 another day", "by January 16, 2027", false],
    ["R4 a digit glued before the day", "by January 150, 2027", false],
    ["R4 a longer year", "by January 15, 20271", false],
    ["R4 ISO form only", "by 2027-01-15", false],
  ])("%s", (_name, body, found) => {
    expect(bodyHasLongDate(body, "2027-01-15", "en")).toBe(found);
  });

  test("R4 French: 25 janvier does not count as 5 janvier", () => {
    expect(bodyHasLongDate("le 25 janvier 2027", "2027-01-05", "fr")).toBe(false);
    expect(bodyHasLongDate("le 5 janvier 2027", "2027-01-05", "fr")).toBe(true);
  });

  test("R4 punctuation of the date is literal", () => {
    expect(bodyHasLongDate("by May 3, 2027", "2027-05-03", "en")).toBe(true);
    expect(bodyHasLongDate("by May 3; 2027", "2027-05-03", "en")).toBe(false);
  });

  test("R4 a digit-glued match does not hide the real date later on", () => {
    expect(bodyHasLongDate("le 25 janvier 2027, puis le 5 janvier 2027", "2027-01-05", "fr")).toBe(
      true
    );
  });

  test("R4 property: the formatted date is always found in a body that contains it", () => {
    const date = fc.integer({ min: 0, max: 40000 }).map(fromEpochDay);
    fc.assert(
      fc.property(
        date,
        fc.constantFrom("en", "fr") as fc.Arbitrary<"en" | "fr">,
        fc.string(),
        fc.string(),
        (d, lang, before, after) => {
          const body = `${before} ${formatLongDate(d, lang)} ${after}`;
          expect(bodyHasLongDate(body, d, lang)).toBe(true);
        }
      )
    );
  });

  test("R4 one pass finds each language's date, and only those asked for", () => {
    const body = "le 4 janvier 2027 / January 4, 2027";
    expect([...languagesWithLongDate(body, "2027-01-04", ["fr", "en"])].sort()).toEqual([
      "en",
      "fr",
    ]);
    expect([...languagesWithLongDate("le 4 janvier 2027", "2027-01-04", ["fr", "en"])]).toEqual([
      "fr",
    ]);
    expect([...languagesWithLongDate(body, "2027-01-04", ["en", "en"])]).toEqual(["en"]);
    expect(languagesWithLongDate(body, "2027-01-04", []).size).toBe(0);
    expect(languagesWithLongDate("le 14 janvier 2027", "2027-01-04", ["fr"]).size).toBe(0);
  });
});
