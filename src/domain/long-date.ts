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
 * The spellings of a date as one regular-expression alternation: case-insensitive, any run of
 * spaces (including non-breaking ones) between words. The patterns built on it also refuse a
 * digit glued to either end, so that `25 janvier 2027` does not count as `5 janvier 2027`.
 */
function longDateSource(isoDate: string, language: Language): string {
  return longDateSpellings(isoDate, language)
    .map((s) => s.split(/\s+/).map(escapeRegExp).join("[\\s\\u00a0\\u202f]+"))
    .join("|");
}

// Plain ES2015 regular expressions (no lookbehind, named groups or \p{...}): the send-time handler
// runs in classic Outlook's JavaScript-only runtime, whose engine is not a current browser's. The
// "no digit before" test is done by hand, because a leading `(?:^|[^0-9])` would make the engine
// try every position of a 1 MB body instead of skipping ahead to the date's first characters.
const notDigitAfter = "(?![0-9])";

function digitBefore(body: string, index: number): boolean {
  const c = body.charCodeAt(index - 1);
  return c >= 0x30 && c <= 0x39;
}

export function bodyHasLongDate(body: string, isoDate: string, language: Language): boolean {
  return languagesWithLongDate(body, isoDate, [language]).has(language);
}

/**
 * The languages, among `languages`, whose long date the body contains. One pass over the body
 * for all of them (a bilingual 1 MB body is read once, not once a language).
 */
export function languagesWithLongDate(
  body: string,
  isoDate: string,
  languages: readonly Language[]
): Set<Language> {
  const wanted = [...new Set(languages)];
  const found = new Set<Language>();
  if (wanted.length === 0) return found;
  // One capture group a language, in the order of `wanted`.
  const groups = wanted.map((l) => `(${longDateSource(isoDate, l)})`).join("|");
  const pattern = new RegExp(`(?:${groups})${notDigitAfter}`, "gi");
  for (let m = pattern.exec(body); m !== null; m = pattern.exec(body)) {
    if (digitBefore(body, m.index)) {
      pattern.lastIndex = m.index + 1; // `15 janvier` inside `215 janvier`: look further on
      continue;
    }
    wanted.forEach((l, i) => {
      if (m?.[i + 1] !== undefined) found.add(l);
    });
    if (found.size === wanted.length) break;
  }
  return found;
}
