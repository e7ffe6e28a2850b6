/**
 * `casemail serve [--dev] [--port N] [--host H] [--db FILE | --database-url URL] [--pg-schema S]
 * [--data-dir DIR] [--seed-demo]`: runs the reference case gateway until interrupted. Settings
 * also come from the environment (docs/gateway.md); flags win.
 */
import { z } from "zod";
import { configFromEnv } from "../../server/config";
import {
  CliUsageError,
  parseCommandLine,
  storageFrom,
  storageSchema,
} from "../../server/cli-options";
import type { CliCommand } from "../main";

const usage =
  "Usage: casemail serve [--dev] [--port N] [--host H] [--db FILE | --database-url URL] " +
  "[--pg-schema S] [--data-dir DIR] [--e-documents files|database] [--e-document-dir DIR] " +
  "[--seed-demo]";

const schema = z.intersection(
  storageSchema,
  z.object({
    dev: z.boolean().optional(),
    port: z
      .string()
      .regex(/^\d{1,5}$/, "--port must be a number")
      .transform(Number)
      .pipe(z.int().max(65535, "--port must be at most 65535"))
      .optional(),
    host: z.string().min(1).optional(),
    "seed-demo": z.boolean().optional(),
  })
);

export const run: CliCommand = async (argv, io) => {
  let options: z.infer<typeof schema>;
  try {
    options = parseCommandLine(
      argv,
      {
        dev: { type: "boolean" },
        port: { type: "string" },
        host: { type: "string" },
        "seed-demo": { type: "boolean" },
      },
      schema
    );
  } catch (error) {
    if (error instanceof CliUsageError) {
      io.stderr(`serve: ${error.message}\n${usage}`);
      return 2;
    }
    throw error;
  }
  const { startGateway } = await import("../../server");
  const env = configFromEnv(process.env);
  const storage = storageFrom(options);
  let gateway;
  try {
    gateway = await startGateway({
      ...env,
      ...Object.fromEntries(Object.entries(storage).filter(([, v]) => v !== undefined)),
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.host === undefined ? {} : { host: options.host }),
      dev: options.dev === true,
      seedDemo: options["seed-demo"] === true,
      logger: true,
    });
  } catch (error) {
    if (error instanceof z.ZodError) {
      io.stderr(`serve: ${error.issues.map((i) => i.message).join("; ")}\n${usage}`);
      return 2;
    }
    throw error;
  }
  io.stdout(`Case gateway (${gateway.storage}) listening on ${gateway.url}`);
  if (options.dev === true) {
    io.stdout(
      `Development issuer: JWKS at ${gateway.url}/.well-known/jwks.json; ` +
        `mint a token with: npm run cli -- token --dev --officer officer-a --data-dir ${gateway.dataDir}`
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await gateway.close();
  return 0;
};
