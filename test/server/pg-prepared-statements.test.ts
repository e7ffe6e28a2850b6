/**
 * The PostgreSQL engine's named prepared statements (pg-database.ts): a statement is prepared once
 * per connection and reused; after another instance's migration changes a table that a prepared
 * `SELECT *` reads, the connection is replaced and the work run again, for a single query and for
 * a whole transaction, instead of failing with "cached plan must not change result type".
 */
import { randomBytes } from "node:crypto";
import { Pool } from "pg";
import type { Database } from "../../src/server/storage/database";
import { openPgDatabase } from "../../src/server/storage/pg-database";
import { databaseUrl, dropSchema } from "./helpers/gateway-harness";

const maybe = databaseUrl ? describe : describe.skip;
if (!databaseUrl)
  console.info("PostgreSQL prepared statement tests skipped: DATABASE_URL is not set.");

maybe("PostgreSQL named prepared statements", () => {
  const schema = `cm_prep_${randomBytes(6).toString("hex")}`;
  let db: Database;
  /** Another instance: its own pool on the same schema, for the migration. */
  let other: Pool;

  beforeAll(async () => {
    db = await openPgDatabase({
      connectionString: databaseUrl as string,
      schema,
      maxConnections: 1,
    });
    other = new Pool({
      connectionString: databaseUrl,
      max: 1,
      options: `-c search_path=${schema}`,
    });
    await db.run("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    await db.run("INSERT INTO things (id, name) VALUES ($1, $2)", [1, "one"]);
  });
  afterAll(async () => {
    await db.close();
    await other.end();
    await dropSchema(schema);
  });

  const preparedOnThisConnection = async (): Promise<number> =>
    Number(
      (await db.query<{ n: string }>("SELECT COUNT(*) AS n FROM pg_prepared_statements"))[0]?.n
    );

  it("prepares a statement once per connection and reuses it", async () => {
    const before = await preparedOnThisConnection();
    for (let i = 0; i < 5; i++) {
      expect(await db.query("SELECT * FROM things WHERE id = $1", [1])).toEqual([
        { id: 1, name: "one" },
      ]);
    }
    // The one connection of the pool holds the statement once (and the count query is unnamed).
    expect((await preparedOnThisConnection()) - before).toBe(1);
  });

  it("runs a query again on a fresh connection after another instance's migration", async () => {
    expect(await db.query("SELECT * FROM things WHERE id = $1", [1])).toHaveLength(1);
    await other.query("ALTER TABLE things ADD COLUMN note TEXT");
    expect(await db.query("SELECT * FROM things WHERE id = $1", [1])).toEqual([
      { id: 1, name: "one", note: null },
    ]);
  });

  it("runs a whole transaction again after another instance's migration", async () => {
    const read = (tx: Pick<Database, "query" | "run">) =>
      tx.query<{ id: number }>("SELECT * FROM things WHERE id = $1", [1]);
    await db.transaction(read);
    await other.query("ALTER TABLE things ADD COLUMN extra INTEGER");
    let attempts = 0;
    const rows = await db.transaction(async (tx) => {
      attempts++;
      await tx.run("INSERT INTO things (id, name) VALUES ($1, $2)", [10 + attempts, "written"]);
      return read(tx);
    });
    expect(rows[0]).toMatchObject({ id: 1, name: "one", extra: null });
    expect(attempts).toBe(2);
    // The first attempt's write was rolled back with it: only the second's is there.
    const written = await db.query<{ id: number }>(
      "SELECT id FROM things WHERE name = $1 ORDER BY id",
      ["written"]
    );
    expect(written.map((r) => r.id)).toEqual([12]);
  });
});
