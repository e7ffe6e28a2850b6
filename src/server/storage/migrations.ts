/**
 * Schema migrations, one list for both engines; each step gives its SQL per dialect where they
 * differ (BLOB or BYTEA, trigger syntax). Applied in order inside one transaction each and
 * recorded in `schema_migrations`; on PostgreSQL an advisory lock lets several instances start at
 * once. Steps are append-only: never edit a released one, add the next.
 */
import type { Database, Dialect, SqlExecutor } from "./database";

interface Migration {
  version: number;
  description: string;
  sql: (dialect: Dialect) => string[];
}

const genesisHash = "0".repeat(64);

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: "offices, officers, cases, correspondence, e-documents, notes, tasks, audit",
    sql: (dialect) => {
      const blob = dialect === "pg" ? "BYTEA" : "BLOB";
      const statements = [
        `CREATE TABLE offices (
          id TEXT PRIMARY KEY,
          name_en TEXT NOT NULL,
          name_fr TEXT NOT NULL,
          generic_mailbox TEXT NOT NULL
        )`,
        `CREATE TABLE officers (
          id TEXT PRIMARY KEY,
          username TEXT,
          display_name TEXT
        )`,
        `CREATE TABLE memberships (
          officer_id TEXT NOT NULL REFERENCES officers(id),
          office_id TEXT NOT NULL REFERENCES offices(id),
          PRIMARY KEY (officer_id, office_id)
        )`,
        `CREATE TABLE cases (
          case_number TEXT PRIMARY KEY,
          office_id TEXT NOT NULL REFERENCES offices(id),
          language TEXT NOT NULL,
          bilingual INTEGER NOT NULL,
          country TEXT NOT NULL,
          applicant_name TEXT NOT NULL,
          addresses TEXT NOT NULL,
          representative TEXT
        )`,
        `CREATE TABLE correspondence (
          id TEXT PRIMARY KEY,
          case_number TEXT NOT NULL REFERENCES cases(case_number),
          office_id TEXT NOT NULL REFERENCES offices(id),
          purpose TEXT NOT NULL,
          deadline TEXT,
          expected_recipient TEXT NOT NULL,
          language TEXT NOT NULL,
          status TEXT NOT NULL,
          subject TEXT,
          sent_at TEXT,
          from_address TEXT,
          to_addresses TEXT NOT NULL,
          via_address TEXT,
          responded_at TEXT,
          followed_up_at TEXT,
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL,
          updated_at TEXT NOT NULL
        )`,
        `CREATE INDEX correspondence_case ON correspondence(case_number)`,
        `CREATE INDEX correspondence_office_status ON correspondence(office_id, status)`,
        `CREATE TABLE e_documents (
          correspondence_id TEXT PRIMARY KEY REFERENCES correspondence(id),
          bytes ${blob} NOT NULL,
          size INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          uploaded_at TEXT NOT NULL,
          uploaded_by TEXT NOT NULL
        )`,
        `CREATE TABLE notes (
          id TEXT PRIMARY KEY,
          case_number TEXT NOT NULL REFERENCES cases(case_number),
          correspondence_id TEXT REFERENCES correspondence(id),
          kind TEXT NOT NULL,
          text TEXT NOT NULL,
          author TEXT NOT NULL,
          created_at TEXT NOT NULL
        )`,
        `CREATE INDEX notes_case ON notes(case_number)`,
        `CREATE TABLE print_tasks (
          id TEXT PRIMARY KEY,
          case_number TEXT NOT NULL REFERENCES cases(case_number),
          office_id TEXT NOT NULL REFERENCES offices(id),
          correspondence_id TEXT NOT NULL UNIQUE REFERENCES correspondence(id),
          size INTEGER NOT NULL,
          status TEXT NOT NULL,
          created_at TEXT NOT NULL,
          created_by TEXT NOT NULL
        )`,
        `CREATE TABLE bounces (
          id TEXT PRIMARY KEY,
          case_number TEXT NOT NULL REFERENCES cases(case_number),
          correspondence_id TEXT REFERENCES correspondence(id),
          address TEXT NOT NULL,
          occurred_at TEXT NOT NULL,
          permanent INTEGER NOT NULL,
          status_code TEXT,
          diagnostic TEXT,
          recorded_at TEXT NOT NULL,
          recorded_by TEXT NOT NULL
        )`,
        `CREATE INDEX bounces_case ON bounces(case_number)`,
        `CREATE TABLE transfers (
          id TEXT PRIMARY KEY,
          case_number TEXT NOT NULL REFERENCES cases(case_number),
          from_office_id TEXT NOT NULL REFERENCES offices(id),
          to_office_id TEXT NOT NULL REFERENCES offices(id),
          reason TEXT NOT NULL,
          transferred_at TEXT NOT NULL,
          notified_at TEXT,
          notice_correspondence_id TEXT REFERENCES correspondence(id)
        )`,
        `CREATE INDEX transfers_to_office ON transfers(to_office_id)`,
        `CREATE TABLE idempotency_keys (
          officer_id TEXT NOT NULL,
          idempotency_key TEXT NOT NULL,
          fingerprint TEXT NOT NULL,
          status INTEGER NOT NULL,
          body TEXT NOT NULL,
          created_at TEXT NOT NULL,
          PRIMARY KEY (officer_id, idempotency_key)
        )`,
        `CREATE TABLE audit_log (
          seq INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          entity TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          details TEXT NOT NULL,
          prev_hash TEXT NOT NULL,
          hash TEXT NOT NULL
        )`,
        `CREATE TABLE audit_head (
          id INTEGER PRIMARY KEY,
          seq INTEGER NOT NULL,
          hash TEXT NOT NULL
        )`,
        `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '${genesisHash}')`,
      ];
      // Append-only: the database itself refuses to change or delete an audit row.
      if (dialect === "pg") {
        statements.push(
          `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
           'BEGIN RAISE EXCEPTION ''audit_log is append-only''; END'`,
          `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
           FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`
        );
      } else {
        statements.push(
          `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
          `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`
        );
      }
      return statements;
    },
  },
  {
    version: 2,
    description: "audit entries inserted unchained (commit-independent id), chained after commit",
    sql: (dialect) => {
      const pg = dialect === "pg";
      const int = pg ? "BIGINT" : "INTEGER";
      // The entry's identity comes from a sequence, so concurrent writers never wait on each
      // other; seq, prev_hash and hash stay NULL until the chaining pass writes them, once.
      const id = pg
        ? "id BIGINT GENERATED BY DEFAULT AS IDENTITY CONSTRAINT audit_entry_pkey PRIMARY KEY"
        : "id INTEGER PRIMARY KEY AUTOINCREMENT";
      const content = ["id", "at", "actor", "action", "entity", "entity_id", "details"];
      const statements = [
        `CREATE TABLE audit_log_v2 (
          ${id},
          seq ${int} CONSTRAINT audit_entry_seq_key UNIQUE,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          entity TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          details TEXT NOT NULL,
          prev_hash TEXT,
          hash TEXT,
          CONSTRAINT audit_entry_chained_whole CHECK (
            (seq IS NULL AND prev_hash IS NULL AND hash IS NULL)
            OR (seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL))
        )`,
        // The chain so far keeps its sequence numbers and hashes; its ids are its seqs.
        `INSERT INTO audit_log_v2 (id, seq, at, actor, action, entity, entity_id, details,
           prev_hash, hash)
         SELECT seq, seq, at, actor, action, entity, entity_id, details, prev_hash, hash
         FROM audit_log ORDER BY seq`,
        // Drops the version 1 triggers with it.
        "DROP TABLE audit_log",
        "ALTER TABLE audit_log_v2 RENAME TO audit_log",
        "CREATE INDEX audit_log_unchained ON audit_log (id) WHERE hash IS NULL",
      ];
      if (pg) {
        statements.push(
          `SELECT setval(pg_get_serial_sequence('audit_log', 'id'),
             (SELECT COALESCE(MAX(id), 0) + 1 FROM audit_log), false)`,
          "DROP FUNCTION audit_log_append_only()",
          // The only change allowed: chaining an unchained row, its content untouched.
          `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
                AND (${content.map((c) => `NEW.${c}`).join(", ")})
                    IS NOT DISTINCT FROM (${content.map((c) => `OLD.${c}`).join(", ")}) THEN
               RETURN NEW;
             END IF;
             RAISE EXCEPTION 'audit_log is append-only';
           END $$`,
          `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
           FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`
        );
      } else {
        statements.push(
          `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
           WHEN NOT (OLD.hash IS NULL AND NEW.hash IS NOT NULL
             AND ${content.map((c) => `NEW.${c} IS OLD.${c}`).join(" AND ")})
           BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
          `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
           BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`
        );
      }
      return statements;
    },
  },
  {
    version: 3,
    description: "e-documents compressed with lz4 on PostgreSQL",
    // pglz, the default, spends about 2.5 times lz4's CPU on a 1 MB message (measured: 11.7 ms
    // against 4.6 ms per insert), inside the upload's transaction. New rows only; old ones stay
    // readable. A server built without lz4 keeps pglz.
    sql: (dialect) =>
      dialect === "pg"
        ? [
            `DO $$ BEGIN
               ALTER TABLE e_documents ALTER COLUMN bytes SET COMPRESSION lz4;
             EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR syntax_error THEN NULL;
             END $$`,
          ]
        : [],
  },
  {
    version: 4,
    description: "e-documents in files beside the SQLite database (in_file), found by digest",
    // in_file = 1: the row's bytes are empty and the e-document is the file named by its sha256
    // (e-document-files.ts). Rows written before stay in the database, readable as they were.
    sql: () => [
      "ALTER TABLE e_documents ADD COLUMN in_file INTEGER NOT NULL DEFAULT 0",
      "CREATE INDEX e_documents_sha256 ON e_documents (sha256)",
    ],
  },
];

export { genesisHash };

/**
 * Brings the schema up to date (or up to `target`, for tests of an upgrade); returns the versions
 * it applied.
 */
export async function migrate(db: Database, target = Infinity): Promise<number[]> {
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    if (tx.dialect === "pg") await tx.query("SELECT pg_advisory_xact_lock(726001)");
    await tx.run(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )`
    );
    const rows = await tx.query<{ version: number }>("SELECT version FROM schema_migrations");
    const done = new Set(rows.map((r) => Number(r.version)));
    for (const step of migrations) {
      if (done.has(step.version) || step.version > target) continue;
      for (const sql of step.sql(tx.dialect)) await tx.run(sql);
      await tx.run(
        "INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)",
        [step.version, step.description, new Date().toISOString()]
      );
      applied.push(step.version);
    }
  });
  return applied;
}

/** The version this code's migrations bring a database to. */
export function latestSchemaVersion(): number {
  return Math.max(...migrations.map((m) => m.version));
}

export async function schemaVersion(db: SqlExecutor): Promise<number> {
  const rows = await db.query<{ v: number | null }>(
    "SELECT MAX(version) AS v FROM schema_migrations"
  );
  return Number(rows[0]?.v ?? 0);
}
