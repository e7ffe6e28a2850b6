/**
 * Starts the real reference gateway for the client's integration tests: SQLite in a temporary
 * folder, and PostgreSQL (an own schema, dropped afterwards) when DATABASE_URL is set.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startGateway, type RunningGateway } from "../../src/server/index";

export interface Engine {
  name: "sqlite" | "pg";
  /** False for PostgreSQL without DATABASE_URL: the suite is skipped and says why. */
  available: boolean;
  start(): Promise<RunningGateway & { cleanup(): Promise<void> }>;
}

export const databaseUrl = process.env.DATABASE_URL;

/** The SQLite engine alone (the benchmarks use it without the PostgreSQL skip note). */
export function sqlite(): Engine {
  return {
    name: "sqlite",
    available: true,
    async start() {
      const dir = mkdtempSync(join(tmpdir(), "casemail-client-"));
      const gw = await startGateway({
        port: 0,
        dev: true,
        dataDir: dir,
        dbFile: join(dir, "gateway.sqlite"),
        seedDemo: true,
        rateLimitPerMinute: false,
        logger: false,
      });
      return {
        ...gw,
        cleanup: async () => {
          await gw.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

function pg(url: string | undefined): Engine {
  return {
    name: "pg",
    available: url !== undefined && url !== "",
    async start() {
      if (url === undefined || url === "") throw new Error("DATABASE_URL is not set");
      const dir = mkdtempSync(join(tmpdir(), "casemail-client-pg-"));
      const schema = `client_${process.pid}_${Date.now().toString(36)}`;
      const gw = await startGateway({
        port: 0,
        dev: true,
        dataDir: dir,
        databaseUrl: url,
        pgSchema: schema,
        seedDemo: true,
        rateLimitPerMinute: false,
        logger: false,
      });
      return {
        ...gw,
        cleanup: async () => {
          await gw.db.run(`DROP SCHEMA ${schema} CASCADE`);
          await gw.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL where DATABASE_URL names one (else a skipped suite, with a note). */
export function engines(): Engine[] {
  const all = [sqlite(), pg(databaseUrl)];
  for (const e of all) {
    if (!e.available) console.info(`${e.name} gateway tests skipped: DATABASE_URL is not set`);
  }
  return all;
}
