/**
 * `casemail verify-audit [--db FILE | --database-url URL] [--pg-schema S]`: walks the gateway's
 * hash-chained audit log and prints the result as JSON. Exit 0 when the chain is intact, 1 when
 * a row was edited, removed or reordered, 2 for bad options.
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import {
  CliUsageError,
  parseCommandLine,
  storageFrom,
  storageSchema,
} from "../../server/cli-options";
import type { CliCommand } from "../main";

const usage = "Usage: casemail verify-audit [--db FILE | --database-url URL] [--pg-schema S]";

export const run: CliCommand = async (argv, io) => {
  let options: z.infer<typeof storageSchema>;
  try {
    options = parseCommandLine(argv, {}, storageSchema);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`verify-audit: ${error.message}\n${usage}`);
      return 2;
    }
    throw error;
  }
  const { openDatabase, defaultDbFile } = await import("../../server/storage/open-database");
  const { verifyAudit } = await import("../../server/audit");
  const storage = storageFrom(options);
  const file = storage.dbFile ?? defaultDbFile(storage.dataDir);
  if (storage.databaseUrl === undefined && !existsSync(file)) {
    io.stderr(`verify-audit: no gateway database at ${file}`);
    return 2;
  }
  const db = await openDatabase({
    ...storage,
    dbFile:
      storage.databaseUrl === undefined
        ? (storage.dbFile ?? defaultDbFile(storage.dataDir))
        : undefined,
  });
  try {
    const result = await verifyAudit(db);
    (result.ok ? io.stdout : io.stderr)(JSON.stringify(result));
    return result.ok ? 0 : 1;
  } finally {
    await db.close();
  }
};
