/** The task pane entry: wait for Office, read language, theme and item mode, then render. */
import { createRoot } from "react-dom/client";
import { createMsalTokenProvider } from "../auth/msal-token-provider";
import { staticTokenProvider, type TokenProvider } from "../auth/token-provider";
import {
  configSchema,
  defaultConfig,
  findOffice,
  policyFromConfig,
  type CasemailConfig,
} from "../config";
import { createGatewayClient } from "../gateway";
import { localeFromLanguageTag } from "../i18n/catalog";
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
import { createBrowserFiling } from "./filing/browser-filing";
import { createBrowserFollowups } from "./followups/browser-followups";
import { createBrowserBounces } from "./followups/browser-bounces";
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

/** The deployment's config.json, embedded at build time (the same one the send handler uses). */
declare const __CASEMAIL_CONFIG__: unknown;

function embeddedConfig(): CasemailConfig {
  const raw = typeof __CASEMAIL_CONFIG__ === "undefined" ? {} : __CASEMAIL_CONFIG__;
  const parsed = configSchema.safeParse(raw);
  return parsed.success ? parsed.data : defaultConfig;
}

async function main(): Promise<void> {
  await whenOfficeReady();
  const config = embeddedConfig();
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
        : createBrowserFiling({
            gateway,
            tokenProvider,
            graphUrl: settings.graphUrl,
            addinId: config.addIn.id,
            limitBytes: config.eDocumentLimitBytes,
            officeTimeZone: (officeId) => findOffice(config, officeId)?.timeZone,
          }),
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
  container.removeAttribute("aria-busy");
  createRoot(container).render(
    <App services={services} locale={locale} mode={itemMode()} theme={theme} />
  );
}

void main();
