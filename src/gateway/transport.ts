/**
 * The one axios instance behind every gateway call, and the attempt loop around it: bearer token
 * from the token provider on each attempt, a per-attempt deadline, retries only where they are
 * safe (reads, and writes that carry an idempotency key), and every failure turned into a
 * `GatewayError`. Browser and Node alike: no Node built-ins here.
 */
import axios, { AxiosError, type AxiosInstance, type AxiosResponse } from "axios";
import type { z } from "zod";
import type { TokenProvider } from "../auth/token-provider";
import { GatewayError, kindForStatus, type GatewayErrorKind } from "./errors";
import { idempotencyHeader } from "./idempotency";
import {
  defaultRetryPolicy,
  parseRetryAfter,
  realRetryEnvironment,
  withRetry,
  type AttemptFailure,
  type RetryEnvironment,
  type RetryPolicy,
} from "./retry";

export interface TransportOptions {
  /** The gateway's origin and API prefix, for example `https://gw.example.com/api/v1`. */
  baseUrl: string;
  tokenProvider: TokenProvider;
  /** Deadline of one attempt, from sending to the last byte of the response. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Ask the token provider never to prompt (the send-time handler). */
  silentOnly?: boolean;
  /** Tests inject a fake clock and random source; production uses the real ones. */
  retryEnvironment?: RetryEnvironment;
  /** Sees each retry (attempt number, wait, error kind); carries no personal information. */
  onRetry?: (info: {
    operation: string;
    attempt: number;
    delayMs: number;
    kind: GatewayErrorKind;
  }) => void;
}

export interface GatewayRequest<T> {
  /** Method name for errors and retry reports, such as `uploadEDocument`. */
  operation: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON body, or raw bytes with their content type. */
  json?: unknown;
  bytes?: { data: Uint8Array; contentType: string };
  headers?: Record<string, string>;
  /** Sent on every attempt; a write without one is never retried. */
  idempotencyKey?: string;
  /** The successful statuses this call expects (default: any 2xx). */
  okStatuses?: readonly number[];
  /** The body is bytes (a `.msg`), handed to `schema` as a Uint8Array. */
  binaryResponse?: boolean;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
}

export interface GatewayResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string>;
  attempts: number;
}

export interface Transport {
  readonly axios: AxiosInstance;
  send<T>(request: GatewayRequest<T>): Promise<GatewayResponse<T>>;
}

/** The token provider failed: told apart from axios's own errors by this wrapper. */
class TokenFetchError extends Error {
  constructor(override readonly cause: unknown) {
    super("token provider failed");
  }
}

/** Carries the retry hint of a failed attempt alongside its final error. */
class AttemptError extends Error {
  constructor(
    readonly error: GatewayError,
    readonly failure: AttemptFailure
  ) {
    super(error.message);
  }
}

const retryableStatuses = (status: number) => status === 429 || (status >= 500 && status !== 501);

export function createTransport(options: TransportOptions): Transport {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const env = options.retryEnvironment ?? realRetryEnvironment;
  const timeoutMs = options.timeoutMs ?? 15_000;

  const instance = axios.create({
    baseURL: options.baseUrl.replace(/\/+$/, ""),
    // Our own per-attempt deadline (below) covers the whole exchange the same way in every adapter.
    timeout: 0,
    // Statuses are judged here, not by axios, so an error body is still read and classified.
    validateStatus: () => true,
    // No redirects: a bearer token must not follow a redirect to another host.
    maxRedirects: 0,
    // Loopback and intranet gateways must not go through an HTTP_PROXY from the environment.
    proxy: false,
    headers: { Accept: "application/json" },
  });
  instance.interceptors.request.use(async (config) => {
    let token: string;
    try {
      token = await options.tokenProvider.getToken("gateway", {
        silentOnly: options.silentOnly === true,
      });
    } catch (error) {
      throw new TokenFetchError(error);
    }
    config.headers.set("Authorization", `Bearer ${token}`);
    return config;
  });

  async function attemptOnce<T>(request: GatewayRequest<T>): Promise<GatewayResponse<T>> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onCallerAbort = () => controller.abort();
    // An abort event never fires for a signal that is already aborted: check it first.
    if (request.signal?.aborted) controller.abort();
    request.signal?.addEventListener("abort", onCallerAbort, { once: true });
    const fail = (kind: GatewayErrorKind, message: string, failure: AttemptFailure, extra = {}) =>
      new AttemptError(
        new GatewayError(kind, message, { operation: request.operation, ...extra }),
        {
          ...failure,
        }
      );

    let response: AxiosResponse<unknown>;
    try {
      const headers: Record<string, string> = { ...request.headers };
      if (request.idempotencyKey !== undefined) headers[idempotencyHeader] = request.idempotencyKey;
      let data: unknown = request.json;
      if (request.bytes !== undefined) {
        const { data: bytes, contentType } = request.bytes;
        // An exact ArrayBuffer: axios sends a view's whole underlying buffer, not the view.
        data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        headers["Content-Type"] = contentType;
      }
      response = await instance.request<unknown>({
        method: request.method,
        url: request.path,
        params: request.query,
        data,
        headers,
        signal: controller.signal,
        ...(request.binaryResponse === true ? { responseType: "arraybuffer" as const } : {}),
      });
    } catch (error) {
      if (request.signal?.aborted) {
        throw fail(
          "cancelled",
          "gateway request cancelled",
          { retryable: false },
          { cause: error }
        );
      }
      if (timedOut) {
        throw fail("timeout", `no answer within ${timeoutMs} ms`, { retryable: true });
      }
      if (error instanceof AxiosError) {
        throw fail(
          "network",
          `network error (${error.code ?? "unknown"})`,
          { retryable: true },
          {
            cause: error,
          }
        );
      }
      // The request interceptor failed: the token provider had no token. Retrying will not help.
      throw fail("token-unavailable", "no gateway token", { retryable: false }, { cause: error });
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onCallerAbort);
    }

    const headers = flattenHeaders(response.headers);
    const ok =
      request.okStatuses === undefined
        ? response.status >= 200 && response.status < 300
        : request.okStatuses.includes(response.status);
    const body = request.binaryResponse === true ? toBytes(response.data) : response.data;
    if (!ok) {
      const code = errorCode(body instanceof Uint8Array ? decodeJson(body) : body);
      const retryable = retryableStatuses(response.status);
      throw fail(
        kindForStatus(response.status, code),
        `gateway answered HTTP ${response.status}${code === undefined ? "" : ` (${code})`}`,
        {
          retryable,
          ...(retryable
            ? { retryAfterMs: parseRetryAfter(headers["retry-after"], env.now()) }
            : {}),
        },
        { status: response.status, code }
      );
    }
    const parsed = request.schema.safeParse(body);
    if (!parsed.success) {
      // Never retried: the gateway answered, and the change (if any) is already made.
      throw fail(
        "invalid-response",
        `response does not match the contract: ${parsed.error.issues
          .slice(0, 3)
          .map((i) => `${i.path.join(".") || "(root)"}: ${i.code}`)
          .join("; ")}`,
        { retryable: false },
        { status: response.status }
      );
    }
    return { status: response.status, data: parsed.data, headers, attempts: 0 };
  }

  return {
    axios: instance,
    async send<T>(request: GatewayRequest<T>): Promise<GatewayResponse<T>> {
      const safeToRetry = request.method === "GET" || request.idempotencyKey !== undefined;
      let attempts = 0;
      try {
        const result = await withRetry(
          (n) => {
            attempts = n;
            return attemptOnce(request);
          },
          (error) =>
            error instanceof AttemptError && safeToRetry ? error.failure : { retryable: false },
          {
            policy,
            env,
            ...(request.signal === undefined ? {} : { signal: request.signal }),
            onRetry: ({ attempt, delayMs, error }) =>
              options.onRetry?.({
                operation: request.operation,
                attempt,
                delayMs,
                kind: error instanceof AttemptError ? error.error.kind : "network",
              }),
          }
        );
        return { ...result, attempts };
      } catch (error) {
        if (error instanceof AttemptError) {
          const e = error.error;
          throw new GatewayError(e.kind, e.message, {
            operation: e.operation,
            attempts,
            ...(e.status === undefined ? {} : { status: e.status }),
            ...(e.code === undefined ? {} : { code: e.code }),
            ...(e.cause === undefined ? {} : { cause: e.cause }),
          });
        }
        if (request.signal?.aborted) {
          throw new GatewayError("cancelled", "gateway request cancelled", {
            operation: request.operation,
            attempts,
            cause: error,
          });
        }
        throw error;
      }
    },
  };
}

function flattenHeaders(headers: AxiosResponse["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return out;
}

/** Node's axios gives a Buffer, browsers an ArrayBuffer: both become a plain Uint8Array view. */
function toBytes(data: unknown): unknown {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return data;
}

function decodeJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** The error code from an error body, whatever of the usual shapes the gateway used. */
function errorCode(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  if (typeof record.code === "string") return record.code;
  const nested = record.error;
  if (typeof nested === "object" && nested !== null) {
    const code = (nested as Record<string, unknown>).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
