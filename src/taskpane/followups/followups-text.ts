/** The follow-ups area's translator for the pane's locale, and a follow-up error as the officer reads it. */
import { useMemo } from "react";
import { translator, type Locale } from "../../i18n/catalog";
import { followupMessages, type FollowupMessageKey } from "../../i18n/messages/followups";
import type { Language } from "../../domain/case-record";
import { usePaneText } from "../pane-text";
import type { FollowupError } from "./pane-followups";

export type FollowupT = (
  key: FollowupMessageKey,
  params?: Record<string, string | number>
) => string;

export function followupTranslator(locale: Locale): FollowupT {
  return translator(followupMessages, locale);
}

export function followupErrorText(x: FollowupT, error: FollowupError): string {
  return x(`error.${error.code}`, error.params);
}

/** "English", or "French and English" for a bilingual case (the applicant's language first). */
export function languagesText(x: FollowupT, languages: readonly Language[]): string {
  if (languages.length > 1) return x(languages[0] === "fr" ? "languages.bothFr" : "languages.both");
  return x(`language.${languages[0] ?? "en"}`);
}

export function useFollowupText(): { x: FollowupT; locale: Locale } {
  const { locale } = usePaneText();
  const x = useMemo(() => followupTranslator(locale), [locale]);
  return { x, locale };
}
