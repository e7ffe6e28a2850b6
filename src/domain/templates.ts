/**
 * The messages an officer sends (request for documents, interview invitation, approval, refusal,
 * file transfer notice under R12), in the applicant's language or in both, the applicant's first.
 * Plain text: case data goes in as characters (see plain-text.ts).
 */
import { translator } from "../i18n/catalog";
import { templateMessages } from "../i18n/messages/domain-templates";
import type { CaseRecord, Language, Office } from "./case-record";
import { representativeEmail } from "./expected-recipient";
import { formatLongDate } from "./long-date";
import { plainLine } from "./plain-text";
import { messageLanguages } from "./rules/deadline";

export type TemplateKind = "documents" | "interview" | "approval" | "refusal" | "transfer";
export const templateKinds: readonly TemplateKind[] = [
  "documents",
  "interview",
  "approval",
  "refusal",
  "transfer",
];

export interface TemplateInput {
  kind: TemplateKind;
  caseRecord: CaseRecord;
  /** The office that holds the case (its name signs the message). */
  office: Office;
  /** YYYY-MM-DD; required for documents (respond by) and interview (the interview date). */
  deadline?: string | null;
  /** R12: the office the file came from (the holding office is where it went). */
  fromOffice?: Office | null;
  /** Overrides the case's language choice; by default the case's language, bilingual if set. */
  languages?: readonly Language[];
}

export interface RenderedMessage {
  subject: string;
  body: string;
}

export type TemplateResult =
  | { ok: true; message: RenderedMessage }
  | { ok: false; error: "deadline-required" | "deadline-invalid" | "from-office-required" };

const separator = "\n\n- - -\n\n";

export function renderTemplate(input: TemplateInput): TemplateResult {
  const { kind, caseRecord, office } = input;
  const deadline = input.deadline ?? null;
  const needsDeadline = kind === "documents" || kind === "interview";
  if (needsDeadline && deadline === null) return { ok: false, error: "deadline-required" };
  if (kind === "transfer" && (input.fromOffice ?? null) === null) {
    return { ok: false, error: "from-office-required" };
  }
  const languages = input.languages?.length ? input.languages : messageLanguages(caseRecord);
  const rep = representativeEmail(caseRecord) !== null ? caseRecord.representative : null;
  const parts: RenderedMessage[] = [];
  for (const language of languages) {
    let deadlineText = "";
    if (needsDeadline && deadline !== null) {
      try {
        deadlineText = formatLongDate(deadline, language);
      } catch {
        return { ok: false, error: "deadline-invalid" };
      }
    }
    const t = translator(templateMessages, language);
    const params = {
      name: plainLine(rep?.name ?? caseRecord.applicantName),
      applicantName: plainLine(caseRecord.applicantName),
      caseNumber: plainLine(caseRecord.caseNumber),
      deadline: deadlineText,
      officeName: plainLine(office.name[language]),
      fromOffice: plainLine(input.fromOffice?.name[language] ?? ""),
      toOffice: plainLine(office.name[language]),
    };
    parts.push({ subject: t(`${kind}.subject`, params), body: t(`${kind}.body`, params) });
  }
  return {
    ok: true,
    message: {
      subject: parts.map((p) => p.subject).join(" / "),
      body: parts.map((p) => p.body).join(separator),
    },
  };
}
