/**
 * `casemail seed --demo [--db FILE | --database-url URL] [--pg-schema S]`: stores the fictional
 * demo offices, officers and cases (src/server/seed/demo-data.ts). Repeatable.
 */
import { z } from "zod";
import {
  CliUsageError,
  parseCommandLine,
  storageFrom,
  storageSchema,
} from "../../server/cli-options";
import type { CliCommand } from "../main";

const usage = "Usage: casemail seed --demo [--db FILE | --database-url URL] [--pg-schema S]";

const schema = z.intersection(
  storageSchema,
  z.object({ demo: z.literal(true, "--demo is required (the only data set there is)") })
);

export const run: CliCommand = async (argv, io) => {
  let options: z.infer<typeof schema>;
  try {
    options = parseCommandLine(argv, { demo: { type: "boolean" } }, schema);
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`seed: ${error.message}\n${usage}`);
      return 2;
    }
    throw error;
  }
  const { openDatabase, defaultDbFile } = await import("../../server/storage/open-database");
  const { seedDemo } = await import("../../server/seed/case-import");
  const storage = storageFrom(options);
  const db = await openDatabase({
    ...storage,
    dbFile:
      storage.databaseUrl === undefined
        ? (storage.dbFile ?? defaultDbFile(storage.dataDir))
        : undefined,
  });
  try {
    const summary = await seedDemo(db);
    io.stdout(
      `Seeded ${summary.offices} offices, ${summary.officers} officers, ${summary.cases} cases, ` +
        `${summary.transfers} transfer(s) (${db.dialect}).`
    );
    return 0;
  } finally {
    await db.close();
  }
};
