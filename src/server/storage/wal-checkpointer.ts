/**
 * WAL checkpoints on a worker thread, for the SQLite engine.
 *
 * SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold, on the
 * committing connection: for the gateway that is the event loop, blocked while the WAL's pages are
 * copied into the database file and both are fsynced. With 1 MB e-documents that was more than
 * half of the gateway's main-thread time under the filing benchmark. Here the gateway's connection
 * has automatic checkpoints off, and a worker thread with its own connection runs a PASSIVE
 * checkpoint after every write, one at a time.
 *
 * A passive checkpoint never resets the WAL by itself: the next writer does, and only if every
 * frame was copied by the time it begins. Under constant writes that moment never comes and the
 * WAL grows without end, so once it passes `boundBytes` the engine's queue waits (asynchronously:
 * the event loop goes on) for a checkpoint that finishes with no write after it; the next write
 * then starts the WAL again from its beginning.
 *
 * The gateway's connection keeps its automatic checkpoints until the worker's connection is open
 * (`onReady`), and takes them back if the worker dies (`onFailure`): slower, never unsafe, since a
 * checkpoint only copies committed pages.
 */
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { z } from "zod";

const replySchema = z.union([
  z.object({ ready: z.literal(true) }),
  z.object({ ok: z.literal(true), log: z.number().int(), checkpointed: z.number().int() }),
  z.object({ ok: z.literal(false), code: z.string() }),
]);

export interface WalCheckpointerOptions {
  /** The SQLite database file (not `:memory:`). */
  file: string;
  /** The database's page size, to turn `boundBytes` into WAL frames. */
  pageSize: number;
  /** WAL size past which writes wait for a complete checkpoint (default 16 MB). */
  boundBytes?: number;
  /**
   * Called once when the worker's connection is open: the caller turns its automatic checkpoints
   * off then, not before, so that no write goes without checkpoints while the thread starts.
   */
  onReady: () => void;
  /** Called once if the worker fails; the caller turns automatic checkpoints back on. */
  onFailure: (reason: string) => void;
  /** The better-sqlite3 module the worker loads (a test gives another to make it fail). */
  driver?: string;
}

export interface WalCheckpointStats {
  /** The worker runs the checkpoints (until then, and after a failure, the connection does). */
  ready: boolean;
  /** Checkpoint passes completed. */
  passes: number;
  /** Times a write waited for a complete checkpoint because the WAL had passed its bound. */
  waits: number;
  /** Their total and longest wait (ms). */
  waitMs: number;
  maxWaitMs: number;
  /**
   * Bytes in the WAL since it was last reset, as far as known: the writes' own estimate, or the
   * last pass's frame count where that is more (0 once a complete pass lets the next write
   * reset it).
   */
  walBytes: number;
  failed: boolean;
}

export const defaultWalBoundBytes = 16 * 1024 * 1024;
const maxIncompletePasses = 3;

export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly boundBytes: number;
  /** Until the worker's connection is open, the caller's automatic checkpoints are on. */
  private ready = false;
  private running = false;
  /** A write committed while a pass was running: that pass did not copy it. */
  private writtenSince = false;
  private waiting: Array<() => void> = [];
  private failed = false;
  private closing = false;
  /** Passes in a row that a reader kept from finishing while writes waited. */
  private incomplete = 0;
  private readonly stats = { passes: 0, waits: 0, waitMs: 0, maxWaitMs: 0, walBytes: 0 };

  constructor(private readonly options: WalCheckpointerOptions) {
    this.boundBytes = options.boundBytes ?? defaultWalBoundBytes;
    this.worker = new Worker(path.join(__dirname, "wal-checkpoint-worker.cjs"), {
      workerData: {
        file: options.file,
        driver: options.driver ?? require.resolve("better-sqlite3"),
      },
    });
    this.worker.on("message", (message: unknown) => this.onReply(message));
    this.worker.on("error", (error) => this.fail(error.name));
    this.worker.on("exit", (code) => {
      if (!this.closing) this.fail(`exited (${code})`);
    });
    // An idle checkpointer must not keep a finished process alive.
    this.worker.unref();
  }

  /**
   * Before a unit of work: undefined (go on at once) unless the WAL has passed its bound; then a
   * promise that resolves when a checkpoint has copied every frame with no write after it.
   */
  beforeWrite(): Promise<void> | undefined {
    if (!this.ready || this.failed || this.stats.walBytes <= this.boundBytes) return undefined;
    this.stats.waits++;
    const since = performance.now();
    return new Promise<void>((resolve) => {
      this.waiting.push(() => {
        const ms = performance.now() - since;
        this.stats.waitMs += ms;
        this.stats.maxWaitMs = Math.max(this.stats.maxWaitMs, ms);
        resolve();
      });
      if (!this.running) this.start();
    });
  }

  /**
   * After a unit of work that wrote about `bytes` (the caller's estimate): copies it soon, on the
   * worker. The estimate keeps the bound current between passes, whose counts lag by one pass.
   */
  afterWrite(bytes: number): void {
    if (!this.ready || this.failed || this.closing) return;
    this.stats.walBytes += bytes;
    if (this.running) this.writtenSince = true;
    else this.start();
  }

  snapshot(): WalCheckpointStats {
    return { ...this.stats, ready: this.ready && !this.failed, failed: this.failed };
  }

  /** Lets a running pass finish, then stops the worker (closing the connection copies the rest). */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.release();
    if (this.failed) return;
    await new Promise<void>((resolve) => {
      this.worker.once("exit", () => resolve());
      this.worker.postMessage("close");
    });
  }

  private start(): void {
    this.running = true;
    this.writtenSince = false;
    this.worker.postMessage("checkpoint");
  }

  private onReply(message: unknown): void {
    const reply = replySchema.safeParse(message);
    if (!reply.success) return this.fail("unexpected reply");
    if ("ready" in reply.data) {
      if (this.closing || this.failed) return;
      this.ready = true;
      this.options.onReady();
      // What was written while the thread started is copied now.
      this.start();
      return;
    }
    this.running = false;
    if (!reply.data.ok) {
      // A busy or failed pass copies nothing; the next write asks again. Waiting writes go on
      // rather than wait for a pass that may not come: the WAL stays correct, only longer.
      this.release();
      return;
    }
    this.stats.passes++;
    const complete = reply.data.checkpointed >= reply.data.log && !this.writtenSince;
    // Complete with nothing written since: the next write resets the WAL.
    this.stats.walBytes = complete
      ? 0
      : Math.max(this.stats.walBytes, reply.data.log * this.options.pageSize);
    this.incomplete = complete || this.writtenSince ? 0 : this.incomplete + 1;
    // A reader elsewhere (another process on the same file) holding an old snapshot keeps passes
    // short of the end: after a few, the waiting writes go on and the WAL grows until it lets go.
    const retry = this.waiting.length > 0 && !complete && this.incomplete < maxIncompletePasses;
    if ((this.writtenSince || retry) && !this.closing) {
      this.start();
      return;
    }
    this.release();
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.running = false;
    this.release();
    if (!this.closing) this.options.onFailure(reason);
  }
}
