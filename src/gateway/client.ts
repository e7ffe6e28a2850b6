/**
 * The case gateway client: one typed method per operation of the contract (`contract.ts`), every
 * response parsed with the contract's schema. Creating calls take an idempotency key made once per
 * call (or the caller's own, for a durable queue) and reused on each retry; the e-document upload
 * sends its RFC 9530 digest, computed once too. Runs in the task pane and in Node.
 */
import { z } from "zod";
import type { TokenProvider } from "../auth/token-provider";
import {
  bounceListSchema,
  bounceSchema,
  caseRecordSchema,
  correspondenceListSchema,
  correspondenceSchema,
  createBounceRequestSchema,
  createCorrespondenceRequestSchema,
  createNoteRequestSchema,
  createPrintTaskRequestSchema,
  createTransferRequestSchema,
  eDocumentMaxBytes,
  headers as contractHeaders,
  healthSchema,
  listQuerySchema,
  meSchema,
  msgMediaType,
  noteListSchema,
  noteSchema,
  officeListSchema,
  officeSchema,
  printTaskListSchema,
  printTaskSchema,
  proofOfSendingSchema,
  recordResponseRequestSchema,
  recordSendingRequestSchema,
  recordTransferNoticeRequestSchema,
  routePath,
  transferListSchema,
  transferSchema,
  type Bounce,
  type CaseResource,
  type Correspondence,
  type CreateBounceRequest,
  type CreateCorrespondenceRequest,
  type CreateNoteRequest,
  type CreatePrintTaskRequest,
  type CreateTransferRequest,
  type Health,
  type ListQuery,
  type Me,
  type Note,
  type OfficeResource,
  type PrintTask,
  type ProofOfSending,
  type RecordResponseRequest,
  type RecordSendingRequest,
  type RecordTransferNoticeRequest,
  type RouteName,
  type Transfer,
} from "./contract";
import { contentDigestHeader, sha256Hex } from "./digest";
import { GatewayError } from "./errors";
import { isValidIdempotencyKey, newIdempotencyKey } from "./idempotency";
import type { RetryEnvironment, RetryPolicy } from "./retry";
import { createTransport, type GatewayRequest, type TransportOptions } from "./transport";

export interface GatewayClientOptions {
  /** The gateway's origin (plus any path prefix in front of `/api/v1`), e.g. `https://gw.example.com`. */
  baseUrl: string;
  tokenProvider: TokenProvider;
  /** Deadline of one attempt (default 15 s; the send-time handler uses 2 s). */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  silentOnly?: boolean;
  /** The largest e-document sent at all (default the contract's 4 MB); larger fails locally. */
  maxUploadBytes?: number;
  retryEnvironment?: RetryEnvironment;
  onRetry?: TransportOptions["onRetry"];
}

/** Per-call options of a creating call. */
export interface WriteOptions {
  /** The caller's key for this logical operation (a durable queue stores it); else one is made. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export interface ReadOptions {
  signal?: AbortSignal;
}

const bytesSchema = z.instanceof(Uint8Array);

export type GatewayClient = ReturnType<typeof createGatewayClient>;

export function createGatewayClient(options: GatewayClientOptions) {
  const transport = createTransport(options);
  const maxUploadBytes = options.maxUploadBytes ?? eDocumentMaxBytes;

  const path = (route: RouteName, params?: Record<string, string>) => routePath(route, params);

  async function read<T>(
    operation: string,
    url: string,
    schema: z.ZodType<T>,
    opts: ReadOptions = {},
    query?: ListQuery
  ): Promise<T> {
    const request: GatewayRequest<T> = { operation, method: "GET", path: url, schema };
    if (query !== undefined) request.query = checked(operation, listQuerySchema, query);
    if (opts.signal !== undefined) request.signal = opts.signal;
    return (await transport.send(request)).data;
  }

  async function write<T>(
    operation: string,
    method: "POST" | "PUT",
    url: string,
    schema: z.ZodType<T>,
    body: Pick<GatewayRequest<T>, "json" | "bytes" | "headers">,
    opts: WriteOptions = {}
  ): Promise<T> {
    const key = opts.idempotencyKey ?? newIdempotencyKey();
    if (!isValidIdempotencyKey(key)) {
      throw new GatewayError("bad-request", "idempotency key must be 8 to 200 visible characters", {
        operation,
        code: "client-validation",
      });
    }
    const request: GatewayRequest<T> = { operation, method, path: url, schema, ...body };
    request.idempotencyKey = key;
    if (opts.signal !== undefined) request.signal = opts.signal;
    return (await transport.send(request)).data;
  }

  const list =
    <T>(operation: string, route: RouteName, schema: z.ZodType<{ items: T[] }>) =>
    async (query: ListQuery = {}, opts?: ReadOptions): Promise<T[]> =>
      (await read(operation, path(route), schema, opts, query)).items;

  return {
    /** The axios instance, for adapters that need one more call (never for bypassing retries). */
    axios: transport.axios,

    health: (opts?: ReadOptions): Promise<Health> =>
      read("getHealth", path("health"), healthSchema, opts),
    me: (opts?: ReadOptions): Promise<Me> => read("getMe", path("me"), meSchema, opts),
    listOffices: async (opts?: ReadOptions): Promise<OfficeResource[]> =>
      (await read("listOffices", path("offices"), officeListSchema, opts)).items,
    getOffice: (officeId: string, opts?: ReadOptions): Promise<OfficeResource> =>
      read("getOffice", path("office", { officeId }), officeSchema, opts),

    getCase: (caseNumber: string, opts?: ReadOptions): Promise<CaseResource> =>
      read("getCase", path("case", { caseNumber }), caseRecordSchema, opts),
    listCaseCorrespondence: async (caseNumber: string, opts?: ReadOptions) =>
      (
        await read(
          "listCaseCorrespondence",
          path("caseCorrespondence", { caseNumber }),
          correspondenceListSchema,
          opts
        )
      ).items,
    listCaseNotes: async (caseNumber: string, opts?: ReadOptions): Promise<Note[]> =>
      (await read("listCaseNotes", path("caseNotes", { caseNumber }), noteListSchema, opts)).items,
    listCaseBounces: async (caseNumber: string, opts?: ReadOptions): Promise<Bounce[]> =>
      (await read("listCaseBounces", path("caseBounces", { caseNumber }), bounceListSchema, opts))
        .items,
    listCaseTransfers: async (caseNumber: string, opts?: ReadOptions): Promise<Transfer[]> =>
      (
        await read(
          "listCaseTransfers",
          path("caseTransfers", { caseNumber }),
          transferListSchema,
          opts
        )
      ).items,

    /** A case note (R7 print, R8 fallback filing, R9 no response, R10, R12, R13). */
    addNote: async (
      caseNumber: string,
      note: CreateNoteRequest,
      opts?: WriteOptions
    ): Promise<Note> =>
      write(
        "createNote",
        "POST",
        path("caseNotes", { caseNumber }),
        noteSchema,
        { json: checked("createNote", createNoteRequestSchema, note) },
        opts
      ),
    createTransfer: async (
      caseNumber: string,
      transfer: CreateTransferRequest,
      opts?: WriteOptions
    ): Promise<Transfer> =>
      write(
        "createTransfer",
        "POST",
        path("caseTransfers", { caseNumber }),
        transferSchema,
        { json: checked("createTransfer", createTransferRequestSchema, transfer) },
        opts
      ),

    /** F1: the pending correspondence recorded at compose time (idempotent on its id too). */
    recordPendingCorrespondence: async (
      correspondence: CreateCorrespondenceRequest,
      opts?: WriteOptions
    ): Promise<Correspondence> =>
      write(
        "createCorrespondence",
        "POST",
        path("correspondenceCollection"),
        correspondenceSchema,
        {
          json: checked("createCorrespondence", createCorrespondenceRequestSchema, correspondence),
        },
        opts
      ),
    getCorrespondence: (correlationId: string, opts?: ReadOptions): Promise<Correspondence> =>
      read(
        "getCorrespondence",
        path("correspondence", { correlationId }),
        correspondenceSchema,
        opts
      ),
    /** The facts of sending (status sent). */
    recordSending: async (
      correlationId: string,
      sending: RecordSendingRequest,
      opts?: WriteOptions
    ): Promise<Correspondence> =>
      write(
        "recordSending",
        "POST",
        path("correspondenceSending", { correlationId }),
        correspondenceSchema,
        { json: checked("recordSending", recordSendingRequestSchema, sending) },
        opts
      ),
    /**
     * R6: the sent message as `.msg`; the gateway checks size (413), kind (415) and digest (400)
     * and sets the status to filed, via Email, in one transaction.
     */
    uploadEDocument: async (
      correlationId: string,
      msg: Uint8Array,
      opts?: WriteOptions
    ): Promise<Correspondence> => {
      if (msg.byteLength > maxUploadBytes) {
        throw new GatewayError(
          "too-large",
          `e-document of ${msg.byteLength} bytes exceeds ${maxUploadBytes}`,
          { operation: "putEDocument", code: "payload-too-large" }
        );
      }
      const digest = await contentDigestHeader(msg);
      return write(
        "putEDocument",
        "PUT",
        path("correspondenceEDocument", { correlationId }),
        correspondenceSchema,
        {
          bytes: { data: msg, contentType: msgMediaType },
          headers: { [contractHeaders.contentDigest]: digest },
        },
        opts
      );
    },
    /** The filed `.msg`; where the gateway sends a Content-Digest, the bytes are checked against it. */
    getEDocument: async (correlationId: string, opts: ReadOptions = {}): Promise<Uint8Array> => {
      const request: GatewayRequest<Uint8Array> = {
        operation: "getEDocument",
        method: "GET",
        path: path("correspondenceEDocument", { correlationId }),
        schema: bytesSchema,
        binaryResponse: true,
      };
      if (opts.signal !== undefined) request.signal = opts.signal;
      const response = await transport.send(request);
      const announced = response.headers[contractHeaders.contentDigest.toLowerCase()];
      if (announced !== undefined && announced !== (await contentDigestHeader(response.data))) {
        throw new GatewayError("invalid-response", "e-document does not match its Content-Digest", {
          operation: "getEDocument",
          status: response.status,
          attempts: response.attempts,
        });
      }
      return response.data;
    },
    /** R7: the message is over the limit; a print-to-file task (status print-required). */
    createPrintTask: async (
      correlationId: string,
      task: CreatePrintTaskRequest,
      opts?: WriteOptions
    ): Promise<PrintTask> =>
      write(
        "createPrintTask",
        "POST",
        path("correspondencePrintTask", { correlationId }),
        printTaskSchema,
        { json: checked("createPrintTask", createPrintTaskRequestSchema, task) },
        opts
      ),
    /** R10: a delivery report tied to this correspondence (status bounced). */
    recordBounce: async (
      correlationId: string,
      bounce: CreateBounceRequest,
      opts?: WriteOptions
    ): Promise<Bounce> =>
      write(
        "createBounce",
        "POST",
        path("correspondenceBounces", { correlationId }),
        bounceSchema,
        { json: checked("createBounce", createBounceRequestSchema, bounce) },
        opts
      ),
    recordResponse: async (
      correlationId: string,
      response: RecordResponseRequest,
      opts?: WriteOptions
    ): Promise<Correspondence> =>
      write(
        "recordResponse",
        "POST",
        path("correspondenceResponse", { correlationId }),
        correspondenceSchema,
        { json: checked("recordResponse", recordResponseRequestSchema, response) },
        opts
      ),
    /** F7: the printable proof of sending (R13, R14). */
    getProof: (correlationId: string, opts?: ReadOptions): Promise<ProofOfSending> =>
      read("getProof", path("correspondenceProof", { correlationId }), proofOfSendingSchema, opts),
    /** R12: the applicant was told of the transfer by this correspondence. */
    recordTransferNotice: async (
      transferId: string,
      notice: RecordTransferNoticeRequest,
      opts?: WriteOptions
    ): Promise<Transfer> =>
      write(
        "recordTransferNotice",
        "POST",
        path("transferNotice", { transferId }),
        transferSchema,
        { json: checked("recordTransferNotice", recordTransferNoticeRequestSchema, notice) },
        opts
      ),

    listPrintTasks: list<PrintTask>("listPrintTasks", "printTasks", printTaskListSchema),
    /** F3: pending or sent, not yet filed. */
    listPendingFiling: list<Correspondence>(
      "listPendingFiling",
      "listPendingFiling",
      correspondenceListSchema
    ),
    /** F5: past the deadline without response or follow-up (R9). */
    listAwaitingResponse: list<Correspondence>(
      "listAwaitingResponse",
      "listAwaitingResponse",
      correspondenceListSchema
    ),
    /** F6: transferred for processing, applicant not yet told (R12). */
    listTransferredNotNotified: list<Transfer>(
      "listTransferredNotNotified",
      "listTransferredNotNotified",
      transferListSchema
    ),

    /** SHA-256 (hex) as the gateway records it, to compare with `eDocument.sha256`. */
    sha256Hex,
  };
}

/** Request bodies are checked against the contract before sending: a clear local error, no 400. */
function checked<T>(operation: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new GatewayError(
    "bad-request",
    `invalid ${operation} request: ${parsed.error.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".") || "(root)"}: ${i.code}`)
      .join("; ")}`,
    { operation, code: "client-validation" }
  );
}
