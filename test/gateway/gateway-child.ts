/**
 * The real gateway in a child process, for tests that kill it (SIGKILL) mid-request and start it
 * again on the same storage. Started by `startGatewayChild`; reports its URL and a dev token over
 * IPC, closes cleanly on any message.
 */
import { fork, type ChildProcess } from "node:child_process";
import type { StartGatewayOptions } from "../../src/server/index";

export interface GatewayChild {
  url: string;
  token: string;
  process: ChildProcess;
  /** SIGKILL: no cleanup, no graceful close, whatever is in flight. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const envName = "CASEMAIL_TEST_GATEWAY_CHILD";

export async function startGatewayChild(options: StartGatewayOptions): Promise<GatewayChild> {
  const child = fork(__filename, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, [envName]: JSON.stringify(options) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.once("message", (m) => resolve(m as { url: string; token: string }));
    child.once("exit", (code) => reject(new Error(`gateway child exited (${code})`)));
  });
  return {
    ...ready,
    process: child,
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.send("stop");
      await exited;
    },
  };
}

const childOptions = process.env[envName];
if (childOptions !== undefined && process.send !== undefined) {
  void (async () => {
    const { startGateway } = await import("../../src/server/index");
    const gw = await startGateway({
      ...(JSON.parse(childOptions) as StartGatewayOptions),
      logger: false,
    });
    const token = await gw.mintToken({ officerId: "officer-a" });
    process.send?.({ url: gw.url, token });
    process.once("message", () => {
      void gw.close().then(() => process.exit(0));
    });
  })().catch((error: unknown) => {
    process.stderr.write(`gateway child: ${String(error)}\n`);
    process.exit(1);
  });
}
