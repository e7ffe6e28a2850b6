/**
 * SQLite's WAL checkpoints on the worker thread (wal-checkpointer.ts): the gateway's connection
 * leaves checkpoints to the worker once it is ready, the WAL stays near its bound under constant
 * 1 MB writes, writes below the bound never wait, every committed row is in the database file
 * after close, and a worker that cannot start hands checkpoints back to the connection.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { openSqliteDatabase } from "../../src/server/storage/sqlite-database";
import { WalCheckpointer } from "../../src/server/storage/wal-checkpointer";

const megabyte = Buffer.alloc(1024 * 1024, 7);
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "casemail-wal-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const walBytes = (file: string) =>
  fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;

/**
 * `count` transactions of one 1 MB row each, a turn of the event loop apart (as requests arrive
 * through I/O, and as the worker's replies need); returns the WAL file's peak size.
 */
async function writeMegabytes(
  db: ReturnType<typeof openSqliteDatabase>,
  file: string,
  count: number
): Promise<number> {
  await db.run("CREATE TABLE IF NOT EXISTS blobs (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)");
  let peak = 0;
  for (let i = 0; i < count; i++) {
    await db.transaction((tx) => tx.run("INSERT INTO blobs (bytes) VALUES ($1)", [megabyte]));
    peak = Math.max(peak, walBytes(file));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return peak;
}

describe("WAL checkpoints on a worker thread", () => {
  it("keeps the WAL near its bound under constant writes, and every row survives close", async () => {
    const file = path.join(dir, "gateway.sqlite");
    const bound = 8 * 1024 * 1024;
    const db = openSqliteDatabase(file, { walBoundBytes: bound });
    const peak = await writeMegabytes(db, file, 60);
    const stats = db.walCheckpoints();
    expect(stats).not.toBeNull();
    expect(stats?.failed).toBe(false);
    expect(stats?.passes).toBeGreaterThan(0);
    // The WAL was reset along the way: 60 MB written, its file never far past the bound.
    expect(peak).toBeLessThan(bound + 8 * 1024 * 1024);
    await db.close();

    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const reopened = new BetterSqlite3(file, { readonly: true });
    const row = reopened
      .prepare("SELECT COUNT(*) AS n, SUM(LENGTH(bytes)) AS total FROM blobs")
      .get() as { n: number; total: number };
    reopened.close();
    expect(row).toEqual({ n: 60, total: 60 * megabyte.length });
  });

  it("never makes a write wait while the WAL is below its bound, and still copies", async () => {
    const file = path.join(dir, "unbounded.sqlite");
    // A bound larger than everything written. (How large the WAL then grows depends on whether a
    // pass ever ends between two writes, which a fast disk allows: not asserted.)
    const db = openSqliteDatabase(file, { walBoundBytes: 1024 * 1024 * 1024 });
    await writeMegabytes(db, file, 40);
    const stats = db.walCheckpoints();
    expect(stats?.waits).toBe(0);
    expect(stats?.passes).toBeGreaterThan(0);
    await db.close();
  });

  it("leaves checkpoints to the connection until the worker is ready, then to the worker", async () => {
    const file = path.join(dir, "pragma.sqlite");
    const db = openSqliteDatabase(file);
    const autocheckpoint = async () =>
      (await db.query<{ wal_autocheckpoint: number }>("PRAGMA wal_autocheckpoint"))[0]
        ?.wal_autocheckpoint;
    expect(db.walCheckpoints()?.ready).toBe(false);
    expect(await autocheckpoint()).toBe(1000);
    while (db.walCheckpoints()?.ready !== true) await new Promise((r) => setTimeout(r, 5));
    expect(await autocheckpoint()).toBe(0);
    await db.close();
    const inline = openSqliteDatabase(file, { checkpoints: "inline" });
    const inlineRows = await inline.query<{ wal_autocheckpoint: number }>(
      "PRAGMA wal_autocheckpoint"
    );
    expect(inlineRows[0]?.wal_autocheckpoint).toBe(1000);
    expect(inline.walCheckpoints()).toBeNull();
    await inline.close();
  });

  it("hands checkpoints back when the worker cannot start, and waiting writes go on", async () => {
    const file = path.join(dir, "failing.sqlite");
    new BetterSqlite3(file).pragma("journal_mode = WAL");
    const reasons: string[] = [];
    const failed = new Promise<void>((resolve) => {
      const checkpointer = new WalCheckpointer({
        file,
        pageSize: 4096,
        // A driver module that throws on load: the worker dies at start.
        driver: path.join(dir, "missing-driver.js"),
        onReady: () => reasons.push("ready"),
        onFailure: (reason) => {
          reasons.push(reason);
          expect(checkpointer.beforeWrite()).toBeUndefined();
          expect(checkpointer.snapshot().failed).toBe(true);
          resolve();
        },
      });
      checkpointer.afterWrite(4096);
    });
    await failed;
    expect(reasons).toHaveLength(1);
  });

  it("has no worker for a database in memory", async () => {
    const db = openSqliteDatabase(":memory:");
    await db.run("CREATE TABLE t (x INTEGER)");
    await db.run("INSERT INTO t VALUES (1)");
    expect(db.walCheckpoints()).toBeNull();
    await db.close();
  });
});
