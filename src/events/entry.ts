/**
 * events.js: the bundle Outlook loads for event-based activation. Top-level code only associates
 * the handlers (before anything can fail); each event then builds its environment from Office.js
 * and the configuration embedded at build time. No DOM, no storage, no imports at run time.
 */
// First: the ES2017+ built-ins the modules below use, for classic Outlook's ES2016 sandbox.
import "./runtime-polyfills";
import type { CasemailConfig } from "../config/schema";
import { localeFromLanguageTag } from "../i18n/catalog";
import {
  officeSendItemPort,
  officeSilentToken,
  savedDraftRestId,
  sendCapabilities,
  showStatus,
} from "../office/compose-events";
import { displayLanguage } from "../office/mailbox";
import { gatewayCaseSource, type FetchLike } from "./case-source";
import { handleItemChanged } from "./change-handler";
import { newCorrelationId } from "./correlation-id";
import { handlerNames } from "./function-names";
import { graphReadReceiptProbe } from "./read-receipt-probe";
import { decideAfterError, type SendCapabilities } from "./send-decision";
import { runSendEvent, type CompletableEvent, type SendEnvironment } from "./send-handler";
import { sendSettingsFromConfig } from "./settings";

/**
 * config.json as the build validated it (resolveBuildSettings, src/config's schema), defaults
 * filled in; not parsed again here, which keeps classic zod out of this bundle.
 */
declare const __CASEMAIL_CONFIG__: CasemailConfig;

function embeddedConfig(): CasemailConfig {
  return __CASEMAIL_CONFIG__;
}

function locale() {
  try {
    return localeFromLanguageTag(displayLanguage());
  } catch {
    return "en" as const;
  }
}

function capabilities(): SendCapabilities {
  try {
    return sendCapabilities();
  } catch {
    return { markdown: false, takeAction: false, promptUser: false };
  }
}

function sendEnvironment(): SendEnvironment {
  const config = embeddedConfig();
  const fetchFn: FetchLike | null =
    typeof fetch === "function" ? (fetch.bind(globalThis) as unknown as FetchLike) : null;
  return {
    item: officeSendItemPort,
    cases:
      fetchFn === null
        ? null
        : gatewayCaseSource(config.gateway.baseUrl, officeSilentToken, fetchFn),
    readReceiptProbe:
      fetchFn === null ? null : graphReadReceiptProbe(savedDraftRestId, officeSilentToken, fetchFn),
    locale: locale(),
    capabilities: capabilities(),
    settings: sendSettingsFromConfig(config),
    now: () => new Date(),
    newCorrelationRef: () => newCorrelationId(),
  };
}

function onMessageSend(event: CompletableEvent): void {
  let env: SendEnvironment;
  try {
    env = sendEnvironment();
  } catch {
    // Even without an environment the event must complete, or Outlook waits and then gives up.
    event.completed(decideAfterError(locale(), capabilities()).completion);
    return;
  }
  void runSendEvent(event, env);
}

function onItemChanged(event: CompletableEvent): void {
  void handleItemChanged(event, {
    item: officeSendItemPort,
    show: (text) => showStatus("info", text),
    locale: locale(),
    settings: sendSettingsFromConfig(embeddedConfig()),
    now: () => new Date(),
  });
}

export interface Actions {
  associate(name: string, handler: (event: CompletableEvent) => void): void;
}

/** Every FunctionName of the manifest to its handler (without it, Outlook blocks every send). */
export function associateHandlers(actions: Actions): void {
  actions.associate(handlerNames.send, onMessageSend);
  actions.associate(handlerNames.recipientsChanged, onItemChanged);
  actions.associate(handlerNames.fromChanged, onItemChanged);
}

const office = (globalThis as { Office?: typeof Office }).Office;
if (office !== undefined && office.actions !== undefined) associateHandlers(office.actions);
