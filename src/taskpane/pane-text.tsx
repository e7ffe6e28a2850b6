/** The pane's locale (from Outlook's display language) and its translators, through React context. */
import { createContext, useContext, useMemo, type ReactNode } from "react";
import { translator, type Locale } from "../i18n/catalog";
import { gatewayMessages } from "../i18n/messages/gateway";
import { taskpaneMessages } from "../i18n/messages/taskpane";
import type { GatewayErrorKind } from "../gateway/errors";
import { isGatewayError } from "../gateway/errors";

function texts(locale: Locale) {
  const t = translator(taskpaneMessages, locale);
  const g = translator(gatewayMessages, locale);
  /** An error as the officer reads it: the gateway's translated message, never a stack. */
  const reason = (error: unknown): string => {
    if (isGatewayError(error)) {
      return g(error.kind as GatewayErrorKind, { status: error.status ?? "" });
    }
    return error instanceof Error ? error.name : String(error);
  };
  return { locale, t, reason };
}

export type PaneText = ReturnType<typeof texts>;

const Context = createContext<PaneText>(texts("en"));

export function PaneTextProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => texts(locale), [locale]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function usePaneText(): PaneText {
  return useContext(Context);
}
