/**
 * The append-only, hash-chained audit log, written in two steps so that business transactions
 * never wait on each other for it:
 *
 * 1. `appendAudit` inserts the entry inside the caller's transaction, unchained: its `id` comes
 *    from a sequence (identity on PostgreSQL, AUTOINCREMENT on SQLite), `seq`, `prev_hash` and
 *    `hash` stay NULL. No shared row is touched, so a 1 MB upload holds no lock other writers need.
 * 2. `chainAudit`, after commit, in a short transaction of its own that holds the chain's head
 *    (`audit_head`, locked): gives every committed unchained row, in id order, the next `seq`, the
 *    previous row's hash and its own hash (SHA-256 of the previous hash and its canonical content),
 *    then moves the head. One chainer at a time, so the chain never forks; a row is chained once
 *    (the update requires `hash IS NULL`, `seq` is unique, and a trigger refuses any other change).
 *
 * Rows left unchained by a crash between the two steps are chained by the next pass: after the
 * next write, at start-up, periodically, and by `verifyAudit` before it walks the chain. Details
 * carry identifiers, statuses and digests only: never names, addresses or bodies.
 */
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { forUpdate, type Database, type SqlExecutor, type SqlValue } from "./storage/database";
import { genesisHash } from "./storage/migrations";

export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface AuditEvent {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details?: AuditDetails;
}

/** What an entry's hash covers besides the previous hash. */
interface AuditContent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  details: string;
}

interface ChainedRow extends AuditContent {
  prev_hash: string;
  hash: string;
}

export function entryHash(prevHash: string, entry: AuditContent): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at,
    entry.actor,
    entry.action,
    entry.entity,
    entry.entity_id,
    entry.details,
  ]);
  return createHash("sha256").update(prevHash).update("\n").update(canonical).digest("hex");
}

/** Inserts one unchained entry inside the caller's transaction (it commits or rolls back with it). */
export async function appendAudit(
  tx: SqlExecutor,
  event: AuditEvent,
  at = new Date()
): Promise<void> {
  await tx.run(
    `INSERT INTO audit_log (at, actor, action, entity, entity_id, details)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      at.toISOString(),
      event.actor,
      event.action,
      event.entity,
      event.entityId,
      JSON.stringify(event.details ?? {}),
    ]
  );
}

interface Head {
  seq: number;
  hash: string;
}

async function readHead(db: SqlExecutor, lock = false): Promise<Head> {
  const rows = await db.query<{ seq: number | string; hash: string }>(
    `SELECT seq, hash FROM audit_head WHERE id = 1${lock ? forUpdate(db) : ""}`
  );
  const head = rows[0];
  if (head === undefined) throw new Error("audit_head is missing");
  return { seq: Number(head.seq), hash: head.hash };
}

/**
 * Chains every committed unchained entry, in batches of `batchSize` per short transaction; returns
 * how many it chained. Safe to run from any number of processes at once: the head's lock admits one.
 */
export async function chainAudit(db: Database, batchSize = 500): Promise<number> {
  let total = 0;
  for (;;) {
    // Most passes find nothing (another pass took the rows): skip the locking transaction then.
    const waiting = await db.query("SELECT id FROM audit_log WHERE hash IS NULL LIMIT 1");
    if (waiting.length === 0) return total;
    const chained = await db.transaction(async (tx) => {
      const head = await readHead(tx, true);
      // Read after taking the lock: rows chained by the previous holder are no longer NULL here.
      const rows = await tx.query<Omit<AuditContent, "seq"> & { id: number | string }>(
        `SELECT id, at, actor, action, entity, entity_id, details FROM audit_log
         WHERE hash IS NULL ORDER BY id LIMIT $1`,
        [batchSize]
      );
      if (rows.length === 0) return 0;
      let { seq, hash } = head;
      const values: SqlValue[] = [];
      for (const row of rows) {
        seq++;
        const prevHash = hash;
        hash = entryHash(prevHash, { ...row, seq });
        values.push(Number(row.id), seq, prevHash, hash);
      }
      // One statement for the batch (VALUES columns are column1.. on both engines).
      const tuples = rows.map((_, i) => {
        const p = i * 4;
        return `(CAST($${p + 1} AS BIGINT), CAST($${p + 2} AS BIGINT), $${p + 3}, $${p + 4})`;
      });
      const changed = await tx.run(
        `UPDATE audit_log SET seq = v.column2, prev_hash = v.column3, hash = v.column4
         FROM (VALUES ${tuples.join(", ")}) AS v
         WHERE audit_log.id = v.column1 AND audit_log.hash IS NULL`,
        values
      );
      // Impossible while the head is held; rolling back keeps the chain from forking if it happens.
      if (changed !== rows.length) throw new Error("an audit entry was chained by someone else");
      await tx.run("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", [seq, hash]);
      return rows.length;
    });
    total += chained;
    if (chained < batchSize) return total;
  }
}

/**
 * Runs `chainAudit` after commits without piling up passes: the first request starts a pass after
 * `delayMs` (the commits of that window are chained together, in one batch); a request while a
 * pass runs asks for one more after it (the running one may have read before that commit).
 */
export class AuditChainer {
  private running = false;
  /** A commit asked for a pass and waits for nothing. */
  private scheduled = false;
  /** Callers waiting for a pass that starts after their call. */
  private waiting: Array<{ resolve: (chained: number) => void; reject: (error: unknown) => void }> =
    [];

  constructor(
    private readonly db: Database,
    private readonly delayMs = 0
  ) {}

  /**
   * After a commit: a pass soon (the commits of the next `delayMs` together). Nothing to await:
   * a failed pass leaves the entries to the next one, and no request is held by a promise while
   * passes follow each other under constant load.
   */
  schedule(): void {
    this.scheduled = true;
    if (!this.running) void this.loop();
  }

  /**
   * Resolves (with the entries it chained) once a pass that started after the call has ended, so
   * the entries committed before the call are chained; rejects if that pass failed. Each caller
   * waits for at most the pass under way and the next, however long the load goes on.
   */
  request(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      if (!this.running) void this.loop();
    });
  }

  private async loop(): Promise<void> {
    this.running = true;
    try {
      while (this.scheduled || this.waiting.length > 0) {
        // Before every pass, not only the first: under constant load the passes would otherwise
        // follow each other, each chaining a few entries for the same round trips.
        if (this.delayMs > 0) await sleep(this.delayMs);
        const waiting = this.waiting;
        this.waiting = [];
        this.scheduled = false;
        try {
          const chained = await chainAudit(this.db);
          for (const w of waiting) w.resolve(chained);
        } catch (error) {
          for (const w of waiting) w.reject(error);
          // Storage unreachable: leave the rest to the next write or the periodic pass.
          if (this.waiting.length === 0) break;
        }
      }
    } finally {
      this.running = false;
    }
  }
}

export interface AuditVerification {
  ok: boolean;
  /** Chained entries checked. */
  entries: number;
  /** The first sequence number whose row does not match the chain; null when intact. */
  firstBadSeq: number | null;
  reason: string | null;
  /** Entries committed but not chained when the walk ended (written meanwhile, or `chain: false`). */
  unchained: number;
}

export interface VerifyOptions {
  /** Chain the committed unchained entries first (default), so every entry is covered. */
  chain?: boolean;
  pageSize?: number;
}

/**
 * Walks the whole chain in order, in pages, and checks every link and the head. Writers may go on
 * meanwhile: the head read before the walk must match its row (a removed tail shows), and the walk
 * may not end past the head read after it (rows added behind the head's back show).
 */
export async function verifyAudit(
  db: Database,
  options: VerifyOptions = {}
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000;
  // A chain pass fails when someone wrote chain values into the log behind the chainer's back;
  // the walk then names the row, so its error is only rethrown when the walk finds nothing.
  let chainError: unknown = null;
  if (options.chain !== false) await chainAudit(db).catch((error: unknown) => (chainError = error));
  const before = await readHead(db);
  let prevHash = genesisHash;
  let hashAtHead = before.seq === 0 ? genesisHash : null;
  let expectedSeq = 1;
  let entries = 0;
  const bad = async (seq: number, reason: string): Promise<AuditVerification> => ({
    ok: false,
    entries,
    firstBadSeq: seq,
    reason,
    unchained: await countUnchained(db),
  });
  for (;;) {
    const rows = await db.query<ChainedRow>(
      `SELECT seq, at, actor, action, entity, entity_id, details, prev_hash, hash
       FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, pageSize]
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return bad(expectedSeq, "a row is missing");
      if (row.prev_hash !== prevHash) return bad(seq, "the link to the previous row is broken");
      if (entryHash(prevHash, { ...row, seq }) !== row.hash) {
        return bad(seq, "the row's content does not match its hash");
      }
      prevHash = row.hash;
      if (seq === before.seq) hashAtHead = row.hash;
      expectedSeq = seq + 1;
      entries++;
    }
    if (rows.length < pageSize) break;
  }
  const after = await readHead(db);
  if (entries < before.seq || hashAtHead !== before.hash) {
    return bad(entries + 1, "the chain's head does not match its last row (rows removed)");
  }
  if (entries > after.seq || (entries === after.seq && prevHash !== after.hash)) {
    return bad(after.seq + 1, "rows follow the chain's head (the head was moved back)");
  }
  if (chainError !== null) throw chainError;
  return {
    ok: true,
    entries,
    firstBadSeq: null,
    reason: null,
    unchained: await countUnchained(db),
  };
}

async function countUnchained(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM audit_log WHERE hash IS NULL"
  );
  return Number(rows[0]?.n ?? 0);
}
