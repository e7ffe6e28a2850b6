/**
 * The Fastify application: security plugins (helmet, CORS for the add-in's origin only, rate
 * limiting, body limits), bearer authentication, request validation with the contract's zod
 * schemas, and one handler per operation of `operations` (src/gateway/contract.ts).
 * Logs carry the route pattern, status and timing only: no URLs, headers or bodies.
 */
import { createHash } from "node:crypto";
import cors from "@fastify/cors";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, {
  LogController,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from "fastify";
import { z } from "zod";
import {
  eDocumentMaxBytes,
  headers,
  idempotencyKeySchema,
  msgMediaType,
  operations,
  pathParameterSchemas,
  routes,
  type OperationSpec,
} from "../gateway/contract";
import { bearerVerifier, type BearerConfig } from "./auth/bearer";
import { checkDigest, checkOutlookMessage } from "./e-document";
import { HttpError } from "./http-error";
import type { GatewayService, Officer } from "./service";
import type { JWK } from "jose";
import type { Dialect } from "./storage/database";

export interface LogSink {
  write(line: string): void;
}

export interface AppOptions {
  service: GatewayService;
  storage: Dialect;
  auth: BearerConfig;
  /** Exact origins allowed by CORS (the add-in's host). */
  allowedOrigins: readonly string[];
  /** Requests per minute per token (or per address without one); false turns the limit off. */
  rateLimitPerMinute: number | false;
  /** The development issuer's public keys, published at the well-known JWKS path. */
  publishJwks?: { keys: JWK[] };
  logger?: boolean | { level?: string; stream?: LogSink };
  /** Called after every committed change (the adapter seam toward a department's case system). */
  onChange?: (operationId: string, body: unknown) => void;
}

type Handler = (ctx: {
  request: FastifyRequest;
  officer: Officer;
  params: Record<string, string>;
  query: unknown;
  body: unknown;
}) => Promise<HandlerResult>;

interface HandlerResult {
  status: number;
  body: unknown;
  replayed?: boolean;
  headers?: Record<string, string>;
}

const paramSchemas: Record<string, z.ZodType<string>> = pathParameterSchemas;

const officers = new WeakMap<FastifyRequest, Officer>();

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { service } = options;
  const app = Fastify({
    logger:
      options.logger === undefined || options.logger === false
        ? false
        : options.logger === true
          ? { level: "info" }
          : { level: options.logger.level ?? "info", stream: options.logger.stream },
    // Fastify's own request lines carry the URL; the onResponse hook below logs the route only.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
    return503OnClosing: true,
  });

  await app.register(helmet, { global: true });
  await app.register(cors, {
    origin: [...options.allowedOrigins],
    methods: ["GET", "POST", "PUT"],
    allowedHeaders: [
      "Authorization",
      "Content-Type",
      headers.idempotencyKey,
      headers.contentDigest,
    ],
    exposedHeaders: [headers.idempotentReplayed, headers.contentDigest, "Retry-After"],
    maxAge: 600,
  });
  if (options.rateLimitPerMinute !== false) {
    await app.register(rateLimit, {
      max: options.rateLimitPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => {
        const auth = request.headers.authorization;
        return auth === undefined
          ? `ip:${request.ip}`
          : `token:${createHash("sha256").update(auth).digest("hex").slice(0, 32)}`;
      },
      errorResponseBuilder: (_request, context) =>
        new HttpError(429, "rate-limited", `too many requests; retry after ${context.after}`),
    });
  }

  app.addContentTypeParser(msgMediaType, { parseAs: "buffer" }, (_request, body, done) =>
    done(null, body)
  );

  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? "(none)",
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      "request"
    );
  });

  app.setErrorHandler((error, request, reply) => {
    const mapped = toHttpError(error);
    if (mapped.statusCode >= 500) {
      // Name and code only: messages of storage errors may quote submitted values.
      const e = error as { name?: string; code?: string };
      request.log.error({ errName: e.name, errCode: e.code }, "request failed");
    }
    void reply.status(mapped.statusCode).headers(mapped.headers).send(mapped.body());
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.status(404).send(new HttpError(404, "not-found", "no such route").body());
  });

  const verify = bearerVerifier(options.auth);
  const authenticate = async (request: FastifyRequest): Promise<Officer> => {
    const claims = await verify(request.headers.authorization);
    const officer = await service.officerFor(claims.oid);
    if (officer === null) {
      throw new HttpError(403, "forbidden", "this officer is not registered at the gateway");
    }
    return officer;
  };

  if (options.publishJwks !== undefined) {
    const jwks = options.publishJwks;
    app.get(routes.devJwks, async () => jwks);
  }

  const handlers = operationHandlers(service, options.storage);
  for (const spec of operations) {
    const handler = handlers[spec.operationId];
    if (handler === undefined) throw new Error(`no handler for ${spec.operationId}`);
    app.route({
      method: spec.method,
      url: routes[spec.route],
      bodyLimit: spec.request === "msg" ? eDocumentMaxBytes : undefined,
      preHandler: spec.auth
        ? async (request) => {
            officers.set(request, await authenticate(request));
          }
        : undefined,
      handler: async (request, reply) => {
        const officer = officers.get(request) ?? anonymous;
        const params = parseParams(request.params);
        const query = spec.query === undefined ? {} : parse(spec.query, request.query, "query");
        const body = parseBody(spec, request);
        const run = () => handler({ request, officer, params, query, body });
        const result = spec.creates ? await runCreating(request, run) : await run();
        if (result.replayed === true) void reply.header(headers.idempotentReplayed, "true");
        if (spec.creates && result.status < 300 && result.replayed !== true) {
          notifyChange(request, options.onChange, spec.operationId, result.body);
        }
        return sendResult(reply, result);
      },
    });
  }
  return app;
}

/** The change is committed whatever the adapter does: its failure is logged, never answered. */
function notifyChange(
  request: FastifyRequest,
  onChange: AppOptions["onChange"],
  operationId: string,
  body: unknown
): void {
  if (onChange === undefined) return;
  try {
    onChange(operationId, body);
  } catch (error) {
    request.log.error(
      { operationId, errName: (error as { name?: string }).name },
      "onChange adapter failed"
    );
  }
}

const anonymous: Officer = { id: "anonymous", displayName: null, offices: new Set() };

function sendResult(reply: FastifyReply, result: HandlerResult) {
  if (result.headers !== undefined) void reply.headers(result.headers);
  if (Buffer.isBuffer(result.body)) {
    return reply.status(result.status).type(msgMediaType).send(result.body);
  }
  return reply.status(result.status).send(result.body);
}

/**
 * Creating requests need an Idempotency-Key. The key's fingerprint covers the method, the path and
 * the body, so the same key with another body is a 422.
 */
async function runCreating(request: FastifyRequest, run: () => Promise<HandlerResult>) {
  const key = request.headers[headers.idempotencyKey.toLowerCase()];
  if (typeof key !== "string" || key === "") {
    throw new HttpError(400, "idempotency-key-required", "an Idempotency-Key header is required");
  }
  if (!idempotencyKeySchema.safeParse(key).success) {
    throw new HttpError(
      400,
      "bad-request",
      "the Idempotency-Key is not 8 to 200 visible characters"
    );
  }
  return run();
}

/** Method, path and body; an upload's body enters by the SHA-256 already computed for it. */
function fingerprintOf(request: FastifyRequest, bodySha256?: string): string {
  const hash = createHash("sha256").update(`${request.method} ${request.url.split("?")[0]}\n`);
  if (bodySha256 !== undefined) hash.update(`sha-256:${bodySha256}`);
  else if (Buffer.isBuffer(request.body)) hash.update(request.body);
  else hash.update(JSON.stringify(request.body ?? null));
  return hash.digest("hex");
}

function idempotencyKeyOf(request: FastifyRequest): string {
  return String(request.headers[headers.idempotencyKey.toLowerCase()]);
}

function operationHandlers(service: GatewayService, storage: Dialect): Record<string, Handler> {
  const ok = (body: unknown) => ({ status: 200, body });
  const items = (list: unknown[]) => ok({ items: list });
  /** Runs a creating service call under the request's idempotency key. */
  const creating =
    <B>(
      call: (
        tx: Parameters<Parameters<GatewayService["idempotent"]>[3]>[0],
        ctx: Parameters<Handler>[0],
        body: B
      ) => Promise<{ status: number; body: unknown }>,
      bodySha256?: string
    ): Handler =>
    (ctx) =>
      service.idempotent(
        ctx.officer,
        idempotencyKeyOf(ctx.request),
        fingerprintOf(ctx.request, bodySha256),
        (tx) => call(tx, ctx, ctx.body as B)
      );
  const p = (ctx: Parameters<Handler>[0], name: string): string => {
    const value = ctx.params[name];
    if (value === undefined) throw new HttpError(400, "bad-request", `missing ${name}`);
    return value;
  };

  return {
    getHealth: async () => ok({ status: "ok", storage }),
    getMe: async ({ officer }) => ok(service.me(officer)),
    listOffices: async () => items(await service.listOffices()),
    getOffice: async (ctx) => ok(await service.getOffice(p(ctx, "officeId"))),
    getCase: async (ctx) => ok(await service.getCase(ctx.officer, p(ctx, "caseNumber"))),
    listCaseCorrespondence: async (ctx) =>
      items(await service.listCaseCorrespondence(ctx.officer, p(ctx, "caseNumber"))),
    listCaseNotes: async (ctx) =>
      items(await service.listCaseNotes(ctx.officer, p(ctx, "caseNumber"))),
    createNote: creating((tx, ctx, body: Parameters<GatewayService["createNote"]>[3]) =>
      service.createNote(tx, ctx.officer, p(ctx, "caseNumber"), body)
    ),
    listCaseBounces: async (ctx) =>
      items(await service.listCaseBounces(ctx.officer, p(ctx, "caseNumber"))),
    listCaseTransfers: async (ctx) =>
      items(await service.listCaseTransfers(ctx.officer, p(ctx, "caseNumber"))),
    createTransfer: creating((tx, ctx, body: Parameters<GatewayService["createTransfer"]>[3]) =>
      service.createTransfer(tx, ctx.officer, p(ctx, "caseNumber"), body)
    ),
    createCorrespondence: creating(
      (tx, ctx, body: Parameters<GatewayService["createCorrespondence"]>[2]) =>
        service.createCorrespondence(tx, ctx.officer, body)
    ),
    getCorrespondence: async (ctx) =>
      ok(await service.getCorrespondence(ctx.officer, p(ctx, "correlationId"))),
    recordSending: creating((tx, ctx, body: Parameters<GatewayService["recordSending"]>[3]) =>
      service.recordSending(tx, ctx.officer, p(ctx, "correlationId"), body)
    ),
    putEDocument: async (ctx) => {
      const bytes = ctx.body as Buffer;
      // Cheap checks first and outside the transaction: digest (400), then the container (415).
      const sha256 = checkDigest(bytes, headerOf(ctx.request, headers.contentDigest));
      checkOutlookMessage(bytes);
      // Where e-documents are files, the file is written and synced before the transaction.
      const placement = await service.stageEDocument(
        ctx.officer,
        p(ctx, "correlationId"),
        bytes,
        sha256
      );
      return creating(
        (tx, c) =>
          service.putEDocument(tx, c.officer, p(c, "correlationId"), bytes, sha256, placement),
        sha256
      )(ctx);
    },
    getEDocument: async (ctx) => {
      const doc = await service.getEDocument(ctx.officer, p(ctx, "correlationId"));
      const digest = Buffer.from(doc.sha256, "hex").toString("base64");
      return {
        status: 200,
        body: doc.bytes,
        headers: { [headers.contentDigest.toLowerCase()]: `sha-256=:${digest}:` },
      };
    },
    createPrintTask: creating((tx, ctx, body: Parameters<GatewayService["createPrintTask"]>[3]) =>
      service.createPrintTask(tx, ctx.officer, p(ctx, "correlationId"), body)
    ),
    createBounce: creating((tx, ctx, body: Parameters<GatewayService["createBounce"]>[3]) =>
      service.createBounce(tx, ctx.officer, p(ctx, "correlationId"), body)
    ),
    recordResponse: creating((tx, ctx, body: Parameters<GatewayService["recordResponse"]>[3]) =>
      service.recordResponse(tx, ctx.officer, p(ctx, "correlationId"), body)
    ),
    getProof: async (ctx) => ok(await service.getProof(ctx.officer, p(ctx, "correlationId"))),
    recordTransferNotice: creating(
      (tx, ctx, body: Parameters<GatewayService["recordTransferNotice"]>[3]) =>
        service.recordTransferNotice(tx, ctx.officer, p(ctx, "transferId"), body)
    ),
    listPrintTasks: async (ctx) =>
      items(await service.listPrintTasks(ctx.officer, ctx.query as object)),
    listPendingFiling: async (ctx) =>
      items(await service.listPendingFiling(ctx.officer, ctx.query as object)),
    listAwaitingResponse: async (ctx) =>
      items(await service.listAwaitingResponse(ctx.officer, ctx.query as object)),
    listTransferredNotNotified: async (ctx) =>
      items(await service.listTransferredNotNotified(ctx.officer, ctx.query as object)),
  };
}

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
}

function parseParams(raw: unknown): Record<string, string> {
  const params = (raw ?? {}) as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    const schema = paramSchemas[name];
    out[name] = schema === undefined ? value : parse(schema, value, name);
  }
  return out;
}

function parseBody(spec: OperationSpec, request: FastifyRequest): unknown {
  if (spec.request === undefined) return undefined;
  if (spec.request === "msg") {
    if (!Buffer.isBuffer(request.body)) {
      throw new HttpError(415, "unsupported-media-type", `the body must be ${msgMediaType}`);
    }
    return request.body;
  }
  if (Buffer.isBuffer(request.body) || typeof request.body !== "object" || request.body === null) {
    throw new HttpError(415, "unsupported-media-type", "the body must be application/json");
  }
  return parse(spec.request, request.body, "body");
}

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new HttpError(
    400,
    "bad-request",
    `invalid ${where}`,
    result.error.issues.map((issue) => ({
      path: [where, ...issue.path.map(String)].join("."),
      message: issue.message,
    }))
  );
}

/** Fastify's own errors (body limit, media type, JSON syntax) in the contract's shape. */
function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const e = error as { statusCode?: number; code?: string };
  switch (e.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new HttpError(413, "payload-too-large", "the body exceeds the limit");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new HttpError(415, "unsupported-media-type", "unsupported Content-Type");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new HttpError(400, "bad-request", "the body is empty or malformed");
  }
  if (e.statusCode === 400 || error instanceof SyntaxError) {
    return new HttpError(400, "bad-request", "the request is malformed");
  }
  if (e.statusCode === 413) return new HttpError(413, "payload-too-large", "the body is too large");
  if (e.statusCode === 415) {
    return new HttpError(415, "unsupported-media-type", "unsupported Content-Type");
  }
  return new HttpError(500, "internal", "internal error");
}
