/** The catalogues of every area, for tests that check completeness and for tools that list them. */
export * from "./catalog";
import type { MessageArea } from "./catalog";
import { domainMessages } from "./messages/domain";
import { noteMessages } from "./messages/domain-notes";
import { templateMessages } from "./messages/domain-templates";
import { gatewayMessages } from "./messages/gateway";
import { taskpaneMessages } from "./messages/taskpane";
import { msgMessages } from "./messages/msg";
import { eventsMessages } from "./messages/events";
import { dsnMessages } from "./messages/dsn";
import { filingMessages } from "./messages/filing";
import { bouncesMessages } from "./messages/bounces";
import { followupMessages } from "./messages/followups";

// Each area registers here; `test/i18n/catalog.test.ts` checks all of them.
export const allAreas: Record<string, MessageArea<string>> = {
  domain: domainMessages,
  "domain-notes": noteMessages,
  "domain-templates": templateMessages,
  gateway: gatewayMessages,
  taskpane: taskpaneMessages,
  msg: msgMessages,
  events: eventsMessages,
  dsn: dsnMessages,
  filing: filingMessages,
  bounces: bouncesMessages,
  followups: followupMessages,
};
