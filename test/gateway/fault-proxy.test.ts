/** The fault proxy itself, against the scripted server: each fault does what the fault tests rely on. */
import { request } from "node:http";
import { startFaultProxy, type Fault, type FaultProxy } from "./fault-proxy";
import { respond, startScriptedServer, type ScriptedServer } from "./scripted-server";

let upstream: ScriptedServer;
let proxy: FaultProxy;
let fault: Fault = { kind: "pass" };

beforeEach(async () => {
  upstream = await startScriptedServer(respond(201, { ok: true }));
  proxy = await startFaultProxy(upstream.url, () => fault);
});
afterEach(async () => {
  await proxy.close();
  await upstream.close();
});

/** One PUT through the proxy: the status, or the error code when the connection broke. */
function put(body: Buffer, timeoutMs = 3_000): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const req = request(`${proxy.url}/api/v1/x`, { method: "PUT", agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error("t"), { code: "TIMEOUT" }))
    );
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

const body = Buffer.alloc(512 * 1024, 7);
const settle = () => new Promise((r) => setTimeout(r, 100));

it("pass forwards the request and the answer", async () => {
  fault = { kind: "pass" };
  expect(await put(body)).toEqual({ status: 201 });
  expect(upstream.requests[0]?.bodyBytes).toBe(body.length);
});

it("fail answers itself; the upstream never sees the request", async () => {
  fault = { kind: "fail", status: 503, retryAfter: "1" };
  expect(await put(body)).toEqual({ status: 503 });
  expect(upstream.requests).toHaveLength(0);
});

it("drop-upload cuts the client and delivers only part of the body upstream", async () => {
  fault = { kind: "drop-upload", afterBytes: 100_000 };
  const result = await put(body);
  expect(result.error).toBeDefined();
  await settle();
  expect(upstream.requests.length).toBeLessThanOrEqual(1);
  for (const r of upstream.requests) expect(r.bodyBytes).toBeLessThan(body.length);
});

it("drop-response lets the upstream answer but the client gets no response", async () => {
  fault = { kind: "drop-response" };
  const result = await put(body);
  expect(result.error).toBeDefined();
  expect(upstream.requests[0]?.bodyBytes).toBe(body.length);
});

it("stall-response holds the answer past the client's time-out", async () => {
  fault = { kind: "stall-response", ms: 2_000 };
  const result = await put(body, 300);
  expect(result.error).toBe("TIMEOUT");
  expect(upstream.requests[0]?.bodyBytes).toBe(body.length);
});

it("delay-request still delivers the whole request after the client gave up", async () => {
  fault = { kind: "delay-request", ms: 400 };
  const result = await put(body, 100);
  expect(result.error).toBe("TIMEOUT");
  expect(upstream.requests).toHaveLength(0);
  await new Promise((r) => setTimeout(r, 700));
  expect(upstream.requests[0]?.bodyBytes).toBe(body.length);
  expect(proxy.log.map((l) => l.fault)).toEqual(["delay-request"]);
});
