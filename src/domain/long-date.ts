/** Unambiguous long dates in the message language (R4): `January 15, 2027`, `15 janvier 2027`. */
import { format } from "date-fns";
import { enUS } from "date-fns/locale/en-US";
import { fr } from "date-fns/locale/fr";
import type { Language } from "./case-record";
import { toEpochDay } from "./calendar-date";

function toLocalDate(isoDate: string): Date {
  if (toEpochDay(isoDate) === null) throw new RangeError(`not a YYYY-MM-DD date: ${isoDate}`);
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/** French writes the first of the month as `1er`. */
export function formatLongDate(isoDate: string, language: Language): string {
  const date = toLocalDate(isoDate);
  return language === "fr"
    ? format(date, "do MMMM yyyy", { locale: fr })
    : format(date, "MMMM d, yyyy", { locale: enUS });
}

/** Every spelling of the date the body may carry in a language (`1er` or `1` in French). */
export function longDateSpellings(isoDate: string, language: Language): string[] {
  const main = formatLongDate(isoDate, language);
  if (language === "fr" && main.startsWith("1er ")) return [main, `1 ${main.slice(4)}`];
  return [main];
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * One regular expression that finds any spelling of the date in a body: case-insensitive, any run
 * of spaces (including non-breaking ones) between words, and no digit glued before the day, so that
 * `25 janvier 2027` does not count as `5 janvier 2027`. One linear scan of the body.
 */
export function longDatePattern(isoDate: string, language: Language): RegExp {
  const alternatives = longDateSpellings(isoDate, language).map((s) =>
    s.split(/\s+/).map(escapeRegExp).join("[\\s\\u00a0\\u202f]+")
  );
  return new RegExp(`(?<![\\p{N}])(?:${alternatives.join("|")})(?![\\p{N}])`, "iu");
}

export function bodyHasLongDate(body: string, isoDate: string, language: Language): boolean {
  return longDatePattern(isoDate, language).test(body);
}
