/**
 * What the browser tests and the pane benchmark share: build the bundles with webpack (the
 * project's own config, development mode so the workbench is included), serve them on loopback,
 * start the real gateway with the demo data and the development issuer, and launch Debian's
 * Chromium through playwright-core.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import type { Database } from "../../src/server/storage/database";

export const chromiumPath = "/usr/bin/chromium";
export const hasChromium = existsSync(chromiumPath);
export const repoRoot = path.resolve(__dirname, "../..");

export const chromiumArgs = [
  "--no-sandbox",
  "--headless",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Builds in a child process (see build-bundles.ts); rejects with webpack's errors. */
export function buildBundles(
  outDir: string,
  names: readonly string[],
  mode: "development" | "production" = "development",
  env: Record<string, string> = {}
): Promise<void> {
  const tsxCli = path.join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs");
  const script = path.join(__dirname, "build-bundles.ts");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsxCli, script, outDir, mode, ...names],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, ...env } },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`webpack build failed: ${stderr}`)) : resolve()
    );
  });
}

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
};

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** A plain static file server for a build directory (what a CDN does for the add-in). */
export async function serveStatic(dir: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const file = path.join(
      dir,
      path.normalize(decodeURIComponent(url.pathname)).replace(/^\/+/, "")
    );
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      "content-type": types[path.extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface Workbench {
  outDir: string;
  web: StaticServer;
  gatewayUrl: string;
  token: string;
  /** The gateway's store, for tests that change a case as the case system would. */
  db: Database;
  /** The workbench URL with the gateway and a development token for officer A (office-east). */
  url: (query?: Record<string, string>) => string;
  close(): Promise<void>;
}

/** What a development build is made of: the sources, assets, build config, lockfile and env. */
function buildInputsKey(names: readonly string[]): string {
  const hash = createHash("sha256").update(names.join(","));
  for (const name of ["ADDIN_BASE_URL", "CASEMAIL_SEND_MODE", "CASEMAIL_CONFIG"]) {
    hash.update(`${name}=${process.env[name] ?? ""}\n`);
  }
  const files = ["webpack.config.js", "tsconfig.json", "package-lock.json", "manifest.xml"];
  for (const dir of ["src", "assets"]) {
    const entries = readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: "utf8" });
    files.push(...entries.map((entry) => path.join(dir, entry)));
  }
  for (const file of files.sort()) {
    const full = path.join(repoRoot, file);
    if (!existsSync(full) || !statSync(full).isFile()) continue;
    hash.update(`${file}\n`).update(readFileSync(full));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * One development build per source tree, shared by every browser test file of a run (each used
 * to pay its own webpack build): keyed by the build's inputs, built aside and renamed into place,
 * so a concurrent worker either finds the whole build or makes its own.
 */
export async function sharedDevelopmentBuild(names: readonly string[]): Promise<string> {
  const dir = path.join(tmpdir(), `casemail-web-${buildInputsKey(names)}`);
  if (existsSync(dir)) return dir;
  const staging = mkdtempSync(`${dir}-building-`);
  await buildBundles(staging, names);
  try {
    renameSync(staging, dir);
  } catch {
    // Another worker renamed its build first: the same inputs, so use that one.
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** Builds (unless `outDir` already holds a build), serves, and starts a gateway on fresh SQLite. */
export async function startWorkbench(outDir?: string): Promise<Workbench> {
  const dir = outDir ?? (await sharedDevelopmentBuild(["taskpane", "events"]));
  if (!existsSync(path.join(dir, "workbench.html")))
    await buildBundles(dir, ["taskpane", "events"]);
  const web = await serveStatic(dir);
  const dataDir = mkdtempSync(path.join(tmpdir(), "casemail-gw-"));
  const { startGateway } = await import("../../src/server");
  const gateway = await startGateway({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    dev: true,
    seedDemo: true,
    allowedOrigins: [web.origin],
    rateLimitPerMinute: false,
    logger: false,
  });
  const token = await gateway.mintToken({
    officerId: "officer-a",
    displayName: "Officer A (demo)",
  });
  return {
    outDir: dir,
    web,
    gatewayUrl: gateway.url,
    token,
    db: gateway.db,
    url: (query = {}) =>
      `${web.origin}/workbench.html?${new URLSearchParams({ gateway: gateway.url, token, ...query })}`,
    close: async () => {
      await gateway.close();
      await web.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Playwright gives every `launch` a fresh temporary profile (it refuses `--user-data-dir`). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}
