/**
 * The gateway's defences, on each engine: every token rejection, office isolation, CORS, security
 * headers, rate and body limits, hostile text stored and returned verbatim, and the audit chain.
 */
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { generateKeyPair, SignJWT } from "jose";
import { runCli, type CliIo } from "../../src/cli/main";
import type { Correspondence, Note } from "../../src/gateway/contract";
import { verifyAudit } from "../../src/server/audit";
import {
  devAudience,
  devIssuer,
  loadOrCreateDevKey,
  mintDevToken,
} from "../../src/server/auth/dev-issuer";
import { importCase, importOffice, importOfficer } from "../../src/server/seed/case-import";
import { demoCases } from "../../src/server/seed/demo-data";
import {
  api,
  correlationId,
  engines,
  sentCorrespondence,
  startTestGateway,
  type TestGateway,
} from "./helpers/gateway-harness";

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

/** Hostile strings: SQL metacharacters, markup, quotes, Unicode; each must come back unchanged. */
const hostile = [
  "Robert'); DROP TABLE cases;--",
  `" OR "1"="1' OR '1'='1 ; SELECT * FROM officers --`,
  "<script>alert('x')</script><img src=x onerror=alert(1)>",
  "$1 $2 ?1 :name %s %n \\ \\' \\\" `backtick` ${x}",
  "Zoë Ünïcødé 李 😀 \u202eevil\u202c",
];

describe.each(engines)("gateway security on %s", (engine) => {
  let gw: TestGateway;
  let tokenA: string;

  beforeAll(async () => {
    gw = await startTestGateway(engine);
    tokenA = await gw.mintToken({ officerId: "officer-a" });
  });
  afterAll(async () => {
    await gw?.dispose();
  });

  const me = (token: string | null, headers: Record<string, string> = {}) =>
    api<{ error: { code: string } }>(gw, "GET", "/api/v1/me", { token, headers });

  describe("bearer tokens", () => {
    it("accepts the development issuer's token", async () => {
      expect((await me(tokenA)).status).toBe(200);
    });

    it("rejects a missing or malformed Authorization header", async () => {
      const missing = await me(null);
      expect(missing.status).toBe(401);
      expect(missing.body.error.code).toBe("unauthorized");
      expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await me(null, { authorization: "Basic b2ZmaWNlcjpwdw==" })).status).toBe(401);
      expect((await me(null, { authorization: "Bearer not-a-jwt" })).status).toBe(401);
    });

    it("rejects an expired token", async () => {
      const key = await loadOrCreateDevKey(gw.dataDir);
      const expired = await mintDevToken(key, { officerId: "officer-a", lifetimeSeconds: -120 });
      expect((await me(expired)).status).toBe(401);
    });

    it("rejects a token signed by another key", async () => {
      const otherDir = fs.mkdtempSync(path.join(gw.tmpDir, "other-"));
      const other = await loadOrCreateDevKey(otherDir);
      const forged = await mintDevToken(
        { ...other, kid: (await loadOrCreateDevKey(gw.dataDir)).kid },
        {
          officerId: "officer-a",
        }
      );
      expect((await me(forged)).status).toBe(401);
      expect((await me(await mintDevToken(other, { officerId: "officer-a" }))).status).toBe(401);
    });

    it("rejects a wrong audience and a wrong issuer", async () => {
      const key = await loadOrCreateDevKey(gw.dataDir);
      const aud = await mintDevToken(key, { officerId: "officer-a", audience: "api://other-app" });
      const iss = await mintDevToken(key, {
        officerId: "officer-a",
        issuer: "https://login.microsoftonline.com/common/v2.0",
      });
      expect((await me(aud)).status).toBe(401);
      expect((await me(iss)).status).toBe(401);
    });

    it("rejects alg: none and a symmetric algorithm", async () => {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        oid: "officer-a",
        iss: devIssuer,
        aud: devAudience,
        iat: now,
        exp: now + 600,
      };
      const unsigned = `${b64url({ alg: "none", typ: "JWT" })}.${b64url(claims)}.`;
      expect((await me(unsigned)).status).toBe(401);
      const hs = await new SignJWT(claims)
        .setProtectedHeader({ alg: "HS256" })
        .sign(new TextEncoder().encode("a shared secret that nobody configured"));
      expect((await me(hs)).status).toBe(401);
    });

    it("rejects a token without the officer's object id, and an unknown officer (403)", async () => {
      const key = await loadOrCreateDevKey(gw.dataDir);
      const now = Math.floor(Date.now() / 1000);
      const noOid = await new SignJWT({ preferred_username: "x@example.com" })
        .setProtectedHeader({ alg: "ES256", kid: key.kid })
        .setIssuer(devIssuer)
        .setAudience(devAudience)
        .setExpirationTime(now + 600)
        .sign(key.privateKey);
      expect((await me(noOid)).status).toBe(401);
      const stranger = await gw.mintToken({ officerId: "officer-unknown" });
      const res = await me(stranger);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    });

    it("rejects an RS256 token from an unrelated key pair", async () => {
      const { privateKey } = await generateKeyPair("RS256");
      const now = Math.floor(Date.now() / 1000);
      const token = await new SignJWT({ oid: "officer-a" })
        .setProtectedHeader({ alg: "RS256", kid: "attacker" })
        .setIssuer(devIssuer)
        .setAudience(devAudience)
        .setExpirationTime(now + 600)
        .sign(privateKey);
      expect((await me(token)).status).toBe(401);
    });
  });

  describe("office isolation", () => {
    it("hides another office's case, its correspondence and its lists", async () => {
      const tokenB = await gw.mintToken({ officerId: "officer-b" });
      // B000100001 is held by the Eastern office; officer B is in the Western one.
      expect((await api(gw, "GET", "/api/v1/cases/B000100001", { token: tokenB })).status).toBe(
        404
      );
      for (const sub of ["correspondence", "notes", "bounces", "transfers"]) {
        const res = await api(gw, "GET", `/api/v1/cases/B000100001/${sub}`, { token: tokenB });
        expect(res.status).toBe(404);
      }
      const id = await sentCorrespondence(gw, tokenA, "B000100001", "alex.sample@example.com");
      for (const sub of ["", "/proof", "/e-document"]) {
        const res = await api(gw, "GET", `/api/v1/correspondence/${id}${sub}`, { token: tokenB });
        expect(res.status).toBe(404);
      }
      const writes = [
        api(gw, "POST", `/api/v1/correspondence/${id}/bounces`, {
          token: tokenB,
          body: {
            address: "alex.sample@example.com",
            occurredAt: "2026-12-01T00:00:00Z",
            permanent: true,
          },
        }),
        api(gw, "POST", "/api/v1/cases/B000100001/notes", {
          token: tokenB,
          body: { kind: "general", text: "not mine" },
        }),
        api(gw, "POST", "/api/v1/correspondence", {
          token: tokenB,
          body: {
            id: correlationId(),
            caseNumber: "B000100001",
            purpose: "general",
            deadline: null,
            expectedRecipient: "alex.sample@example.com",
            language: "en",
          },
        }),
        api(gw, "POST", "/api/v1/cases/B000100001/transfers", {
          token: tokenB,
          body: { toOfficeId: "office-west", reason: "processing" },
        }),
      ];
      for (const res of await Promise.all(writes)) expect(res.status).toBe(404);
      const foreignList = await api(
        gw,
        "GET",
        "/api/v1/lists/pending-filing?officeId=office-east",
        {
          token: tokenB,
        }
      );
      expect(foreignList.status).toBe(403);
      // Reusing A's correlation reference from another case is a conflict, not a takeover.
      const tokenS = await gw.mintToken({ officerId: "officer-supervisor" });
      const hijack = await api(gw, "POST", "/api/v1/correspondence", {
        token: tokenS,
        body: {
          id,
          caseNumber: "B000100004",
          purpose: "general",
          deadline: null,
          expectedRecipient: "x@example.com",
          language: "fr",
        },
      });
      expect(hijack.status).toBe(409);
    });
  });

  describe("HTTP defences", () => {
    it("allows CORS for the add-in's origins only", async () => {
      const preflight = (origin: string) =>
        fetch(`${gw.url}/api/v1/me`, {
          method: "OPTIONS",
          headers: {
            origin,
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization,idempotency-key,content-type",
          },
        });
      const ok = await preflight("https://localhost:3000");
      expect(ok.headers.get("access-control-allow-origin")).toBe("https://localhost:3000");
      expect(ok.headers.get("access-control-allow-headers")?.toLowerCase()).toContain(
        "idempotency-key"
      );
      const evil = await preflight("https://evil.example.com");
      expect(evil.headers.get("access-control-allow-origin")).toBeNull();
      const simple = await api(gw, "GET", "/api/v1/health", {
        headers: { origin: "https://evil.example.com" },
      });
      expect(simple.headers.get("access-control-allow-origin")).toBeNull();
    });

    it("sends security headers", async () => {
      const res = await api(gw, "GET", "/api/v1/health");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
      expect(res.headers.get("strict-transport-security")).toContain("max-age=");
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(res.headers.get("x-powered-by")).toBeNull();
    });

    it("limits JSON bodies (413)", async () => {
      const res = await api(gw, "POST", "/api/v1/cases/B000100001/notes", {
        token: tokenA,
        body: { kind: "general", text: "x".repeat(1_100_000) },
      });
      expect(res.status).toBe(413);
    });

    it("refuses NUL characters in text with a 400, not a storage error", async () => {
      const res = await api(gw, "POST", "/api/v1/cases/B000100001/notes", {
        token: tokenA,
        body: { kind: "general", text: "before\u0000after" },
      });
      expect(res.status).toBe(400);
    });
  });

  describe("hostile text", () => {
    it.each(hostile)("stores and returns %j verbatim in every text field", async (evil) => {
      // Case system fields (as an adapter imports them): names.
      const base = demoCases[0]?.record;
      if (base === undefined) throw new Error("no demo case");
      const caseNumber = `X${Math.floor(Math.random() * 1e9)}`.padEnd(10, "0").slice(0, 10);
      await gw.db.transaction((tx) =>
        importCase(tx, {
          ...base,
          caseNumber,
          applicantName: evil,
          representative: {
            name: evil,
            imm5476Signed: true,
            email: "rep@example.net",
            recordedAt: "2026-01-01T00:00:00.000Z",
          },
        })
      );
      const record = await api<{ applicantName: string; representative: { name: string } }>(
        gw,
        "GET",
        `/api/v1/cases/${caseNumber}`,
        { token: tokenA }
      );
      expect(record.headers.get("content-type")).toMatch(/^application\/json/);
      expect(record.body.applicantName).toBe(evil);
      expect(record.body.representative.name).toBe(evil);

      const id = correlationId();
      await api(gw, "POST", "/api/v1/correspondence", {
        token: tokenA,
        body: {
          id,
          caseNumber,
          purpose: "documents",
          deadline: "2027-01-01",
          expectedRecipient: "rep@example.net",
          language: "en",
          subject: evil,
        },
      });
      const sent = await api<Correspondence>(gw, "POST", `/api/v1/correspondence/${id}/sending`, {
        token: tokenA,
        body: {
          sentAt: "2026-12-01T00:00:00Z",
          from: "casework.east@example.org",
          to: ["rep@example.net"],
          subject: evil,
        },
      });
      expect(sent.body.subject).toBe(evil);
      const note = await api<Note>(gw, "POST", `/api/v1/cases/${caseNumber}/notes`, {
        token: tokenA,
        body: { kind: "general", text: evil, correspondenceId: id },
      });
      expect(note.body.text).toBe(evil);
      const bounce = await api<{ diagnostic: string }>(
        gw,
        "POST",
        `/api/v1/correspondence/${id}/bounces`,
        {
          token: tokenA,
          body: {
            address: "rep@example.net",
            occurredAt: "2026-12-01T01:00:00Z",
            permanent: false,
            diagnostic: evil,
          },
        }
      );
      expect(bounce.body.diagnostic).toBe(evil);
      const proof = await api<{ notes: Note[]; correspondence: Correspondence }>(
        gw,
        "GET",
        `/api/v1/correspondence/${id}/proof`,
        { token: tokenA }
      );
      expect(proof.body.notes.map((n) => n.text)).toEqual([evil]);
      expect(proof.body.correspondence.subject).toBe(evil);
      // Office names and officer names, as the directory import writes them.
      const officeId = `office-x${hostile.indexOf(evil)}`;
      const officerId = `officer-x${hostile.indexOf(evil)}`;
      await gw.db.transaction(async (tx) => {
        await importOffice(tx, {
          id: officeId,
          name: { en: evil, fr: evil },
          genericMailbox: "x@example.org",
        });
        await importOfficer(tx, { id: officerId, displayName: evil, offices: [officeId] });
      });
      const office = await api<{ name: { en: string; fr: string } }>(
        gw,
        "GET",
        `/api/v1/offices/${officeId}`,
        { token: tokenA }
      );
      expect(office.body.name).toEqual({ en: evil, fr: evil });
      const who = await api<{ displayName: string; offices: string[] }>(gw, "GET", "/api/v1/me", {
        token: await gw.mintToken({ officerId }),
      });
      expect(who.body).toEqual({ officerId, displayName: evil, offices: [officeId] });
      // The tables are still there and whole.
      const count = await gw.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM cases");
      expect(Number(count[0]?.n)).toBeGreaterThanOrEqual(demoCases.length);
    });
  });

  describe("audit log", () => {
    it("chains every change and refuses edits at the database", async () => {
      await sentCorrespondence(gw, tokenA, "B000100001", "alex.sample@example.com");
      const result = await verifyAudit(gw.db);
      expect(result).toMatchObject({ ok: true, firstBadSeq: null });
      expect(result.entries).toBeGreaterThan(10);
      // Every row at once, as someone with database access would try it: for SQLite on a
      // connection of its own to the file, for PostgreSQL on the gateway's pool.
      if (engine === "sqlite") {
        const raw = new BetterSqlite3(path.join(gw.tmpDir, "gateway.sqlite"));
        try {
          expect(() => raw.prepare("UPDATE audit_log SET actor = 'someone'").run()).toThrow(
            /append-only/
          );
          expect(() => raw.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
        } finally {
          raw.close();
        }
      } else {
        await expect(gw.db.run("UPDATE audit_log SET actor = 'someone'")).rejects.toThrow(
          /append-only/
        );
        await expect(gw.db.run("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
      }
      expect((await verifyAudit(gw.db)).ok).toBe(true);
      const rows = await gw.db.query<{ details: string }>("SELECT details FROM audit_log");
      // Identifiers, statuses and digests only: no address or name of the demo data.
      const all = rows.map((r) => r.details).join("\n");
      expect(all).not.toMatch(/@example\.(com|net|org)/);
      expect(all).not.toContain("Alex Sample");
    });
  });
});

describe.each(engines)("audit tampering on %s", (engine) => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw?.dispose();
  });

  const bypassTriggers = async () => {
    if (engine === "pg") {
      await gw.db.run("ALTER TABLE audit_log DISABLE TRIGGER USER");
    } else {
      await gw.db.run("DROP TRIGGER audit_log_no_update");
      await gw.db.run("DROP TRIGGER audit_log_no_delete");
    }
  };

  it("detects an edited row (someone with database access bypassing the trigger)", async () => {
    gw = await startTestGateway(engine);
    const token = await gw.mintToken({ officerId: "officer-a" });
    await sentCorrespondence(gw, token, "B000100001", "alex.sample@example.com");
    expect((await verifyAudit(gw.db)).ok).toBe(true);
    await bypassTriggers();
    await gw.db.run("UPDATE audit_log SET actor = 'officer-b' WHERE seq = 5");
    const result = await verifyAudit(gw.db);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 5 });
    if (engine === "sqlite") {
      const io = captureIo();
      const code = await runCli(
        ["verify-audit", "--db", path.join(gw.tmpDir, "gateway.sqlite")],
        io
      );
      expect(code).toBe(1);
      expect(JSON.parse(io.err.join(""))).toMatchObject({ ok: false, firstBadSeq: 5 });
    } else {
      const io = captureIo();
      const code = await runCli(
        [
          "verify-audit",
          "--database-url",
          String(process.env.DATABASE_URL),
          "--pg-schema",
          String(gw.pgSchema),
        ],
        io
      );
      expect(code).toBe(1);
    }
  });

  it("detects a removed last row through the chain's head", async () => {
    gw = await startTestGateway(engine);
    await bypassTriggers();
    const last = await gw.db.query<{ seq: number }>("SELECT MAX(seq) AS seq FROM audit_log");
    await gw.db.run("DELETE FROM audit_log WHERE seq = $1", [Number(last[0]?.seq)]);
    const result = await verifyAudit(gw.db);
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/head/);
  });

  it("detects a removed middle row", async () => {
    gw = await startTestGateway(engine);
    await bypassTriggers();
    await gw.db.run("DELETE FROM audit_log WHERE seq = 3");
    expect(await verifyAudit(gw.db)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After once an officer exceeds the limit", async () => {
    const gw = await startTestGateway("sqlite", { rateLimitPerMinute: 5 });
    try {
      const token = await gw.mintToken({ officerId: "officer-a" });
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 7; i++) {
        last = await api<{ error: { code: string } }>(gw, "GET", "/api/v1/me", { token });
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses.slice(5)).toEqual([429, 429]);
      expect(last?.headers.get("retry-after")).toMatch(/^\d+$/);
      expect(last?.body.error.code).toBe("rate-limited");
    } finally {
      await gw.dispose();
    }
  });
});
