/**
 * Starts the real gateway on a random loopback port, on a temporary SQLite file or (when
 * DATABASE_URL is set) on a fresh PostgreSQL schema, seeded with the demo data; an HTTP helper
 * checks every response against docs/api/openapi.yaml as it arrives.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as CFB from "cfb";
import { Pool } from "pg";
import { startGateway, type RunningGateway, type StartGatewayOptions } from "../../../src/server";
import { OpenApiValidator } from "./openapi-validator";

export type Engine = "sqlite" | "pg";

export const databaseUrl = process.env.DATABASE_URL;
export const engines: Engine[] = databaseUrl ? ["sqlite", "pg"] : ["sqlite"];
if (!databaseUrl) {
  console.info("PostgreSQL runs of the gateway suites are skipped: DATABASE_URL is not set.");
}

export const validator = new OpenApiValidator();

export interface TestGateway extends RunningGateway {
  engine: Engine;
  tmpDir: string;
  pgSchema: string | null;
  /** Closes the gateway and removes its temporary file or schema. */
  dispose(): Promise<void>;
}

export async function startTestGateway(
  engine: Engine,
  options: Partial<StartGatewayOptions> = {}
): Promise<TestGateway> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "casemail-gw-"));
  const pgSchema = engine === "pg" ? `cm_test_${randomBytes(6).toString("hex")}` : null;
  const gateway = await startGateway({
    port: 0,
    host: "127.0.0.1",
    dev: true,
    dataDir: tmpDir,
    seedDemo: true,
    rateLimitPerMinute: false,
    logger: false,
    ...(engine === "pg"
      ? { databaseUrl, pgSchema: pgSchema ?? undefined }
      : { dbFile: path.join(tmpDir, "gateway.sqlite") }),
    ...options,
  });
  return {
    ...gateway,
    engine,
    tmpDir,
    pgSchema,
    dispose: async () => {
      await gateway.close();
      if (pgSchema !== null) await dropSchema(pgSchema);
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await pool.end();
  }
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  bytes: Buffer;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
  idempotencyKey?: string | null;
  /** Skip the OpenAPI check (for responses the contract does not describe, such as CORS). */
  unchecked?: boolean;
}

/** One call to the gateway; JSON unless the body is a Buffer. */
export async function api<T = Record<string, unknown>>(
  gateway: { url: string },
  method: string,
  urlPath: string,
  options: RequestOptions = {}
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.idempotencyKey) headers["idempotency-key"] = options.idempotencyKey;
  else if (options.idempotencyKey === undefined && method !== "GET") {
    headers["idempotency-key"] = `test-${randomUUID()}`;
  }
  let body: Uint8Array<ArrayBuffer> | string | undefined;
  if (Buffer.isBuffer(options.body)) {
    body = new Uint8Array(options.body);
    headers["content-type"] ??= "application/vnd.ms-outlook";
  } else if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await fetch(`${gateway.url}${urlPath}`, { method, headers, body });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get("content-type");
  const parsed =
    type?.startsWith("application/json") === true && bytes.length > 0
      ? (JSON.parse(bytes.toString("utf8")) as T)
      : (bytes as unknown as T);
  if (!options.unchecked) {
    validator.check({
      method,
      path: urlPath,
      status: response.status,
      contentType: type,
      body: parsed,
    });
  }
  return { status: response.status, headers: response.headers, body: parsed, bytes };
}

/** A minimal Outlook message container: a compound file with the MS-OXMSG property stream. */
export function makeMsg(totalBytes = 4096): Buffer {
  const container = CFB.utils.cfb_new();
  const properties = Buffer.alloc(32 + 16);
  CFB.utils.cfb_add(container, "/__properties_version1.0", properties);
  // Random content: two calls never make the same bytes (and digest).
  CFB.utils.cfb_add(container, "/__substg1.0_0037001F", randomBytes(64));
  const filler = Math.max(0, totalBytes - 3 * 512 - 4096);
  CFB.utils.cfb_add(container, "/__substg1.0_10000102", randomBytes(filler));
  return CFB.write(container, { type: "buffer" }) as Buffer;
}

/** A compound file that is not an Outlook message (no property stream). */
export function makeNonMsgCompoundFile(): Buffer {
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, "/WordDocument", randomBytes(2048));
  return CFB.write(container, { type: "buffer" }) as Buffer;
}

export function contentDigest(bytes: Buffer): string {
  return `sha-256=:${createHash("sha256").update(bytes).digest("base64")}:`;
}

export function correlationId(): string {
  return `cm-${randomUUID()}`;
}

/** Records a pending correspondence and its sending for a demo case; returns its id. */
export async function sentCorrespondence(
  gateway: { url: string },
  token: string,
  caseNumber: string,
  recipient: string,
  extra: { deadline?: string | null; subject?: string } = {}
): Promise<string> {
  const id = correlationId();
  const created = await api(gateway, "POST", "/api/v1/correspondence", {
    token,
    body: {
      id,
      caseNumber,
      purpose: "documents",
      deadline: extra.deadline === undefined ? "2027-01-15" : extra.deadline,
      expectedRecipient: recipient,
      language: "en",
    },
  });
  if (created.status !== 201) throw new Error(`create failed: ${created.status}`);
  const sent = await api(gateway, "POST", `/api/v1/correspondence/${id}/sending`, {
    token,
    body: {
      sentAt: "2026-12-01T15:00:00Z",
      from: "casework.east@example.org",
      to: [recipient],
      subject: extra.subject ?? `${caseNumber} documents`,
    },
  });
  if (sent.status !== 200) throw new Error(`sending failed: ${sent.status}`);
  return id;
}
