/**
 * The pane's filing service as it runs in Outlook (or the workbench): jobs in IndexedDB, sent items
 * and MIME through Microsoft Graph (the workbench's simulated Graph when it hands one over), the
 * open item through `getAsFileAsync`, digests through Web Crypto.
 */
import type { TokenProvider } from "../../auth/token-provider";
import { IndexedDbJobStore } from "../../filing/job-store";
import type { GatewayClient } from "../../gateway/client";
import { sha256Hex } from "../../gateway/digest";
import { GraphClient } from "../../graph/graph-client";
import { getAsFile } from "../../office/read-item";
import { base64ToBytes, createPaneFiling, type PaneFiling } from "./pane-filing";

export interface BrowserFilingOptions {
  gateway: GatewayClient;
  tokenProvider: TokenProvider;
  /** Undefined: Microsoft Graph itself. */
  graphUrl: string | undefined;
  /** The deployment's add-in id (names the custom-properties property Graph filters on). */
  addinId: string;
  limitBytes: number;
  /** IANA zone of an office from the configuration, where it names one. */
  officeTimeZone?: (officeId: string) => string | undefined;
}

export class OpenItemUnreadable extends Error {
  constructor(readonly code: string) {
    super(`open item unreadable: ${code}`);
    this.name = "OpenItemUnreadable";
  }
}

export function createBrowserFiling(options: BrowserFilingOptions): PaneFiling {
  const graph = new GraphClient({
    tokenProvider: options.tokenProvider,
    addinId: options.addinId,
    ...(options.graphUrl === undefined ? {} : { baseUrl: options.graphUrl }),
  });
  return createPaneFiling({
    gateway: options.gateway,
    graph,
    store: () => IndexedDbJobStore.open(),
    openItemMime: async () => {
      const file = await getAsFile();
      if (!file.ok) throw new OpenItemUnreadable(String(file.error.code ?? file.error.name));
      return base64ToBytes(file.value);
    },
    sha256Hex,
    // The notes state the sending time in the officer's own zone.
    // R7/R8 notes state the office's local time; the officer's own zone where the office has none.
    timeZone: (officeId) =>
      options.officeTimeZone?.(officeId) ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    limitBytes: options.limitBytes,
  });
}
