/**
 * The real gateway (SQLite in a temporary folder, demo data) in a child process, for the jsdom
 * component tests: jsdom's environment cannot host the server itself, but its XMLHttpRequest talks
 * to it like a browser (CORS allows jsdom's origin), so the pane's real client is what is tested.
 * Reports its URL and a development token per officer over IPC; closes on any message.
 */
import { fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface GatewayProcess {
  url: string;
  tokens: Record<string, string>;
  stop(): Promise<void>;
}

const envName = "CASEMAIL_TEST_FOLLOWUPS_GATEWAY";

interface ChildRequest {
  dir: string;
  officers: string[];
  origin: string;
}

export async function startGatewayProcess(
  officers: string[],
  origin = "http://localhost"
): Promise<GatewayProcess> {
  const dir = mkdtempSync(join(tmpdir(), "casemail-followups-"));
  const request: ChildRequest = { dir, officers, origin };
  const child = fork(__filename, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, [envName]: JSON.stringify(request) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<{ url: string; tokens: Record<string, string> }>(
    (resolve, reject) => {
      child.once("message", (m) => resolve(m as { url: string; tokens: Record<string, string> }));
      child.once("exit", (code) => reject(new Error(`gateway process exited (${code})`)));
    }
  );
  return {
    ...ready,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.send("stop");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const requested = process.env[envName];
if (requested !== undefined && process.send !== undefined) {
  void (async () => {
    const { dir, officers, origin } = JSON.parse(requested) as ChildRequest;
    const { startGateway } = await import("../../../src/server/index");
    const gw = await startGateway({
      port: 0,
      host: "127.0.0.1",
      dev: true,
      dataDir: dir,
      dbFile: join(dir, "gateway.sqlite"),
      seedDemo: true,
      rateLimitPerMinute: false,
      allowedOrigins: [origin],
      logger: false,
    });
    const tokens: Record<string, string> = {};
    for (const officerId of officers) tokens[officerId] = await gw.mintToken({ officerId });
    process.send?.({ url: gw.url, tokens });
    process.once("message", () => {
      void gw.close().then(() => process.exit(0));
    });
  })().catch((error: unknown) => {
    process.stderr.write(`gateway process: ${String(error)}\n`);
    process.exit(1);
  });
}
