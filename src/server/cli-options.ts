/**
 * Command-line options shared by `serve`, `token`, `seed` and `verify-audit`: parsed with
 * node:util, validated with zod; a bad option is a `CliUsageError` (exit code 2).
 */
import { parseArgs } from "node:util";
import { z } from "zod";

export class CliUsageError extends Error {}

const storageOptions = {
  db: { type: "string" },
  "database-url": { type: "string" },
  "pg-schema": { type: "string" },
  "data-dir": { type: "string" },
  "e-documents": { type: "string" },
  "e-document-dir": { type: "string" },
} as const;

export const storageSchema = z
  .object({
    db: z.string().min(1).optional(),
    "database-url": z
      .string()
      .regex(/^postgres(ql)?:\/\//, "--database-url must be a postgres:// URL")
      .optional(),
    "pg-schema": z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, "--pg-schema: lower-case letters, digits and _")
      .optional(),
    "data-dir": z.string().min(1).optional(),
    "e-documents": z
      .enum(["files", "database"], { error: "--e-documents: files or database" })
      .optional(),
    "e-document-dir": z.string().min(1).optional(),
  })
  .refine((o) => o.db === undefined || o["database-url"] === undefined, {
    message: "use --db FILE or --database-url URL, not both",
  });

/** Parses `argv` with the storage options plus `extra`; throws CliUsageError on anything wrong. */
export function parseCommandLine<T extends z.ZodType>(
  argv: string[],
  extra: NonNullable<Parameters<typeof parseArgs>[0]>["options"],
  schema: T
): z.infer<T> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: { ...storageOptions, ...extra },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    throw new CliUsageError(parsed.error.issues.map((i) => i.message).join("; "));
  }
  return parsed.data;
}

/** The storage the options name: `--database-url`, else `DATABASE_URL`, else the SQLite file. */
export function storageFrom(
  o: z.infer<typeof storageSchema>,
  env: NodeJS.ProcessEnv = process.env
): {
  dbFile?: string;
  databaseUrl?: string;
  pgSchema?: string;
  dataDir?: string;
  eDocuments?: "files" | "database";
  eDocumentDir?: string;
} {
  const databaseUrl =
    o["database-url"] ?? (o.db === undefined && env.DATABASE_URL ? env.DATABASE_URL : undefined);
  return {
    dbFile: databaseUrl === undefined ? o.db : undefined,
    databaseUrl,
    pgSchema: o["pg-schema"] ?? env.CASEMAIL_PG_SCHEMA,
    dataDir: o["data-dir"],
    eDocuments: o["e-documents"],
    eDocumentDir: o["e-document-dir"],
  };
}
