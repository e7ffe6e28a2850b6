/**
 * SQLite engine (better-sqlite3 12): one connection in WAL mode. better-sqlite3 is synchronous,
 * so an async transaction would let other requests' statements interleave on the connection; a
 * queue admits one unit of work (a transaction or a single statement) at a time instead.
 * Checkpoints run on a worker thread (wal-checkpointer.ts), not inside this connection's commits.
 */
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Database, SqlExecutor, SqlValue } from "./database";
import { WalCheckpointer, type WalCheckpointStats } from "./wal-checkpointer";

export interface SqliteOptions {
  /** Checkpoints on a worker thread (default) or, as SQLite does by itself, inside commits. */
  checkpoints?: "worker" | "inline";
  /** WAL size past which writes wait for a complete checkpoint (wal-checkpointer.ts). */
  walBoundBytes?: number;
}

export interface SqliteDatabase extends Database {
  readonly dialect: "sqlite";
  /** The worker's checkpoint figures; null where checkpoints are inline (or in memory). */
  walCheckpoints(): WalCheckpointStats | null;
}

/** SQLite's own default threshold (pages), restored when the worker is not there. */
const inlineAutocheckpointPages = 1000;
/** After a reset, a WAL that grew past this (a burst of large writes) is cut back to it. */
const walSizeLimitBytes = 64 * 1024 * 1024;

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

export function openSqliteDatabase(file: string, options: SqliteOptions = {}): SqliteDatabase {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  raw.pragma(`journal_size_limit = ${walSizeLimitBytes}`);

  const pageSize = Number(raw.pragma("page_size", { simple: true }));
  let checkpointer: WalCheckpointer | null = null;
  const wal = String(raw.pragma("journal_mode", { simple: true })) === "wal";
  if (wal && (options.checkpoints ?? "worker") === "worker") {
    checkpointer = new WalCheckpointer({
      file: path.resolve(raw.name),
      pageSize,
      boundBytes: options.walBoundBytes,
      onReady: () => {
        if (raw.open) raw.pragma("wal_autocheckpoint = 0");
      },
      onFailure: () => {
        if (raw.open) raw.pragma(`wal_autocheckpoint = ${inlineAutocheckpointPages}`);
      },
    });
  }
  /**
   * What the unit's statements may have written (bytes, estimated from their parameters plus a
   * page each), so that its end asks for a checkpoint and the WAL's bound is kept between passes.
   */
  let wrote = 0;
  const written = (params: readonly SqlValue[]) => {
    let bytes = pageSize;
    for (const p of params) {
      if (typeof p === "string") bytes += p.length;
      else if (p instanceof Uint8Array) bytes += p.byteLength;
    }
    wrote += bytes;
  };

  const statements = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let stmt = statements.get(sql);
    if (stmt === undefined) {
      // `$1` placeholders become SQLite's numbered `?1`.
      stmt = raw.prepare(sql.replace(/\$(\d+)/g, "?$1"));
      statements.set(sql, stmt);
    }
    return stmt;
  };
  // Numbered parameters bind by index from an object ({1: ..., 2: ...}); booleans become 0/1.
  const bind = (params: readonly SqlValue[]): unknown[] => {
    if (params.length === 0) return [];
    const named: Record<number, unknown> = {};
    params.forEach((p, i) => {
      named[i + 1] = typeof p === "boolean" ? (p ? 1 : 0) : p;
    });
    return [named];
  };

  const executor: SqlExecutor = {
    dialect: "sqlite",
    async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      const stmt = prepare(sql);
      // RETURNING statements read and write: only a plain SELECT leaves the WAL as it was.
      if (!stmt.readonly) written(params);
      if (stmt.reader) return stmt.all(...bind(params)) as T[];
      stmt.run(...bind(params));
      return [];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      written(params);
      return prepare(sql).run(...bind(params)).changes;
    },
  };

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const unit = async () => {
      // Waits only while the WAL is past its bound (for a pass with no write after it).
      const gate = checkpointer?.beforeWrite();
      if (gate !== undefined) await gate;
      wrote = 0;
      try {
        return await work();
      } finally {
        if (wrote > 0) checkpointer?.afterWrite(wrote);
      }
    };
    const next = queue.then(unit, unit);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    dialect: "sqlite",
    walCheckpoints: () => checkpointer?.snapshot() ?? null,
    query: (sql, params) => exclusive(() => executor.query(sql, params)),
    run: (sql, params) => exclusive(() => executor.run(sql, params)),
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) =>
      exclusive(async () => {
        raw.exec("BEGIN IMMEDIATE");
        try {
          const result = await fn(executor);
          raw.exec("COMMIT");
          return result;
        } catch (error) {
          if (raw.inTransaction) raw.exec("ROLLBACK");
          throw error;
        }
      }),
    close: () =>
      exclusive(async () => {
        // The worker's connection closes first, so this last one checkpoints and removes the WAL.
        await checkpointer?.close();
        raw.close();
      }),
  };
}
