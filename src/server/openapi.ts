/**
 * The OpenAPI 3.1 document of the gateway, generated from the contract's zod schemas and its
 * operations table (src/gateway/contract.ts). docs/api/openapi.yaml is this document;
 * test/gateway/contract-openapi.test.ts fails when they differ (UPDATE_OPENAPI=1 rewrites it).
 */
import { z } from "zod";
import * as c from "../gateway/contract";

/** The component names of the contract's shared schemas. */
const named: Record<string, z.ZodType> = {
  Language: c.languageSchema,
  ConsentSource: c.consentSourceSchema,
  Office: c.officeSchema,
  ApplicantAddress: c.applicantAddressSchema,
  Representative: c.representativeSchema,
  BounceRecord: c.bounceRecordSchema,
  Case: c.caseRecordSchema,
  Purpose: c.purposeSchema,
  CorrespondenceStatus: c.correspondenceStatusSchema,
  EDocumentInfo: c.eDocumentInfoSchema,
  Via: c.viaSchema,
  Correspondence: c.correspondenceSchema,
  CreateCorrespondenceRequest: c.createCorrespondenceRequestSchema,
  RecordSendingRequest: c.recordSendingRequestSchema,
  RecordResponseRequest: c.recordResponseRequestSchema,
  NoteKind: c.noteKindSchema,
  Note: c.noteSchema,
  CreateNoteRequest: c.createNoteRequestSchema,
  PrintTask: c.printTaskSchema,
  CreatePrintTaskRequest: c.createPrintTaskRequestSchema,
  Bounce: c.bounceSchema,
  CreateBounceRequest: c.createBounceRequestSchema,
  Transfer: c.transferSchema,
  CreateTransferRequest: c.createTransferRequestSchema,
  RecordTransferNoticeRequest: c.recordTransferNoticeRequestSchema,
  ProofOfSending: c.proofOfSendingSchema,
  OfficeList: c.officeListSchema,
  CorrespondenceList: c.correspondenceListSchema,
  NoteList: c.noteListSchema,
  PrintTaskList: c.printTaskListSchema,
  BounceList: c.bounceListSchema,
  TransferList: c.transferListSchema,
  Me: c.meSchema,
  Health: c.healthSchema,
  ErrorCode: c.errorCodeSchema,
  Error: c.errorSchema,
};

type Json = Record<string, unknown>;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function componentName(schema: z.ZodType): string {
  const entry = Object.entries(named).find(([, s]) => s === schema);
  if (entry === undefined) throw new Error("every operation body must be a named component");
  return entry[0];
}

function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  const schemas: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(out.schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema;
    schemas[id] = rest;
  }
  return schemas;
}

function inlineSchema(schema: z.ZodType): Json {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12" }) as Json;
  return rest;
}

const errorStatuses: Record<string, string> = {
  "400": "Bad request (validation issues, missing Idempotency-Key, digest mismatch)",
  "401": "Missing, expired or invalid bearer token",
  "403": "Officer not registered, or not a member of the office named",
  "404": "Not found, or held by an office the officer does not belong to",
  "409": "Conflict with the current state",
  "413": "Body over the limit",
  "415": "Body of the wrong media type, or not an Outlook message",
  "422": "Idempotency-Key reused with a different request",
  "429": "Rate limited (see Retry-After)",
  "500":
    "Internal error (storage unreachable, or a stored e-document that no longer matches its digest); the body names no detail",
};

const msgContent = {
  [c.msgMediaType]: { schema: { type: "string", contentMediaType: c.msgMediaType } },
};

function operationObject(spec: c.OperationSpec): Json {
  const path = c.routes[spec.route];
  const parameters: Json[] = [];
  for (const match of path.matchAll(/:(\w+)/g)) {
    const name = match[1] as keyof typeof c.pathParameterSchemas;
    parameters.push({
      name,
      in: "path",
      required: true,
      schema: inlineSchema(c.pathParameterSchemas[name]),
    });
  }
  if (spec.query !== undefined) {
    for (const [name, schema] of Object.entries(spec.query.shape)) {
      parameters.push({
        name,
        in: "query",
        required: false,
        schema: inlineSchema((schema as z.ZodOptional<z.ZodType>).unwrap()),
      });
    }
  }
  if (spec.creates) {
    parameters.push({
      name: c.headers.idempotencyKey,
      in: "header",
      required: true,
      description: "One key per logical operation, reused on every retry of it.",
      schema: inlineSchema(c.idempotencyKeySchema),
    });
  }
  if (spec.request === "msg") {
    parameters.push({
      name: c.headers.contentDigest,
      in: "header",
      required: true,
      description: "RFC 9530 digest of the body: sha-256=:<base64>:",
      schema: { type: "string", pattern: "sha-256=:[A-Za-z0-9+/]+={0,2}:" },
    });
  }

  const success = (description: string): Json =>
    spec.response === "msg"
      ? {
          description,
          headers: {
            [c.headers.contentDigest]: { schema: { type: "string" } },
          },
          content: msgContent,
        }
      : {
          description,
          content: { "application/json": { schema: ref(componentName(spec.response)) } },
        };
  const responses: Json = { [String(spec.status)]: success(spec.summary) };
  if (spec.alsoStatus !== undefined) {
    responses[String(spec.alsoStatus)] = success("Already recorded: the existing resource");
  }
  for (const status of Object.keys(errorStatuses)) {
    if (!spec.auth && (status === "401" || status === "403")) continue;
    responses[status] = { $ref: `#/components/responses/Error${status}` };
  }

  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.auth ? {} : { security: [] }),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(spec.request === undefined
      ? {}
      : {
          requestBody: {
            required: true,
            content:
              spec.request === "msg"
                ? msgContent
                : { "application/json": { schema: ref(componentName(spec.request)) } },
          },
        }),
    responses,
  };
}

/** OpenAPI `{name}` path template of a contract route. */
export function openApiPath(route: c.RouteName): string {
  return c.routes[route].replace(/:(\w+)/g, "{$1}");
}

export function openApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const spec of c.operations) {
    const path = openApiPath(spec.route);
    paths[path] = { ...(paths[path] ?? {}), [spec.method.toLowerCase()]: operationObject(spec) };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "CaseMail case gateway",
      version: "1.0.0",
      description:
        "The REST contract between the CaseMail Outlook add-in and a department's case system. " +
        "Generated from src/gateway/contract.ts; do not edit by hand.",
    },
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    servers: [
      { url: "http://127.0.0.1:8787", description: "local reference gateway (serve --dev)" },
    ],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description: "Microsoft Entra ID v2 access token (oid, preferred_username).",
        },
      },
      responses: Object.fromEntries(
        Object.entries(errorStatuses).map(([status, description]) => [
          `Error${status}`,
          { description, content: { "application/json": { schema: ref("Error") } } },
        ])
      ),
      schemas: componentSchemas(),
    },
  };
}
