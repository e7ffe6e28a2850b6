/**
 * A loopback HTTP server that answers each request with the next step of a script: respond,
 * stall, drop the connection mid-upload, or answer with a wrong shape. It records what arrived
 * (method, path, headers, body size and SHA-256), so the tests can see every attempt the client made.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  /** Bytes of body received before the step finished (less than sent where the step dropped). */
  bodyBytes: number;
  bodySha256: string;
  body: Buffer;
}

export type Step =
  | {
      kind: "respond";
      status: number;
      json?: unknown;
      raw?: string | Buffer;
      headers?: Record<string, string>;
    }
  /** Wait `ms` after the whole body arrived, then respond (or never, where `then` is absent). */
  | { kind: "stall"; ms: number; then?: Step }
  /** Destroy the socket once `afterBytes` of the body have arrived. */
  | { kind: "drop"; afterBytes: number }
  /** Send the status, headers and half of `json`, then hold the rest forever or cut the socket. */
  | { kind: "partial"; json: unknown; then: "hold" | "drop" };

export interface ScriptedServer {
  url: string;
  requests: RecordedRequest[];
  /** Steps for the next requests, in order; once used up, `fallback` answers. */
  script(...steps: Step[]): void;
  close(): Promise<void>;
}

export const respond = (
  status: number,
  json?: unknown,
  headers?: Record<string, string>
): Step => ({ kind: "respond", status, json, ...(headers ? { headers } : {}) });

export async function startScriptedServer(fallback: Step): Promise<ScriptedServer> {
  const queue: Step[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, step: Extract<Step, { kind: "respond" }>) => {
    if (res.destroyed) return;
    const payload =
      step.raw !== undefined ? step.raw : step.json === undefined ? "" : JSON.stringify(step.json);
    res.writeHead(step.status, {
      "content-type": "application/json",
      ...step.headers,
    });
    res.end(payload);
  };

  const server: Server = createServer((req, res) => {
    const step = queue.shift() ?? fallback;
    const chunks: Buffer[] = [];
    const record: RecordedRequest = {
      method: req.method ?? "",
      url: req.url ?? "",
      headers: req.headers,
      bodyBytes: 0,
      bodySha256: "",
      body: Buffer.alloc(0),
    };
    requests.push(record);
    const finishRecord = () => {
      record.body = Buffer.concat(chunks);
      record.bodyBytes = record.body.length;
      record.bodySha256 = createHash("sha256").update(record.body).digest("hex");
    };
    req.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (step.kind === "drop" && record.bodyBytes + chunk.length >= step.afterBytes) {
        finishRecord();
        req.socket.destroy();
        return;
      }
      record.bodyBytes += chunk.length;
    });
    req.on("end", () => {
      finishRecord();
      run(step, res);
    });
  });

  function run(step: Step, res: ServerResponse): void {
    if (step.kind === "respond") send(res, step);
    else if (step.kind === "stall") {
      if (step.then === undefined) return;
      const next = step.then;
      const timer = setTimeout(() => {
        timers.delete(timer);
        run(next, res);
      }, step.ms);
      timers.add(timer);
    } else if (step.kind === "partial") {
      const text = JSON.stringify(step.json);
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(text)),
      });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      if (step.then === "drop") {
        const timer = setTimeout(() => {
          timers.delete(timer);
          res.socket?.destroy();
        }, 20);
        timers.add(timer);
      }
    } else res.socket?.destroy();
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...steps) => queue.push(...steps),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
