/**
 * Several gateway instances on one PostgreSQL schema (the scaled deployment): they migrate once,
 * share idempotency keys and e-documents, and extend one unbroken audit chain under concurrency.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Correspondence } from "../../src/gateway/contract";
import { startGateway, type RunningGateway } from "../../src/server";
import { verifyAudit } from "../../src/server/audit";
import { migrations } from "../../src/server/storage/migrations";
import {
  api,
  contentDigest,
  databaseUrl,
  dropSchema,
  makeMsg,
  sentCorrespondence,
} from "./helpers/gateway-harness";

const maybe = databaseUrl ? describe : describe.skip;
if (!databaseUrl) console.info("Multi-instance PostgreSQL tests skipped: DATABASE_URL is not set.");

maybe("three gateway instances on one PostgreSQL schema", () => {
  const schema = `cm_multi_${randomBytes(6).toString("hex")}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "casemail-multi-"));
  let instances: RunningGateway[] = [];

  beforeAll(async () => {
    instances = await Promise.all(
      [0, 1, 2].map(() =>
        startGateway({
          port: 0,
          dev: true,
          dataDir,
          databaseUrl,
          pgSchema: schema,
          seedDemo: true,
          rateLimitPerMinute: false,
          logger: false,
        })
      )
    );
  });
  afterAll(async () => {
    await Promise.all(instances.map((g) => g.close()));
    await dropSchema(schema);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("applied the migrations once", async () => {
    const rows = await instances[0]!.db.query<{ version: number }>(
      "SELECT version FROM schema_migrations ORDER BY version"
    );
    expect(rows.map((r) => Number(r.version))).toEqual(migrations.map((m) => m.version));
  });

  it("files once when the same upload is retried on every instance at once", async () => {
    const [a, b, c] = instances as [RunningGateway, RunningGateway, RunningGateway];
    const token = await a.mintToken({ officerId: "officer-a" });
    const id = await sentCorrespondence(a, token, "B000100001", "alex.sample@example.com");
    const msg = makeMsg(512 * 1024);
    const key = `multi-${id}`;
    const results = await Promise.all(
      [a, b, c, a, b, c].map((g) =>
        api<Correspondence>(g, "PUT", `/api/v1/correspondence/${id}/e-document`, {
          token,
          body: msg,
          idempotencyKey: key,
          headers: { "content-digest": contentDigest(msg) },
        })
      )
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(results.filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(5);
    const rows = await c.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM e_documents WHERE correspondence_id = $1",
      [id]
    );
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it("keeps one audit chain while all instances write concurrently", async () => {
    const tokens = await Promise.all(instances.map((g) => g.mintToken({ officerId: "officer-a" })));
    await Promise.all(
      instances.flatMap((g, i) =>
        Array.from({ length: 5 }, () =>
          sentCorrespondence(g, tokens[i] as string, "B000100012", "jamie.trial@example.com")
        )
      )
    );
    const result = await verifyAudit(instances[1]!.db);
    expect(result).toMatchObject({ ok: true, firstBadSeq: null });
    // 3 seeds (the first full, the others re-importing) plus 15 x (create + sending) and the upload.
    expect(result.entries).toBeGreaterThanOrEqual(3 * 17 + 30);
  });
});
