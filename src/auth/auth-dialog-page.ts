/**
 * The sign-in page opened in the Office dialog where nested app authentication is unavailable.
 * It signs in with MSAL's redirect flow on our own origin and returns the access token to the pane.
 */
import { createStandardPublicClientApplication } from "@azure/msal-browser";
import { sendToParent, whenOfficeReady } from "../office/auth-dialog";

export interface DialogPageSettings {
  clientId: string;
  tenantId: string;
}

export async function runAuthDialogPage(
  settings: DialogPageSettings,
  location: Location
): Promise<void> {
  await whenOfficeReady();
  const scopes = (new URLSearchParams(location.search).get("scopes") ?? "")
    .split(" ")
    .filter(Boolean);
  const app = await createStandardPublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `https://login.microsoftonline.com/${settings.tenantId}`,
      redirectUri: `${location.origin}${location.pathname}`,
    },
    cache: { cacheLocation: "sessionStorage" },
  });
  try {
    const result = await app.handleRedirectPromise();
    if (result === null) {
      await app.acquireTokenRedirect({ scopes, redirectStartPage: location.href });
      return;
    }
    sendToParent({
      kind: "token",
      accessToken: result.accessToken,
      expiresAt: result.expiresOn?.getTime() ?? Date.now() + 3_000_000,
    });
  } catch (error) {
    const code =
      typeof error === "object" && error !== null && "errorCode" in error
        ? String((error as { errorCode: unknown }).errorCode)
        : "sign-in-failed";
    sendToParent({ kind: "error", code });
  }
}
