/**
 * OnMessageSend, as ports and one function: read the draft and what the pane left, find the case
 * (snapshot first, the gateway only when needed, within its time-out), decide with `decideSend`,
 * stamp the correlation reference before allowing. No Office.js here: `src/office/compose-events`
 * implements the item port, `case-source` the gateway, and tests pass fakes.
 */
import { findCaseNumber } from "../domain/case-number";
import type { CaseRecord, Office } from "../domain/case-record";
import type { MessageDraft, Recipient } from "../domain/message-draft";
import type { Policy } from "../domain/policy";
import type { Locale } from "../i18n/catalog";
import { decodeHandoff, type HandoffLink } from "./handoff";
import {
  decideAfterError,
  decideSend,
  decideStampFailed,
  type CaseState,
  type SendCapabilities,
  type SendCompletion,
  type SendDecision,
  type UnavailableReason,
} from "./send-decision";

/** The draft's fields as the item gives them. */
export interface DraftFields {
  from: string | null;
  to: Recipient[];
  cc: Recipient[];
  bcc: Recipient[];
  subject: string;
  bodyText: string;
}

/** What is on the item besides the draft: the correlation reference and the pane's link. */
export interface ItemHandoff {
  correlationRef: string | null;
  /** The link text in session data (current compose session only). */
  session: string | null;
  /** The link text in the custom property (survives a saved draft). */
  property: string | null;
}

export interface SendItemPort {
  readDraft(): Promise<DraftFields>;
  readHandoff(): Promise<ItemHandoff>;
  /** Writes the reference as custom property and internet header; false when it could not. */
  stampCorrelationRef(ref: string): Promise<boolean>;
}

export type CaseFetchResult =
  | { kind: "found"; caseRecord: CaseRecord }
  | { kind: "not-found" }
  | { kind: "unavailable"; reason: UnavailableReason };

/** The gateway's case lookup; `signal` aborts it at the time-out where the runtime supports it. */
export interface CaseSource {
  fetchCase(caseNumber: string, signal?: AbortSignal): Promise<CaseFetchResult>;
}

/**
 * R11 at send time: Graph's `isReadReceiptRequested` on the saved draft with a silent token.
 * Absent where no silent token can be had; null when it could not be known this time.
 */
export interface ReadReceiptProbe {
  isReadReceiptRequested(signal?: AbortSignal): Promise<boolean | null>;
}

export interface SendSettings {
  offices: readonly Office[];
  policy: Policy;
  /** For "today" under R4 where an office names no time zone of its own (IANA name). */
  timeZone: string;
  caseNumberPattern?: string;
  /** A snapshot older than this is refreshed from the gateway (and used if the gateway fails). */
  snapshotMaxAgeMs: number;
  /** The one gateway call's time-out (DESIGN.md section 6: 2 s). */
  gatewayTimeoutMs: number;
}

export interface SendEnvironment {
  item: SendItemPort;
  cases: CaseSource | null;
  readReceiptProbe: ReadReceiptProbe | null;
  locale: Locale;
  capabilities: SendCapabilities;
  settings: SendSettings;
  now: () => Date;
  newCorrelationRef: () => string;
}

export const defaultSnapshotMaxAgeMs = 8 * 60 * 60 * 1000;
export const defaultGatewayTimeoutMs = 2000;
const clockSkewMs = 5 * 60 * 1000;

/** Resolves to `fallback` after `ms`, aborting `controller` if there is one. */
export function withTimeout<T>(
  run: (signal?: AbortSignal) => Promise<T>,
  ms: number,
  fallback: T
): Promise<T> {
  // Without timers (a sandbox that lacks them) the call simply runs to its end.
  if (typeof setTimeout !== "function") return run(undefined).catch(() => fallback);
  const controller = typeof AbortController === "function" ? new AbortController() : undefined;
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => {
      controller?.abort();
      resolve(fallback);
    }, ms);
    run(controller?.signal).then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      }
    );
  });
}

function snapshotIsFresh(link: HandoffLink, now: Date, maxAgeMs: number): boolean {
  if (link.snapshot === null || link.snapshotAt === null) return false;
  const age = now.getTime() - Date.parse(link.snapshotAt);
  // A few minutes "from the future" are clock skew between the pane's and this runtime's clock.
  return age >= -clockSkewMs && age <= maxAgeMs;
}

async function findCase(
  env: SendEnvironment,
  caseNumber: string,
  link: HandoffLink | null,
  source: "session" | "property"
): Promise<CaseState> {
  const snapshot = link !== null && link.caseNumber === caseNumber ? link.snapshot : null;
  if (
    snapshot !== null &&
    link !== null &&
    snapshotIsFresh(link, env.now(), env.settings.snapshotMaxAgeMs)
  ) {
    return { kind: "loaded", caseRecord: snapshot, source };
  }
  const fetched: CaseFetchResult =
    env.cases === null
      ? { kind: "unavailable", reason: "network" }
      : await withTimeout<CaseFetchResult>(
          (signal) => (env.cases as CaseSource).fetchCase(caseNumber, signal),
          env.settings.gatewayTimeoutMs,
          { kind: "unavailable", reason: "timeout" }
        );
  if (fetched.kind === "found")
    return { kind: "loaded", caseRecord: fetched.caseRecord, source: "gateway" };
  // An old snapshot still beats no case at all when the gateway cannot answer.
  if (fetched.kind === "unavailable" && snapshot !== null) {
    return { kind: "loaded", caseRecord: snapshot, source };
  }
  return fetched;
}

/**
 * The case number the subject names, if any. The pattern uses Unicode classes and look-behind,
 * which an older JavaScript-only runtime may reject: then the subject simply names none.
 */
export function caseNumberInSubject(subject: string, settings: SendSettings): string | null {
  try {
    return findCaseNumber(subject, settings.caseNumberPattern);
  } catch {
    return null;
  }
}

function draftFrom(fields: DraftFields, link: HandoffLink | null, readReceipt: boolean | null) {
  const draft: MessageDraft = {
    from: fields.from,
    to: fields.to,
    cc: fields.cc,
    bcc: fields.bcc,
    subject: fields.subject,
    bodyText: fields.bodyText,
    purpose: link?.purpose ?? null,
    deadline: link?.deadline ?? null,
    readReceiptRequested: readReceipt,
  };
  return draft;
}

/** The whole OnMessageSend decision; it never throws (a failure is a prompt, see decideAfterError). */
export async function handleSend(env: SendEnvironment): Promise<SendDecision> {
  try {
    const [fields, handoff] = await Promise.all([env.item.readDraft(), env.item.readHandoff()]);
    // Session data holds the full snapshot of this compose session; the property survives a save.
    const session = decodeHandoff(handoff.session);
    const link = session ?? decodeHandoff(handoff.property);
    const caseNumber = link?.caseNumber ?? caseNumberInSubject(fields.subject, env.settings);

    const probe = env.readReceiptProbe;
    const [caseState, readReceipt] = await Promise.all([
      caseNumber === null
        ? Promise.resolve<CaseState>({ kind: "unavailable", reason: "network" })
        : findCase(env, caseNumber, link, session !== null ? "session" : "property"),
      caseNumber === null || probe === null
        ? Promise.resolve<boolean | null>(null)
        : withTimeout<boolean | null>(
            (signal) => probe.isReadReceiptRequested(signal),
            env.settings.gatewayTimeoutMs,
            null
          ),
    ]);

    const decision = decideSend({
      locale: env.locale,
      capabilities: env.capabilities,
      draft: draftFrom(fields, link, readReceipt),
      caseNumber,
      caseState,
      offices: env.settings.offices,
      policy: env.settings.policy,
      now: env.now(),
      defaultTimeZone: env.settings.timeZone,
    });

    // Stamp before the message may go: filing finds the sent copy by this reference.
    if (decision.completion.allowEvent && caseNumber !== null) {
      const ref = handoff.correlationRef ?? env.newCorrelationRef();
      const stamped = await env.item.stampCorrelationRef(ref).catch(() => false);
      if (!stamped) return decideStampFailed(env.locale, env.capabilities);
    }
    return decision;
  } catch {
    return decideAfterError(env.locale, env.capabilities);
  }
}

/** The event as the handler sees it: Office's `MailboxEvent` (or the workbench's, or a mock's). */
export interface CompletableEvent {
  completed(options?: SendCompletion): void;
}

/**
 * Runs `handleSend` and completes the event exactly once, also when something below throws or
 * hangs: after `watchdogMs` the officer gets the prompt rather than Outlook's own time-out dialog.
 */
export function runSendEvent(
  event: CompletableEvent,
  env: SendEnvironment,
  watchdogMs = 4000
): Promise<SendDecision> {
  let done = false;
  const finish = (decision: SendDecision): SendDecision => {
    if (!done) {
      done = true;
      try {
        event.completed(decision.completion);
      } catch {
        // Nothing more can be done: Outlook already has or never will have the answer.
      }
    }
    return decision;
  };
  const fallback = decideAfterError(env.locale, env.capabilities);
  return withTimeout(() => handleSend(env), watchdogMs, fallback).then(finish, () =>
    finish(fallback)
  );
}
