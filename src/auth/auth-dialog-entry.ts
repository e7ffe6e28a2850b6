/** Entry of `auth-dialog.html`: the sign-in dialog page, on the deployment's embedded settings. */
import { configSchema, defaultConfig } from "../config";
import { runAuthDialogPage } from "./auth-dialog-page";

declare const __CASEMAIL_CONFIG__: unknown;

const parsed = configSchema.safeParse(
  typeof __CASEMAIL_CONFIG__ === "undefined" ? {} : __CASEMAIL_CONFIG__
);
const config = parsed.success ? parsed.data : defaultConfig;
void runAuthDialogPage(
  { clientId: config.signIn.clientId, tenantId: config.signIn.tenantId },
  window.location
);
