import fc from "fast-check";
import {
  isBusinessDay,
  minimumDays,
  minimumDeadline,
  nextBusinessDay,
} from "../../src/domain/business-calendar";
import {
  addDays,
  dayOfWeek,
  daysBetween,
  fromEpochDay,
  isIsoDate,
  toEpochDay,
  todayInZone,
} from "../../src/domain/calendar-date";
import { defaultPolicy, type Policy } from "../../src/domain/policy";

const isoDate = fc
  .integer({ min: toEpochDay("2000-01-01") as number, max: toEpochDay("2099-12-31") as number })
  .map(fromEpochDay);

describe("R4 calendar dates", () => {
  test.each([
    ["2027-01-15", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2027-02-30", false],
    ["2027-13-01", false],
    ["2027-1-5", false],
    ["0099-01-01", false],
    ["15/01/2027", false],
  ])("R4 isIsoDate(%j) is %j", (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });

  test("R4 known weekdays and day arithmetic across a DST change and a year end", () => {
    expect(dayOfWeek("2026-12-04")).toBe(5); // Friday
    expect(dayOfWeek("2027-01-03")).toBe(0); // Sunday
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-12-04", "2027-01-03")).toBe(30);
    expect(daysBetween("2027-01-03", "2026-12-04")).toBe(-30);
  });

  test("R4 invalid dates throw from the low-level helpers (the rules check before calling)", () => {
    expect(() => addDays("2027-02-30", 1)).toThrow(RangeError);
    expect(() => dayOfWeek("x")).toThrow(RangeError);
    expect(() => daysBetween("2027-01-01", "x")).toThrow(RangeError);
  });

  test("R4 today in the office's zone", () => {
    const instant = new Date("2026-12-05T03:30:00Z");
    expect(todayInZone(instant, "UTC")).toBe("2026-12-05");
    expect(todayInZone(instant, "America/Vancouver")).toBe("2026-12-04");
    expect(todayInZone(instant, "Asia/Kolkata")).toBe("2026-12-05");
  });
});

describe("R4 deadline calendar", () => {
  const policy: Policy = {
    ...defaultPolicy,
    deadlineDaysByCountry: { IN: { documents: 45 }, PH: { interview: 60 } },
    holidays: ["2027-01-04"],
  };

  test.each([
    ["R4 default documents, lands on Sunday, Monday is a holiday", "CA", "documents", "2027-01-05"],
    ["R4 country override for documents", "IN", "documents", "2027-01-18"],
    ["R4 country without an override for this purpose", "IN", "interview", "2027-01-05"],
    ["R4 country override for interviews, lower case code", "ph", "interview", "2027-02-02"],
  ] as const)("%s", (_name, country, purpose, expected) => {
    expect(minimumDeadline({ countryOfResidence: country }, purpose, policy, "2026-12-04")).toBe(
      expected
    );
  });

  test("R4 minimumDays reads overrides first", () => {
    expect(minimumDays("IN", "documents", policy)).toBe(45);
    expect(minimumDays("FR", "documents", policy)).toBe(30);
  });

  test("R4 weekends and holidays are not business days", () => {
    expect(isBusinessDay("2027-01-02", [])).toBe(false);
    expect(isBusinessDay("2027-01-03", [])).toBe(false);
    expect(isBusinessDay("2027-01-04", [])).toBe(true);
    expect(isBusinessDay("2027-01-04", ["2027-01-04"])).toBe(false);
  });

  const holidays = fc.uniqueArray(isoDate, { maxLength: 20 });

  test("R4 property: the minimum deadline is a business day, at least the minimum away, and the first such day", () => {
    fc.assert(
      fc.property(
        isoDate,
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom("documents", "interview") as fc.Arbitrary<"documents" | "interview">,
        holidays,
        (today, days, purpose, hol) => {
          const p: Policy = {
            ...defaultPolicy,
            deadlineDays: { documents: days, interview: days },
            holidays: hol,
          };
          const deadline = minimumDeadline({ countryOfResidence: "CA" }, purpose, p, today);
          expect(isBusinessDay(deadline, hol)).toBe(true);
          expect(daysBetween(today, deadline)).toBeGreaterThanOrEqual(days);
          for (let d = addDays(today, days); d < deadline; d = addDays(d, 1)) {
            expect(isBusinessDay(d, hol)).toBe(false);
          }
        }
      )
    );
  });

  test("R4 property: without holidays the minimum moves at most two days", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 120 }), (today, days) => {
        const p: Policy = { ...defaultPolicy, deadlineDays: { documents: days, interview: days } };
        const deadline = minimumDeadline({ countryOfResidence: "CA" }, "documents", p, today);
        expect(daysBetween(addDays(today, days), deadline)).toBeLessThanOrEqual(2);
        expect(dayOfWeek(deadline)).not.toBe(0);
        expect(dayOfWeek(deadline)).not.toBe(6);
      })
    );
  });

  test("R4 property: nextBusinessDay is idempotent and never earlier", () => {
    fc.assert(
      fc.property(isoDate, holidays, (d, hol) => {
        const next = nextBusinessDay(d, hol);
        expect(next >= d).toBe(true);
        expect(nextBusinessDay(next, hol)).toBe(next);
      })
    );
  });

  test("R4 property: epoch days round-trip and weekdays advance by one", () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        expect(fromEpochDay(toEpochDay(d) as number)).toBe(d);
        expect(dayOfWeek(addDays(d, 1))).toBe((dayOfWeek(d) + 1) % 7);
      })
    );
  });
});
