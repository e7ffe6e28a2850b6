/** The catalogues of every area, for tests that check completeness and for tools that list them. */
export * from "./catalog";
import type { MessageArea } from "./catalog";
import { gatewayMessages } from "./messages/gateway";

// Each area registers here; `test/i18n/catalog.test.ts` checks all of them.
export const allAreas: Record<string, MessageArea<string>> = {
  gateway: gatewayMessages,
};
