/**
 * SQLite engine (better-sqlite3 12): one connection in WAL mode. better-sqlite3 is synchronous,
 * so an async transaction would let other requests' statements interleave on the connection; a
 * queue admits one unit of work (a transaction or a single statement) at a time instead.
 */
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Database, SqlExecutor, SqlValue } from "./database";

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

export function openSqliteDatabase(file: string): Database {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");

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
      if (stmt.reader) return stmt.all(...bind(params)) as T[];
      stmt.run(...bind(params));
      return [];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      return prepare(sql).run(...bind(params)).changes;
    },
  };

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    dialect: "sqlite",
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
        raw.close();
      }),
  };
}
