/**
 * `npm run bench -- gateway [--duration S] [--clients N] [--size BYTES] [--think-ms MS]
 * [--engines sqlite,sqlite-db,pg,pg-files] [--content attachment|text]`:
 * N concurrent officers (default 50, each with their own token) filing e-documents of SIZE bytes
 * (default 1 MB) for S seconds (default 20) against the real gateway on loopback: each filing is
 * the pane's three calls (record pending, record sending, upload the .msg). SQLite always;
 * PostgreSQL when DATABASE_URL is set (said so when skipped); each engine with the e-document
 * store named (files or the database). The gateway runs in a child process so
 * that the load generator does not share its event loop. The peer, measured in the same run, is a
 * bare node:http sink that reads the same upload and answers at once: the loopback floor.
 * Prints JSON lines: requests per second, p50 and p99 latency per operation. Goal: p99 < 250 ms.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent, createServer, request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { eDocumentMaxBytes } from "../../src/gateway/contract";
import { buildMsg } from "../gateway/msg-body";
import type { SqliteDatabase } from "../../src/server/storage/sqlite-database";
import { median, percentile, printResult, round } from "./stats";

const engineNames = ["sqlite", "sqlite-db", "pg", "pg-files"] as const;
type EngineName = (typeof engineNames)[number];

const argsSchema = z.object({
  duration: z.coerce.number().min(1).max(120).default(20),
  clients: z.coerce.number().int().min(1).max(200).default(50),
  size: z.coerce
    .number()
    .int()
    .min(4096)
    .max(eDocumentMaxBytes)
    .default(1024 * 1024),
  /**
   * What fills the e-document: one attachment of random bytes (`attachment`, the default: a PDF or
   * a scan, as most large e-documents are) or a repeated text body (`text`, which PostgreSQL's
   * compression shrinks about a hundredfold; the figures before 2026-12-04 used it).
   */
  content: z.enum(["attachment", "text"]).default("attachment"),
  /** Pause of each officer between filings (0: back to back, the saturation figure). */
  thinkMs: z.coerce.number().int().min(0).max(60_000).default(0),
  /**
   * Each engine with its e-document store: `sqlite` (files beside the database, its default),
   * `sqlite-db` (in the database), `pg` (in the database, its default) and `pg-files` (files in a
   * folder, as instances sharing a mounted folder keep them).
   */
  engines: z
    .string()
    .default("sqlite,pg,pg-files")
    .transform((s) => s.split(",").map((e) => e.trim()))
    .pipe(z.array(z.enum(engineNames)).min(1)),
});
type BenchArgs = z.infer<typeof argsSchema>;

const goalP99Ms = 250;
const requestTimeoutMs = 30_000;
const caseNumber = "B000100001";
const recipient = "alex.sample@example.com";

/** What the child process reports once its server listens. */
const readySchema = z.object({ url: z.string(), tokens: z.array(z.string()) });

function parseArgs(args: string[]): BenchArgs | string {
  const raw: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    const value = args[i + 1];
    if (name === undefined || !name.startsWith("--") || value === undefined) {
      return `expected --name value pairs, got ${args.slice(i).join(" ")}`;
    }
    raw[name.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] = value;
  }
  const parsed = argsSchema.safeParse(raw);
  return parsed.success
    ? parsed.data
    : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}

export async function run(args: string[]): Promise<void> {
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    process.stderr.write(`bench gateway: ${parsed}\n`);
    process.exitCode = 2;
    return;
  }
  const settings = parsed;
  const msg = Buffer.from(buildMsg(settings.size, "bench", settings.content));
  const common = {
    bench: "gateway",
    clients: settings.clients,
    bodyBytes: msg.length,
    content: settings.content,
    ...(settings.thinkMs > 0 ? { thinkMs: settings.thinkMs } : {}),
  };
  // The machine's state, to judge the figures by: other work on the same cores inflates latency.
  printResult({
    ...common,
    durationS: settings.duration,
    cpus: cpus().length,
    loadAverage1m: round(loadavg()[0] ?? 0, 2),
  });

  const sink = await startChild("sink", settings.clients);
  const sinkResult = await load(sink.ready, settings, msg, "sink");
  await sink.stop();
  const sinkPut = summarize("put (sink)", sinkResult.put, sinkResult.seconds);
  printResult({ ...common, engine: "raw-http-sink", ...sinkPut, errors: sinkResult.errors });

  for (const engine of settings.engines) {
    if (engine.startsWith("pg") && (process.env.DATABASE_URL ?? "") === "") {
      printResult({ ...common, engine, skipped: "DATABASE_URL is not set" });
      continue;
    }
    printResult({ ...common, engine, loadAverage1m: round(loadavg()[0] ?? 0, 2) });
    const child = await startChild(engine, settings.clients);
    let result: LoadResult;
    let stopped: z.infer<typeof stoppedSchema>;
    try {
      result = await load(child.ready, settings, msg, "gateway");
    } finally {
      stopped = await child.stop();
    }
    const serverCpuMs = stopped.cpuMs;
    const put = summarize("putEDocument", result.put, result.seconds);
    const all = [...result.create, ...result.sending, ...result.put];
    for (const line of [
      summarize("createCorrespondence", result.create, result.seconds),
      summarize("recordSending", result.sending, result.seconds),
      put,
      summarize("all requests", all, result.seconds),
      summarize("filing (3 requests)", result.filing, result.seconds),
    ]) {
      printResult({ ...common, engine, durationS: round(result.seconds, 1), ...line });
    }
    printResult({
      ...common,
      engine,
      errors: result.errors,
      errorStatuses: result.errorStatuses,
      goal: `putEDocument p99 < ${goalP99Ms} ms`,
      p99Ms: put.p99Ms,
      meetsGoal: put.p99Ms < goalP99Ms && result.errors === 0,
      p99VsSink: round(put.p99Ms / sinkPut.p99Ms, 2),
      p50VsSink: round(put.p50Ms / sinkPut.p50Ms, 2),
      // Less sensitive to the machine's other work than latency: the gateway process's CPU time
      // (user + system, the database server's own not included) per completed filing.
      gatewayCpuMsPerFiling: round(serverCpuMs / Math.max(1, result.filing.length), 2),
      gatewayPeakRssMb: stopped.peakRssMb ?? null,
      // SQLite: checkpoint passes on the worker, and the writes that waited for one (WAL bound).
      ...(stopped.walCheckpoints == null
        ? {}
        : {
            checkpointPasses: stopped.walCheckpoints.passes,
            walBoundWaits: stopped.walCheckpoints.waits,
            walBoundWaitMsTotal: round(stopped.walCheckpoints.waitMs, 1),
            walBoundWaitMsMax: round(stopped.walCheckpoints.maxWaitMs, 1),
          }),
    });
  }
}

function summarize(op: string, latencies: number[], seconds: number) {
  return {
    op,
    requests: latencies.length,
    rps: round(latencies.length / seconds, 1),
    p50Ms: round(median(latencies), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(
      latencies.reduce((m, v) => Math.max(m, v), 0),
      1
    ),
  };
}

interface LoadResult {
  seconds: number;
  create: number[];
  sending: number[];
  put: number[];
  filing: number[];
  errors: number;
  errorStatuses: Record<string, number>;
}

/** `clients` loops filing until the deadline; each request's latency is recorded by operation. */
async function load(
  ready: z.infer<typeof readySchema>,
  settings: BenchArgs,
  msg: Buffer,
  target: "gateway" | "sink"
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: settings.clients });
  const digest = `sha-256=:${createHash("sha256").update(msg).digest("base64")}:`;
  const result: LoadResult = {
    seconds: 0,
    create: [],
    sending: [],
    put: [],
    filing: [],
    errors: 0,
    errorStatuses: {},
  };
  const send = (
    token: string,
    method: string,
    path: string,
    body: Buffer,
    headers: Record<string, string>
  ) =>
    new Promise<{ status: number; ms: number }>((resolve) => {
      const started = performance.now();
      const req = request(
        `${ready.url}${path}`,
        {
          method,
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            "content-length": String(body.length),
            ...headers,
          },
        },
        (res) => {
          res.resume();
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, ms: performance.now() - started })
          );
        }
      );
      req.on("error", () => resolve({ status: 0, ms: performance.now() - started }));
      // Bounded: a request the gateway never answers counts as an error instead of hanging the run.
      req.setTimeout(requestTimeoutMs, () => req.destroy());
      req.end(body);
    });
  const record = (into: number[], answer: { status: number; ms: number }): boolean => {
    if (answer.status >= 200 && answer.status < 300) {
      into.push(answer.ms);
      return true;
    }
    result.errors++;
    const key = String(answer.status);
    result.errorStatuses[key] = (result.errorStatuses[key] ?? 0) + 1;
    return false;
  };
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));

  const started = performance.now();
  const deadline = started + settings.duration * 1000;
  await Promise.all(
    Array.from({ length: settings.clients }, async (_, worker) => {
      const token = ready.tokens[worker % ready.tokens.length] as string;
      while (performance.now() < deadline) {
        if (target === "sink") {
          record(
            result.put,
            await send(token, "PUT", "/sink", msg, { "content-type": "application/octet-stream" })
          );
          if (settings.thinkMs > 0) await new Promise((r) => setTimeout(r, settings.thinkMs));
          continue;
        }
        const id = `bench-${randomUUID()}`;
        const filingStarted = performance.now();
        const jsonHeaders = (key: string) => ({
          "content-type": "application/json",
          "idempotency-key": key,
        });
        const created = await send(
          token,
          "POST",
          "/api/v1/correspondence",
          json({
            id,
            caseNumber,
            purpose: "documents",
            deadline: "2027-03-01",
            expectedRecipient: recipient,
            language: "en",
          }),
          jsonHeaders(`${id}-create`)
        );
        if (!record(result.create, created)) continue;
        const sent = await send(
          token,
          "POST",
          `/api/v1/correspondence/${id}/sending`,
          json({
            sentAt: new Date().toISOString(),
            from: "casework.east@example.org",
            to: [recipient],
            subject: "Request for documents",
          }),
          jsonHeaders(`${id}-sending`)
        );
        if (!record(result.sending, sent)) continue;
        const put = await send(token, "PUT", `/api/v1/correspondence/${id}/e-document`, msg, {
          "content-type": "application/vnd.ms-outlook",
          "content-digest": digest,
          "idempotency-key": `${id}-upload`,
        });
        if (record(result.put, put)) result.filing.push(performance.now() - filingStarted);
        if (settings.thinkMs > 0) await new Promise((r) => setTimeout(r, settings.thinkMs));
      }
    })
  );
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

// ---------------------------------------------------------------------------------------------
// The server side, in a child process (this same file, started with CASEMAIL_BENCH_CHILD).

interface Child {
  ready: z.infer<typeof readySchema>;
  /** Stops the server; resolves with the CPU time it used while serving (ms) and its WAL figures. */
  stop(): Promise<z.infer<typeof stoppedSchema>>;
}

/** What the child process reports when told to stop. */
const stoppedSchema = z.object({
  cpuMs: z.number(),
  /** The gateway process's peak resident memory (MB), from /proc (null where there is none). */
  peakRssMb: z.number().nullable().optional(),
  walCheckpoints: z
    .object({
      passes: z.number(),
      waits: z.number(),
      waitMs: z.number(),
      maxWaitMs: z.number(),
    })
    .nullable()
    .optional(),
});

async function startChild(mode: "sink" | EngineName, clients: number): Promise<Child> {
  const child: ChildProcess = fork(__filename, [], {
    execArgv: [
      "--import",
      "tsx",
      ...(process.env.BENCH_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []),
    ],
    env: {
      ...process.env,
      CASEMAIL_BENCH_CHILD: mode,
      CASEMAIL_BENCH_CLIENTS: String(clients),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = await new Promise<z.infer<typeof readySchema>>((resolve, reject) => {
    child.once("message", (message) => resolve(readySchema.parse(message)));
    child.once("exit", (code) => reject(new Error(`bench ${mode} server exited (${code})`)));
  });
  return {
    ready,
    stop: () =>
      new Promise<z.infer<typeof stoppedSchema>>((resolve) => {
        let stopped: z.infer<typeof stoppedSchema> = { cpuMs: 0 };
        child.once("message", (message) => (stopped = stoppedSchema.parse(message)));
        child.once("exit", () => resolve(stopped));
        child.send("stop");
      }),
  };
}

async function childMain(mode: string): Promise<void> {
  const clients = Number(process.env.CASEMAIL_BENCH_CLIENTS ?? "50");
  if (mode === "sink") {
    const server = createServer((req, res) => {
      const hash = createHash("sha256");
      req.on("data", (chunk: Buffer) => hash.update(chunk));
      req.on("end", () => {
        hash.digest();
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"ok":true}');
      });
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const cpuAtReady = process.cpuUsage();
    process.send?.({ url: `http://127.0.0.1:${port}`, tokens: ["sink"] });
    process.once("message", () => {
      const cpu = process.cpuUsage(cpuAtReady);
      process.send?.({ cpuMs: (cpu.user + cpu.system) / 1000 });
      server.close(() => process.exit(0));
    });
    return;
  }
  const { startGateway } = await import("../../src/server/index");
  const dir = mkdtempSync(join(tmpdir(), "casemail-bench-"));
  const schema = `bench_${process.pid}`;
  const pg = mode.startsWith("pg");
  const gw = await startGateway({
    port: 0,
    dev: true,
    dataDir: dir,
    seedDemo: true,
    logger: false,
    ...(pg
      ? { databaseUrl: process.env.DATABASE_URL, pgSchema: schema }
      : { dbFile: join(dir, "gateway.sqlite") }),
    ...(mode === "pg-files"
      ? { eDocuments: "files" as const, eDocumentDir: join(dir, "e-documents") }
      : mode === "sqlite-db"
        ? { eDocuments: "database" as const }
        : {}),
  });
  // One token per officer's pane: the gateway's rate limit (per token) applies as in production.
  const tokens = await Promise.all(
    Array.from({ length: clients }, (_, i) =>
      gw.mintToken({ officerId: "officer-a", displayName: `Bench pane ${i}` })
    )
  );
  // CPU from here on: serving the load, not starting, migrating and seeding.
  const cpuAtReady = process.cpuUsage();
  process.send?.({ url: gw.url, tokens });
  process.once("message", () => {
    const cpu = process.cpuUsage(cpuAtReady);
    const wal = "walCheckpoints" in gw.db ? (gw.db as SqliteDatabase).walCheckpoints() : null;
    process.send?.({
      cpuMs: (cpu.user + cpu.system) / 1000,
      walCheckpoints: wal,
      peakRssMb: peakRss(),
    });
    void (async () => {
      if (pg) await gw.db.run(`DROP SCHEMA ${schema} CASCADE`);
      await gw.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    })();
  });
}

/** VmHWM: the process's peak resident set since it started (Linux). */
function peakRss(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    return match?.[1] === undefined ? null : Math.round(Number(match[1]) / 1024);
  } catch {
    return null;
  }
}

const childMode = process.env.CASEMAIL_BENCH_CHILD;
if (childMode !== undefined && process.send !== undefined) {
  childMain(childMode).catch((error: unknown) => {
    process.stderr.write(`bench gateway server: ${String(error)}\n`);
    process.exit(1);
  });
}
