/**
 * The append-only, hash-chained audit log. Each entry's hash is the SHA-256 of the previous hash and
 * the entry's canonical content, so an edited, removed or reordered row breaks the chain from that
 * point. `audit_head` (locked per append) holds the last sequence number and hash, so concurrent
 * gateway instances on PostgreSQL extend one chain and never fork it. Details carry identifiers,
 * statuses and digests only: never names, addresses or bodies.
 */
import { createHash } from "node:crypto";
import { forUpdate, type SqlExecutor } from "./storage/database";
import { genesisHash } from "./storage/migrations";

export type AuditDetails = Readonly<Record<string, string | number | boolean | null>>;

export interface AuditEvent {
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details?: AuditDetails;
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export function entryHash(
  prevHash: string,
  entry: Omit<AuditRow, "prev_hash" | "hash" | "seq"> & { seq: number }
): string {
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

/** Appends one entry inside the caller's transaction. */
export async function appendAudit(
  tx: SqlExecutor,
  event: AuditEvent,
  at = new Date()
): Promise<void> {
  const heads = await tx.query<{ seq: number; hash: string }>(
    `SELECT seq, hash FROM audit_head WHERE id = 1${forUpdate(tx)}`
  );
  const head = heads[0];
  if (head === undefined) throw new Error("audit_head is missing");
  const seq = Number(head.seq) + 1;
  const entry = {
    seq,
    at: at.toISOString(),
    actor: event.actor,
    action: event.action,
    entity: event.entity,
    entity_id: event.entityId,
    details: JSON.stringify(event.details ?? {}),
  };
  const hash = entryHash(head.hash, entry);
  await tx.run(
    `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      seq,
      entry.at,
      entry.actor,
      entry.action,
      entry.entity,
      entry.entity_id,
      entry.details,
      head.hash,
      hash,
    ]
  );
  await tx.run("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", [seq, hash]);
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first sequence number whose row does not match the chain; null when intact. */
  firstBadSeq: number | null;
  reason: string | null;
}

/** Walks the whole chain in order, in pages, and checks every link and the head. */
export async function verifyAudit(db: SqlExecutor, pageSize = 1000): Promise<AuditVerification> {
  let prevHash = genesisHash;
  let expectedSeq = 1;
  let entries = 0;
  for (;;) {
    const rows = await db.query<AuditRow>(
      `SELECT seq, at, actor, action, entity, entity_id, details, prev_hash, hash
       FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expectedSeq, pageSize]
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) return bad(entries, expectedSeq, "a row is missing");
      if (row.prev_hash !== prevHash)
        return bad(entries, seq, "the link to the previous row is broken");
      if (entryHash(prevHash, { ...row, seq }) !== row.hash) {
        return bad(entries, seq, "the row's content does not match its hash");
      }
      prevHash = row.hash;
      expectedSeq = seq + 1;
      entries++;
    }
    if (rows.length < pageSize) break;
  }
  const heads = await db.query<{ seq: number; hash: string }>(
    "SELECT seq, hash FROM audit_head WHERE id = 1"
  );
  const head = heads[0];
  if (head === undefined || Number(head.seq) !== entries || head.hash !== prevHash) {
    return bad(entries, entries + 1, "the chain's head does not match its last row (rows removed)");
  }
  return { ok: true, entries, firstBadSeq: null, reason: null };
}

function bad(entries: number, seq: number, reason: string): AuditVerification {
  return { ok: false, entries, firstBadSeq: seq, reason };
}
