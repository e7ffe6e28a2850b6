/**
 * The reference case gateway, programmatically: `startGateway` opens the storage (SQLite by
 * default, PostgreSQL with `databaseUrl`), applies migrations, and listens. Integration tests, the
 * workbench, `npm start` and `casemail serve` all start it through here.
 */
import path from "node:path";
import type { JWK } from "jose";
import { buildApp, type AppOptions, type LogSink } from "./app";
import { chainAudit } from "./audit";
import {
  devAlgorithm,
  devAudience,
  devIssuer,
  loadOrCreateDevKey,
  mintDevToken,
  type DevTokenOptions,
} from "./auth/dev-issuer";
import { defaultDataDir, devAllowedOrigins, gatewayConfigSchema } from "./config";
import { seedDemo } from "./seed/case-import";
import { GatewayService } from "./service";
import type { Database } from "./storage/database";
import { EDocumentFiles, eDocumentDirFor } from "./storage/e-document-files";
import { defaultDbFile, openDatabase } from "./storage/open-database";

const auditChainIntervalMs = 10_000;

export interface StartGatewayOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  dbFile?: string;
  databaseUrl?: string;
  pgSchema?: string;
  /** Where the SQLite file (by default) and the development key live. */
  dataDir?: string;
  dev?: boolean;
  auth?: { issuer: string; audience: string; jwksUrl: string; algorithms?: string[] };
  allowedOrigins?: string[];
  rateLimitPerMinute?: number | false;
  /** Stores the demo data before listening (idempotent). */
  seedDemo?: boolean;
  logger?: boolean | { level?: string; stream?: LogSink };
  /** Called after each committed creating operation (not on replays): the adapter seam. */
  onChange?: AppOptions["onChange"];
  /** How long an officer's offices are reused before being read again (default 30 s). */
  officerCacheMs?: number;
  /** How long an Idempotency-Key is remembered (default 7 days); pruned hourly. */
  idempotencyRetentionHours?: number;
  /**
   * E-documents as files (SQLite's default, beside its database file) or in the database
   * (PostgreSQL's default); PostgreSQL takes files only in `eDocumentDir`, shared by all instances.
   */
  eDocuments?: "files" | "database";
  eDocumentDir?: string;
}

export interface RunningGateway {
  url: string;
  storage: "sqlite" | "pg";
  dataDir: string;
  db: Database;
  service: GatewayService;
  /** Development issuer only: a token the gateway accepts for that officer. */
  mintToken(options: DevTokenOptions): Promise<string>;
  close(): Promise<void>;
}

export async function startGateway(options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const config = gatewayConfigSchema.parse({
    ...options,
    auth:
      options.auth === undefined
        ? undefined
        : { ...options.auth, algorithms: options.auth.algorithms ?? ["RS256"] },
  });
  const dataDir =
    config.dataDir ??
    (config.databaseUrl === undefined && config.dbFile !== undefined
      ? path.dirname(config.dbFile)
      : defaultDataDir);
  const dbFile =
    config.databaseUrl === undefined ? (config.dbFile ?? defaultDbFile(dataDir)) : undefined;
  const db = await openDatabase({
    dbFile,
    databaseUrl: config.databaseUrl,
    pgSchema: config.pgSchema,
  });
  const eDocumentFiles = eDocumentStore(config, dbFile);
  try {
    if (options.seedDemo === true) await seedDemo(db);
    // Entries a crash left unchained (committed, the pass after it never ran) join the chain now.
    await chainAudit(db);
    const devKey = config.dev ? await loadOrCreateDevKey(dataDir) : null;
    const jwks: { keys: JWK[] } | undefined =
      devKey === null ? undefined : { keys: [devKey.publicJwk] };
    const service = new GatewayService(db, {
      officerCacheMs: options.officerCacheMs,
      eDocumentFiles,
    });
    const app = await buildApp({
      service,
      storage: db.dialect,
      auth:
        devKey === null || jwks === undefined
          ? { ...(config.auth as NonNullable<typeof config.auth>) }
          : { issuer: devIssuer, audience: devAudience, jwks, algorithms: [devAlgorithm] },
      allowedOrigins: config.allowedOrigins ?? (config.dev ? [...devAllowedOrigins] : []),
      rateLimitPerMinute: config.rateLimitPerMinute,
      publishJwks: jwks,
      logger: options.logger,
      onChange: options.onChange,
    });
    const retention = options.idempotencyRetentionHours ?? 24 * 7;
    const prune = () => service.pruneIdempotencyKeys(retention).catch(() => undefined);
    await prune();
    const pruneTimer = setInterval(() => void prune(), 3_600_000);
    pruneTimer.unref();
    // Files of uploads whose transaction failed: a minute after start, then daily.
    const sweep = () => void service.sweepEDocumentFiles().catch(() => undefined);
    const firstSweep = setTimeout(sweep, 60_000);
    firstSweep.unref();
    const sweepTimer = setInterval(sweep, 24 * 3_600_000);
    sweepTimer.unref();
    // A pass that failed after a write (storage unreachable) is retried without waiting for one.
    const chainTimer = setInterval(() => service.auditChainer.schedule(), auditChainIntervalMs);
    chainTimer.unref();
    app.addHook("onClose", async () => {
      clearInterval(pruneTimer);
      clearInterval(chainTimer);
      clearTimeout(firstSweep);
      clearInterval(sweepTimer);
    });
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace("[::1]", "localhost");
    return {
      url,
      storage: db.dialect,
      dataDir,
      db,
      service,
      mintToken: async (tokenOptions) => {
        if (devKey === null) throw new Error("mintToken needs the development issuer (dev: true)");
        return mintDevToken(devKey, tokenOptions);
      },
      close: async () => {
        await app.close();
        // The last requests' entries are chained before the storage closes.
        await service.auditChainer.request().catch(() => undefined);
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Where e-documents go: files (in their folder) or, undefined, the database. */
function eDocumentStore(
  config: { eDocuments?: "files" | "database"; eDocumentDir?: string },
  dbFile: string | undefined
): EDocumentFiles | undefined {
  const sqlite = dbFile !== undefined;
  const files = (config.eDocuments ?? (sqlite ? "files" : "database")) === "files";
  if (!files) return undefined;
  if (config.eDocumentDir !== undefined)
    return new EDocumentFiles(path.resolve(config.eDocumentDir));
  // A database in memory has no folder beside it: its e-documents stay in it.
  return sqlite && dbFile !== ":memory:" ? new EDocumentFiles(eDocumentDirFor(dbFile)) : undefined;
}

export type { DevTokenOptions } from "./auth/dev-issuer";
export { demoCases, demoOfficers, demoOffices, demoTransfers } from "./seed/demo-data";
