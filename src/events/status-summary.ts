/**
 * OnMessageRecipientsChanged and OnMessageFromChanged: one informational line on the item that sums
 * up the check state, from the pane's snapshot only (these events fire on every recipient edit, so
 * they never call the gateway; the send check does, if needed).
 */
import { evaluateMessage } from "../domain/evaluate-message";
import type { Finding } from "../domain/finding";
import { translator, type Locale } from "../i18n/catalog";
import { findingText } from "../i18n/messages/domain";
import { eventsMessages } from "../i18n/messages/events";
import { decodeHandoff } from "./handoff";
import { officeToday } from "./send-decision";
import {
  caseNumberInSubject,
  type DraftFields,
  type ItemHandoff,
  type SendSettings,
} from "./send-handler";

export interface StatusSummary {
  state: "no-case" | "unchecked" | "blocked" | "ready";
  text: string;
  findings: Finding[];
}

export interface StatusInput {
  locale: Locale;
  fields: DraftFields;
  handoff: ItemHandoff;
  settings: SendSettings;
  now: Date;
}

export function summarizeStatus(input: StatusInput): StatusSummary {
  const t = translator(eventsMessages, input.locale);
  const link = decodeHandoff(input.handoff.session) ?? decodeHandoff(input.handoff.property);
  const caseNumber = link?.caseNumber ?? caseNumberInSubject(input.fields.subject, input.settings);
  if (caseNumber === null) return { state: "no-case", text: t("notify.no-case"), findings: [] };
  const snapshot = link !== null && link.caseNumber === caseNumber ? link.snapshot : null;
  if (snapshot === null) {
    return { state: "unchecked", text: t("notify.unchecked", { caseNumber }), findings: [] };
  }
  const office = input.settings.offices.find((o) => o.id === snapshot.officeId) ?? null;
  const findings = evaluateMessage({
    caseRecord: snapshot,
    office,
    draft: {
      ...input.fields,
      purpose: link?.purpose ?? null,
      deadline: link?.deadline ?? null,
      readReceiptRequested: null,
    },
    policy: input.settings.policy,
    today: officeToday(input.now, office, input.settings.timeZone),
  });
  const blocking = findings.filter((f) => f.severity === "block");
  if (blocking.length === 0) {
    return { state: "ready", text: t("notify.ready", { caseNumber }), findings };
  }
  const first = findingText(blocking[0] as Finding, input.locale).fix;
  return {
    state: "blocked",
    text: t("notify.blocked", { caseNumber, count: blocking.length, first }),
    findings,
  };
}
