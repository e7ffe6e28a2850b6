/** Opens the configured engine and brings its schema up to date. */
import path from "node:path";
import { defaultDataDir, defaultDbFileName } from "../config";
import type { Database } from "./database";
import { latestSchemaVersion, migrate, schemaVersion } from "./migrations";
import { openPgDatabase } from "./pg-database";
import { openSqliteDatabase } from "./sqlite-database";

export interface StorageOptions {
  dbFile?: string;
  databaseUrl?: string;
  pgSchema?: string;
  /**
   * Only read: no schema created, no migration applied (an auditor's role may hold SELECT alone);
   * a database whose schema is not the current version is refused, naming both versions.
   */
  readOnly?: boolean;
}

export class SchemaVersionError extends Error {}

export function defaultDbFile(dataDir = defaultDataDir): string {
  return path.join(dataDir, defaultDbFileName);
}

export async function openDatabase(options: StorageOptions): Promise<Database> {
  const readOnly = options.readOnly === true;
  const db =
    options.databaseUrl !== undefined
      ? await openPgDatabase({
          connectionString: options.databaseUrl,
          schema: options.pgSchema,
          createSchema: !readOnly,
        })
      : openSqliteDatabase(options.dbFile ?? defaultDbFile());
  try {
    if (readOnly) {
      const current = latestSchemaVersion();
      const found = await schemaVersion(db).catch(() => 0);
      if (found !== current) {
        throw new SchemaVersionError(
          `the gateway's schema is at version ${found}, not ${current}: start the gateway (or run ` +
            "a command without read-only access) once to migrate it"
        );
      }
    } else {
      await migrate(db);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
