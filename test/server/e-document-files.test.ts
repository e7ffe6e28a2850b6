/**
 * E-documents as files beside the SQLite database (e-document-files.ts): the store on its own
 * (durable put, digest-checked get, sweep of what no row names), then through the real gateway:
 * the row names the file and holds no bytes, a refused upload writes no file, the loser of two
 * concurrent uploads leaves a file the sweep removes, rows stored in the database before the
 * change stay readable, and a damaged file is a 500, never other bytes. On PostgreSQL, files only
 * in a folder the instances share: filed through one instance, served by another.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Correspondence } from "../../src/gateway/contract";
import { startGateway } from "../../src/server";
import {
  EDocumentDamagedError,
  EDocumentFiles,
  eDocumentDirFor,
} from "../../src/server/storage/e-document-files";
import {
  api,
  contentDigest,
  correlationId,
  databaseUrl,
  dropSchema,
  makeMsg,
  sentCorrespondence,
  startTestGateway,
  type TestGateway,
} from "./helpers/gateway-harness";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const caseNumber = "B000100001";
const recipient = "alex.sample@example.com";

/** PUTs `bytes` as the correspondence's e-document, with their Content-Digest. */
const uploadTo = (gateway: { url: string }, token: string, id: string, bytes: Buffer) =>
  api<Correspondence>(gateway, "PUT", `/api/v1/correspondence/${id}/e-document`, {
    token,
    body: bytes,
    headers: { "content-digest": contentDigest(bytes) },
  });

/** Files under the store's digest folders (not its tmp folder). */
function storedFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((folder) => folder !== "tmp")
    .flatMap((folder) => fs.readdirSync(path.join(dir, folder)));
}

describe("EDocumentFiles", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "casemail-edocs-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("keeps the bytes under their digest, once, and gives them back checked", async () => {
    const store = new EDocumentFiles(dir);
    const bytes = makeMsg(50_000);
    const digest = sha256(bytes);
    await store.put(bytes, digest);
    await store.put(bytes, digest);
    expect(store.pathOf(digest)).toBe(path.join(dir, digest.slice(0, 2), `${digest}.msg`));
    expect(storedFiles(dir)).toEqual([`${digest}.msg`]);
    expect(fs.readdirSync(path.join(dir, "tmp"))).toEqual([]);
    expect((await store.get(digest)).equals(bytes)).toBe(true);

    // One changed byte on disk: refused, never served.
    const file = store.pathOf(digest);
    const changed = fs.readFileSync(file);
    changed[1000] = (changed[1000] as number) ^ 0xff;
    fs.writeFileSync(file, changed);
    await expect(store.get(digest)).rejects.toBeInstanceOf(EDocumentDamagedError);
    expect(() => store.pathOf("../../etc/passwd")).toThrow();
  });

  it("sweeps files no row names and partial writes, once they are old enough", async () => {
    const store = new EDocumentFiles(dir);
    const kept = makeMsg(5000);
    const orphan = makeMsg(5000);
    await store.put(kept, sha256(kept));
    await store.put(orphan, sha256(orphan));
    fs.writeFileSync(path.join(dir, "tmp", "left-over.part"), "partial");
    const referenced = async (digest: string) => digest === sha256(kept);

    // Young files may belong to a transaction still running: nothing goes.
    expect(await store.sweep(referenced)).toEqual({ removed: 0 });
    expect(await store.sweep(referenced, 0)).toEqual({ removed: 2 });
    expect(storedFiles(dir)).toEqual([`${sha256(kept)}.msg`]);
    expect(fs.readdirSync(path.join(dir, "tmp"))).toEqual([]);
  });

  it("names the folder after the database file", () => {
    expect(eDocumentDirFor("/srv/casemail/gateway.sqlite")).toBe(
      path.join("/srv/casemail", "gateway.e-documents")
    );
  });
});

describe("the gateway with e-documents as files (SQLite)", () => {
  let gw: TestGateway;
  let token: string;
  let dir: string;
  beforeAll(async () => {
    gw = await startTestGateway("sqlite");
    token = await gw.mintToken({ officerId: "officer-a" });
    dir = eDocumentDirFor(path.join(gw.tmpDir, "gateway.sqlite"));
  });
  afterAll(async () => {
    await gw?.dispose();
  });

  const upload = (id: string, bytes: Buffer) => uploadTo(gw, token, id, bytes);

  it("writes the file and a row without bytes; serves the file, digest checked", async () => {
    const id = await sentCorrespondence(gw, token, caseNumber, recipient);
    const msg = makeMsg(300_000);
    const put = await upload(id, msg);
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ status: "filed", eDocument: { sha256: sha256(msg) } });

    expect(fs.readFileSync(new EDocumentFiles(dir).pathOf(sha256(msg))).equals(msg)).toBe(true);
    const rows = await gw.db.query<{ n: number; in_file: number; size: number }>(
      "SELECT LENGTH(bytes) AS n, in_file, size FROM e_documents WHERE correspondence_id = $1",
      [id]
    );
    expect(rows).toEqual([{ n: 0, in_file: 1, size: msg.length }]);

    const got = await api(gw, "GET", `/api/v1/correspondence/${id}/e-document`, { token });
    expect(got.status).toBe(200);
    expect(got.bytes.equals(msg)).toBe(true);
    expect(got.headers.get("content-digest")).toBe(contentDigest(msg));
  });

  it("writes no file for an upload the state refuses", async () => {
    const id = correlationId();
    const created = await api(gw, "POST", "/api/v1/correspondence", {
      token,
      body: {
        id,
        caseNumber,
        purpose: "documents",
        deadline: "2027-01-15",
        expectedRecipient: recipient,
        language: "en",
      },
    });
    expect(created.status).toBe(201);
    const msg = makeMsg(20_000);
    // Still pending: its sending is not recorded.
    expect((await upload(id, msg)).status).toBe(409);
    expect(fs.existsSync(new EDocumentFiles(dir).pathOf(sha256(msg)))).toBe(false);
  });

  it("files one of two concurrent different uploads; the sweep removes the other's file", async () => {
    const id = await sentCorrespondence(gw, token, caseNumber, recipient);
    const first = makeMsg(200_000);
    const second = makeMsg(200_000);
    const answers = await Promise.all([upload(id, first), upload(id, second)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers[0]?.status === 200 ? first : second;
    const loser = winner === first ? second : first;

    const store = new EDocumentFiles(dir);
    const removed = await gw.service.sweepEDocumentFiles(0);
    // The loser's file, if it was written before its transaction refused it; never the winner's.
    expect(removed).toBeLessThanOrEqual(1);
    expect(fs.existsSync(store.pathOf(sha256(loser)))).toBe(false);
    expect(fs.existsSync(store.pathOf(sha256(winner)))).toBe(true);
    const got = await api(gw, "GET", `/api/v1/correspondence/${id}/e-document`, { token });
    expect(got.bytes.equals(winner)).toBe(true);
  });

  it("answers 500 for a damaged file, never other bytes", async () => {
    const id = await sentCorrespondence(gw, token, caseNumber, recipient);
    const msg = makeMsg(10_000);
    expect((await upload(id, msg)).status).toBe(200);
    fs.writeFileSync(new EDocumentFiles(dir).pathOf(sha256(msg)), makeMsg(10_000));
    const got = await api(gw, "GET", `/api/v1/correspondence/${id}/e-document`, { token });
    expect(got.status).toBe(500);
    expect(got.body).toMatchObject({ error: { code: "internal" } });
    expect(got.headers.get("content-type")).toMatch(/^application\/json/);
  });
});

describe("e-documents stored in the database before the change", () => {
  it("stay readable once e-documents are files, and new ones go to files", async () => {
    const first = await startTestGateway("sqlite", { eDocuments: "database" });
    const token = await first.mintToken({ officerId: "officer-a" });
    const dbFile = path.join(first.tmpDir, "gateway.sqlite");
    const dir = eDocumentDirFor(dbFile);
    const before = await sentCorrespondence(first, token, caseNumber, recipient);
    const old = makeMsg(30_000);
    expect((await uploadTo(first, token, before, old)).status).toBe(200);
    expect(storedFiles(dir)).toEqual([]);
    await first.close();

    const again = await startTestGateway("sqlite", { dbFile, dataDir: first.tmpDir });
    try {
      const got = await api(again, "GET", `/api/v1/correspondence/${before}/e-document`, { token });
      expect(got.bytes.equals(old)).toBe(true);
      const after = await sentCorrespondence(again, token, caseNumber, recipient);
      const fresh = makeMsg(30_000);
      expect((await uploadTo(again, token, after, fresh)).status).toBe(200);
      expect(storedFiles(dir)).toEqual([`${sha256(fresh)}.msg`]);
    } finally {
      await again.dispose();
      fs.rmSync(first.tmpDir, { recursive: true, force: true });
    }
  });
});

const maybePg = databaseUrl ? describe : describe.skip;
if (!databaseUrl)
  console.info("PostgreSQL e-document folder tests skipped: DATABASE_URL is not set.");

maybePg("PostgreSQL instances sharing an e-document folder", () => {
  it("refuses files without a shared folder, and without one keeps them in the database", async () => {
    await expect(
      startGateway({ port: 0, dev: true, databaseUrl, eDocuments: "files", logger: false })
    ).rejects.toThrow(/e-document-dir/);
    const gw = await startTestGateway("pg");
    try {
      expect(gw.service.eDocumentFiles).toBeNull();
    } finally {
      await gw.dispose();
    }
  });

  it("files through one instance and serves through another, from the shared folder", async () => {
    const shared = fs.mkdtempSync(path.join(os.tmpdir(), "casemail-shared-edocs-"));
    const schema = `cm_edocs_${randomBytes(6).toString("hex")}`;
    const options = {
      port: 0,
      dev: true,
      databaseUrl,
      pgSchema: schema,
      seedDemo: true,
      rateLimitPerMinute: false as const,
      logger: false,
      eDocuments: "files" as const,
      eDocumentDir: shared,
    };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "casemail-edocs-key-"));
    const a = await startGateway({ ...options, dataDir });
    const b = await startGateway({ ...options, dataDir });
    try {
      const token = await a.mintToken({ officerId: "officer-a" });
      const id = await sentCorrespondence(a, token, caseNumber, recipient);
      const msg = makeMsg(100_000);
      expect((await uploadTo(a, token, id, msg)).status).toBe(200);
      expect(storedFiles(shared)).toEqual([`${sha256(msg)}.msg`]);
      const got = await api(b, "GET", `/api/v1/correspondence/${id}/e-document`, { token });
      expect(got.status).toBe(200);
      expect(got.bytes.equals(msg)).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await dropSchema(schema);
      fs.rmSync(shared, { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
