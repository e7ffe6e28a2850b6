/**
 * The client against a scripted loopback server: retries, backoff, Retry-After, idempotency keys,
 * time-outs, dropped uploads, wrong shapes and the error kinds. Delays are tiny (or recorded by a
 * fake sleep) so nothing here depends on timing beyond "the stall is longer than the time-out".
 */
import { createHash } from "node:crypto";
import { staticTokenProvider, type TokenProvider } from "../../src/auth/token-provider";
import { createGatewayClient, type GatewayClientOptions } from "../../src/gateway/client";
import type { Correspondence } from "../../src/gateway/contract";
import { GatewayError } from "../../src/gateway/errors";
import type { RetryEnvironment } from "../../src/gateway/retry";
import { respond, startScriptedServer, type ScriptedServer } from "./scripted-server";

const correspondence: Correspondence = {
  id: "corr-0001-abcdef",
  caseNumber: "B000123456",
  officeId: "vancouver",
  purpose: "documents",
  deadline: "2027-01-15",
  expectedRecipient: "applicant@example.com",
  language: "en",
  status: "filed",
  subject: "Request for documents",
  sentAt: "2026-12-04T10:00:00Z",
  from: "casework.west@example.org",
  to: ["applicant@example.com"],
  via: { method: "email", address: "applicant@example.com" },
  eDocument: {
    size: 10,
    sha256: "0".repeat(64),
    uploadedAt: "2026-12-04T10:01:00Z",
    uploadedBy: "officer-1",
  },
  respondedAt: null,
  followedUpAt: null,
  createdAt: "2026-12-04T09:00:00Z",
  createdBy: "officer-1",
  updatedAt: "2026-12-04T10:01:00Z",
};

const pendingRequest = {
  id: "corr-0001-abcdef",
  caseNumber: "B000123456",
  purpose: "documents" as const,
  deadline: "2027-01-15",
  expectedRecipient: "applicant@example.com",
  language: "en" as const,
};

const msgBytes = (size: number) => {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 0xff;
  return bytes;
};

let server: ScriptedServer;
beforeEach(async () => {
  server = await startScriptedServer(respond(200, correspondence));
});
afterEach(async () => {
  await server.close();
});

function client(extra: Partial<GatewayClientOptions> = {}) {
  return createGatewayClient({
    baseUrl: server.url,
    tokenProvider: staticTokenProvider({ gateway: "token-1" }),
    timeoutMs: 2_000,
    retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 20 },
    ...extra,
  });
}

/** Records the waits instead of sleeping, so Retry-After values are checked exactly. */
function recordingEnv(now = Date.parse("2026-12-04T12:00:00Z")) {
  const waits: number[] = [];
  const env: RetryEnvironment = {
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    now: () => now,
  };
  return { env, waits };
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected a GatewayError, the call succeeded");
}

describe("requests", () => {
  it("sends the bearer token, the contract path and a parsed response", async () => {
    const result = await client().getCorrespondence("corr-0001-abcdef");
    expect(result).toEqual(correspondence);
    expect(server.requests).toHaveLength(1);
    const [req] = server.requests;
    expect(req?.method).toBe("GET");
    expect(req?.url).toBe("/api/v1/correspondence/corr-0001-abcdef");
    expect(req?.headers.authorization).toBe("Bearer token-1");
    expect(req?.headers["idempotency-key"]).toBeUndefined();
  });

  it("asks the token provider on every attempt, silently when configured", async () => {
    const calls: Array<{ scope: string; silentOnly: boolean | undefined }> = [];
    let n = 0;
    const tokenProvider: TokenProvider = {
      getToken: async (scope, opts) => {
        calls.push({ scope, silentOnly: opts?.silentOnly });
        return `token-${++n}`;
      },
    };
    server.script(respond(503, { error: { code: "internal", message: "x" } }));
    await client({ tokenProvider, silentOnly: true })
      .getCase("B000123456")
      .catch(() => undefined);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer token-1",
      "Bearer token-2",
    ]);
    expect(calls).toEqual([
      { scope: "gateway", silentOnly: true },
      { scope: "gateway", silentOnly: true },
    ]);
  });

  it("fails with token-unavailable, sending nothing, when the provider has no token", async () => {
    const error = await failure(
      client({ tokenProvider: staticTokenProvider({}) }).getCorrespondence("corr-0001-abcdef")
    );
    expect(error.kind).toBe("token-unavailable");
    expect(server.requests).toHaveLength(0);
  });

  it("refuses an invalid request body locally (no request sent)", async () => {
    const error = await failure(
      client().recordPendingCorrespondence({ ...pendingRequest, expectedRecipient: "not-an-email" })
    );
    expect(error.kind).toBe("bad-request");
    expect(error.code).toBe("client-validation");
    expect(server.requests).toHaveLength(0);
  });
});

describe("retries and idempotency keys", () => {
  it("retries 500, 502 and 503, reusing one idempotency key, and returns the success", async () => {
    server.script(respond(500), respond(502), respond(503), respond(201, correspondence));
    const result = await client().recordPendingCorrespondence(pendingRequest);
    expect(result.id).toBe(correspondence.id);
    expect(server.requests).toHaveLength(4);
    const keys = new Set(server.requests.map((r) => r.headers["idempotency-key"]));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[\x21-\x7e]{8,200}$/);
    expect(new Set(server.requests.map((r) => r.bodySha256)).size).toBe(1);
  });

  it("makes a new key for each logical operation", async () => {
    const c = client();
    await c.recordPendingCorrespondence(pendingRequest);
    await c.recordPendingCorrespondence(pendingRequest);
    const [a, b] = server.requests.map((r) => r.headers["idempotency-key"]);
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });

  it("uses the caller's key where given (a durable queue's stored key)", async () => {
    server.script(respond(500));
    await client()
      .addNote(
        "B000123456",
        { kind: "general", text: "x" },
        { idempotencyKey: "queue-job-42-note" }
      )
      .catch(() => undefined);
    expect(server.requests.map((r) => r.headers["idempotency-key"])).toEqual([
      "queue-job-42-note",
      "queue-job-42-note",
    ]);
  });

  it("gives up after maxAttempts with the server kind and the attempt count", async () => {
    server.script(respond(500), respond(500), respond(500), respond(500), respond(500));
    const error = await failure(client().getCase("B000123456"));
    expect(error.kind).toBe("server");
    expect(error.status).toBe(500);
    expect(error.attempts).toBe(4);
    expect(server.requests).toHaveLength(4);
  });

  it.each([
    [400, "digest-mismatch", "bad-request"],
    [401, "unauthorized", "unauthorized"],
    [403, "forbidden", "forbidden"],
    [404, "not-found", "not-found"],
    [409, "invalid-state", "conflict"],
    [413, "payload-too-large", "too-large"],
    [415, "unsupported-media-type", "unsupported"],
    [422, "idempotency-key-reused", "idempotency-mismatch"],
    [501, "internal", "server"],
    [418, "bad-request", "http"],
  ])("does not retry HTTP %i (%s) and reports it as %s", async (status, code, kind) => {
    server.script(respond(status, { error: { code, message: "refused" } }));
    const error = await failure(client().uploadEDocument("corr-0001-abcdef", msgBytes(100)));
    expect(error.kind).toBe(kind);
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(server.requests).toHaveLength(1);
  });

  it("honours Retry-After in seconds on 429", async () => {
    const { env, waits } = recordingEnv();
    server.script(respond(429, undefined, { "retry-after": "3" }), respond(200, correspondence));
    await client({ retryEnvironment: env }).getCorrespondence("corr-0001-abcdef");
    expect(waits).toEqual([3000]);
    expect(server.requests).toHaveLength(2);
  });

  it("honours Retry-After as an HTTP date on 503", async () => {
    const { env, waits } = recordingEnv(Date.parse("2026-12-04T12:00:00Z"));
    server.script(
      respond(503, undefined, { "retry-after": "Fri, 04 Dec 2026 12:00:02 GMT" }),
      respond(200, correspondence)
    );
    await client({ retryEnvironment: env }).getCorrespondence("corr-0001-abcdef");
    expect(waits).toEqual([2000]);
  });

  it("gives up at once when Retry-After asks for longer than the policy allows", async () => {
    const { env, waits } = recordingEnv();
    server.script(respond(429, undefined, { "retry-after": "3600" }));
    const error = await failure(
      client({ retryEnvironment: env, retry: { maxRetryAfterMs: 60_000 } }).getCase("B000123456")
    );
    expect(error.kind).toBe("rate-limited");
    expect(waits).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("backs off exponentially between attempts without Retry-After", async () => {
    const { env, waits } = recordingEnv();
    server.script(respond(500), respond(500), respond(500));
    await client({
      retryEnvironment: env,
      retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 10_000 },
    })
      .getCase("B000123456")
      .catch(() => undefined);
    // random() = 0.5: half of 100, 200, 400.
    expect(waits).toEqual([50, 100, 200]);
  });
});

describe("faults", () => {
  it("times out a stalled server, retries with the same key, and succeeds", async () => {
    server.script({ kind: "stall", ms: 5_000 }, respond(200, correspondence));
    const started = Date.now();
    const result = await client({ timeoutMs: 300 }).recordSending("corr-0001-abcdef", {
      sentAt: "2026-12-04T10:00:00Z",
      from: "casework.west@example.org",
      to: ["applicant@example.com"],
      subject: "Request for documents",
    });
    expect(result.status).toBe("filed");
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(server.requests).toHaveLength(2);
    const [a, b] = server.requests.map((r) => r.headers["idempotency-key"]);
    expect(a).toBe(b);
  });

  it("reports timeout when every attempt stalls", async () => {
    server.script(
      { kind: "stall", ms: 5_000 },
      { kind: "stall", ms: 5_000 },
      { kind: "stall", ms: 5_000 }
    );
    const error = await failure(
      client({ timeoutMs: 150, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }).getCase(
        "B000123456"
      )
    );
    expect(error.kind).toBe("timeout");
    expect(error.attempts).toBe(3);
  });

  it("times out an answer that stops half-way, then retries", async () => {
    server.script(
      { kind: "partial", json: correspondence, then: "hold" },
      respond(200, correspondence)
    );
    const result = await client({ timeoutMs: 300 }).getCorrespondence("corr-0001-abcdef");
    expect(result).toEqual(correspondence);
    expect(server.requests).toHaveLength(2);
  });

  it("retries an answer cut off mid-body, and reports network when it keeps happening", async () => {
    server.script(
      { kind: "partial", json: correspondence, then: "drop" },
      respond(200, correspondence)
    );
    expect(await client().getCorrespondence("corr-0001-abcdef")).toEqual(correspondence);
    server.script(
      { kind: "partial", json: correspondence, then: "drop" },
      { kind: "partial", json: correspondence, then: "drop" }
    );
    const error = await failure(
      client({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } }).getCorrespondence(
        "corr-0001-abcdef"
      )
    );
    expect(error.kind).toBe("network");
    expect(error.attempts).toBe(2);
  });

  it("reports each retry with its operation, attempt and kind", async () => {
    const seen: Array<{ operation: string; attempt: number; kind: string }> = [];
    server.script(respond(503), { kind: "drop", afterBytes: 1 });
    await client({
      onRetry: ({ operation, attempt, kind }) => seen.push({ operation, attempt, kind }),
    }).uploadEDocument("corr-0001-abcdef", msgBytes(5000));
    expect(seen).toEqual([
      { operation: "putEDocument", attempt: 1, kind: "server" },
      { operation: "putEDocument", attempt: 2, kind: "network" },
    ]);
  });

  it("re-sends the whole upload, same key and digest, after a drop mid-upload", async () => {
    const bytes = msgBytes(1024 * 1024);
    server.script({ kind: "drop", afterBytes: 64 * 1024 }, { kind: "drop", afterBytes: 300_000 });
    const result = await client().uploadEDocument("corr-0001-abcdef", bytes);
    expect(result.id).toBe(correspondence.id);
    expect(server.requests).toHaveLength(3);
    const [first, second, last] = server.requests;
    expect(first?.bodyBytes).toBeLessThan(bytes.length);
    expect(second?.bodyBytes).toBeLessThan(bytes.length);
    expect(last?.bodyBytes).toBe(bytes.length);
    const sha = createHash("sha256").update(bytes).digest();
    expect(last?.bodySha256).toBe(sha.toString("hex"));
    for (const r of server.requests) {
      expect(r.method).toBe("PUT");
      expect(r.url).toBe("/api/v1/correspondence/corr-0001-abcdef/e-document");
      expect(r.headers["content-type"]).toBe("application/vnd.ms-outlook");
      expect(r.headers["content-digest"]).toBe(`sha-256=:${sha.toString("base64")}:`);
    }
    expect(new Set(server.requests.map((r) => r.headers["idempotency-key"])).size).toBe(1);
  });

  it("sends exactly the bytes of a subarray view, not its whole buffer", async () => {
    const whole = msgBytes(5000);
    const view = whole.subarray(100, 1100);
    await client().uploadEDocument("corr-0001-abcdef", view);
    expect(server.requests[0]?.bodyBytes).toBe(1000);
    expect(server.requests[0]?.body.equals(Buffer.from(view))).toBe(true);
  });

  it("reports network after connections refused on every attempt", async () => {
    const url = server.url;
    await server.close();
    server = await startScriptedServer(respond(200, correspondence));
    const error = await failure(
      createGatewayClient({
        baseUrl: url,
        tokenProvider: staticTokenProvider({ gateway: "t" }),
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      }).getCase("B000123456")
    );
    expect(error.kind).toBe("network");
    expect(error.attempts).toBe(2);
  });

  it("turns a wrong shape into invalid-response, without retrying a write", async () => {
    server.script(respond(201, { ...correspondence, status: "misfiled" }));
    const error = await failure(client().recordPendingCorrespondence(pendingRequest));
    expect(error.kind).toBe("invalid-response");
    expect(error.message).toContain("status");
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ["an empty body", ""],
    ["HTML", "<html>proxy error</html>"],
    ["a list where an object is due", "[]"],
    ["a missing field", JSON.stringify({ ...correspondence, eDocument: undefined })],
  ])("turns %s with 200 into invalid-response, never undefined", async (_label, raw) => {
    server.script({ kind: "respond", status: 200, raw });
    const error = await failure(client().getCorrespondence("corr-0001-abcdef"));
    expect(error.kind).toBe("invalid-response");
  });

  it("cancels on the caller's signal, during a stall, without further attempts", async () => {
    server.script({ kind: "stall", ms: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(
      client({ timeoutMs: 5_000 }).getCase("B000123456", { signal: controller.signal })
    );
    expect(error.kind).toBe("cancelled");
    expect(server.requests).toHaveLength(1);
  });

  it("sends nothing for a signal that is already aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(client().getCase("B000123456", { signal: controller.signal }));
    expect(error.kind).toBe("cancelled");
    expect(server.requests).toHaveLength(0);
  });

  it("refuses an over-limit e-document locally", async () => {
    const error = await failure(
      client({ maxUploadBytes: 1000 }).uploadEDocument("corr-0001-abcdef", msgBytes(1001))
    );
    expect(error.kind).toBe("too-large");
    expect(server.requests).toHaveLength(0);
  });
});

describe("getEDocument", () => {
  it("returns the bytes and checks a Content-Digest when the gateway sends one", async () => {
    const bytes = Buffer.from(msgBytes(2048));
    const digest = `sha-256=:${createHash("sha256").update(bytes).digest("base64")}:`;
    server.script(
      {
        kind: "respond",
        status: 200,
        raw: bytes,
        headers: { "content-type": "application/vnd.ms-outlook", "content-digest": digest },
      },
      {
        kind: "respond",
        status: 200,
        raw: Buffer.concat([bytes, Buffer.from([1])]),
        headers: { "content-type": "application/vnd.ms-outlook", "content-digest": digest },
      }
    );
    const c = client();
    const got = await c.getEDocument("corr-0001-abcdef");
    expect(Buffer.from(got).equals(bytes)).toBe(true);
    const error = await failure(c.getEDocument("corr-0001-abcdef"));
    expect(error.kind).toBe("invalid-response");
  });

  it("reads the error code of a JSON error body on a binary call", async () => {
    server.script(respond(404, { error: { code: "not-found", message: "no e-document" } }));
    const error = await failure(client().getEDocument("corr-0001-abcdef"));
    expect(error.kind).toBe("not-found");
    expect(error.code).toBe("not-found");
  });
});
