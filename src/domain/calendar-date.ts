/**
 * Calendar dates as `YYYY-MM-DD` strings, computed in UTC so that no machine time zone or daylight
 * saving change can shift a deadline by a day.
 */

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayMs = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (rejects `2027-02-30`). */
export function isIsoDate(value: string): boolean {
  return toEpochDay(value) !== null;
}

/** Days since 1970-01-01, or null when `value` is not a real `YYYY-MM-DD` date. */
export function toEpochDay(value: string): number | null {
  const m = isoDatePattern.exec(value);
  if (m === null) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1) return null;
  if (back.getUTCDate() !== day) return null;
  return Math.round(ms / dayMs);
}

export function fromEpochDay(epochDay: number): string {
  return new Date(epochDay * dayMs).toISOString().slice(0, 10);
}

export function addDays(isoDate: string, days: number): string {
  const start = toEpochDay(isoDate);
  if (start === null) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  return fromEpochDay(start + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(isoDate: string): number {
  const day = toEpochDay(isoDate);
  if (day === null) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  // 1970-01-01 was a Thursday.
  return (((day + 4) % 7) + 7) % 7;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = toEpochDay(from);
  const b = toEpochDay(to);
  if (a === null || b === null)
    throw new RangeError(`not a YYYY-MM-DD date: ${a === null ? from : to}`);
  return b - a;
}

/** Today's date in an IANA time zone (the office's), from an instant. */
export function todayInZone(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}
