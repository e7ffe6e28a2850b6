/**
 * PostgreSQL engine (pg): a pool, one client per transaction. `schema` isolates a deployment (or a
 * test run) in its own namespace through the connection's search_path.
 *
 * A statement with parameters runs as a named prepared statement, so each connection parses and
 * plans it once instead of on every call: under the filing benchmark, parsing and planning the
 * same few statements again was about 40% of the PostgreSQL server's CPU.
 */
import { createHash } from "node:crypto";
import { Pool, type PoolClient, type QueryConfig } from "pg";
import type { Database, SqlExecutor, SqlValue } from "./database";

export interface PgOptions {
  connectionString: string;
  schema?: string;
  maxConnections?: number;
  /** Creates the schema if it is missing (default); false for a role that may only read. */
  createSchema?: boolean;
}

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Distinct statement texts named at most: the repository's statements are a fixed set (IN lists
 * vary only with an officer's number of offices); past the cap a text runs unnamed, as before.
 */
export const maxNamedStatements = 500;

/**
 * After another instance's migration changes a table, a statement prepared before it that selects
 * `*` fails with "cached plan must not change result type" (0A000). The connection holding it is
 * dropped and the work is run again once on a fresh one, which prepares it anew.
 */
function isStalePlan(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === "0A000" && /cached plan/i.test(e.message ?? "");
}

export async function openPgDatabase(options: PgOptions): Promise<Database> {
  const schema = options.schema ?? "public";
  if (!schemaName.test(schema)) throw new Error("PostgreSQL schema: lower-case letters, digits, _");
  if (schema !== "public" && options.createSchema !== false) {
    const setup = new Pool({ connectionString: options.connectionString, max: 1 });
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (error) {
      // Two instances creating it at once: the loser sees a unique violation; the schema exists.
      if ((error as { code?: string }).code !== "23505") throw error;
    } finally {
      await setup.end();
    }
  }
  const pool = new Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 20,
    options: `-c search_path=${schema}`,
  });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on("error", () => undefined);

  // Named by the text's hash, so every connection and every instance gives a text the same name.
  const names = new Map<string, string>();
  const nameOf = (sql: string): string | undefined => {
    let name = names.get(sql);
    if (name === undefined && names.size < maxNamedStatements) {
      name = `cm_${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
      names.set(sql, name);
    }
    return name;
  };
  const statement = (sql: string, params: readonly SqlValue[]): QueryConfig => {
    const values = params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p));
    // Without parameters pg uses the simple protocol, which also runs multi-statement DDL.
    const name = values.length > 0 ? nameOf(sql) : undefined;
    return name === undefined ? { text: sql, values } : { name, text: sql, values };
  };
  const on = (client: PoolClient): SqlExecutor => ({
    dialect: "pg",
    async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      return (await client.query(statement(sql, params))).rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      return (await client.query(statement(sql, params))).rowCount ?? 0;
    },
  });

  /** Runs `work` on one pooled client; a stale prepared plan costs that client and one retry. */
  const withClient = async <T>(work: (client: PoolClient) => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const client = await pool.connect();
      try {
        const result = await work(client);
        client.release();
        return result;
      } catch (error) {
        const stale = isStalePlan(error);
        // A stale client is destroyed, not returned: its prepared statements go with it.
        client.release(stale ? (error as Error) : undefined);
        if (!stale || attempt > 0) throw error;
      }
    }
  };

  return {
    dialect: "pg",
    query: <T>(sql: string, params?: readonly SqlValue[]) =>
      withClient((client) => on(client).query<T>(sql, params)),
    run: (sql, params) => withClient((client) => on(client).run(sql, params)),
    transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
      // Retried whole on a stale plan: the rollback undid everything the first attempt wrote.
      withClient(async (client) => {
        await client.query("BEGIN");
        try {
          const result = await fn(on(client));
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw error;
        }
      }),
    close: () => pool.end(),
  };
}
