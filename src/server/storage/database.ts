/**
 * The one storage interface of the gateway: a tiny SQL executor with transactions, implemented by
 * SQLite (better-sqlite3, the embedded default) and PostgreSQL (pg, for several instances). The
 * repository writes its queries once, in the subset both engines share, with `$1` placeholders.
 */
export type Dialect = "sqlite" | "pg";

/** Values a query binds: booleans are stored as 0/1 so both engines read them back alike. */
export type SqlValue = string | number | boolean | null | Buffer;

export interface SqlExecutor {
  readonly dialect: Dialect;
  /** Runs a statement and returns its rows (an empty array for statements without RETURNING). */
  query<T = Record<string, unknown>>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** Runs a statement and returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface Database extends SqlExecutor {
  /** Runs `fn` in one transaction: all of its writes commit, or none (it rethrows). */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `SELECT ... FOR UPDATE` where the engine has row locks; SQLite serialises writers instead. */
export function forUpdate(db: SqlExecutor): string {
  return db.dialect === "pg" ? " FOR UPDATE" : "";
}
