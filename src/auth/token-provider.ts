/**
 * Where the gateway client and the Graph calls get their bearer tokens. The task pane uses MSAL
 * (nested app authentication, built elsewhere); tests, the command line and the workbench use the
 * static provider below. `silentOnly` is for the send-time handler, which may never show a prompt.
 */
export type TokenScope = "gateway" | "graph";

export interface TokenRequestOptions {
  /** Fail rather than interact with the user (Smart Alerts handlers may only call silently). */
  silentOnly?: boolean;
}

export interface TokenProvider {
  getToken(scope: TokenScope, opts?: TokenRequestOptions): Promise<string>;
}

/** Thrown by a provider that has no token for a scope (the client reports it as sign-in needed). */
export class TokenUnavailableError extends Error {
  constructor(
    readonly scope: TokenScope,
    message = `no token available for ${scope}`
  ) {
    super(message);
    this.name = "TokenUnavailableError";
  }
}

/**
 * Fixed tokens per scope, or a function that returns one (for example a dev token minted by
 * `casemail token --dev`, or a test that swaps tokens between calls).
 */
export function staticTokenProvider(
  tokens: Partial<Record<TokenScope, string | (() => string | Promise<string>)>>
): TokenProvider {
  return {
    async getToken(scope) {
      const source = tokens[scope];
      if (source === undefined) throw new TokenUnavailableError(scope);
      const token = typeof source === "function" ? await source() : source;
      if (token.length === 0) throw new TokenUnavailableError(scope);
      return token;
    },
  };
}
