/** Opens the configured engine and brings its schema up to date. */
import path from "node:path";
import { defaultDataDir, defaultDbFileName } from "../config";
import type { Database } from "./database";
import { migrate } from "./migrations";
import { openPgDatabase } from "./pg-database";
import { openSqliteDatabase } from "./sqlite-database";

export interface StorageOptions {
  dbFile?: string;
  databaseUrl?: string;
  pgSchema?: string;
}

export function defaultDbFile(dataDir = defaultDataDir): string {
  return path.join(dataDir, defaultDbFileName);
}

export async function openDatabase(options: StorageOptions): Promise<Database> {
  const db =
    options.databaseUrl !== undefined
      ? await openPgDatabase({ connectionString: options.databaseUrl, schema: options.pgSchema })
      : openSqliteDatabase(options.dbFile ?? defaultDbFile());
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
