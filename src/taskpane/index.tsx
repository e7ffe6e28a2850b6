/** The task pane entry: wait for Office, read language, theme and item mode, then render. */
import { createRoot } from "react-dom/client";
import { createMsalTokenProvider } from "../auth/msal-token-provider";
import { staticTokenProvider, type TokenProvider } from "../auth/token-provider";
import { findOffice, policyFromConfig } from "../config/policy-from-config";
import type { CasemailConfig } from "../config/schema";
import { createGatewayClient } from "../gateway";
import { localeFromLanguageTag } from "../i18n/catalog";
import { getSubject } from "../office/compose-item";
import { newCorrelationRef } from "../office/correlation";
import { signInWithOfficeDialog } from "../office/auth-dialog";
import {
  displayLanguage,
  isSetSupported,
  itemMode,
  officeTheme,
  whenOfficeReady,
} from "../office/mailbox";
import { App } from "./app";
import { createCasePrefetch } from "./compose/case-prefetch";
import { deferredFiling } from "./deferred-filing";
import { createBrowserFollowups } from "./followups/browser-followups";
import { createBrowserBounces } from "./followups/browser-bounces";
import { markPane } from "./pane-marks";
import { readPaneSettings, type WorkbenchHandOver } from "./pane-settings";
import { localToday, type PaneServices } from "./services";
import { themeName } from "./theme";

/**
 * In Outlook: nested app authentication (the host signs the officer in), else the sign-in dialog.
 * The workbench hands over a development token instead.
 */
function officeTokenProvider(config: CasemailConfig): TokenProvider {
  return createMsalTokenProvider(
    {
      clientId: config.signIn.clientId,
      tenantId: config.signIn.tenantId,
      scopes: { gateway: config.signIn.scopes, graph: config.signIn.graphScopes },
    },
    {
      naaSupported: () => isSetSupported("NestedAppAuth", "1.1"),
      signInWithDialog: (scopes) =>
        signInWithOfficeDialog(new URL("auth-dialog.html", location.href).href, scopes),
    }
  );
}

/**
 * The deployment's config.json as the build validated it (resolveBuildSettings, src/config's
 * schema), defaults filled in: the same one the send handler uses, and like it not parsed again.
 * Parsing it here cost every opening the config schemas and Intl's first time-zone check, some
 * 50 ms before the first render (issue #5).
 */
declare const __CASEMAIL_CONFIG__: CasemailConfig;

const subjectWaitMs = 150;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  await whenOfficeReady();
  markPane("office-ready");
  const config = __CASEMAIL_CONFIG__;
  const settings = readPaneSettings(
    window as { casemailWorkbench?: WorkbenchHandOver },
    config.gateway.baseUrl
  );
  const tokenProvider = settings.devToken
    ? staticTokenProvider({ gateway: settings.devToken, graph: settings.devToken })
    : officeTokenProvider(config);
  const gateway =
    settings.gatewayUrl === null
      ? null
      : createGatewayClient({ baseUrl: settings.gatewayUrl, tokenProvider, timeoutMs: 8000 });
  const mode = itemMode();
  // The subject's case leaves for the gateway now, and travels while React renders.
  const prefetch =
    gateway !== null && mode === "compose"
      ? createCasePrefetch(gateway, config.caseNumberPattern)
      : null;
  const subjectRead =
    prefetch === null
      ? null
      : getSubject()
          .then((r) => {
            if (r.ok) prefetch.startFromSubject(r.value);
          })
          // Only a head start: without it ComposeView asks the gateway itself, and reports.
          .catch(() => undefined);
  const services: PaneServices = {
    gateway,
    policy: policyFromConfig(config),
    caseNumberPattern: config.caseNumberPattern,
    caseNumberExample: "B012345678",
    today: () => localToday(),
    newCorrelationRef,
    filing:
      gateway === null
        ? null
        : deferredFiling(() =>
            import(/* webpackChunkName: "filing" */ "./filing/browser-filing").then((m) =>
              m.createBrowserFiling({
                gateway,
                tokenProvider,
                graphUrl: settings.graphUrl,
                addinId: config.addIn.id,
                limitBytes: config.eDocumentLimitBytes,
                officeTimeZone: (officeId) => findOffice(config, officeId)?.timeZone,
              })
            )
          ),
    followups:
      gateway === null
        ? null
        : createBrowserFollowups({
            gateway,
            today: () => localToday(),
            officeTimeZone: (officeId) => findOffice(config, officeId)?.timeZone,
          }),
    bounces:
      gateway === null
        ? null
        : createBrowserBounces({
            gateway,
            tokenProvider,
            graphUrl: settings.graphUrl,
            addinId: config.addIn.id,
            officeTimeZone: (officeId) => findOffice(config, officeId)?.timeZone,
          }),
  };
  const locale = localeFromLanguageTag(displayLanguage());
  document.documentElement.lang = locale === "fr" ? "fr-CA" : "en-CA";
  const forced = window.matchMedia?.("(forced-colors: active)").matches ?? false;
  const theme = themeName(officeTheme()?.bodyBackgroundColor ?? null, forced);
  const container = document.getElementById("root");
  if (container === null) return;
  // The request goes out before the first render holds the thread (never waiting long for Office).
  if (subjectRead !== null) await Promise.race([subjectRead, delay(subjectWaitMs)]);
  container.removeAttribute("aria-busy");
  markPane("render");
  createRoot(container).render(
    <App services={services} locale={locale} mode={mode} theme={theme} prefetch={prefetch} />
  );
}

markPane("bundle");
void main();
