/** An error the gateway answers with its contract shape (`errorSchema`): status, code, message. */
import type { ErrorBody, ErrorCode } from "../gateway/contract";

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly issues?: { path: string; message: string }[],
    readonly headers: Readonly<Record<string, string>> = {}
  ) {
    super(message);
    this.name = "HttpError";
  }

  body(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues === undefined ? {} : { issues: this.issues }),
      },
    };
  }
}

export const notFound = (what: string) => new HttpError(404, "not-found", `${what} not found`);
export const conflict = (message: string) => new HttpError(409, "conflict", message);
export const invalidState = (message: string) => new HttpError(409, "invalid-state", message);
