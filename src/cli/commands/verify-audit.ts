/**
 * `casemail verify-audit [--db FILE | --database-url URL] [--pg-schema S] [--no-chain]`: walks the
 * gateway's hash-chained audit log and prints the result as JSON. Exit 0 when the chain is intact,
 * 1 when a row was edited, removed or reordered, 2 for bad options. It first chains the entries
 * waiting (which writes); `--no-chain` only reads, for an auditor's role with SELECT alone, and
 * reports the waiting entries as `unchained`.
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

const usage =
  "Usage: casemail verify-audit [--db FILE | --database-url URL] [--pg-schema S] [--no-chain]";

const readOnlyRole =
  "verify-audit: this role may not write: chaining the waiting entries needs UPDATE on " +
  "audit_log and audit_head; --no-chain only reads";

const schema = z.intersection(storageSchema, z.object({ "no-chain": z.boolean().optional() }));

export const run: CliCommand = async (argv, io) => {
  let options: z.infer<typeof schema>;
  try {
    options = parseCommandLine(argv, { "no-chain": { type: "boolean" } }, schema);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`verify-audit: ${error.message}\n${usage}`);
      return 2;
    }
    throw error;
  }
  const { openDatabase, defaultDbFile, SchemaVersionError } =
    await import("../../server/storage/open-database");
  const { verifyAudit } = await import("../../server/audit");
  const storage = storageFrom(options);
  const file = storage.dbFile ?? defaultDbFile(storage.dataDir);
  if (storage.databaseUrl === undefined && !existsSync(file)) {
    io.stderr(`verify-audit: no gateway database at ${file}`);
    return 2;
  }
  let db;
  try {
    db = await openDatabase({
      ...storage,
      readOnly: options["no-chain"] === true,
      dbFile:
        storage.databaseUrl === undefined
          ? (storage.dbFile ?? defaultDbFile(storage.dataDir))
          : undefined,
    });
  } catch (error) {
    if (error instanceof SchemaVersionError) {
      io.stderr(`verify-audit: ${error.message}`);
      return 2;
    }
    if (isPermissionDenied(error)) {
      io.stderr(readOnlyRole);
      return 2;
    }
    throw error;
  }
  try {
    const result = await verifyAudit(db, { chain: options["no-chain"] !== true });
    (result.ok ? io.stdout : io.stderr)(JSON.stringify(result));
    return result.ok ? 0 : 1;
  } catch (error) {
    if (!isPermissionDenied(error)) throw error;
    io.stderr(readOnlyRole);
    return 2;
  } finally {
    await db.close();
  }
};

/** PostgreSQL's insufficient_privilege (42501). */
function isPermissionDenied(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "42501";
}
