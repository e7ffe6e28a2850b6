/** `seed`, `token`, `verify-audit` and `serve` argument handling, through the CLI dispatcher. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { runCli, type CliIo } from "../../src/cli/main";
import { startGateway } from "../../src/server";
import { appendAudit } from "../../src/server/audit";
import { storageFrom, storageSchema } from "../../src/server/cli-options";
import { configFromEnv } from "../../src/server/config";
import { latestSchemaVersion } from "../../src/server/storage/migrations";
import { openSqliteDatabase } from "../../src/server/storage/sqlite-database";
import { api } from "./helpers/gateway-harness";

function io(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

describe("where e-documents go, from flags and the environment", () => {
  it("reads --e-documents and --e-document-dir, and their CASEMAIL_ variables", () => {
    const flags = storageSchema.parse({ "e-documents": "files", "e-document-dir": "/mnt/edocs" });
    expect(storageFrom(flags, {})).toMatchObject({
      eDocuments: "files",
      eDocumentDir: "/mnt/edocs",
    });
    expect(
      configFromEnv({ CASEMAIL_E_DOCUMENTS: "database", CASEMAIL_E_DOCUMENT_DIR: "/srv/edocs" })
    ).toEqual({ eDocuments: "database", eDocumentDir: "/srv/edocs" });
    expect(() => configFromEnv({ CASEMAIL_E_DOCUMENTS: "cloud" })).toThrow();
  });
});

describe("gateway commands", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "casemail-cli-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("seeds, verifies the audit chain, and mints a token a dev gateway on the same data accepts", async () => {
    const db = path.join(dir, "gw.sqlite");
    const seeded = io();
    expect(await runCli(["seed", "--demo", "--db", db], seeded)).toBe(0);
    expect(seeded.out.join("")).toMatch(/12 cases/);
    expect(await runCli(["seed", "--demo", "--db", db], io())).toBe(0);

    const verified = io();
    expect(await runCli(["verify-audit", "--db", db], verified)).toBe(0);
    expect(JSON.parse(verified.out.join(""))).toMatchObject({ ok: true });

    const minted = io();
    expect(await runCli(["token", "--dev", "--officer", "officer-b", "--db", db], minted)).toBe(0);
    const token = minted.out.join("").trim();
    const gw = await startGateway({ port: 0, dev: true, dbFile: db, rateLimitPerMinute: false });
    try {
      const me = await api(gw, "GET", "/api/v1/me", { token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ officerId: "officer-b", offices: ["office-west"] });
    } finally {
      await gw.close();
    }
  });

  it("verify-audit --no-chain only reads: waiting entries stay as they are, and are counted", async () => {
    const db = path.join(dir, "gw.sqlite");
    expect(await runCli(["seed", "--demo", "--db", db], io())).toBe(0);
    const raw = openSqliteDatabase(db);
    await raw.transaction((tx) =>
      appendAudit(tx, { actor: "test", action: "test.wait", entity: "test", entityId: "waiting" })
    );
    await raw.close();
    const unchained = () => {
      const check = new BetterSqlite3(db, { readonly: true });
      const row = check.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE hash IS NULL").get();
      check.close();
      return (row as { n: number }).n;
    };
    expect(unchained()).toBe(1);

    const readOnly = io();
    expect(await runCli(["verify-audit", "--db", db, "--no-chain"], readOnly)).toBe(0);
    expect(JSON.parse(readOnly.out.join(""))).toMatchObject({ ok: true, unchained: 1 });
    expect(unchained()).toBe(1);

    const chaining = io();
    expect(await runCli(["verify-audit", "--db", db], chaining)).toBe(0);
    expect(JSON.parse(chaining.out.join(""))).toMatchObject({ ok: true, unchained: 0 });
    expect(unchained()).toBe(0);
  });

  it("verify-audit --no-chain refuses a database its code would first migrate (exit 2)", async () => {
    const db = path.join(dir, "old.sqlite");
    expect(await runCli(["seed", "--demo", "--db", db], io())).toBe(0);
    const edit = new BetterSqlite3(db);
    edit.prepare("DELETE FROM schema_migrations WHERE version = ?").run(latestSchemaVersion());
    edit.close();
    const out = io();
    expect(await runCli(["verify-audit", "--db", db, "--no-chain"], out)).toBe(2);
    expect(out.err.join("")).toMatch(
      new RegExp(`version ${latestSchemaVersion() - 1}, not ${latestSchemaVersion()}`)
    );
  });

  it.each([
    [["seed"], /--demo is required/],
    [["seed", "--demo", "--db", "a", "--database-url", "postgres://x/y"], /not both/],
    [["seed", "--demo", "--database-url", "mysql://x"], /postgres/],
    [["token", "--officer", "officer-a"], /--dev is required/],
    [["token", "--dev"], /--officer/],
    [["token", "--dev", "--officer", "a b"], /--officer/],
    [["serve", "--port", "http"], /--port must be a number/],
    [["serve", "--bogus"], /bogus/],
    [["verify-audit", "--db", "/nonexistent/dir/none.sqlite"], /no gateway database/],
    [["serve", "--dev", "--e-documents", "cloud"], /--e-documents: files or database/],
    [
      ["serve", "--dev", "--database-url", "postgres://x/y", "--e-documents", "files"],
      /--e-document-dir, a folder all instances share/,
    ],
  ])("exits 2 with a clear message for %j", async (argv, message) => {
    const out = io();
    expect(await runCli(argv, out)).toBe(2);
    expect(out.err.join("\n")).toMatch(message);
  });

  it("refuses to serve outside --dev without an identity provider", async () => {
    const out = io();
    const saved = { ...process.env };
    try {
      for (const k of Object.keys(process.env))
        if (k.startsWith("CASEMAIL_")) delete process.env[k];
      expect(await runCli(["serve", "--db", path.join(dir, "x.sqlite"), "--port", "0"], out)).toBe(
        2
      );
      expect(out.err.join("")).toMatch(/issuer, audience and JWKS/);
    } finally {
      process.env = saved;
    }
  });
});
