/**
 * The Bounces queue as it runs in Outlook (or the workbench): reports and sent copies through
 * Microsoft Graph (the workbench's simulated Graph when it hands one over), the resend through
 * Office's new message form, digests through Web Crypto.
 */
import type { TokenProvider } from "../../auth/token-provider";
import type { GatewayClient } from "../../gateway/client";
import { sha256Hex } from "../../gateway/digest";
import { GraphClient } from "../../graph/graph-client";
import { displayNewMessageForm } from "../../office/mailbox";
import { createPaneBounces, NewMessageFormUnavailable, type PaneBounces } from "./pane-bounces";

export interface BrowserBouncesOptions {
  gateway: GatewayClient;
  tokenProvider: TokenProvider;
  /** Undefined: Microsoft Graph itself. */
  graphUrl: string | undefined;
  addinId: string;
  /** IANA zone of an office from the configuration, where it names one. */
  officeTimeZone?: (officeId: string) => string | undefined;
}

export function createBrowserBounces(options: BrowserBouncesOptions): PaneBounces {
  const graph = new GraphClient({
    tokenProvider: options.tokenProvider,
    addinId: options.addinId,
    ...(options.graphUrl === undefined ? {} : { baseUrl: options.graphUrl }),
  });
  return createPaneBounces({
    gateway: options.gateway,
    graph,
    openNewMessage: (message) => {
      const opened = displayNewMessageForm(message);
      if (!opened.ok) throw new NewMessageFormUnavailable(opened.error.name);
    },
    sha256Hex,
    timeZone: (officeId) =>
      options.officeTimeZone?.(officeId) ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
}
