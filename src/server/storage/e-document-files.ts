/**
 * E-documents as files beside the SQLite database, named by their SHA-256
 * (`<db>.e-documents/ab/<sha256>.msg`), for the SQLite engine.
 *
 * In the database, a 1 MB e-document was written twice (into the WAL, then by a checkpoint into
 * the database file), each time synced: under 50 officers filing at once the disk, not the
 * gateway, set the pace. Here its bytes are written once, synced, and renamed into place (the
 * directory synced too) before the transaction that records the row naming them commits, so a
 * committed row always has its file. A transaction that fails after the file was written leaves an
 * unreferenced file, which `sweep` removes; files are never changed, and reading one checks its
 * digest. PostgreSQL keeps e-documents in the database, which all its instances share.
 */
import { createHash, randomUUID } from "node:crypto";
import { constants as fsConstants } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

const sha256Hex = /^[0-9a-f]{64}$/;

/**
 * The folder for a database file: `data/gateway.sqlite` keeps its e-documents in
 * `data/gateway.e-documents`.
 */
export function eDocumentDirFor(dbFile: string): string {
  const resolved = path.resolve(dbFile);
  return path.join(
    path.dirname(resolved),
    `${path.basename(resolved, path.extname(resolved))}.e-documents`
  );
}

export class EDocumentDamagedError extends Error {
  constructor() {
    super("an e-document file does not match its digest");
    this.name = "EDocumentDamagedError";
  }
}

export class EDocumentFiles {
  private readonly tmp: string;

  constructor(readonly dir: string) {
    this.tmp = path.join(dir, "tmp");
  }

  pathOf(sha256: string): string {
    if (!sha256Hex.test(sha256)) throw new Error("not a SHA-256 in hex");
    return path.join(this.dir, sha256.slice(0, 2), `${sha256}.msg`);
  }

  /** Makes the bytes durable under their digest (at once if a complete file is already there). */
  async put(bytes: Uint8Array, sha256: string): Promise<void> {
    const final = this.pathOf(sha256);
    const existing = await fs.stat(final).catch(() => null);
    if (existing !== null && existing.size === bytes.byteLength) return;
    await fs.mkdir(this.tmp, { recursive: true });
    await fs.mkdir(path.dirname(final), { recursive: true });
    const temporary = path.join(this.tmp, `${randomUUID()}.part`);
    const file = await fs.open(
      temporary,
      fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY,
      0o600
    );
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await fs.rename(temporary, final);
    } catch (error) {
      await fs.rm(temporary, { force: true });
      throw error;
    }
    await syncDirectory(path.dirname(final));
  }

  /** The bytes, checked against their digest. */
  async get(sha256: string): Promise<Buffer> {
    const bytes = await fs.readFile(this.pathOf(sha256));
    if (createHash("sha256").update(bytes).digest("hex") !== sha256) {
      throw new EDocumentDamagedError();
    }
    return bytes;
  }

  /**
   * Removes files that no row names (`referenced` answers for a digest) and left-over partial
   * writes, if older than `minAgeMs`: a younger one may belong to a transaction still running.
   */
  async sweep(
    referenced: (sha256: string) => Promise<boolean>,
    minAgeMs = 3_600_000,
    now = Date.now()
  ): Promise<{ removed: number }> {
    let removed = 0;
    const oldEnough = async (file: string) => {
      const stat = await fs.stat(file).catch(() => null);
      return stat !== null && now - stat.mtimeMs >= minAgeMs;
    };
    const folders = await fs.readdir(this.dir).catch(() => [] as string[]);
    for (const folder of folders) {
      const folderPath = path.join(this.dir, folder);
      for (const name of await fs.readdir(folderPath).catch(() => [] as string[])) {
        const file = path.join(folderPath, name);
        const sha256 = name.replace(/\.msg$/, "");
        let orphan: boolean;
        if (folder === "tmp") orphan = name.endsWith(".part");
        else
          orphan = name.endsWith(".msg") && sha256Hex.test(sha256) && !(await referenced(sha256));
        if (orphan && (await oldEnough(file))) {
          await fs.rm(file, { force: true });
          removed++;
        }
      }
    }
    return { removed };
  }
}

/** A rename is durable once its folder is synced (where the platform lets a folder be opened). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | null = null;
  try {
    handle = await fs.open(dir, fsConstants.O_RDONLY);
    await handle.sync();
  } catch (error) {
    // Windows cannot open a folder for syncing; NTFS journals the rename itself.
    if (process.platform !== "win32") throw error;
  } finally {
    await handle?.close();
  }
}
