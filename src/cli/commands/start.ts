/**
 * `npm start`: CaseMail locally in one command. Starts the reference gateway on SQLite with the
 * demo data and the development issuer (http://localhost:8787, the embedded configuration's
 * gateway), and the webpack dev server with the task pane, events.js and the workbench (HTTP on
 * localhost; HTTPS with office-addin-dev-certs when `--https` can install its certificate). Prints
 * the workbench URL and how to sideload manifest.xml into Outlook on the web; Ctrl-C stops both.
 *
 * `start --scenarios [dir]` (or `start <dir>`) keeps the earlier behaviour: the rules engine on the
 * sample scenarios in test/fixtures/scenarios/, each finding in English and French.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { z } from "zod";
import type { CliCommand, CliIo } from "../main";
import { checkScenario, parseScenario } from "./check";

const repoRoot = resolve(__dirname, "../../..");
export const sampleScenarioDir = resolve(repoRoot, "test/fixtures/scenarios");

const marks = { block: "BLOCK", warn: "WARN ", info: "INFO " } as const;

/** Prints one block per scenario; returns how many scenario files could not be read or parsed. */
export async function summarizeScenarios(dir: string, io: CliIo): Promise<number> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  let invalid = 0;
  for (const file of files) {
    const parsed = parseScenario(await readFile(join(dir, file), "utf8"));
    if (!parsed.ok) {
      invalid++;
      io.stderr(`${file}: invalid scenario: ${parsed.error}`);
      continue;
    }
    const report = checkScenario(parsed.scenario);
    const lines = [
      `${file}: ${report.blocks ? "BLOCKED" : "may be sent"} (${report.findings.length} finding(s), today ${report.today})`,
    ];
    if (parsed.scenario.description) lines.push(`  ${parsed.scenario.description}`);
    for (const f of report.findings) {
      lines.push(`  ${marks[f.severity]} ${f.code}: ${f.message.en}`);
      lines.push(`        ${f.message.fr}`);
    }
    io.stdout(lines.join("\n"));
  }
  io.stdout(
    `${files.length - invalid} scenario(s) checked${invalid ? `, ${invalid} invalid` : ""}.`
  );
  return invalid;
}

async function runScenarios(dir: string, io: CliIo): Promise<number> {
  try {
    return (await summarizeScenarios(dir, io)) === 0 ? 0 : 1;
  } catch {
    io.stderr(`start: cannot read the scenarios in ${dir}`);
    return 2;
  }
}

const port = z.coerce.number().int().min(1).max(65535);
export const startOptionsSchema = z.object({
  port: port.default(3000),
  gatewayPort: port.default(8787),
  https: z.boolean().default(false),
  officer: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .default("officer-a"),
});
export type StartOptions = z.infer<typeof startOptionsSchema>;

const usage =
  "Usage: casemail start [--port 3000] [--gateway-port 8787] [--officer officer-a] [--https]\n" +
  "       casemail start --scenarios [dir]";

/** `--name value` pairs and `--https` to an object for zod; unknown flags are refused. */
export function parseStartArgs(
  argv: string[]
): { ok: true; options: StartOptions } | { ok: false; error: string } {
  const raw: Record<string, unknown> = {};
  const names: Record<string, string> = {
    "--port": "port",
    "--gateway-port": "gatewayPort",
    "--officer": "officer",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--https") raw.https = true;
    else if (names[arg] !== undefined && argv[i + 1] !== undefined)
      raw[names[arg] as string] = argv[++i];
    else return { ok: false, error: `unknown or incomplete option ${arg}` };
  }
  const parsed = startOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      error: `${issue?.path.join(".") ?? "option"}: ${issue?.message ?? "invalid"}`,
    };
  }
  return { ok: true, options: parsed.data };
}

type DevServerHttps =
  { type: "http" } | { type: "https"; options: { ca: Buffer; cert: Buffer; key: Buffer } };

/** HTTPS only when office-addin-dev-certs can produce (and install) its certificate in time. */
async function devServerTransport(wanted: boolean, io: CliIo): Promise<DevServerHttps> {
  if (!wanted) return { type: "http" };
  try {
    const certs = await import("office-addin-dev-certs");
    const options = await Promise.race([
      certs.getHttpsServerOptions(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), 30_000)),
    ]);
    return { type: "https", options };
  } catch (error) {
    io.stderr(
      `start: no trusted development certificate (${error instanceof Error ? error.message : String(error)}); serving HTTP on localhost`
    );
    return { type: "http" };
  }
}

async function startServers(options: StartOptions, io: CliIo): Promise<number> {
  const { startGateway } = await import("../../server");
  const scheme = options.https ? "https" : "http";
  const gateway = await startGateway({
    port: options.gatewayPort,
    host: "localhost",
    dev: true,
    seedDemo: true,
    allowedOrigins: [`http://localhost:${options.port}`, `https://localhost:${options.port}`],
    logger: false,
  });
  const token = await gateway.mintToken({ officerId: options.officer, lifetimeSeconds: 12 * 3600 });
  // Development only: Sent Items and the Graph calls filing makes, for the Pending list.
  const { startSimulatedGraph } = await import("../../workbench/simulated-graph");
  const graph = await startSimulatedGraph();

  const webpack = (await import("webpack")).default;
  const WebpackDevServer = (await import("webpack-dev-server")).default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(join(repoRoot, "webpack.config.js")) as (
    env: Record<string, unknown>,
    argv: { mode: string }
  ) => import("webpack").Configuration[];
  const compiler = webpack(factory({}, { mode: "development" }));
  const transport = await devServerTransport(scheme === "https", io);
  const origin = `${transport.type}://localhost:${options.port}`;
  const server = new WebpackDevServer(
    {
      port: options.port,
      host: "localhost",
      // events.js must stay one self-contained script: no client or hot-reload injection.
      hot: false,
      liveReload: false,
      client: false,
      static: false,
      server: transport.type === "https" ? { type: "https", options: transport.options } : "http",
      headers: { "Cache-Control": "no-store" },
      setupMiddlewares: (middlewares, devServer) => {
        devServer.app?.get("/workbench-config.json", (_req, res) => {
          res.json({ gatewayUrl: gateway.url, devToken: token, graphUrl: graph.url });
        });
        return middlewares;
      },
    },
    compiler
  );
  await server.start();
  io.stdout(
    [
      "CaseMail is running (development).",
      `  Workbench:  ${origin}/workbench.html   (simulated Outlook item, real task pane, demo cases B000100001 to B000100012)`,
      `  Task pane:  ${origin}/taskpane.html`,
      `  Gateway:    ${gateway.url}   (SQLite in ${gateway.dataDir}/, demo data, development issuer; officer ${options.officer})`,
      `  Graph:      ${graph.url}   (simulated Sent Items: the workbench's Send puts its copy there)`,
      "",
      "Sideload into Outlook on the web (needs HTTPS: run `npm start -- --https` where the",
      "development certificate can be installed):",
      "  1. Open https://aka.ms/olksideload (Outlook on the web > Get add-ins > My add-ins).",
      "  2. Custom add-ins > Add a custom add-in > Add from file > dist/manifest.xml after",
      "     `npm run build:dev`, or the manifest.xml the dev server serves at /manifest.xml.",
      "  3. Open a new message and choose CaseMail in the ribbon (Apps).",
      "",
      "Ctrl-C stops both servers.",
    ].join("\n")
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  io.stdout("Stopping…");
  await server.stop();
  await graph.close();
  await gateway.close();
  return 0;
}

export const run: CliCommand = async (argv, io) => {
  if (argv[0] === "--scenarios") return runScenarios(argv[1] ?? sampleScenarioDir, io);
  if (argv[0] !== undefined && !argv[0].startsWith("--")) return runScenarios(argv[0], io);
  const parsed = parseStartArgs(argv);
  if (!parsed.ok) {
    io.stderr(`start: ${parsed.error}\n${usage}`);
    return 2;
  }
  return startServers(parsed.options, io);
};
