/**
 * DESIGN 7, "gateway killed mid-upload": the real gateway runs in a child process; while six 1 MB
 * uploads trickle into it, it is SIGKILLed, then started again on the same storage (SQLite file,
 * or PostgreSQL schema when DATABASE_URL is set). The clients retry through the outage and every
 * correspondence ends with exactly one e-document holding the bytes sent, one audit entry each.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { staticTokenProvider } from "../../src/auth/token-provider";
import { createGatewayClient } from "../../src/gateway/client";
import { verifyAudit } from "../../src/server/audit";
import type { StartGatewayOptions } from "../../src/server/index";
import type { Database } from "../../src/server/storage/database";
import { openDatabase } from "../../src/server/storage/open-database";
import { startFaultProxy } from "./fault-proxy";
import { startGatewayChild, type GatewayChild } from "./gateway-child";
import { buildMsg } from "./msg-body";
import { databaseUrl } from "./real-gateway";

jest.setTimeout(180_000);

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const recipient = "alex.sample@example.com";

const setups: Array<{
  name: string;
  available: boolean;
  storage: (dir: string) => Partial<StartGatewayOptions>;
}> = [
  { name: "sqlite", available: true, storage: (dir) => ({ dbFile: join(dir, "gateway.sqlite") }) },
  {
    name: "pg",
    available: databaseUrl !== undefined && databaseUrl !== "",
    storage: () => ({ databaseUrl, pgSchema: `killed_${process.pid}_${Date.now().toString(36)}` }),
  },
];

for (const setup of setups) {
  if (!setup.available) console.info(`${setup.name} kill test skipped: DATABASE_URL is not set`);
  (setup.available ? describe : describe.skip)(`gateway killed mid-upload (${setup.name})`, () => {
    let dir: string;
    let options: StartGatewayOptions;
    let first: GatewayChild | undefined;
    let second: GatewayChild | undefined;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "casemail-killed-"));
      options = {
        port: 0,
        dev: true,
        dataDir: dir,
        seedDemo: true,
        rateLimitPerMinute: false,
        ...setup.storage(dir),
      };
    });
    afterAll(async () => {
      await first?.kill().catch(() => undefined);
      await second?.stop();
      if (options.pgSchema !== undefined) {
        const db = await openDatabase({
          databaseUrl: options.databaseUrl,
          pgSchema: options.pgSchema,
        });
        await db.run(`DROP SCHEMA ${options.pgSchema} CASCADE`);
        await db.close();
      }
      rmSync(dir, { recursive: true, force: true });
    });

    it("ends with exactly one e-document per correspondence after a SIGKILL and a restart", async () => {
      first = await startGatewayChild(options);
      const direct = createGatewayClient({
        baseUrl: first.url,
        tokenProvider: staticTokenProvider({ gateway: first.token }),
      });
      const ids = Array.from({ length: 6 }, () => `corr-${randomUUID()}`);
      for (const id of ids) {
        await direct.recordPendingCorrespondence({
          id,
          caseNumber: "B000100001",
          purpose: "documents",
          deadline: "2027-02-01",
          expectedRecipient: recipient,
          language: "en",
        });
        await direct.recordSending(id, {
          sentAt: "2026-12-04T10:00:00Z",
          from: "casework.east@example.org",
          to: [recipient],
          subject: "Request for documents",
        });
      }

      // The first attempt of each upload trickles (1 MB in about a second); later ones pass.
      const attempts = new Map<string, number>();
      const proxy = await startFaultProxy(first.url, (req) => {
        const key = req.idempotencyKey ?? req.url;
        const n = attempts.get(key) ?? 0;
        attempts.set(key, n + 1);
        return n === 0 && req.method === "PUT"
          ? { kind: "trickle", chunkBytes: 64 * 1024, everyMs: 60 }
          : { kind: "pass" };
      });
      const token = first.token;
      const client = createGatewayClient({
        baseUrl: proxy.url,
        tokenProvider: staticTokenProvider({ gateway: token }),
        timeoutMs: 5_000,
        retry: { maxAttempts: 30, baseDelayMs: 100, maxDelayMs: 500 },
      });
      const bodies = new Map(ids.map((id) => [id, buildMsg(1024 * 1024, id)]));
      try {
        const uploads = Promise.all(
          ids.map((id) => client.uploadEDocument(id, bodies.get(id) as Uint8Array))
        );
        // Should an expectation below fail, the uploads must not reject unhandled into the next suite.
        uploads.catch(() => undefined);
        // Kill while every upload is still trickling in, then restart on the same storage.
        // (Wait for every upload to be on its way, however slow the machine, rather than a fixed time.)
        for (let waited = 0; attempts.size < ids.length && waited < 20_000; waited += 50) {
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(attempts.size).toBe(ids.length);
        await first.kill();
        second = await startGatewayChild({ ...options, seedDemo: false });
        proxy.setUpstream(second.url);

        const filed = await uploads;
        expect(filed.map((c) => c.status)).toEqual(ids.map(() => "filed"));
        expect([...attempts.values()].every((n) => n >= 2)).toBe(true);
        await proxy.idle();
      } finally {
        await proxy.close();
      }

      const db: Database = await openDatabase({
        dbFile: options.dbFile,
        databaseUrl: options.databaseUrl,
        pgSchema: options.pgSchema,
      });
      try {
        const placeholders = ids.map((_, i) => `$${i + 1}`).join(", ");
        const docs = await db.query<{ correspondence_id: string; sha256: string }>(
          `SELECT correspondence_id, sha256 FROM e_documents WHERE correspondence_id IN (${placeholders})`,
          ids
        );
        expect(docs).toHaveLength(ids.length);
        for (const doc of docs) {
          expect(doc.sha256).toBe(sha256(bodies.get(doc.correspondence_id) as Uint8Array));
        }
        const audits = await db.query<{ n: number | string }>(
          `SELECT COUNT(*) AS n FROM audit_log
           WHERE action = 'e-document.file' AND entity_id IN (${placeholders})`,
          ids
        );
        expect(Number(audits[0]?.n)).toBe(ids.length);
        // Whatever the kill interrupted, the entries all end in one intact chain.
        expect(await verifyAudit(db)).toMatchObject({ ok: true, unchained: 0 });
      } finally {
        await db.close();
      }
    });
  });
}
