/**
 * Retries for one logical gateway operation: exponential backoff with full jitter, honouring
 * Retry-After. Written here rather than taken from axios-retry because the unit that retries must
 * be the logical operation, not the axios request: the idempotency key and the Content-Digest are
 * made once before the first attempt and every attempt reuses them, each attempt gets its own
 * time-out, and a caller's abort stops the waiting too. The clock and the random source are
 * injectable so the tests can check the schedule exactly.
 */

export interface RetryPolicy {
  /** Attempts in all, the first included (1 = no retry). */
  maxAttempts: number;
  /** The backoff cap for attempt n is min(maxDelayMs, baseDelayMs * 2^(n-1)). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this ends the retries instead of waiting (the pane stays live). */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxRetryAfterMs: 30_000,
};

/** What one failed attempt says about retrying. */
export interface AttemptFailure {
  retryable: boolean;
  /** Milliseconds the server asked to wait (parsed Retry-After), where it asked. */
  retryAfterMs?: number;
}

export interface RetryEnvironment {
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1). */
  random: () => number;
  /** Wall clock in ms since the epoch, for Retry-After as an HTTP date. */
  now: () => number;
}

export const realRetryEnvironment: RetryEnvironment = {
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
  random: Math.random,
  now: Date.now,
};

/** Full jitter (a uniform draw between 0 and the exponential cap) spreads retrying clients apart. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}

/**
 * Retry-After (RFC 9110 section 10.2.3): delay-seconds or an HTTP date. Returns milliseconds from
 * `now`, 0 for a date in the past, undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only the date formats HTTP allows: they all name a weekday and GMT.
  if (!/^[A-Za-z]{3,9},? .*GMT$/.test(text) && !/^[A-Za-z]{3} [A-Za-z]{3} /.test(text)) {
    return undefined;
  }
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** The wait before the next attempt, or undefined to stop retrying. */
export function nextDelay(
  attempt: number,
  failure: AttemptFailure,
  policy: RetryPolicy,
  random: () => number
): number | undefined {
  if (!failure.retryable || attempt >= policy.maxAttempts) return undefined;
  const jittered = backoffDelay(attempt, policy, random);
  if (failure.retryAfterMs === undefined) return jittered;
  if (failure.retryAfterMs > policy.maxRetryAfterMs) return undefined;
  return Math.max(failure.retryAfterMs, jittered);
}

/**
 * Runs `attempt(n)` until it succeeds, `classify` says the failure is final, or the attempts run
 * out; then rethrows the last failure. `onRetry` sees each scheduled wait (for tests and logs).
 */
export async function withRetry<T>(
  attempt: (n: number) => Promise<T>,
  classify: (error: unknown) => AttemptFailure,
  options: {
    policy: RetryPolicy;
    env?: RetryEnvironment;
    signal?: AbortSignal;
    onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  }
): Promise<T> {
  const env = options.env ?? realRetryEnvironment;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const delay = nextDelay(n, classify(error), options.policy, env.random);
      if (delay === undefined) throw error;
      options.onRetry?.({ attempt: n, delayMs: delay, error });
      await env.sleep(delay, options.signal);
    }
  }
}
