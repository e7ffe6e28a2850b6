/** R4's calendar: minimum response days by purpose and country, moved forward off non-business days. */
import type { CaseRecord } from "./case-record";
import { addDays, dayOfWeek } from "./calendar-date";
import type { DeadlinePurpose } from "./message-draft";
import type { Policy } from "./policy";

export function isBusinessDay(isoDate: string, holidays: readonly string[]): boolean {
  const dow = dayOfWeek(isoDate);
  return dow !== 0 && dow !== 6 && !holidays.includes(isoDate);
}

/** The first business day on or after `isoDate`. */
export function nextBusinessDay(isoDate: string, holidays: readonly string[]): string {
  let date = isoDate;
  // Bounded: a year of consecutive holidays would be a configuration error, not a calendar.
  for (let i = 0; i < 366 && !isBusinessDay(date, holidays); i++) date = addDays(date, 1);
  return date;
}

/** The configured minimum days for a purpose in a country of residence (country overrides first). */
export function minimumDays(country: string, purpose: DeadlinePurpose, policy: Policy): number {
  const override = policy.deadlineDaysByCountry[country.trim().toUpperCase()]?.[purpose];
  return override ?? policy.deadlineDays[purpose];
}

/** The earliest acceptable deadline: today plus the minimum days, on a business day. */
export function minimumDeadline(
  caseRecord: Pick<CaseRecord, "countryOfResidence">,
  purpose: DeadlinePurpose,
  policy: Policy,
  today: string
): string {
  const days = minimumDays(caseRecord.countryOfResidence, purpose, policy);
  return nextBusinessDay(addDays(today, days), policy.holidays);
}
