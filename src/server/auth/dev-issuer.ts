/**
 * The development issuer: an ES256 key kept in the gateway's data folder, so `serve --dev` and
 * `token --dev` on the same folder agree without any identity provider. Tokens have the claim
 * shape of Microsoft Entra ID v2 access tokens (oid, preferred_username, name, tid, ver).
 * Development only: the key file is a secret of the local machine.
 */
import fs from "node:fs";
import path from "node:path";
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from "jose";
import { z } from "zod";

export const devIssuer = "urn:casemail:dev-issuer";
export const devAudience = "api://casemail-gateway";
export const devTenantId = "00000000-0000-4000-8000-000000000000";
export const devAlgorithm = "ES256";
const keyFileName = "dev-issuer-key.json";

const keyFileSchema = z.object({
  kid: z.string().min(1),
  privateJwk: z.record(z.string(), z.unknown()),
  publicJwk: z.record(z.string(), z.unknown()),
});

export interface DevKey {
  kid: string;
  privateKey: KeyLike | Uint8Array;
  publicJwk: JWK;
}

export function devKeyFile(dataDir: string): string {
  return path.join(dataDir, keyFileName);
}

/** Loads the data folder's key, creating it (mode 0600) on first use. */
export async function loadOrCreateDevKey(dataDir: string): Promise<DevKey> {
  const file = devKeyFile(dataDir);
  if (!fs.existsSync(file)) {
    const { privateKey, publicKey } = await generateKeyPair(devAlgorithm, { extractable: true });
    const kid = `dev-${Date.now().toString(36)}`;
    const stored = {
      kid,
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: devAlgorithm },
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: devAlgorithm, use: "sig" },
    };
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      fs.writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const parsed = keyFileSchema.parse(JSON.parse(fs.readFileSync(file, "utf8")));
  return {
    kid: parsed.kid,
    privateKey: await importJWK(parsed.privateJwk as unknown as JWK, devAlgorithm),
    publicJwk: parsed.publicJwk as unknown as JWK,
  };
}

export interface DevTokenOptions {
  officerId: string;
  displayName?: string;
  /** Lifetime in seconds (default one hour); negative values mint an expired token for tests. */
  lifetimeSeconds?: number;
  audience?: string;
  issuer?: string;
}

export async function mintDevToken(key: DevKey, options: DevTokenOptions): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const lifetime = options.lifetimeSeconds ?? 3600;
  return new SignJWT({
    oid: options.officerId,
    preferred_username: `${options.officerId}@example.com`,
    name: options.displayName ?? options.officerId,
    tid: devTenantId,
    ver: "2.0",
    scp: "Gateway.ReadWrite",
  })
    .setProtectedHeader({ alg: devAlgorithm, kid: key.kid, typ: "JWT" })
    .setIssuer(options.issuer ?? devIssuer)
    .setAudience(options.audience ?? devAudience)
    .setSubject(options.officerId)
    .setIssuedAt(Math.min(issuedAt, issuedAt + lifetime - 60))
    .setNotBefore(Math.min(issuedAt, issuedAt + lifetime - 60))
    .setExpirationTime(issuedAt + lifetime)
    .sign(key.privateKey);
}
