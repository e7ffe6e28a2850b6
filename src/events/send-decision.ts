/**
 * The send-time decision, pure: from what the handler could read (the draft, the linked case or why
 * it is missing, the policy, what the client supports) to the options of `event.completed`.
 * Two principles: a message that breaks a rule is stopped with each problem and its fix; a message
 * CaseMail cannot check (gateway down, internal error) is never stopped for good: the officer is
 * asked (`sendModeOverride: promptUser`, Mailbox 1.14), or, on clients without that option, let go.
 */
import { todayInZone } from "../domain/calendar-date";
import type { CaseRecord, Office } from "../domain/case-record";
import { isInternalAddress } from "../domain/email-address";
import { evaluateMessage } from "../domain/evaluate-message";
import type { Finding, RuleId } from "../domain/finding";
import type { MessageDraft } from "../domain/message-draft";
import type { Policy } from "../domain/policy";
import { translator, type Locale } from "../i18n/catalog";
import { findingText } from "../i18n/messages/domain";
import { eventsMessages } from "../i18n/messages/events";
import { composeAlert, escapeMarkdown, type AlertItem } from "./alert-text";

/** The compose button whose task pane the dialog's Take Action button opens (manifest.xml). */
export const openPaneCommandId = "msgComposeOpenPaneButton";

export interface SendCapabilities {
  /** `errorMessageMarkdown` (Mailbox 1.15). */
  markdown: boolean;
  /** `cancelLabel`, `commandId`, `contextData` (Mailbox 1.14). */
  takeAction: boolean;
  /** `sendModeOverride: promptUser` (Mailbox 1.14). */
  promptUser: boolean;
}

export type UnavailableReason = "timeout" | "network" | "sign-in" | "server";

/** The linked case as the handler found it. */
export type CaseState =
  | { kind: "loaded"; caseRecord: CaseRecord; source: "session" | "property" | "gateway" }
  | { kind: "unavailable"; reason: UnavailableReason }
  /** The gateway answered: no such case, or not one of this officer's offices. */
  | { kind: "not-found" };

export interface SendInput {
  locale: Locale;
  capabilities: SendCapabilities;
  draft: MessageDraft;
  /** The linked case number; null when no case is linked. */
  caseNumber: string | null;
  /** Ignored when `caseNumber` is null. */
  caseState: CaseState;
  offices: readonly Office[];
  policy: Policy;
  now: Date;
  /** For an office without its own time zone (IANA name). */
  defaultTimeZone: string;
}

export type SendOutcome =
  | "compliant"
  | "blocked"
  | "internal-only"
  | "no-case"
  | "unreachable"
  | "case-not-found"
  | "check-failed";

/** Exactly what `event.completed` receives (Office.SmartAlertsEventCompletedOptions). */
export interface SendCompletion {
  allowEvent: boolean;
  errorMessage?: string;
  errorMessageMarkdown?: string;
  cancelLabel?: string;
  commandId?: string;
  contextData?: string;
  sendModeOverride?: "promptUser";
}

export interface SendDecision {
  outcome: SendOutcome;
  findings: Finding[];
  completion: SendCompletion;
}

/** What the pane receives from the Take Action button: which check to open on. */
export interface PaneFocus {
  source: "send";
  rule: RuleId | null;
  code: string | null;
}

/** "Today" for R4 in the office's time zone; UTC where the runtime cannot convert (no Intl zones). */
export function officeToday(now: Date, office: Office | null, defaultTimeZone: string): string {
  try {
    return todayInZone(now, office?.timeZone ?? defaultTimeZone);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

function outsideRecipients(draft: MessageDraft, policy: Policy): string[] {
  return [...draft.to, ...draft.cc, ...draft.bcc]
    .map((r) => r.address.trim())
    .filter((a) => a !== "" && !isInternalAddress(a, policy.internalDomains));
}

function takeAction(input: SendInput, focus: PaneFocus): Partial<SendCompletion> {
  if (!input.capabilities.takeAction) return {};
  const t = translator(eventsMessages, input.locale);
  return {
    cancelLabel: t("send.take-action"),
    commandId: openPaneCommandId,
    contextData: JSON.stringify(focus),
  };
}

/** A single-sentence stop: plain, and the same sentence escaped for Markdown. */
function sentence(input: SendInput, text: string, prompt: boolean, focus: PaneFocus | null) {
  const completion: SendCompletion = {
    allowEvent: false,
    errorMessage: text.slice(0, 500),
    ...(input.capabilities.markdown
      ? { errorMessageMarkdown: escapeMarkdown(text).slice(0, 500) }
      : {}),
    ...(focus === null ? {} : takeAction(input, focus)),
    ...(prompt ? { sendModeOverride: "promptUser" as const } : {}),
  };
  return completion;
}

/**
 * A message CaseMail could not check: the officer decides where the client can ask them; where it
 * cannot, the message goes (a gateway outage must never stop an office's mail).
 */
function cannotCheck(input: SendInput, outcome: SendOutcome, text: string): SendDecision {
  if (!input.capabilities.promptUser)
    return { outcome, findings: [], completion: { allowEvent: true } };
  const focus: PaneFocus = { source: "send", rule: null, code: outcome };
  return { outcome, findings: [], completion: sentence(input, text, true, focus) };
}

function decideNoCase(input: SendInput): SendDecision {
  const t = translator(eventsMessages, input.locale);
  const outside = outsideRecipients(input.draft, input.policy);
  if (outside.length === 0) {
    return { outcome: "internal-only", findings: [], completion: { allowEvent: true } };
  }
  const focus: PaneFocus = { source: "send", rule: null, code: "no-case" };
  if (input.policy.noCaseLinked === "block") {
    const text = t("send.no-case.block", { address: outside[0] as string });
    return { outcome: "no-case", findings: [], completion: sentence(input, text, false, focus) };
  }
  return cannotCheck(input, "no-case", t("send.no-case.prompt", { address: outside[0] as string }));
}

function decideOnFindings(
  input: SendInput,
  caseRecord: CaseRecord,
  caseNumber: string
): SendDecision {
  const office = input.offices.find((o) => o.id === caseRecord.officeId) ?? null;
  const findings = evaluateMessage({
    caseRecord,
    office,
    draft: input.draft,
    policy: input.policy,
    today: officeToday(input.now, office, input.defaultTimeZone),
  });
  const blocking = findings.filter((f) => f.severity === "block");
  if (blocking.length === 0) {
    return { outcome: "compliant", findings, completion: { allowEvent: true } };
  }
  const t = translator(eventsMessages, input.locale);
  const items: AlertItem[] = blocking.map((f) => findingText(f, input.locale));
  const parts = {
    heading: t("send.blocked", { caseNumber }),
    items,
    more: (count: number) => t("send.more", { count }),
    fixLine: (fix: string) => t("send.fix", { fix }),
  };
  const first = blocking[0] as Finding;
  const completion: SendCompletion = {
    allowEvent: false,
    errorMessage: composeAlert(parts, "text"),
    ...(input.capabilities.markdown
      ? { errorMessageMarkdown: composeAlert(parts, "markdown") }
      : {}),
    ...takeAction(input, { source: "send", rule: first.rule, code: first.code }),
  };
  return { outcome: "blocked", findings, completion };
}

export function decideSend(input: SendInput): SendDecision {
  const t = translator(eventsMessages, input.locale);
  if (input.caseNumber === null) return decideNoCase(input);
  const caseNumber = input.caseNumber;
  const state = input.caseState;
  if (state.kind === "not-found") {
    const text = t("send.case-not-found", { caseNumber });
    const focus: PaneFocus = { source: "send", rule: null, code: "case-not-found" };
    return {
      outcome: "case-not-found",
      findings: [],
      completion: sentence(input, text, false, focus),
    };
  }
  if (state.kind === "unavailable") {
    const reason = t(`reason.${state.reason}`);
    return cannotCheck(input, "unreachable", t("send.unreachable", { caseNumber, reason }));
  }
  try {
    return decideOnFindings(input, state.caseRecord, caseNumber);
  } catch {
    // The engine promises never to throw; if it ever does, the officer is asked, not stuck.
    return cannotCheck(input, "check-failed", t("send.check-failed"));
  }
}

/** A prompt on a failure of CaseMail itself (no finding to show), or the send where none is possible. */
function promptOnly(capabilities: SendCapabilities, text: string): SendDecision {
  if (!capabilities.promptUser) {
    return { outcome: "check-failed", findings: [], completion: { allowEvent: true } };
  }
  return {
    outcome: "check-failed",
    findings: [],
    completion: { allowEvent: false, errorMessage: text, sendModeOverride: "promptUser" },
  };
}

/** The decision when the handler itself failed before it could decide. */
export function decideAfterError(locale: Locale, capabilities: SendCapabilities): SendDecision {
  return promptOnly(capabilities, translator(eventsMessages, locale)("send.check-failed"));
}

/** Allowed by the rules, but the correlation reference could not be stamped: filing needs it. */
export function decideStampFailed(locale: Locale, capabilities: SendCapabilities): SendDecision {
  return promptOnly(capabilities, translator(eventsMessages, locale)("send.stamp-failed"));
}
