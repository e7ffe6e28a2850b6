/**
 * Office.js calls end in an `AsyncResult`; the adapters turn each one into a typed result so that
 * callers handle failures as values (with Office's own error code) instead of callbacks or throws.
 */
export interface OfficeError {
  /** Office's numeric error code (for example 9041 for a network error); null when none was given. */
  code: number | null;
  name: string;
  message: string;
}

export type OfficeResult<T> = { ok: true; value: T } | { ok: false; error: OfficeError };

export function ok<T>(value: T): OfficeResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(name: string, message: string, code: number | null = null) {
  return { ok: false, error: { code, name, message } } as OfficeResult<T>;
}

interface AsyncResultLike<T> {
  status: Office.AsyncResultStatus | string;
  value: T;
  error?: { code?: number; name?: string; message?: string } | null;
}

function succeeded(status: unknown): boolean {
  // Office.AsyncResultStatus.Succeeded is the string "succeeded"; shims and mocks use the same.
  return status === "succeeded" || status === 0;
}

/**
 * Wraps one callback-style Office call. A synchronous throw (an API missing on this client)
 * becomes a failure named `NotSupported` rather than escaping.
 */
export function fromAsync<T>(
  call: (callback: (result: AsyncResultLike<T>) => void) => void
): Promise<OfficeResult<T>> {
  return new Promise((resolve) => {
    try {
      call((result) => {
        if (succeeded(result.status)) {
          resolve(ok(result.value));
        } else {
          const e = result.error ?? {};
          resolve(fail(e.name ?? "OfficeError", e.message ?? "", e.code ?? null));
        }
      });
    } catch (error) {
      resolve(fail("NotSupported", error instanceof Error ? error.message : String(error)));
    }
  });
}

/** The value, or `fallback` when the call failed. */
export function valueOr<T>(result: OfficeResult<T>, fallback: T): T {
  return result.ok ? result.value : fallback;
}
