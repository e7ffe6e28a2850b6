/**
 * The client in a real browser: src/gateway bundled by webpack for the web (no Node built-ins may
 * slip in), loaded in Chromium from a loopback page, filing through the real gateway with CORS,
 * axios's browser adapter and WebCrypto's digest. Skipped where /usr/bin/chromium is absent.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Browser } from "playwright-core";
import webpack from "webpack";
import type { staticTokenProvider } from "../../src/auth/token-provider";
import type { createGatewayClient, GatewayError } from "../../src/gateway";
import type { isoDate } from "../../src/gateway/contract";
import { startGateway, type RunningGateway } from "../../src/server/index";
import { buildMsg } from "./msg-body";

/** What browser-entry.ts puts on the page (types only: the page code is serialised). */
interface PageApi {
  createGatewayClient: typeof createGatewayClient;
  staticTokenProvider: typeof staticTokenProvider;
  GatewayError: typeof GatewayError;
  isoDate: typeof isoDate;
}

const chromiumPath = "/usr/bin/chromium";
const maybe = existsSync(chromiumPath) ? describe : describe.skip;
if (!existsSync(chromiumPath))
  console.info(`browser client test skipped: ${chromiumPath} is absent`);

jest.setTimeout(180_000);

/**
 * `projectFix` bundles as webpack.config.js does: zod resolved to its CommonJS build, because
 * webpack 5 bundles zod 4's ESM build wrongly (`z.iso.date()` becomes `z.date()`, so the
 * contract's `isoDate` refuses every "YYYY-MM-DD"). Without it, the canary below pins the bug.
 */
function bundle(outDir: string, projectFix: boolean): Promise<string> {
  const root = resolve(__dirname, "../..");
  return new Promise((done, fail) => {
    webpack(
      {
        mode: "development",
        devtool: false,
        target: ["web", "es2020"],
        context: root,
        entry: { client: "./test/gateway/browser-entry.ts" },
        output: { path: outDir, filename: "[name].js" },
        resolve: {
          extensions: [".ts", ".js"],
          ...(projectFix ? { alias: { zod$: require.resolve("zod") } } : {}),
        },
        module: {
          rules: [
            {
              test: /\.ts$/,
              exclude: /node_modules/,
              loader: "ts-loader",
              options: {
                configFile: join(root, "tsconfig.json"),
                transpileOnly: true,
                compilerOptions: { module: "es2020", sourceMap: false },
              },
            },
          ],
        },
      },
      (error, stats) => {
        if (error) return fail(error);
        if (stats?.hasErrors()) {
          return fail(new Error(stats.toString({ all: false, errors: true })));
        }
        done(join(outDir, "client.js"));
      }
    );
  });
}

maybe("gateway client in Chromium", () => {
  let dir: string;
  let page: Server;
  let pageOrigin: string;
  let gw: RunningGateway;
  let browser: Browser;
  let defaultBundle: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "casemail-browser-client-"));
    const script = readFileSync(await bundle(join(dir, "dist"), true), "utf8");
    defaultBundle = readFileSync(await bundle(join(dir, "dist-default"), false), "utf8");
    page = createServer((req, res) => {
      if (req.url === "/client.js") {
        res.writeHead(200, { "content-type": "text/javascript" });
        res.end(script);
        return;
      }
      res.writeHead(200, { "content-type": "text/html" });
      res.end('<!doctype html><title>client</title><script src="/client.js"></script>');
    });
    await new Promise<void>((r) => page.listen(0, "127.0.0.1", r));
    pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
    gw = await startGateway({
      port: 0,
      dev: true,
      dataDir: dir,
      dbFile: join(dir, "gateway.sqlite"),
      seedDemo: true,
      rateLimitPerMinute: false,
      allowedOrigins: [pageOrigin],
      logger: false,
    });
    browser = await chromium.launch({ executablePath: chromiumPath, args: ["--no-sandbox"] });
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await new Promise<void>((r) => (page ? page.close(() => r()) : r()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("files a message from the page: CORS, bearer token, digest, typed errors", async () => {
    const tab = await browser.newPage();
    await tab.goto(`${pageOrigin}/`);
    const token = await gw.mintToken({ officerId: "officer-a" });
    const id = `corr-${randomUUID()}`;
    const msg = buildMsg(300_000, id);
    const outcome = await tab.evaluate(
      async ({ baseUrl, token, id, msg }) => {
        const api = (globalThis as unknown as { casemailGateway: PageApi }).casemailGateway;
        const client = api.createGatewayClient({
          baseUrl,
          tokenProvider: api.staticTokenProvider({ gateway: token }),
          timeoutMs: 10_000,
        });
        await client.recordPendingCorrespondence({
          id,
          caseNumber: "B000100001",
          purpose: "documents",
          deadline: "2027-02-01",
          expectedRecipient: "alex.sample@example.com",
          language: "en",
        });
        await client.recordSending(id, {
          sentAt: "2026-12-04T10:00:00Z",
          from: "casework.east@example.org",
          to: ["alex.sample@example.com"],
          subject: "Request for documents",
        });
        // Base64 across the page boundary: a large array of numbers serialises slowly.
        const bytes = Uint8Array.from(atob(msg), (c) => c.charCodeAt(0));
        const filed = await client.uploadEDocument(id, bytes);
        let forbidden = "none";
        try {
          await client.getCase("B000100006");
        } catch (error) {
          forbidden = error instanceof api.GatewayError ? error.kind : `untyped ${String(error)}`;
        }
        return {
          status: filed.status,
          sha256: filed.eDocument?.sha256,
          forbidden,
          secure: globalThis.isSecureContext,
        };
      },
      { baseUrl: gw.url, token, id, msg: Buffer.from(msg).toString("base64") }
    );
    expect(outcome.secure).toBe(true);
    expect(outcome.status).toBe("filed");
    const sha = createHash("sha256").update(msg).digest("hex");
    expect(outcome.sha256).toBe(sha);
    expect(["forbidden", "not-found"]).toContain(outcome.forbidden);
    const stored = await gw.db.query<{ sha256: string }>(
      "SELECT sha256 FROM e_documents WHERE correspondence_id = $1",
      [id]
    );
    expect(stored).toEqual([{ sha256: sha }]);
    await tab.close();
  });

  // Known failure (webpack 5.113 with zod's ESM build, see `bundle`): once webpack or zod fix it,
  // this fails to say so; then remove `.failing` here and the alias in webpack.config.js.
  it.failing("keeps the contract's ISO date schema when zod's ESM build is bundled", async () => {
    const tab = await browser.newPage();
    await tab.addScriptTag({ content: defaultBundle });
    const accepted = await tab.evaluate(() => {
      const api = (globalThis as unknown as { casemailGateway: PageApi }).casemailGateway;
      return api.isoDate.safeParse("2027-02-01").success as boolean;
    });
    await tab.close();
    expect(accepted).toBe(true);
  });

  it("is refused by the gateway from an origin it does not allow (CORS), as a network error", async () => {
    const tab = await browser.newPage();
    const other = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><title>other</title>");
    });
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", r));
    try {
      await tab.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
      await tab.addScriptTag({ url: `${pageOrigin}/client.js` });
      const token = await gw.mintToken({ officerId: "officer-a" });
      const kind = await tab.evaluate(
        async ({ baseUrl, token }) => {
          const api = (globalThis as unknown as { casemailGateway: PageApi }).casemailGateway;
          const client = api.createGatewayClient({
            baseUrl,
            tokenProvider: api.staticTokenProvider({ gateway: token }),
            retry: { maxAttempts: 1 },
          });
          try {
            await client.getCase("B000100001");
            return "succeeded";
          } catch (error) {
            return error instanceof api.GatewayError ? error.kind : "untyped";
          }
        },
        { baseUrl: gw.url, token }
      );
      expect(kind).toBe("network");
    } finally {
      await new Promise<void>((r) => other.close(() => r()));
      await tab.close();
    }
  });
});
