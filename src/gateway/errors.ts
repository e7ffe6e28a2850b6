/**
 * Every way a gateway call can fail, as one typed error. Callers (the filing pipeline, the pane)
 * branch on `kind`, never on axios internals, and show `gatewayMessages[kind]` to the officer.
 */
export const gatewayErrorKinds = [
  /** No response: connection refused, reset or dropped, DNS, offline. */
  "network",
  /** No complete response within the client's time-out. */
  "timeout",
  /** The caller aborted (pane closed, user cancelled). */
  "cancelled",
  /** The token provider had no token (sign-in needed). */
  "token-unavailable",
  /** 401: token missing, expired or refused. */
  "unauthorized",
  /** 403: the officer's offices do not include the case. */
  "forbidden",
  /** 404 */
  "not-found",
  /** 409: the resource is in a state that refuses the request (for example already filed). */
  "conflict",
  /** 422 on an idempotency key already used for a different request. */
  "idempotency-mismatch",
  /** 400 or 422: the gateway refused the request's content (for example a digest mismatch). */
  "bad-request",
  /** 413: the e-document is larger than the gateway accepts. */
  "too-large",
  /** 415: the body is not an Outlook message in a compound file. */
  "unsupported",
  /** 429 after the retries ran out. */
  "rate-limited",
  /** 5xx after the retries ran out. */
  "server",
  /** Any other HTTP status. */
  "http",
  /** A 2xx whose body does not match the contract. */
  "invalid-response",
] as const;

export type GatewayErrorKind = (typeof gatewayErrorKinds)[number];

export interface GatewayErrorDetails {
  /** The HTTP status where a response arrived. */
  status?: number;
  /** The gateway's machine-readable error code from the body, where it sent one. */
  code?: string;
  /** Which operation failed, such as `uploadEDocument` (no personal information). */
  operation?: string;
  /** How many attempts were made before giving up. */
  attempts?: number;
  cause?: unknown;
}

export class GatewayError extends Error {
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly operation: string | undefined;
  readonly attempts: number | undefined;

  constructor(
    readonly kind: GatewayErrorKind,
    message: string,
    details: GatewayErrorDetails = {}
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "GatewayError";
    this.status = details.status;
    this.code = details.code;
    this.operation = details.operation;
    this.attempts = details.attempts;
  }
}

export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}

/** The error kind an HTTP error status maps to; `code` lets 422 name an idempotency reuse. */
export function kindForStatus(status: number, code?: string): GatewayErrorKind {
  switch (status) {
    case 400:
      return "bad-request";
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not-found";
    case 409:
      return "conflict";
    case 413:
      return "too-large";
    case 415:
      return "unsupported";
    case 422:
      return code !== undefined && /idempotenc/i.test(code)
        ? "idempotency-mismatch"
        : "bad-request";
    case 429:
      return "rate-limited";
    default:
      return status >= 500 ? "server" : "http";
  }
}
