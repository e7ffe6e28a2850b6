/**
 * The gateway's settings: from `startGateway` options, the command line, or the environment
 * (`gatewayEnvSchema`), validated with zod. Production needs the identity provider's issuer,
 * audience and JWKS; `dev` replaces them by the local development issuer.
 */
import { z } from "zod";

export const devAllowedOrigins = ["http://localhost:3000", "https://localhost:3000"] as const;
export const defaultDataDir = "data";
export const defaultDbFileName = "gateway.sqlite";

export const authConfigSchema = z.object({
  issuer: z.string().min(1),
  audience: z.string().min(1),
  jwksUrl: z.url(),
  /** Entra ID signs access tokens with RS256. */
  algorithms: z.array(z.enum(["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"])).min(1),
});
export type AuthConfig = z.infer<typeof authConfigSchema>;

export const gatewayConfigSchema = z
  .object({
    /** The port of `defaultGatewayBaseUrl` (src/config), so `serve --dev` and the pane agree. */
    port: z.int().min(0).max(65535).default(8787),
    host: z.string().min(1).default("127.0.0.1"),
    dbFile: z.string().min(1).optional(),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "a postgres:// URL")
      .optional(),
    /** PostgreSQL schema (namespace) of this deployment; `public` by default. */
    pgSchema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .optional(),
    dataDir: z.string().min(1).optional(),
    dev: z.boolean().default(false),
    auth: authConfigSchema.optional(),
    allowedOrigins: z.array(z.url()).optional(),
    rateLimitPerMinute: z.union([z.int().min(1), z.literal(false)]).default(1200),
    /**
     * Where e-documents' bytes go: `files` (written once, named by SHA-256; e-document-files.ts)
     * or `database`. SQLite defaults to files beside its database file; PostgreSQL to the
     * database, and takes files only with `eDocumentDir`, a folder every instance shares.
     */
    eDocuments: z.enum(["files", "database"]).optional(),
    /** The e-documents' folder: any path for SQLite; for PostgreSQL, shared by all instances. */
    eDocumentDir: z.string().min(1).optional(),
  })
  .refine(
    (c) => c.databaseUrl === undefined || c.eDocuments !== "files" || c.eDocumentDir !== undefined,
    {
      message:
        "with PostgreSQL, e-documents as files need --e-document-dir, a folder all instances share",
    }
  )
  .refine((c) => c.dbFile === undefined || c.databaseUrl === undefined, {
    message: "choose --db FILE or --database-url URL, not both",
  })
  .refine((c) => c.dev || c.auth !== undefined, {
    message:
      "outside --dev the issuer, audience and JWKS URL of the identity provider are required",
  });
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

/** Environment variables, for `serve` and container deployments. */
export const gatewayEnvSchema = z.object({
  CASEMAIL_PORT: z.coerce.number().int().optional(),
  CASEMAIL_HOST: z.string().optional(),
  CASEMAIL_DB_FILE: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  CASEMAIL_PG_SCHEMA: z.string().optional(),
  CASEMAIL_DATA_DIR: z.string().optional(),
  CASEMAIL_AUTH_ISSUER: z.string().optional(),
  CASEMAIL_AUTH_AUDIENCE: z.string().optional(),
  CASEMAIL_AUTH_JWKS_URL: z.string().optional(),
  CASEMAIL_AUTH_ALGORITHMS: z.string().optional(),
  /** Comma-separated origins of the add-in (its web host). */
  CASEMAIL_ALLOWED_ORIGINS: z.string().optional(),
  CASEMAIL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().optional(),
  CASEMAIL_E_DOCUMENTS: z.enum(["files", "database"]).optional(),
  CASEMAIL_E_DOCUMENT_DIR: z.string().optional(),
});

/** The environment's settings as partial options (command-line flags override them). */
export function configFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const e = gatewayEnvSchema.parse(env);
  const out: Record<string, unknown> = {};
  if (e.CASEMAIL_PORT !== undefined) out.port = e.CASEMAIL_PORT;
  if (e.CASEMAIL_HOST !== undefined) out.host = e.CASEMAIL_HOST;
  if (e.CASEMAIL_DB_FILE !== undefined) out.dbFile = e.CASEMAIL_DB_FILE;
  if (e.DATABASE_URL !== undefined && e.DATABASE_URL !== "") out.databaseUrl = e.DATABASE_URL;
  if (e.CASEMAIL_PG_SCHEMA !== undefined) out.pgSchema = e.CASEMAIL_PG_SCHEMA;
  if (e.CASEMAIL_DATA_DIR !== undefined) out.dataDir = e.CASEMAIL_DATA_DIR;
  if (e.CASEMAIL_AUTH_ISSUER !== undefined || e.CASEMAIL_AUTH_JWKS_URL !== undefined) {
    out.auth = {
      issuer: e.CASEMAIL_AUTH_ISSUER,
      audience: e.CASEMAIL_AUTH_AUDIENCE,
      jwksUrl: e.CASEMAIL_AUTH_JWKS_URL,
      algorithms: (e.CASEMAIL_AUTH_ALGORITHMS ?? "RS256").split(",").map((a) => a.trim()),
    };
  }
  if (e.CASEMAIL_ALLOWED_ORIGINS !== undefined) {
    out.allowedOrigins = e.CASEMAIL_ALLOWED_ORIGINS.split(",")
      .map((o) => o.trim())
      .filter((o) => o !== "");
  }
  if (e.CASEMAIL_E_DOCUMENTS !== undefined) out.eDocuments = e.CASEMAIL_E_DOCUMENTS;
  if (e.CASEMAIL_E_DOCUMENT_DIR !== undefined) out.eDocumentDir = e.CASEMAIL_E_DOCUMENT_DIR;
  if (e.CASEMAIL_RATE_LIMIT_PER_MINUTE !== undefined) {
    out.rateLimitPerMinute = e.CASEMAIL_RATE_LIMIT_PER_MINUTE;
  }
  return out;
}
