/** An instant as the date and the time on the office's clock, for notes and proofs (R8, R14). */
import type { Language } from "./case-record";

export interface ZonedDateTime {
  /** YYYY-MM-DD. */
  date: string;
  /** HH:mm, 24-hour. */
  time: string;
}

/** Null when the instant or the time zone cannot be read. */
export function toZonedDateTime(instant: string, timeZone: string): ZonedDateTime | null {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return null;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(ms));
  } catch {
    return null;
  }
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "";
  return {
    date: `${get("year")}-${get("month")}-${get("day")}`,
    time: `${get("hour")}:${get("minute")}`,
  };
}

/** `09:05 (America/Toronto)` in English, `9 h 05 (America/Toronto)` in French. */
export function formatTime(time: string, timeZone: string, language: Language): string {
  const shown = language === "fr" ? time.replace(/^0(?=\d)/, "").replace(":", " h ") : time;
  return `${shown} (${timeZone})`;
}
