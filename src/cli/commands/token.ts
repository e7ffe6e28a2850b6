/**
 * `casemail token --dev --officer <id> [--db FILE | --data-dir DIR] [--lifetime SECONDS]`: prints
 * a bearer token of the development issuer that `serve --dev` on the same data folder accepts.
 * The officer must exist at the gateway (see `seed --demo`) for requests to pass.
 */
import path from "node:path";
import { z } from "zod";
import { loadOrCreateDevKey, mintDevToken } from "../../server/auth/dev-issuer";
import { CliUsageError, parseCommandLine, storageSchema } from "../../server/cli-options";
import { defaultDataDir } from "../../server/config";
import type { CliCommand } from "../main";

const usage =
  "Usage: casemail token --dev --officer <id> [--db FILE | --data-dir DIR] [--lifetime SECONDS]";

const schema = z.intersection(
  storageSchema,
  z.object({
    dev: z.literal(true, "--dev is required: only the development issuer mints tokens here"),
    officer: z
      .string("--officer <id> is required")
      .regex(/^[A-Za-z0-9._@-]{1,200}$/, "--officer: letters, digits and . _ @ -"),
    lifetime: z
      .string()
      .regex(/^\d{1,6}$/, "--lifetime must be a number of seconds")
      .transform(Number)
      .optional(),
  })
);

export const run: CliCommand = async (argv, io) => {
  let options: z.infer<typeof schema>;
  try {
    options = parseCommandLine(
      argv,
      { dev: { type: "boolean" }, officer: { type: "string" }, lifetime: { type: "string" } },
      schema
    );
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`token: ${error.message}\n${usage}`);
      return 2;
    }
    throw error;
  }
  const dataDir =
    options["data-dir"] ?? (options.db === undefined ? defaultDataDir : path.dirname(options.db));
  const key = await loadOrCreateDevKey(dataDir);
  io.stdout(
    await mintDevToken(key, { officerId: options.officer, lifetimeSeconds: options.lifetime })
  );
  return 0;
};
