/**
 * The pane's token provider: MSAL nested app authentication (NAA) where the host supports
 * `NestedAppAuth 1.1`, so Outlook brokers the officer's sign-in with no prompt; else the Office
 * dialog API fallback (a sign-in page on our own origin that hands the token back). Tokens for the
 * gateway and for Microsoft Graph have their own scopes. `silentOnly` calls (the send handler) never
 * open a popup or a dialog: they answer from the cache or fail with TokenUnavailableError.
 * MSAL is loaded on the first token request, as its own chunk, to keep the pane's first load small.
 */
import type { IPublicClientApplication } from "@azure/msal-browser";
import {
  TokenUnavailableError,
  type TokenProvider,
  type TokenRequestOptions,
  type TokenScope,
} from "./token-provider";

export interface MsalSettings {
  clientId: string;
  /** Tenant id or domain; `organizations` for any work account. */
  tenantId: string;
  scopes: Record<TokenScope, string[]>;
}

/** A token from the dialog fallback, with its expiry (ms since the epoch). */
export interface DialogToken {
  accessToken: string;
  expiresAt: number;
}

export interface MsalProviderDeps {
  /** True where `Office.context.requirements.isSetSupported("NestedAppAuth", "1.1")`. */
  naaSupported: () => boolean;
  /** Opens the sign-in dialog for `scopes` and resolves with its token (src/office/auth-dialog). */
  signInWithDialog: (scopes: string[]) => Promise<DialogToken>;
  /** Injected in tests; the real one is MSAL's. */
  createPca?: (settings: MsalSettings) => Promise<IPublicClientApplication>;
  now?: () => number;
}

const defaultCreatePca = async (settings: MsalSettings): Promise<IPublicClientApplication> => {
  const { createNestablePublicClientApplication } = await import("@azure/msal-browser");
  return createNestablePublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `https://login.microsoftonline.com/${settings.tenantId}`,
    },
  });
};

/** MSAL's InteractionRequiredAuthError, told by name so that MSAL need not be loaded to check. */
function needsInteraction(error: unknown): boolean {
  return error instanceof Error && error.name === "InteractionRequiredAuthError";
}

/** Tokens within this margin of expiry are refreshed rather than used. */
const expiryMarginMs = 60_000;

export function createMsalTokenProvider(
  settings: MsalSettings,
  deps: MsalProviderDeps
): TokenProvider {
  const now = deps.now ?? Date.now;
  let pca: Promise<IPublicClientApplication> | null = null;
  const dialogCache = new Map<TokenScope, DialogToken>();

  const naaToken = async (scope: TokenScope, opts: TokenRequestOptions): Promise<string> => {
    pca ??= (deps.createPca ?? defaultCreatePca)(settings);
    const app = await pca;
    const scopes = settings.scopes[scope];
    const account = app.getActiveAccount() ?? app.getAllAccounts()[0];
    try {
      // With NAA, a silent call without an account asks the host for the signed-in officer.
      const result = await app.acquireTokenSilent(account ? { scopes, account } : { scopes });
      return result.accessToken;
    } catch (error) {
      if (opts.silentOnly === true || !needsInteraction(error)) {
        throw new TokenUnavailableError(scope);
      }
      const result = await app.acquireTokenPopup({ scopes });
      return result.accessToken;
    }
  };

  const dialogToken = async (scope: TokenScope, opts: TokenRequestOptions): Promise<string> => {
    const cached = dialogCache.get(scope);
    if (cached !== undefined && cached.expiresAt - expiryMarginMs > now())
      return cached.accessToken;
    if (opts.silentOnly === true) throw new TokenUnavailableError(scope);
    const token = await deps.signInWithDialog(settings.scopes[scope]);
    dialogCache.set(scope, token);
    return token.accessToken;
  };

  return {
    async getToken(scope, opts = {}) {
      try {
        return deps.naaSupported() ? await naaToken(scope, opts) : await dialogToken(scope, opts);
      } catch (error) {
        if (error instanceof TokenUnavailableError) throw error;
        throw new TokenUnavailableError(scope);
      }
    },
  };
}
