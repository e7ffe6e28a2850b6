/**
 * The audit chain written in two steps (entries inserted unchained in the business transaction,
 * chained after commit), on each engine: concurrent writers end with one chain without gaps or
 * forks, rolled-back entries never appear, entries a crash left unchained are chained at the next
 * start, the database refuses every change but the one chaining, and a version 1 chain survives
 * the upgrade.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Correspondence } from "../../src/gateway/contract";
import { startGateway, type RunningGateway } from "../../src/server";
import {
  AuditChainer,
  appendAudit,
  chainAudit,
  entryHash,
  verifyAudit,
} from "../../src/server/audit";
import type { Database } from "../../src/server/storage/database";
import { genesisHash, migrate, migrations } from "../../src/server/storage/migrations";
import { openDatabase } from "../../src/server/storage/open-database";
import { openPgDatabase } from "../../src/server/storage/pg-database";
import { openSqliteDatabase } from "../../src/server/storage/sqlite-database";
import {
  api,
  contentDigest,
  databaseUrl,
  dropSchema,
  engines,
  makeMsg,
  sentCorrespondence,
  startTestGateway,
  type Engine,
  type TestGateway,
} from "./helpers/gateway-harness";

interface Storage {
  /** Opens one more handle (one more gateway instance's pool) on the same storage. */
  open(options?: { migrate?: boolean }): Promise<Database>;
  cleanup(): Promise<void>;
}

function freshStorage(engine: Engine): Storage {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "casemail-audit-"));
  const file = path.join(dir, "gateway.sqlite");
  const schema = `cm_audit_${randomBytes(6).toString("hex")}`;
  return {
    open: async ({ migrate: migrated = true } = {}) => {
      if (migrated) {
        return engine === "pg"
          ? openDatabase({ databaseUrl, pgSchema: schema })
          : openDatabase({ dbFile: file });
      }
      return engine === "pg"
        ? openPgDatabase({ connectionString: String(databaseUrl), schema })
        : openSqliteDatabase(file);
    },
    cleanup: async () => {
      if (engine === "pg") await dropSchema(schema);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface LogRow {
  id: number;
  seq: number | null;
  entity_id: string;
  prev_hash: string | null;
  hash: string | null;
}

async function logRows(db: Database): Promise<LogRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    "SELECT id, seq, entity_id, prev_hash, hash FROM audit_log ORDER BY id"
  );
  return rows.map((r) => ({
    id: Number(r.id),
    seq: r.seq === null ? null : Number(r.seq),
    entity_id: String(r.entity_id),
    prev_hash: r.prev_hash as string | null,
    hash: r.hash as string | null,
  }));
}

/** Every row chained, sequence numbers 1..n without gap or repeat, each linked to the one before. */
function expectOneChain(rows: LogRow[]): void {
  expect(rows.filter((r) => r.seq === null)).toEqual([]);
  const bySeq = [...rows].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  expect(bySeq.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
  bySeq.forEach((row, i) => {
    expect(row.prev_hash).toBe(i === 0 ? genesisHash : bySeq[i - 1]?.hash);
  });
}

/**
 * "accepted", or the refusal's message. better-sqlite3 makes its errors with the constructor of
 * the first Jest realm that loaded it, which `rejects.toThrow` does not take for an Error.
 */
const outcome = (statement: Promise<unknown>): Promise<string> =>
  statement.then(
    () => "accepted",
    (error: unknown) => String((error as { message?: unknown }).message ?? error)
  );

const event = (entityId: string) => ({
  actor: "officer-test",
  action: "test.write",
  entity: "test",
  entityId,
});

describe.each(engines)("audit chain on %s", (engine) => {
  let storage: Storage;
  const open: Database[] = [];
  const handle = async (options?: { migrate?: boolean }) => {
    const db = await storage.open(options);
    open.push(db);
    return db;
  };
  beforeEach(() => {
    storage = freshStorage(engine);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((db) => db.close()));
    await storage.cleanup();
  });

  it("chains the entries of concurrent writers on every handle into one chain", async () => {
    // PostgreSQL: three pools on one schema, as three gateway instances. SQLite: one instance.
    const first = await handle();
    const dbs = engine === "pg" ? [first, await handle(), await handle()] : [first];
    const chainers = dbs.map((db) => new AuditChainer(db));
    const committed: string[] = [];
    const writes = Array.from({ length: 120 }, async (_, i) => {
      const db = dbs[i % dbs.length] as Database;
      const entityId = `w-${i}`;
      try {
        await db.transaction(async (tx) => {
          await appendAudit(tx, event(entityId));
          // Commits land in another order than the inserts (and ids) were made.
          await sleep((i * 7) % 11);
          await appendAudit(tx, event(`${entityId}-second`));
          if (i % 10 === 3) throw new Error("rolled back on purpose");
        });
        committed.push(entityId, `${entityId}-second`);
      } catch (error) {
        if (!(error instanceof Error) || error.message !== "rolled back on purpose") throw error;
      }
      // As the service does: a pass after each commit, without awaiting it.
      chainers[i % chainers.length]?.schedule();
    });
    await Promise.all(writes);
    // Wait for the passes still running (a request joins the one in flight and its rerun).
    await Promise.all(chainers.map((c) => c.request()));

    const rows = await logRows(first);
    expect(rows.map((r) => r.entity_id).sort()).toEqual([...committed].sort());
    expect(rows).toHaveLength(2 * (120 - 12));
    expectOneChain(rows);
    // The chain passes did it all: verifying without chaining first finds nothing left.
    expect(await verifyAudit(first, { chain: false })).toEqual({
      ok: true,
      entries: rows.length,
      firstBadSeq: null,
      reason: null,
      unchained: 0,
    });
  });

  if (engine === "pg") {
    it("chains an entry whose transaction began first after one that committed first", async () => {
      const a = await handle();
      const b = await handle();
      let releaseA: () => void = () => undefined;
      const aMayCommit = new Promise<void>((resolve) => (releaseA = resolve));
      let aInserted: () => void = () => undefined;
      const aHasInserted = new Promise<void>((resolve) => (aInserted = resolve));
      const slow = a.transaction(async (tx) => {
        await appendAudit(tx, event("early-id"));
        aInserted();
        await aMayCommit;
      });
      await aHasInserted;
      await b.transaction((tx) => appendAudit(tx, event("late-id")));
      // The pass sees only committed rows: the later id is chained, the earlier one waits.
      expect(await chainAudit(b)).toBe(1);
      releaseA();
      await slow;
      expect(await chainAudit(a)).toBe(1);
      const rows = await logRows(a);
      const early = rows.find((r) => r.entity_id === "early-id");
      const late = rows.find((r) => r.entity_id === "late-id");
      expect(early!.id).toBeLessThan(late!.id);
      expect(early!.seq).toBe(late!.seq! + 1);
      expectOneChain(rows);
      expect(await verifyAudit(a, { chain: false })).toMatchObject({ ok: true, unchained: 0 });
    });
  }

  it("settles a request while commits go on, with the entries before it chained", async () => {
    // Under constant load the passes follow each other without end; a waiting caller (and,
    // before, every commit's handler, holding its request) must not wait for the load to stop.
    const db = await handle();
    const chainer = new AuditChainer(db, 5);
    let writing = true;
    let written = 0;
    // Eight writers, each committing again as soon as it can: commits land during every pass.
    const writer = Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        while (writing) {
          await db.transaction((tx) => appendAudit(tx, event(`load-${w}-${written}`)));
          written++;
          chainer.schedule();
          await new Promise((resolve) => setImmediate(resolve));
        }
      })
    );
    try {
      await sleep(50);
      await db.transaction((tx) => appendAudit(tx, event("before-request")));
      const settled = await Promise.race([
        chainer.request().then(() => "chained"),
        sleep(3000).then(() => "still waiting"),
      ]);
      expect(settled).toBe("chained");
      const writtenWhenSettled = written;
      const row = await db.query<{ hash: string | null }>(
        "SELECT hash FROM audit_log WHERE entity_id = $1",
        ["before-request"]
      );
      expect(row[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
      // The load was still going: the answer did not wait for it to stop.
      await sleep(30);
      expect(written).toBeGreaterThan(writtenWhenSettled);
    } finally {
      writing = false;
      await writer;
    }
  });

  it("chains at the next start the entries a crash left unchained after commit", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "casemail-audit-gw-"));
    const schema = `cm_audit_${randomBytes(6).toString("hex")}`;
    const options = {
      port: 0,
      host: "127.0.0.1",
      dev: true,
      dataDir: dir,
      seedDemo: true,
      rateLimitPerMinute: false as const,
      logger: false,
      ...(engine === "pg"
        ? { databaseUrl, pgSchema: schema }
        : { dbFile: path.join(dir, "gateway.sqlite") }),
    };
    let gateway: RunningGateway | null = await startGateway(options);
    try {
      const seeded = await verifyAudit(gateway.db, { chain: false });
      expect(seeded).toMatchObject({ ok: true, unchained: 0 });
      await gateway.close();
      gateway = null;
      // The state a process dying between its commit and its chain pass leaves behind.
      const dying = await openDatabase(
        engine === "pg"
          ? { databaseUrl, pgSchema: schema }
          : { dbFile: path.join(dir, "gateway.sqlite") }
      );
      await dying.transaction(async (tx) => {
        for (let i = 0; i < 5; i++) await appendAudit(tx, event(`orphan-${i}`));
      });
      expect(await verifyAudit(dying, { chain: false })).toMatchObject({
        ok: true,
        entries: seeded.entries,
        unchained: 5,
      });
      await dying.close();

      gateway = await startGateway({ ...options, seedDemo: false });
      expect(await verifyAudit(gateway.db, { chain: false })).toMatchObject({
        ok: true,
        entries: seeded.entries + 5,
        unchained: 0,
      });
      expectOneChain(await logRows(gateway.db));
    } finally {
      await gateway?.close();
      if (engine === "pg") await dropSchema(schema);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses every change to a row but chaining it once, content untouched", async () => {
    const db = await handle();
    await db.transaction((tx) => appendAudit(tx, event("chained")));
    await chainAudit(db);
    await db.transaction((tx) => appendAudit(tx, event("unchained")));
    const f = "f".repeat(64);
    // Content of a chained or an unchained row; a chained row's chain values; chaining with a
    // content change; any delete.
    for (const [sql, params] of [
      ["UPDATE audit_log SET actor = 'x' WHERE entity_id = 'unchained'", []],
      ["UPDATE audit_log SET actor = 'x' WHERE entity_id = 'chained'", []],
      ["UPDATE audit_log SET hash = $1 WHERE entity_id = 'chained'", [f]],
      [
        `UPDATE audit_log SET seq = 9, prev_hash = $1, hash = $1, details = '{"x":1}'
         WHERE entity_id = 'unchained'`,
        [f],
      ],
      ["DELETE FROM audit_log WHERE entity_id = 'unchained'", []],
      ["DELETE FROM audit_log WHERE entity_id = 'chained'", []],
    ] as const) {
      expect(await outcome(db.run(sql, params))).toMatch(/append-only/);
    }
    // Half-chained rows are refused by the table's check.
    expect(
      await outcome(db.run("UPDATE audit_log SET hash = $1 WHERE entity_id = 'unchained'", [f]))
    ).toMatch(/constraint/i);
    expect(await chainAudit(db)).toBe(1);
    expect(await verifyAudit(db, { chain: false })).toMatchObject({ ok: true, entries: 2 });
  });

  it("names a forged chain value written into an unchained row", async () => {
    const db = await handle();
    await db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await appendAudit(tx, event(`e-${i}`));
    });
    await chainAudit(db);
    await db.transaction((tx) => appendAudit(tx, event("pending")));
    // Someone with database access chains the new row their own way; the head is not moved.
    await db.run(
      `UPDATE audit_log SET seq = 4, prev_hash = $1, hash = $1 WHERE entity_id = 'pending'`,
      ["e".repeat(64)]
    );
    const result = await verifyAudit(db);
    expect(result).toMatchObject({ ok: false, firstBadSeq: 4 });
  });

  it("keeps a version 1 chain through the upgrade and extends it", async () => {
    const v1 = await handle({ migrate: false });
    expect(await migrate(v1, 1)).toEqual([1]);
    // Version 1 wrote each entry chained, with its seq as the key.
    let prev = genesisHash;
    for (let seq = 1; seq <= 4; seq++) {
      const entry = {
        seq,
        at: new Date(Date.UTC(2026, 0, seq)).toISOString(),
        actor: "officer-a",
        action: "correspondence.create",
        entity: "correspondence",
        entity_id: `old-${seq}`,
        details: "{}",
      };
      const hash = entryHash(prev, entry);
      await v1.run(
        `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash,
           hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [seq, entry.at, entry.actor, entry.action, entry.entity, entry.entity_id, "{}", prev, hash]
      );
      await v1.run("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", [seq, hash]);
      prev = hash;
    }
    expect(await migrate(v1)).toEqual(migrations.slice(1).map((m) => m.version));
    expect(await verifyAudit(v1, { chain: false })).toMatchObject({ ok: true, entries: 4 });
    await v1.transaction((tx) => appendAudit(tx, event("new-1")));
    expect(await chainAudit(v1)).toBe(1);
    const rows = await logRows(v1);
    // New ids continue after the old ones (the identity was moved past them).
    expect(rows.map((r) => [r.id, r.seq, r.entity_id])).toEqual([
      [1, 1, "old-1"],
      [2, 2, "old-2"],
      [3, 3, "old-3"],
      [4, 4, "old-4"],
      [5, 5, "new-1"],
    ]);
    expect(await verifyAudit(v1)).toMatchObject({ ok: true, entries: 5 });
  });
});

describe.each(engines)("audit chain through the gateway on %s", (engine) => {
  let gw: TestGateway;
  let extra: RunningGateway | null = null;
  afterEach(async () => {
    await extra?.close();
    extra = null;
    await gw?.dispose();
  });

  it("ends concurrent filings on every instance in one chain, each filing's entries once", async () => {
    gw = await startTestGateway(engine);
    if (engine === "pg") {
      extra = await startGateway({
        port: 0,
        host: "127.0.0.1",
        dev: true,
        dataDir: gw.tmpDir,
        databaseUrl,
        pgSchema: String(gw.pgSchema),
        rateLimitPerMinute: false,
        logger: false,
      });
    }
    const instances: RunningGateway[] = extra === null ? [gw] : [gw, extra];
    const filings = Array.from({ length: 24 }, async (_, i) => {
      const target = instances[i % instances.length] as RunningGateway;
      const token = await target.mintToken({ officerId: "officer-a" });
      const id = await sentCorrespondence(target, token, "B000100001", "alex.sample@example.com");
      const msg = makeMsg(64 * 1024);
      const put = await api<Correspondence>(
        target,
        "PUT",
        `/api/v1/correspondence/${id}/e-document`,
        {
          token,
          body: msg,
          headers: { "content-digest": contentDigest(msg) },
        }
      );
      expect(put.status).toBe(200);
      return id;
    });
    const ids = await Promise.all(filings);
    // The passes after the last commits may still run: wait for them on every instance.
    await Promise.all(instances.map((g) => g.service.auditChainer.request()));

    const rows = await logRows(gw.db);
    expectOneChain(rows);
    for (const id of ids) {
      expect(rows.filter((r) => r.entity_id === id)).toHaveLength(3);
    }
    expect(await verifyAudit(gw.db, { chain: false })).toMatchObject({
      ok: true,
      entries: rows.length,
      unchained: 0,
    });
  });
});
