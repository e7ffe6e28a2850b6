/**
 * The follow-up services as they run in Outlook (or the workbench): the new message form through
 * Office.js `displayNewMessageForm`, the purpose hint in localStorage, the offices' time zones from
 * the deployment configuration.
 */
import type { GatewayClient } from "../../gateway/client";
import { displayNewMessageForm } from "../../office/mailbox";
import { createPaneFollowups, type PaneFollowups } from "./pane-followups";
import { setPurposeHint } from "./purpose-hint";

export interface BrowserFollowupsOptions {
  gateway: GatewayClient;
  today: () => string;
  /** IANA zone of an office from the configuration, where it names one. */
  officeTimeZone?: (officeId: string) => string | undefined;
}

export function createBrowserFollowups(options: BrowserFollowupsOptions): PaneFollowups {
  return createPaneFollowups({
    gateway: options.gateway,
    today: options.today,
    timeZone: (officeId) =>
      options.officeTimeZone?.(officeId) ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    openNewMessage: (form) => {
      const opened = displayNewMessageForm({
        to: form.to.map((address) => ({ address })),
        subject: form.subject,
        htmlBody: form.htmlBody,
      });
      return opened.ok
        ? { ok: true }
        : { ok: false, code: String(opened.error.code ?? opened.error.name) };
    },
    purposeHint: (caseNumber, purpose) => setPurposeHint(caseNumber, purpose),
  });
}
