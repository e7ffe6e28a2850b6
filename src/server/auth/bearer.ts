/**
 * Bearer token verification with jose: signature against the JWKS (the configured Entra ID keys or
 * the development key), issuer, audience, expiry and an allow-list of algorithms, so `alg: none`
 * and symmetric-key confusion are refused before any claim is read. A token that passed is
 * remembered for a short while (never past its expiry), because the pane sends the same token
 * with every request and the signature check was a tenth of the gateway's CPU under load.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWK,
  type JWTVerifyGetKey,
} from "jose";
import { z } from "zod";
import { HttpError } from "../http-error";

export interface BearerConfig {
  issuer: string;
  audience: string;
  /** A JWKS URL (Entra ID: https://login.microsoftonline.com/<tenant>/discovery/v2.0/keys) ... */
  jwksUrl?: string;
  /** ... or the keys themselves (the development issuer). */
  jwks?: { keys: JWK[] };
  algorithms: string[];
  clockToleranceSeconds?: number;
  /** How long a verified token is remembered, capped by its expiry; 0 checks every request. */
  verifiedTokenCacheSeconds?: number;
  /** The clock, in milliseconds (tests). */
  now?: () => number;
}

/** Enough for every officer of a large office; the oldest entry goes first. */
export const maxRememberedTokens = 2048;

/** The Entra ID v2 access token claims the gateway reads. */
export const accessTokenClaimsSchema = z.object({
  oid: z.string().min(1).max(200),
  preferred_username: z.string().max(320).optional(),
  name: z.string().max(300).optional(),
  tid: z.string().max(100).optional(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaimsSchema>;

export function bearerVerifier(config: BearerConfig) {
  let keys: JWTVerifyGetKey;
  if (config.jwks !== undefined) keys = createLocalJWKSet(config.jwks);
  else if (config.jwksUrl !== undefined) keys = createRemoteJWKSet(new URL(config.jwksUrl));
  else throw new Error("bearer verification needs a JWKS URL or keys");

  const now = config.now ?? Date.now;
  const rememberMs = Math.max(0, config.verifiedTokenCacheSeconds ?? 60) * 1000;
  // Keyed by the whole compact token: any changed byte is another key, verified afresh.
  const remembered = new Map<string, { claims: AccessTokenClaims; untilMs: number }>();

  return async (authorization: string | undefined): Promise<AccessTokenClaims> => {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(
      authorization ?? ""
    );
    const token = match?.[1];
    if (token === undefined) throw unauthorized("a bearer token is required");
    const hit = remembered.get(token);
    if (hit !== undefined) {
      if (now() < hit.untilMs) return hit.claims;
      remembered.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: config.algorithms,
        clockTolerance: config.clockToleranceSeconds ?? 30,
        currentDate: new Date(now()),
        requiredClaims: ["exp", "oid"],
      });
      const claims = accessTokenClaimsSchema.safeParse(payload);
      if (!claims.success) throw unauthorized("the token lacks the officer's object id");
      // Until the expiry itself (no clock tolerance) or the cache period, whichever comes first.
      const untilMs = Math.min((payload.exp ?? 0) * 1000, now() + rememberMs);
      if (rememberMs > 0 && untilMs > now()) {
        if (remembered.size >= maxRememberedTokens) {
          const oldest = remembered.keys().next().value;
          if (oldest !== undefined) remembered.delete(oldest);
        }
        remembered.set(token, { claims: claims.data, untilMs });
      }
      return claims.data;
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw unauthorized("the token has expired");
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        throw unauthorized(`the token's ${error.claim} claim is not accepted`);
      }
      throw unauthorized("the token is not valid");
    }
  };
}

function unauthorized(message: string): HttpError {
  return new HttpError(401, "unauthorized", message, undefined, {
    "www-authenticate": 'Bearer error="invalid_token"',
  });
}
