/**
 * Bearer token verification with jose: signature against the JWKS (the configured Entra ID keys or
 * the development key), issuer, audience, expiry and an allow-list of algorithms, so `alg: none`
 * and symmetric-key confusion are refused before any claim is read.
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
}

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

  return async (authorization: string | undefined): Promise<AccessTokenClaims> => {
    const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/.exec(
      authorization ?? ""
    );
    if (match?.[1] === undefined) throw unauthorized("a bearer token is required");
    try {
      const { payload } = await jwtVerify(match[1], keys, {
        issuer: config.issuer,
        audience: config.audience,
        algorithms: config.algorithms,
        clockTolerance: config.clockToleranceSeconds ?? 30,
        requiredClaims: ["exp", "oid"],
      });
      const claims = accessTokenClaimsSchema.safeParse(payload);
      if (!claims.success) throw unauthorized("the token lacks the officer's object id");
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
