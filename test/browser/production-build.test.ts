/**
 * The production build of the task pane: a strict Content-Security-Policy, no workbench, and the
 * initial JavaScript within the design's 300 KB gzip budget (a size, not a timing).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { buildBundles } from "./harness";

describe("production task pane build", () => {
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "casemail-prod-"));
    await buildBundles(dir, ["taskpane"], "production", {
      ADDIN_BASE_URL: "https://casemail.example.org",
    });
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("ships a strict CSP: own scripts and office.js only, no eval, no plugins", () => {
    const html = readFileSync(path.join(dir, "taskpane.html"), "utf8");
    const csp = /http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/i.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(html).toMatch(
      /<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?>/
    );
  });

  test("contains no workbench (development only)", () => {
    const files = readdirSync(dir);
    expect(files.filter((f) => /workbench|pane-frame|events-frame/.test(f))).toEqual([]);
    expect(existsSync(path.join(dir, "taskpane.html"))).toBe(true);
  });

  test("initial JavaScript is under 300 KB gzip", () => {
    const html = readFileSync(path.join(dir, "taskpane.html"), "utf8");
    const own = [...html.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
      .map((m) => m[1] as string)
      .filter((src) => !/^https?:/.test(src));
    expect(own.length).toBeGreaterThan(0);
    const bytes = own.reduce(
      (sum, src) => sum + gzipSync(readFileSync(path.join(dir, src)), { level: 9 }).length,
      0
    );
    expect(bytes).toBeLessThan(300 * 1024);
  });

  test("ships the sign-in dialog page (NAA fallback) with the same CSP, and MSAL outside the initial load", () => {
    const dialog = readFileSync(path.join(dir, "auth-dialog.html"), "utf8");
    expect(dialog).toMatch(/Content-Security-Policy[^>]+default-src 'self'/);
    expect(dialog).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    const pane = readFileSync(path.join(dir, "taskpane.html"), "utf8");
    const initial = [...pane.matchAll(/<script[^>]*\ssrc="?([^"\s>]+)"?/g)]
      .map((m) => m[1] as string)
      .filter((src) => !/^https?:/.test(src))
      .map((src) => readFileSync(path.join(dir, src), "utf8"))
      .join("\n");
    // MSAL (marked by one of its error codes) is only in a chunk loaded on the first token request.
    expect(initial).not.toContain("interaction_in_progress");
    const all = readdirSync(dir)
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(path.join(dir, f), "utf8"))
      .join("\n");
    expect(all).toContain("interaction_in_progress");
  });
});
