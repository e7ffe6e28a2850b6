/**
 * The Bounces queue as it runs in Outlook (or the workbench): reports and sent copies through
 * Microsoft Graph (the workbench's simulated Graph when it hands one over), the resend through
 * Office's new message form, digests through Web Crypto. The service's code loads when the queue
 * is first opened, not with the pane.
 */
import type { TokenProvider } from "../../auth/token-provider";
import type { GatewayClient } from "../../gateway/client";
import { sha256Hex } from "../../gateway/digest";
import { GraphClient } from "../../graph/graph-client";
import { displayNewMessageForm } from "../../office/mailbox";
import type { PaneBounces } from "./pane-bounces";

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
  let service: Promise<PaneBounces> | null = null;
  const load = () =>
    (service ??= import("./pane-bounces")
      .then(({ createPaneBounces, NewMessageFormUnavailable }) =>
        createPaneBounces({
          gateway: options.gateway,
          graph: new GraphClient({
            tokenProvider: options.tokenProvider,
            addinId: options.addinId,
            ...(options.graphUrl === undefined ? {} : { baseUrl: options.graphUrl }),
          }),
          openNewMessage: (message) => {
            const opened = displayNewMessageForm(message);
            if (!opened.ok) throw new NewMessageFormUnavailable(opened.error.name);
          },
          sha256Hex,
          timeZone: (officeId) =>
            options.officeTimeZone?.(officeId) ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
        })
      )
      .catch((error: unknown) => {
        service = null; // a chunk that failed to load is tried again on the next scan
        throw error;
      }));
  return {
    scan: async () => (await load()).scan(),
    act: async (row) => (await load()).act(row),
  };
}
