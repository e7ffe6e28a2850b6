/**
 * R4: documents and interview messages carry a deadline at least the configured minimum away, on a
 * business day, written in the body as a long date in each language of the message.
 */
import { isBusinessDay, minimumDays, minimumDeadline, nextBusinessDay } from "../business-calendar";
import type { Language } from "../case-record";
import { isIsoDate } from "../calendar-date";
import type { Finding } from "../finding";
import { formatLongDate, languagesWithLongDate } from "../long-date";
import type { DeadlinePurpose, Purpose } from "../message-draft";
import { finding, type EvaluationInput } from "./evaluation-input";

export function needsDeadline(purpose: Purpose | null): purpose is DeadlinePurpose {
  return purpose === "documents" || purpose === "interview";
}

/** The languages a case's messages are written in, the applicant's first. */
export function messageLanguages(caseRecord: {
  language: Language;
  bilingual: boolean;
}): Language[] {
  const other: Language = caseRecord.language === "en" ? "fr" : "en";
  return caseRecord.bilingual ? [caseRecord.language, other] : [caseRecord.language];
}

export function checkDeadline({ caseRecord, draft, policy, today }: EvaluationInput): Finding[] {
  const { purpose, deadline } = draft;
  if (purpose === null) return [finding("R4", "R4.purpose-unknown", "warn")];
  if (!needsDeadline(purpose)) return [];
  if (!isIsoDate(today)) return [finding("R4", "R4.today-invalid", "block", { today })];

  // Dates stay ISO in params: the catalogue writes them in the reader's language.
  const minimum = minimumDeadline(caseRecord, purpose, policy, today);
  const days = minimumDays(caseRecord.countryOfResidence, purpose, policy);
  const minimumParams = { minimum, days };
  if (deadline === null) {
    return [finding("R4", "R4.deadline-missing", "block", { purpose, ...minimumParams })];
  }
  if (!isIsoDate(deadline)) return [finding("R4", "R4.deadline-invalid", "block", { deadline })];

  const findings: Finding[] = [];
  if (deadline < minimum) {
    findings.push(
      finding("R4", "R4.deadline-too-soon", "block", { deadline, purpose, ...minimumParams })
    );
  } else if (!isBusinessDay(deadline, policy.holidays)) {
    const next = nextBusinessDay(deadline, policy.holidays);
    findings.push(finding("R4", "R4.deadline-not-business-day", "block", { deadline, next }));
  }
  const languages = messageLanguages(caseRecord);
  const written = languagesWithLongDate(draft.bodyText, deadline, languages);
  for (const lang of languages) {
    if (!written.has(lang)) {
      findings.push(
        finding("R4", "R4.date-not-in-body", "block", {
          date: formatLongDate(deadline, lang),
          language: lang,
        })
      );
    }
  }
  return findings;
}
