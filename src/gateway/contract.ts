/**
 * The case gateway's REST contract, version 1: every resource, request and response body as a zod
 * schema, the route paths, and the HTTP conventions (headers, error shape). The reference service
 * (src/server) validates with these schemas and the client (src/gateway/client*) parses with them;
 * docs/api/openapi.yaml is generated from them (test/gateway/contract-openapi.test.ts fails on drift).
 * Additions are fine; changing a field breaks deployed add-ins.
 */
import { z } from "zod";
import type {
  ApplicantAddress,
  BounceRecord,
  CaseRecord,
  Office,
  Representative,
} from "../domain/case-record";
import type { Purpose } from "../domain/message-draft";

export const apiBasePath = "/api/v1";
export const msgMediaType = "application/vnd.ms-outlook";
/**
 * The upload limit for one e-document (R6: at most 4 MB; larger goes to print, R7): 4,000,000
 * bytes, stricter than either reading of "4 MB", and the same as the deployment configuration's
 * default `eDocumentLimitBytes`, so the pane, the pipeline and the gateway draw the line alike.
 */
export const eDocumentMaxBytes = 4_000_000;

/** Request headers of the contract. */
export const headers = {
  /** Required on every creating request (POST, PUT); a replay returns the first response. */
  idempotencyKey: "Idempotency-Key",
  /** Set to "true" on a response replayed from an earlier request with the same key. */
  idempotentReplayed: "Idempotent-Replayed",
  /** RFC 9530 digest of the e-document body: `sha-256=:<base64>:`. */
  contentDigest: "Content-Digest",
} as const;

// ---------------------------------------------------------------------------------------------
// Identifiers and scalars

export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
export const emailAddress = z.email().max(320);
export const caseNumberSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/, "letters, digits and hyphens, at most 32");
export const officeIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lower-case letters, digits and hyphens");
/** The correlation reference the add-in stamps on the item: opaque, never personal information. */
export const correlationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/, "8 to 128 letters, digits or . _ : -");
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{8,200}$/, "8 to 200 visible ASCII characters");
/** Lower-case hexadecimal SHA-256. */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);
/**
 * Free text: stored and returned verbatim (markup and SQL metacharacters included); NUL is refused
 * because PostgreSQL text cannot hold it.
 */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !value.includes("\u0000"), "must not contain NUL characters");

// ---------------------------------------------------------------------------------------------
// Offices and cases (the domain's CaseRecord and Office, unchanged)

export const officeSchema = z.object({
  id: officeIdSchema,
  name: z.object({ en: text(200).min(1), fr: text(200).min(1) }),
  genericMailbox: emailAddress,
});

export const consentSourceSchema = z.enum(["application-form", "applicant-initiated"]);
export const languageSchema = z.enum(["en", "fr"]);

export const applicantAddressSchema = z.object({
  email: emailAddress,
  consent: consentSourceSchema.nullable(),
  recordedAt: isoDateTime,
  supersededAt: isoDateTime.nullable(),
});

export const representativeSchema = z.object({
  name: text(300),
  imm5476Signed: z.boolean(),
  email: emailAddress.nullable(),
  recordedAt: isoDateTime,
});

export const bounceRecordSchema = z.object({
  address: emailAddress,
  occurredAt: isoDateTime,
  permanent: z.boolean(),
  correspondenceId: correlationIdSchema.nullable(),
});

export const caseRecordSchema = z.object({
  caseNumber: caseNumberSchema,
  officeId: officeIdSchema,
  language: languageSchema,
  bilingual: z.boolean(),
  countryOfResidence: z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2"),
  applicantName: text(300),
  addresses: z.array(applicantAddressSchema).max(100),
  representative: representativeSchema.nullable(),
  bounces: z.array(bounceRecordSchema).max(1000),
});

// ---------------------------------------------------------------------------------------------
// Correspondence

export const purposeSchema = z.enum([
  "documents",
  "interview",
  "approval",
  "refusal",
  "transfer",
  "general",
]);

export const correspondenceStatusSchema = z.enum([
  /** Recorded by the pane at compose time; not yet known as sent. */
  "pending",
  /** Known as sent (date, from, to), e-document not yet filed. */
  "sent",
  /** The `.msg` is attached: Sent, via Email, with the address (R6). */
  "filed",
  /** Attaching failed; a fallback note holds date, recipient and content (R8). */
  "noted",
  /** Over 4 MB: a print-to-file task and a note (R7). */
  "print-required",
  /** A delivery report came back for it (R10). */
  "bounced",
  /** The applicant responded. */
  "responded",
]);

export const eDocumentInfoSchema = z.object({
  size: z.int().min(0),
  sha256: sha256HexSchema,
  uploadedAt: isoDateTime,
  uploadedBy: text(200),
});

export const viaSchema = z.object({ method: z.literal("email"), address: emailAddress });

export const correspondenceSchema = z.object({
  /** The correlation reference: the key of the correspondence. */
  id: correlationIdSchema,
  caseNumber: caseNumberSchema,
  /** The office that held the case when the correspondence was recorded. */
  officeId: officeIdSchema,
  purpose: purposeSchema,
  /** Response deadline (R4), where the purpose has one. */
  deadline: isoDate.nullable(),
  expectedRecipient: emailAddress,
  language: languageSchema,
  status: correspondenceStatusSchema,
  subject: text(1000).nullable(),
  sentAt: isoDateTime.nullable(),
  from: emailAddress.nullable(),
  to: z.array(emailAddress).max(500),
  via: viaSchema.nullable(),
  eDocument: eDocumentInfoSchema.nullable(),
  respondedAt: isoDateTime.nullable(),
  /** When the R9 no-response note was added; null while not followed up. */
  followedUpAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  createdBy: text(200),
  updatedAt: isoDateTime,
});

export const createCorrespondenceRequestSchema = z.object({
  id: correlationIdSchema,
  caseNumber: caseNumberSchema,
  purpose: purposeSchema,
  deadline: isoDate.nullable(),
  expectedRecipient: emailAddress,
  language: languageSchema,
  subject: text(1000).nullable().optional(),
});

/** The facts of sending, read from the sent copy (Graph or the read-mode item). */
export const recordSendingRequestSchema = z.object({
  sentAt: isoDateTime,
  from: emailAddress,
  to: z.array(emailAddress).min(1).max(500),
  subject: text(1000),
});

export const recordResponseRequestSchema = z.object({ respondedAt: isoDateTime });

// ---------------------------------------------------------------------------------------------
// Notes, print-to-file tasks, bounces, transfers

export const noteKindSchema = z.enum([
  /** R7: the message was printed and put on the paper file. */
  "print-to-file",
  /** R8: the e-document could not be attached; date, time, recipient and content. */
  "fallback-filing",
  /** R9: the deadline passed without response (standard text). */
  "no-response",
  /** R10: a delivery report and the next step. */
  "bounce",
  /** R12: the applicant was told of the transfer. */
  "transfer-notice",
  /** R13: a reconsideration decision with its reasons. */
  "reconsideration",
  "general",
]);

export const noteSchema = z.object({
  id: z.string().min(1).max(64),
  caseNumber: caseNumberSchema,
  correspondenceId: correlationIdSchema.nullable(),
  kind: noteKindSchema,
  text: text(200_000),
  author: text(200),
  createdAt: isoDateTime,
});

export const createNoteRequestSchema = z.object({
  kind: noteKindSchema,
  text: text(200_000).min(1),
  correspondenceId: correlationIdSchema.nullable().optional(),
});

export const printTaskSchema = z.object({
  id: z.string().min(1).max(64),
  caseNumber: caseNumberSchema,
  officeId: officeIdSchema,
  correspondenceId: correlationIdSchema,
  /** Size of the `.msg` that exceeded the limit, in bytes. */
  size: z.int().min(0),
  status: z.enum(["open", "done"]),
  createdAt: isoDateTime,
  createdBy: text(200),
});

export const createPrintTaskRequestSchema = z.object({ size: z.int().min(0) });

export const bounceSchema = bounceRecordSchema.extend({
  id: z.string().min(1).max(64),
  caseNumber: caseNumberSchema,
  /** Enhanced status code (RFC 3463), e.g. `5.1.1`, where the report gives one. */
  statusCode: z
    .string()
    .regex(/^[245]\.\d{1,3}\.\d{1,3}$/)
    .nullable(),
  diagnostic: text(2000).nullable(),
  recordedAt: isoDateTime,
  recordedBy: text(200),
});

export const createBounceRequestSchema = z.object({
  address: emailAddress,
  occurredAt: isoDateTime,
  permanent: z.boolean(),
  statusCode: bounceSchema.shape.statusCode.optional(),
  diagnostic: text(2000).nullable().optional(),
});

export const transferSchema = z.object({
  id: z.string().min(1).max(64),
  caseNumber: caseNumberSchema,
  fromOfficeId: officeIdSchema,
  toOfficeId: officeIdSchema,
  /** Only a transfer for processing calls for the R12 notice; triage does not. */
  reason: z.enum(["processing", "triage"]),
  transferredAt: isoDateTime,
  notified: z.boolean(),
  notifiedAt: isoDateTime.nullable(),
  /** The correspondence that told the applicant (R12). */
  noticeCorrespondenceId: correlationIdSchema.nullable(),
});

export const createTransferRequestSchema = z.object({
  toOfficeId: officeIdSchema,
  reason: transferSchema.shape.reason,
});

export const recordTransferNoticeRequestSchema = z.object({
  correspondenceId: correlationIdSchema,
});

// ---------------------------------------------------------------------------------------------
// Proof of sending (R13, R14)

export const proofOfSendingSchema = z.object({
  correspondence: correspondenceSchema,
  caseNumber: caseNumberSchema,
  office: officeSchema,
  /** The address R2/R3 required at sending time (the latest one on file). */
  addressOnFileAtSending: emailAddress.nullable(),
  /** Whether the address the message went to was that one; null while the sending is unknown. */
  sentToLatestAddress: z.boolean().nullable(),
  bounced: z.boolean(),
  bounces: z.array(bounceSchema),
  notes: z.array(noteSchema),
  filedBy: text(200).nullable(),
  filedAt: isoDateTime.nullable(),
});

// ---------------------------------------------------------------------------------------------
// Lists, identity, errors

const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export const officeListSchema = listOf(officeSchema);
export const caseListSchema = listOf(caseRecordSchema);
export const correspondenceListSchema = listOf(correspondenceSchema);
export const noteListSchema = listOf(noteSchema);
export const printTaskListSchema = listOf(printTaskSchema);
export const bounceListSchema = listOf(bounceSchema);
export const transferListSchema = listOf(transferSchema);

/** Query of the lists: restrict to one of the officer's offices; `asOf` for past-deadline. */
export const listQuerySchema = z.object({
  officeId: officeIdSchema.optional(),
  asOf: isoDate.optional(),
});

export const meSchema = z.object({
  officerId: text(200),
  displayName: text(300).nullable(),
  offices: z.array(officeIdSchema),
});

export const healthSchema = z.object({
  status: z.literal("ok"),
  storage: z.enum(["sqlite", "pg"]),
});

export const errorCodeSchema = z.enum([
  "bad-request",
  "unauthorized",
  "forbidden",
  "not-found",
  "conflict",
  "invalid-state",
  "idempotency-key-required",
  "idempotency-key-reused",
  "payload-too-large",
  "unsupported-media-type",
  "digest-mismatch",
  "rate-limited",
  "internal",
]);

/** Every error response. `message` is for operators (English); the pane translates by `code`. */
export const errorSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    /** Zod issue paths for a bad request (never the submitted values). */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

// ---------------------------------------------------------------------------------------------
// Routes (paths relative to the host; `:name` parameters)

export const routes = {
  health: `${apiBasePath}/health`,
  me: `${apiBasePath}/me`,
  offices: `${apiBasePath}/offices`,
  office: `${apiBasePath}/offices/:officeId`,
  case: `${apiBasePath}/cases/:caseNumber`,
  caseCorrespondence: `${apiBasePath}/cases/:caseNumber/correspondence`,
  caseNotes: `${apiBasePath}/cases/:caseNumber/notes`,
  caseBounces: `${apiBasePath}/cases/:caseNumber/bounces`,
  caseTransfers: `${apiBasePath}/cases/:caseNumber/transfers`,
  correspondenceCollection: `${apiBasePath}/correspondence`,
  correspondence: `${apiBasePath}/correspondence/:correlationId`,
  correspondenceSending: `${apiBasePath}/correspondence/:correlationId/sending`,
  correspondenceEDocument: `${apiBasePath}/correspondence/:correlationId/e-document`,
  correspondencePrintTask: `${apiBasePath}/correspondence/:correlationId/print-task`,
  correspondenceBounces: `${apiBasePath}/correspondence/:correlationId/bounces`,
  correspondenceResponse: `${apiBasePath}/correspondence/:correlationId/response`,
  correspondenceProof: `${apiBasePath}/correspondence/:correlationId/proof`,
  transferNotice: `${apiBasePath}/transfers/:transferId/notice`,
  printTasks: `${apiBasePath}/print-tasks`,
  listPendingFiling: `${apiBasePath}/lists/pending-filing`,
  listAwaitingResponse: `${apiBasePath}/lists/awaiting-response`,
  listTransferredNotNotified: `${apiBasePath}/lists/transferred-not-notified`,
  /** Development issuer only (`serve --dev`). */
  devJwks: "/.well-known/jwks.json",
} as const;

export type RouteName = keyof typeof routes;

/** The `:name` parameters of the routes and what each accepts. */
export const pathParameterSchemas = {
  caseNumber: caseNumberSchema,
  correlationId: correlationIdSchema,
  officeId: officeIdSchema,
  transferId: z.uuid(),
} as const;

/** Fills `:name` parameters, each URI-encoded. */
export function routePath(name: RouteName, params: Readonly<Record<string, string>> = {}): string {
  return routes[name].replace(/:(\w+)/g, (whole, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`routePath(${name}): missing parameter ${key}`);
    return encodeURIComponent(value);
  });
}

/**
 * One line per operation: method, route, request body, success status and body. The server
 * registers from it and the OpenAPI document is generated from it, so they cannot disagree.
 * `creates` marks the operations that require an Idempotency-Key.
 */
export interface OperationSpec {
  operationId: string;
  method: "GET" | "POST" | "PUT";
  route: RouteName;
  summary: string;
  request?: z.ZodType | "msg";
  query?: z.ZodObject;
  status: 200 | 201;
  /** A creating operation that finds its resource already recorded answers 200 with it. */
  alsoStatus?: 200;
  response: z.ZodType | "msg";
  creates: boolean;
  auth: boolean;
}

export const operations: readonly OperationSpec[] = [
  op("getHealth", "GET", "health", "Liveness and storage engine", 200, healthSchema, {
    auth: false,
  }),
  op("getMe", "GET", "me", "The calling officer and their offices", 200, meSchema),
  op(
    "listOffices",
    "GET",
    "offices",
    "Offices with their generic mailboxes",
    200,
    officeListSchema
  ),
  op("getOffice", "GET", "office", "One office", 200, officeSchema),
  op("getCase", "GET", "case", "One case (the rules' view)", 200, caseRecordSchema),
  op(
    "listCaseCorrespondence",
    "GET",
    "caseCorrespondence",
    "Correspondence of a case",
    200,
    correspondenceListSchema
  ),
  op("listCaseNotes", "GET", "caseNotes", "Notes of a case", 200, noteListSchema),
  op("createNote", "POST", "caseNotes", "Add a note (R7, R8, R9, R10, R12, R13)", 201, noteSchema, {
    request: createNoteRequestSchema,
  }),
  op("listCaseBounces", "GET", "caseBounces", "Bounce records of a case", 200, bounceListSchema),
  op("listCaseTransfers", "GET", "caseTransfers", "Transfers of a case", 200, transferListSchema),
  op(
    "createTransfer",
    "POST",
    "caseTransfers",
    "Move a case to another office",
    201,
    transferSchema,
    {
      request: createTransferRequestSchema,
    }
  ),
  op(
    "createCorrespondence",
    "POST",
    "correspondenceCollection",
    "Record a pending correspondence (idempotent on its correlation reference)",
    201,
    correspondenceSchema,
    { request: createCorrespondenceRequestSchema, alsoStatus: 200 }
  ),
  op("getCorrespondence", "GET", "correspondence", "One correspondence", 200, correspondenceSchema),
  op(
    "recordSending",
    "POST",
    "correspondenceSending",
    "Record the facts of sending (status sent)",
    200,
    correspondenceSchema,
    { request: recordSendingRequestSchema }
  ),
  op(
    "putEDocument",
    "PUT",
    "correspondenceEDocument",
    "Upload the sent message as .msg (status filed, via Email)",
    200,
    correspondenceSchema,
    { request: "msg" }
  ),
  op("getEDocument", "GET", "correspondenceEDocument", "The filed .msg bytes", 200, "msg"),
  op(
    "createPrintTask",
    "POST",
    "correspondencePrintTask",
    "Record a print-to-file task for an over-size message (R7; status print-required)",
    201,
    printTaskSchema,
    { request: createPrintTaskRequestSchema, alsoStatus: 200 }
  ),
  op(
    "createBounce",
    "POST",
    "correspondenceBounces",
    "Record a delivery failure (R10; status bounced)",
    201,
    bounceSchema,
    { request: createBounceRequestSchema }
  ),
  op(
    "recordResponse",
    "POST",
    "correspondenceResponse",
    "Record the applicant's response (status responded)",
    200,
    correspondenceSchema,
    { request: recordResponseRequestSchema }
  ),
  op(
    "getProof",
    "GET",
    "correspondenceProof",
    "Proof of sending (R13, R14)",
    200,
    proofOfSendingSchema
  ),
  op(
    "recordTransferNotice",
    "POST",
    "transferNotice",
    "Record that the applicant was told of the transfer (R12)",
    200,
    transferSchema,
    { request: recordTransferNoticeRequestSchema }
  ),
  op("listPrintTasks", "GET", "printTasks", "Open print-to-file tasks", 200, printTaskListSchema, {
    query: listQuerySchema,
  }),
  op(
    "listPendingFiling",
    "GET",
    "listPendingFiling",
    "Correspondence pending, sent or noted (R8), not yet filed",
    200,
    correspondenceListSchema,
    { query: listQuerySchema }
  ),
  op(
    "listAwaitingResponse",
    "GET",
    "listAwaitingResponse",
    "Correspondence past its deadline without response or follow-up (R9)",
    200,
    correspondenceListSchema,
    { query: listQuerySchema }
  ),
  op(
    "listTransferredNotNotified",
    "GET",
    "listTransferredNotNotified",
    "Transfers for processing into the officer's offices, applicant not yet told (R12)",
    200,
    transferListSchema,
    { query: listQuerySchema }
  ),
];

function op(
  operationId: string,
  method: OperationSpec["method"],
  route: RouteName,
  summary: string,
  status: OperationSpec["status"],
  response: OperationSpec["response"],
  extra: {
    request?: OperationSpec["request"];
    query?: z.ZodObject;
    auth?: boolean;
    alsoStatus?: 200;
  } = {}
): OperationSpec {
  return {
    operationId,
    method,
    route,
    summary,
    status,
    alsoStatus: extra.alsoStatus,
    response,
    request: extra.request,
    query: extra.query,
    creates: method !== "GET",
    auth: extra.auth ?? true,
  };
}

// ---------------------------------------------------------------------------------------------
// Types

export type OfficeResource = z.infer<typeof officeSchema>;
export type CaseResource = z.infer<typeof caseRecordSchema>;
export type CorrespondenceStatus = z.infer<typeof correspondenceStatusSchema>;
export type Correspondence = z.infer<typeof correspondenceSchema>;
export type CreateCorrespondenceRequest = z.infer<typeof createCorrespondenceRequestSchema>;
export type RecordSendingRequest = z.infer<typeof recordSendingRequestSchema>;
export type RecordResponseRequest = z.infer<typeof recordResponseRequestSchema>;
export type EDocumentInfo = z.infer<typeof eDocumentInfoSchema>;
export type NoteKind = z.infer<typeof noteKindSchema>;
export type Note = z.infer<typeof noteSchema>;
export type CreateNoteRequest = z.infer<typeof createNoteRequestSchema>;
export type PrintTask = z.infer<typeof printTaskSchema>;
export type CreatePrintTaskRequest = z.infer<typeof createPrintTaskRequestSchema>;
export type Bounce = z.infer<typeof bounceSchema>;
export type CreateBounceRequest = z.infer<typeof createBounceRequestSchema>;
export type Transfer = z.infer<typeof transferSchema>;
export type CreateTransferRequest = z.infer<typeof createTransferRequestSchema>;
export type RecordTransferNoticeRequest = z.infer<typeof recordTransferNoticeRequestSchema>;
export type ProofOfSending = z.infer<typeof proofOfSendingSchema>;
export type ListQuery = z.infer<typeof listQuerySchema>;
export type Me = z.infer<typeof meSchema>;
export type Health = z.infer<typeof healthSchema>;
export type ErrorCode = z.infer<typeof errorCodeSchema>;
export type ErrorBody = z.infer<typeof errorSchema>;

// Compile-time checks: the wire shapes are the domain's shapes (both directions where it matters).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _case: Same<CaseResource, CaseRecord> = true;
const _office: Same<OfficeResource, Office> = true;
const _address: Same<z.infer<typeof applicantAddressSchema>, ApplicantAddress> = true;
const _rep: Same<z.infer<typeof representativeSchema>, Representative> = true;
const _bounce: z.infer<typeof bounceSchema> extends BounceRecord ? true : never = true;
const _purpose: Same<z.infer<typeof purposeSchema>, Purpose> = true;
void [_case, _office, _address, _rep, _bounce, _purpose];
