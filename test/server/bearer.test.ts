/**
 * The bearer verifier's memory of verified tokens: a remembered token never outlives its own
 * expiry, any other token (a changed byte in the signature or the claims) is verified afresh, the
 * memory holds at most `maxRememberedTokens` (the oldest goes first), and with the memory off every
 * request is checked.
 */
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import { bearerVerifier, maxRememberedTokens } from "../../src/server/auth/bearer";
import { HttpError } from "../../src/server/http-error";

const issuer = "https://issuer.test/";
const audience = "api://casemail-test";

async function keyPair() {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  return { privateKey, jwks: { keys: [jwk] } };
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

async function token(privateKey: PrivateKey, nowMs: number, lifetimeS: number, oid = "officer-a") {
  return new SignJWT({ oid })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(Math.floor(nowMs / 1000))
    .setExpirationTime(Math.floor(nowMs / 1000) + lifetimeS)
    .sign(privateKey);
}

async function status(promise: Promise<unknown>): Promise<number | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof HttpError) return error.statusCode;
    throw error;
  }
}

/** A verifier on a clock the test sets, without clock tolerance. */
function clockedVerifier(jwks: { keys: JWK[] }, cacheSeconds: number, startMs: number) {
  const clock = { now: startMs };
  const verify = bearerVerifier({
    issuer,
    audience,
    jwks,
    algorithms: ["RS256"],
    clockToleranceSeconds: 0,
    verifiedTokenCacheSeconds: cacheSeconds,
    now: () => clock.now,
  });
  return { verify, clock };
}

describe("bearer verifier memory", () => {
  const start = Date.UTC(2027, 0, 11, 15, 0, 0);

  test("a remembered token still stops working at its expiry", async () => {
    const { privateKey, jwks } = await keyPair();
    const { verify, clock } = clockedVerifier(jwks, 600, start);
    const jwt = await token(privateKey, start, 30);
    await expect(verify(`Bearer ${jwt}`)).resolves.toMatchObject({ oid: "officer-a" });
    clock.now = start + 29_000;
    expect(await status(verify(`Bearer ${jwt}`))).toBe("ok");
    clock.now = start + 31_000;
    expect(await status(verify(`Bearer ${jwt}`))).toBe(401);
  });

  test("a token with one changed byte is not served from memory", async () => {
    const { privateKey, jwks } = await keyPair();
    const verify = bearerVerifier({ issuer, audience, jwks, algorithms: ["RS256"] });
    const jwt = await token(privateKey, Date.now(), 3600);
    expect(await status(verify(`Bearer ${jwt}`))).toBe("ok");
    const [header, payload, signature] = jwt.split(".") as [string, string, string];
    const flipped = signature.startsWith("A") ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(await status(verify(`Bearer ${header}.${payload}.${flipped}`))).toBe(401);
    const forged = Buffer.from(
      JSON.stringify({ oid: "officer-b", iss: issuer, aud: audience, exp: 9e9 })
    ).toString("base64url");
    expect(await status(verify(`Bearer ${header}.${forged}.${signature}`))).toBe(401);
  });

  test("remembers at most the cap, dropping the oldest token first", async () => {
    const { privateKey, jwks } = await keyPair();
    const { verify, clock } = clockedVerifier(jwks, 600, start);
    // Valid from `start` only: with the clock a minute earlier, a token verified afresh is refused
    // (not yet valid) while one served from memory passes. That tells the two apart.
    const signed = (oid: string) =>
      new SignJWT({ oid })
        .setProtectedHeader({ alg: "RS256", kid: "k1" })
        .setIssuer(issuer)
        .setAudience(audience)
        .setNotBefore(Math.floor(start / 1000))
        .setExpirationTime(Math.floor(start / 1000) + 3600)
        .sign(privateKey);
    const before = start - 60_000;
    const first = await signed("officer-first");
    expect(await status(verify(`Bearer ${first}`))).toBe("ok");
    clock.now = before;
    expect(await status(verify(`Bearer ${first}`))).toBe("ok");

    clock.now = start;
    let newest = "";
    for (let i = 0; i < maxRememberedTokens; i++) {
      newest = await signed(`officer-${i}`);
      expect(await status(verify(`Bearer ${newest}`))).toBe("ok");
    }
    clock.now = before;
    // The cap's worth of newer tokens pushed the first out: it is checked, and not valid yet.
    expect(await status(verify(`Bearer ${first}`))).toBe(401);
    expect(await status(verify(`Bearer ${newest}`))).toBe("ok");
  });

  test("with the memory off, every request is checked (expiry included)", async () => {
    const { privateKey, jwks } = await keyPair();
    const { verify, clock } = clockedVerifier(jwks, 0, start);
    const jwt = await token(privateKey, start, 10);
    expect(await status(verify(`Bearer ${jwt}`))).toBe("ok");
    clock.now = start + 11_000;
    expect(await status(verify(`Bearer ${jwt}`))).toBe(401);
  });
});
