/**
 * PostgreSQL engine (pg): a pool, one client per transaction. `schema` isolates a deployment (or a
 * test run) in its own namespace through the connection's search_path.
 */
import { Pool, type PoolClient } from "pg";
import type { Database, SqlExecutor, SqlValue } from "./database";

export interface PgOptions {
  connectionString: string;
  schema?: string;
  maxConnections?: number;
}

const schemaName = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPgDatabase(options: PgOptions): Promise<Database> {
  const schema = options.schema ?? "public";
  if (!schemaName.test(schema)) throw new Error("PostgreSQL schema: lower-case letters, digits, _");
  if (schema !== "public") {
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

  const bind = (params: readonly SqlValue[]): unknown[] =>
    params.map((p) => (typeof p === "boolean" ? (p ? 1 : 0) : p));
  const on = (target: Pool | PoolClient): SqlExecutor => ({
    dialect: "pg",
    async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
      const result = await target.query(sql, bind(params));
      return result.rows as T[];
    },
    async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
      const result = await target.query(sql, bind(params));
      return result.rowCount ?? 0;
    },
  });
  const direct = on(pool);

  return {
    ...direct,
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await fn(on(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
