import {
  backoffDelay,
  defaultRetryPolicy,
  nextDelay,
  parseRetryAfter,
  withRetry,
  type RetryEnvironment,
  type RetryPolicy,
} from "../../src/gateway/retry";

const policy: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  maxRetryAfterMs: 5000,
};

describe("backoffDelay (exponential, full jitter)", () => {
  it("draws uniformly below base * 2^(n-1), capped at maxDelayMs", () => {
    expect(backoffDelay(1, policy, () => 0.999)).toBe(99);
    expect(backoffDelay(2, policy, () => 0.999)).toBe(199);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(200);
    expect(backoffDelay(10, policy, () => 0.999)).toBe(999);
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-12-04T12:00:00Z");
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
  });
  it("reads an IMF-fixdate relative to now, and a past date as 0", () => {
    expect(parseRetryAfter("Fri, 04 Dec 2026 12:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Fri, 04 Dec 2026 11:00:00 GMT", now)).toBe(0);
  });
  it("ignores absent, negative, fractional and unreadable values", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter("-1", now)).toBeUndefined();
    expect(parseRetryAfter("1.5", now)).toBeUndefined();
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter("2026", now)).toBe(2026 * 1000);
  });
});

describe("nextDelay", () => {
  it("stops on a final failure and when the attempts run out", () => {
    expect(nextDelay(1, { retryable: false }, policy, () => 0.5)).toBeUndefined();
    expect(nextDelay(4, { retryable: true }, policy, () => 0.5)).toBeUndefined();
    expect(nextDelay(3, { retryable: true }, policy, () => 0.5)).toBe(200);
  });
  it("waits at least the Retry-After, and gives up when it is longer than allowed", () => {
    expect(nextDelay(1, { retryable: true, retryAfterMs: 2000 }, policy, () => 0.5)).toBe(2000);
    expect(nextDelay(3, { retryable: true, retryAfterMs: 10 }, policy, () => 0.5)).toBe(200);
    expect(
      nextDelay(1, { retryable: true, retryAfterMs: 5001 }, policy, () => 0.5)
    ).toBeUndefined();
  });
  it("has sane defaults", () => {
    expect(defaultRetryPolicy.maxAttempts).toBeGreaterThan(1);
    expect(defaultRetryPolicy.baseDelayMs).toBeLessThan(defaultRetryPolicy.maxDelayMs);
  });
});

describe("withRetry", () => {
  function fakeEnv(): RetryEnvironment & { waits: number[] } {
    const waits: number[] = [];
    return {
      waits,
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 0.5,
      now: () => 0,
    };
  }

  it("retries retryable failures with the backoff schedule, then succeeds", async () => {
    const env = fakeEnv();
    let calls = 0;
    const result = await withRetry(
      async (n) => {
        calls++;
        if (n < 3) throw new Error(`fail ${n}`);
        return "done";
      },
      () => ({ retryable: true }),
      { policy, env }
    );
    expect(result).toBe("done");
    expect(calls).toBe(3);
    expect(env.waits).toEqual([50, 100]);
  });

  it("rethrows the last error once the attempts run out", async () => {
    const env = fakeEnv();
    await expect(
      withRetry(
        async (n) => {
          throw new Error(`fail ${n}`);
        },
        () => ({ retryable: true }),
        { policy, env }
      )
    ).rejects.toThrow("fail 4");
    expect(env.waits).toHaveLength(3);
  });

  it("does not retry a final failure", async () => {
    const env = fakeEnv();
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new Error("final");
        },
        () => ({ retryable: false }),
        { policy, env }
      )
    ).rejects.toThrow("final");
    expect(calls).toBe(1);
  });

  it("stops waiting when the caller aborts", async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = withRetry(
      async () => {
        calls++;
        throw new Error("down");
      },
      () => ({ retryable: true }),
      { policy: { ...policy, baseDelayMs: 60_000, maxDelayMs: 60_000 }, signal: controller.signal }
    );
    setTimeout(() => controller.abort(new Error("closed")), 20);
    const started = Date.now();
    await expect(pending).rejects.toThrow("closed");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(calls).toBe(1);
  });
});
