/**
 * A fault-injecting HTTP proxy on loopback, put in front of the real gateway so that the real
 * service stores whatever got through. For each request a plan picks a fault:
 * - `pass`: forward both ways unchanged;
 * - `fail`: answer 500/502/503/429 itself (with optional Retry-After), the gateway never sees it;
 * - `delay-request`: hold the request `ms` before forwarding it (the client has usually timed
 *   out and retried by then: the late copy still reaches the gateway, as on a slow network);
 * - `drop-upload`: forward the first `afterBytes` of the body, then cut both connections, so the
 *   gateway sees an aborted request;
 * - `drop-response`: forward everything, let the gateway answer (it has committed), then cut the
 *   client's connection before any byte of the answer reaches it;
 * - `stall-response`: as drop-response, but hold the answer `ms` first (the client times out);
 * - `trickle`: forward the body `chunkBytes` every `everyMs`, so an upload stays in flight long
 *   enough for a test to kill the gateway in the middle of it.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type Fault =
  | { kind: "pass" }
  | { kind: "fail"; status: 500 | 502 | 503 | 429; retryAfter?: string }
  | { kind: "delay-request"; ms: number }
  | { kind: "drop-upload"; afterBytes: number }
  | { kind: "drop-response" }
  | { kind: "stall-response"; ms: number }
  | { kind: "trickle"; chunkBytes: number; everyMs: number };

export interface ProxiedRequest {
  /** 0-based index of the request through the proxy. */
  index: number;
  method: string;
  url: string;
  /** The request's Idempotency-Key, so a plan can script each logical operation's attempts. */
  idempotencyKey?: string;
}

export type FaultPlan = (request: ProxiedRequest) => Fault;

export interface FaultProxy {
  url: string;
  /** Every fault applied, in order, with the request it hit. */
  log: Array<ProxiedRequest & { fault: Fault["kind"] }>;
  setPlan(plan: FaultPlan): void;
  /** Sends later requests to another gateway (one restarted on a new port). */
  setUpstream(url: string): void;
  /** Resolves once no request is held or on its way to the gateway (late copies included). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A plan that scripts each logical operation (one Idempotency-Key) on its own: its n-th attempt
 * meets `faultsFor(operationIndex)[n]`, then passes. Deterministic whatever the interleaving of
 * concurrent clients, so every operation is known to get through within its retries.
 */
export function perOperationPlan(faultsFor: (operationIndex: number) => Fault[]): FaultPlan {
  const operations = new Map<string, { index: number; attempts: number }>();
  return (req) => {
    const id = req.idempotencyKey ?? `${req.method} ${req.url}`;
    let op = operations.get(id);
    if (op === undefined) {
      op = { index: operations.size, attempts: 0 };
      operations.set(id, op);
    }
    return faultsFor(op.index)[op.attempts++] ?? { kind: "pass" };
  };
}

export async function startFaultProxy(upstreamUrl: string, plan: FaultPlan): Promise<FaultProxy> {
  let upstream = new URL(upstreamUrl);
  let current = plan;
  let index = 0;
  const log: FaultProxy["log"] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    fault: Fault,
    body: Buffer | null
  ): void {
    const out = httpRequest({
      host: upstream.hostname,
      port: upstream.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: upstream.host, connection: "close" },
    });
    inFlight++;
    out.on("close", () => inFlight--);
    out.on("error", () => res.socket?.destroy());
    out.on("response", (answer) => {
      if (fault.kind === "drop-response" || fault.kind === "stall-response") {
        // Read the answer in full (the gateway has committed), then never deliver it.
        answer.resume();
        answer.on("end", () => {
          if (fault.kind === "drop-response") res.socket?.destroy();
          else later(fault.ms, () => res.socket?.destroy());
        });
        return;
      }
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    if (body !== null) {
      out.end(body);
      return;
    }
    if (fault.kind === "trickle") {
      const chunks: Buffer[] = [];
      let ended = false;
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => (ended = true));
      let pending = Buffer.alloc(0);
      const tick = () => {
        if (out.destroyed) return;
        pending = Buffer.concat([pending, ...chunks.splice(0)]);
        if (pending.length > 0) {
          out.write(pending.subarray(0, fault.chunkBytes));
          pending = pending.subarray(fault.chunkBytes);
        }
        if (ended && pending.length === 0 && chunks.length === 0) out.end();
        else later(fault.everyMs, tick);
      };
      tick();
      return;
    }
    if (fault.kind === "drop-upload") {
      let seen = 0;
      req.on("data", (chunk: Buffer) => {
        if (seen >= fault.afterBytes) return;
        const room = fault.afterBytes - seen;
        seen += chunk.length;
        if (chunk.length < room) {
          out.write(chunk);
          return;
        }
        out.write(chunk.subarray(0, room), () => {
          // Give the partial body a moment to reach the gateway, then cut both sides.
          later(20, () => {
            out.destroy();
            req.socket.destroy();
          });
        });
      });
      req.on("end", () => {
        // The whole body was shorter than the cut-off: still cut, before it is complete upstream.
        out.destroy();
        req.socket.destroy();
      });
      return;
    }
    req.pipe(out);
  }

  const server: Server = createServer((req, res) => {
    const key = req.headers["idempotency-key"];
    const info: ProxiedRequest = {
      index: index++,
      method: req.method ?? "",
      url: req.url ?? "",
      ...(typeof key === "string" ? { idempotencyKey: key } : {}),
    };
    const fault = current(info);
    log.push({ ...info, fault: fault.kind });
    if (fault.kind === "fail") {
      req.resume();
      req.on("end", () => {
        res.writeHead(fault.status, {
          "content-type": "application/json",
          ...(fault.retryAfter === undefined ? {} : { "retry-after": fault.retryAfter }),
        });
        res.end(JSON.stringify({ error: { code: "internal", message: "injected fault" } }));
      });
      return;
    }
    if (fault.kind === "delay-request") {
      // Buffer the body now (the client may abort meanwhile), forward it later regardless.
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => later(fault.ms, () => forward(req, res, fault, Buffer.concat(chunks))));
      req.on("error", () => undefined);
      return;
    }
    forward(req, res, fault, null);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    setPlan: (next) => {
      current = next;
    },
    setUpstream: (url) => {
      upstream = new URL(url);
    },
    idle: async () => {
      while (inFlight > 0 || timers.size > 0) await new Promise((r) => setTimeout(r, 20));
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
