/**
 * The gateway's operations, independent of HTTP: access control (an officer reaches only the cases
 * of their offices), status transitions, idempotency and the audit entry of every change, each
 * creating operation in one transaction on the storage interface.
 */
import { createHash, randomUUID } from "node:crypto";
import {
  eDocumentMaxBytes,
  type Bounce,
  type CaseResource,
  type Correspondence,
  type CreateBounceRequest,
  type CreateCorrespondenceRequest,
  type CreateNoteRequest,
  type CreatePrintTaskRequest,
  type CreateTransferRequest,
  type ListQuery,
  type Me,
  type Note,
  type OfficeResource,
  type PrintTask,
  type ProofOfSending,
  type RecordResponseRequest,
  type RecordSendingRequest,
  type RecordTransferNoticeRequest,
  type Transfer,
} from "../gateway/contract";
import { addressOnFileAt, sameAddress } from "./address-on-file";
import { AuditChainer, appendAudit, type AuditDetails } from "./audit";
import type { EDocumentFiles } from "./storage/e-document-files";
import { HttpError, conflict, invalidState, notFound } from "./http-error";
import {
  bounceFromRow,
  caseFromRow,
  correspondenceColumns,
  correspondenceFrom,
  correspondenceFromRow,
  noteFromRow,
  officeFromRow,
  printTaskFromRow,
  transferFromRow,
} from "./rows";
import type { Database, SqlExecutor, SqlValue } from "./storage/database";

export interface Officer {
  id: string;
  displayName: string | null;
  offices: ReadonlySet<string>;
}

/** The answer of a creating operation, kept verbatim for idempotent replays. */
export interface Created<T> {
  status: number;
  body: T;
}

const now = () => new Date().toISOString();
const normalizeInstant = (value: string) => new Date(value).toISOString();

export interface ServiceOptions {
  /**
   * How long a looked-up officer and their offices are reused (default 30 s): each request then
   * skips two queries; a membership change takes effect within that time. Unknown officers are
   * never cached.
   */
  officerCacheMs?: number;
  /**
   * How long before each chaining pass (default 10 ms), so that the commits of that window are
   * chained in one short transaction rather than one each: at most one pass per window.
   */
  auditChainDelayMs?: number;
  /** Where e-documents go as files (SQLite); without it they are stored in the database. */
  eDocumentFiles?: EDocumentFiles;
}

/** Where an upload's bytes will be recorded: staged as a file, or in the row itself. */
export type EDocumentPlacement = "file" | "database";

export class GatewayService {
  private readonly officers = new Map<string, { officer: Officer; until: number }>();
  private readonly officerCacheMs: number;
  /** Chains the audit entries of committed operations, outside their transactions. */
  readonly auditChainer: AuditChainer;
  readonly eDocumentFiles: EDocumentFiles | null;

  constructor(
    readonly db: Database,
    options: ServiceOptions = {}
  ) {
    this.officerCacheMs = options.officerCacheMs ?? 30_000;
    this.auditChainer = new AuditChainer(db, options.auditChainDelayMs ?? 10);
    this.eDocumentFiles = options.eDocumentFiles ?? null;
  }

  /** The officer of a verified token, through the short-lived cache. */
  async officerFor(oid: string): Promise<Officer | null> {
    const now = Date.now();
    const hit = this.officers.get(oid);
    if (hit !== undefined && hit.until > now) return hit.officer;
    const officer = await this.findOfficer(oid);
    if (officer !== null && this.officerCacheMs > 0) {
      if (this.officers.size >= 10_000) this.officers.clear();
      this.officers.set(oid, { officer, until: now + this.officerCacheMs });
    }
    return officer;
  }

  // -------------------------------------------------------------------------------------------
  // Identity

  /** Maps a verified token's object id to an officer and their offices; null if unknown. */
  async findOfficer(oid: string): Promise<Officer | null> {
    const rows = await this.db.query<{ id: string; display_name: string | null }>(
      "SELECT id, display_name FROM officers WHERE id = $1",
      [oid]
    );
    const row = rows[0];
    if (row === undefined) return null;
    const memberships = await this.db.query<{ office_id: string }>(
      "SELECT office_id FROM memberships WHERE officer_id = $1 ORDER BY office_id",
      [oid]
    );
    return {
      id: row.id,
      displayName: row.display_name,
      offices: new Set(memberships.map((m) => m.office_id)),
    };
  }

  me(officer: Officer): Me {
    return {
      officerId: officer.id,
      displayName: officer.displayName,
      offices: [...officer.offices].sort(),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Offices and cases

  async listOffices(): Promise<OfficeResource[]> {
    const rows = await this.db.query("SELECT * FROM offices ORDER BY id");
    return rows.map(officeFromRow);
  }

  async getOffice(id: string, tx: SqlExecutor = this.db): Promise<OfficeResource> {
    const rows = await tx.query("SELECT * FROM offices WHERE id = $1", [id]);
    if (rows[0] === undefined) throw notFound("office");
    return officeFromRow(rows[0]);
  }

  /** The case if the officer's offices hold it; another office's case is "not found" (no leak). */
  async getCase(officer: Officer, caseNumber: string, tx: SqlExecutor = this.db) {
    const rows = await tx.query("SELECT * FROM cases WHERE case_number = $1", [caseNumber]);
    const row = rows[0];
    if (row === undefined || !officer.offices.has(String(row.office_id))) throw notFound("case");
    return caseFromRow(row, await this.caseBounces(caseNumber, tx));
  }

  private async caseBounces(caseNumber: string, tx: SqlExecutor): Promise<Bounce[]> {
    const rows = await tx.query(
      "SELECT * FROM bounces WHERE case_number = $1 ORDER BY occurred_at, id",
      [caseNumber]
    );
    return rows.map(bounceFromRow);
  }

  async listCaseCorrespondence(officer: Officer, caseNumber: string): Promise<Correspondence[]> {
    await this.getCase(officer, caseNumber);
    const rows = await this.db.query(
      `SELECT ${correspondenceColumns} FROM ${correspondenceFrom}
       WHERE c.case_number = $1 ORDER BY c.created_at, c.id`,
      [caseNumber]
    );
    return rows.map(correspondenceFromRow);
  }

  async listCaseNotes(officer: Officer, caseNumber: string): Promise<Note[]> {
    await this.getCase(officer, caseNumber);
    const rows = await this.db.query(
      "SELECT * FROM notes WHERE case_number = $1 ORDER BY created_at, id",
      [caseNumber]
    );
    return rows.map(noteFromRow);
  }

  async listCaseBounces(officer: Officer, caseNumber: string): Promise<Bounce[]> {
    await this.getCase(officer, caseNumber);
    return this.caseBounces(caseNumber, this.db);
  }

  async listCaseTransfers(officer: Officer, caseNumber: string): Promise<Transfer[]> {
    await this.getCase(officer, caseNumber);
    const rows = await this.db.query(
      "SELECT * FROM transfers WHERE case_number = $1 ORDER BY transferred_at, id",
      [caseNumber]
    );
    return rows.map(transferFromRow);
  }

  // -------------------------------------------------------------------------------------------
  // Correspondence

  /**
   * The correspondence if the officer may reach it: through the case's current office, or the
   * office that held the case when it was recorded (a message sent before a transfer).
   */
  async getCorrespondence(
    officer: Officer,
    id: string,
    tx: SqlExecutor = this.db
  ): Promise<Correspondence> {
    const rows = await tx.query(
      `SELECT ${correspondenceColumns}, k.office_id AS case_office_id FROM ${correspondenceFrom}
       JOIN cases k ON k.case_number = c.case_number WHERE c.id = $1`,
      [id]
    );
    const row = rows[0];
    if (
      row === undefined ||
      !(
        officer.offices.has(String(row.office_id)) ||
        officer.offices.has(String(row.case_office_id))
      )
    ) {
      throw notFound("correspondence");
    }
    return correspondenceFromRow(row);
  }

  async createCorrespondence(
    tx: SqlExecutor,
    officer: Officer,
    input: CreateCorrespondenceRequest
  ): Promise<Created<Correspondence>> {
    // The case's office only (no bounces): one query fewer than getCase on this hot path.
    const cases = await tx.query<{ office_id: string }>(
      "SELECT office_id FROM cases WHERE case_number = $1",
      [input.caseNumber]
    );
    const officeId = cases[0]?.office_id;
    if (officeId === undefined || !officer.offices.has(String(officeId))) throw notFound("case");
    const at = now();
    // Keyed by the correlation reference: recording it again is a no-op, not a second record
    // (a concurrent duplicate waits for the first and then finds it here).
    const inserted = await tx.query(
      `INSERT INTO correspondence (id, case_number, office_id, purpose, deadline,
         expected_recipient, language, status, subject, to_addresses, created_at, created_by,
         updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, '[]', $9, $10, $9)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        input.id,
        input.caseNumber,
        String(officeId),
        input.purpose,
        input.deadline,
        input.expectedRecipient,
        input.language,
        input.subject ?? null,
        at,
        officer.id,
      ]
    );
    if (inserted.length === 0) {
      const existing = await tx.query<{ case_number: string }>(
        "SELECT case_number FROM correspondence WHERE id = $1",
        [input.id]
      );
      if (existing[0]?.case_number !== input.caseNumber) {
        throw conflict("this correlation reference belongs to another case");
      }
      return { status: 200, body: await this.getCorrespondence(officer, input.id, tx) };
    }
    await this.audit(tx, officer, "correspondence.create", "correspondence", input.id, {
      caseNumber: input.caseNumber,
      purpose: input.purpose,
      status: "pending",
    });
    return { status: 201, body: await this.getCorrespondence(officer, input.id, tx) };
  }

  async recordSending(
    tx: SqlExecutor,
    officer: Officer,
    id: string,
    input: RecordSendingRequest
  ): Promise<Created<Correspondence>> {
    const current = await this.lockCorrespondence(tx, officer, id);
    const sentAt = normalizeInstant(input.sentAt);
    if (current.status !== "pending") {
      // The same facts again (a second filing path found the same sent item) change nothing.
      if (current.sentAt === sentAt && current.from === input.from) {
        return { status: 200, body: current };
      }
      throw invalidState(`sending already recorded (status ${current.status})`);
    }
    await tx.run(
      `UPDATE correspondence SET status = 'sent', sent_at = $2, from_address = $3,
         to_addresses = $4, subject = $5, updated_at = $6 WHERE id = $1`,
      [id, sentAt, input.from, JSON.stringify(input.to), input.subject, now()]
    );
    await this.audit(tx, officer, "correspondence.sent", "correspondence", id, { status: "sent" });
    return { status: 200, body: await this.getCorrespondence(officer, id, tx) };
  }

  /**
   * Before the upload's transaction, outside it: writes the bytes as a file (synced) where
   * e-documents are files and the upload looks acceptable, so the transaction only records the
   * row. Anything else ("database") stores the bytes in the row: no file store; an upload the
   * transaction will answer without storing (the same e-document again, another one already
   * filed, a state that refuses it); or a state that changed in between, which the transaction
   * sees under its lock. Access control runs here as in the transaction (404).
   */
  async stageEDocument(
    officer: Officer,
    id: string,
    bytes: Buffer,
    sha256: string
  ): Promise<EDocumentPlacement> {
    if (this.eDocumentFiles === null) return "database";
    const current = await this.getCorrespondence(officer, id);
    // putEDocument decides again under its lock; here only whether a file is worth writing.
    if (current.eDocument !== null || eDocumentRefusal(current) !== null) return "database";
    await this.eDocumentFiles.put(bytes, sha256);
    return "file";
  }

  /**
   * Bytes (or, staged as a file, their place), digest and the status change commit together (the
   * caller's transaction).
   */
  async putEDocument(
    tx: SqlExecutor,
    officer: Officer,
    id: string,
    bytes: Buffer,
    sha256: string,
    placement: EDocumentPlacement = "database"
  ): Promise<Created<Correspondence>> {
    const current = await this.lockCorrespondence(tx, officer, id);
    if (current.eDocument !== null) {
      // Exactly one e-document per correspondence: the same bytes again are a no-op.
      if (current.eDocument.sha256 === sha256) return { status: 200, body: current };
      throw conflict("an e-document with a different digest is already filed");
    }
    const refusal = eDocumentRefusal(current);
    if (refusal !== null) throw refusal;
    const at = now();
    const inFile = placement === "file";
    await tx.run(
      `INSERT INTO e_documents (correspondence_id, bytes, size, sha256, uploaded_at, uploaded_by,
         in_file) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, inFile ? Buffer.alloc(0) : bytes, bytes.length, sha256, at, officer.id, inFile]
    );
    const via =
      current.to.find((address) => sameAddress(address, current.expectedRecipient)) ??
      current.to[0] ??
      current.expectedRecipient;
    // A bounce or a response recorded meanwhile stays the status; the e-document is attached.
    const status =
      current.status === "sent" || current.status === "noted" ? "filed" : current.status;
    await tx.run(
      "UPDATE correspondence SET status = $2, via_address = $3, updated_at = $4 WHERE id = $1",
      [id, status, via, at]
    );
    await this.audit(tx, officer, "e-document.file", "correspondence", id, {
      status,
      sha256,
      size: bytes.length,
    });
    return { status: 200, body: await this.getCorrespondence(officer, id, tx) };
  }

  async getEDocument(officer: Officer, id: string): Promise<{ bytes: Buffer; sha256: string }> {
    await this.getCorrespondence(officer, id);
    const rows = await this.db.query<{
      bytes: Buffer | Uint8Array;
      sha256: string;
      in_file: number | string;
    }>("SELECT bytes, sha256, in_file FROM e_documents WHERE correspondence_id = $1", [id]);
    const row = rows[0];
    if (row === undefined) throw notFound("e-document");
    if (Number(row.in_file) !== 1) return { bytes: Buffer.from(row.bytes), sha256: row.sha256 };
    // Filed as a file: a gateway started without its file store cannot serve it (500, logged).
    if (this.eDocumentFiles === null) throw new Error("e-document files are not configured");
    return { bytes: await this.eDocumentFiles.get(row.sha256), sha256: row.sha256 };
  }

  async createPrintTask(
    tx: SqlExecutor,
    officer: Officer,
    id: string,
    input: CreatePrintTaskRequest
  ): Promise<Created<PrintTask>> {
    const current = await this.lockCorrespondence(tx, officer, id);
    const existing = await tx.query("SELECT * FROM print_tasks WHERE correspondence_id = $1", [id]);
    if (existing[0] !== undefined) return { status: 200, body: printTaskFromRow(existing[0]) };
    if (input.size <= eDocumentMaxBytes) {
      throw new HttpError(400, "bad-request", "a print task is for messages over the size limit");
    }
    if (current.eDocument !== null) throw invalidState("an e-document is already filed");
    const taskId = randomUUID();
    const at = now();
    await tx.run(
      `INSERT INTO print_tasks (id, case_number, office_id, correspondence_id, size, status,
         created_at, created_by) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)`,
      [taskId, current.caseNumber, current.officeId, id, input.size, at, officer.id]
    );
    const status = current.status === "bounced" || current.status === "responded";
    await tx.run("UPDATE correspondence SET status = $2, updated_at = $3 WHERE id = $1", [
      id,
      status ? current.status : "print-required",
      at,
    ]);
    await this.audit(tx, officer, "print-task.create", "print-task", taskId, {
      correspondenceId: id,
      size: input.size,
    });
    const rows = await tx.query("SELECT * FROM print_tasks WHERE id = $1", [taskId]);
    return { status: 201, body: printTaskFromRow(rows[0] as Record<string, unknown>) };
  }

  async createBounce(
    tx: SqlExecutor,
    officer: Officer,
    id: string,
    input: CreateBounceRequest
  ): Promise<Created<Bounce>> {
    const current = await this.lockCorrespondence(tx, officer, id);
    const bounceId = randomUUID();
    const at = now();
    await tx.run(
      `INSERT INTO bounces (id, case_number, correspondence_id, address, occurred_at, permanent,
         status_code, diagnostic, recorded_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        bounceId,
        current.caseNumber,
        id,
        input.address,
        normalizeInstant(input.occurredAt),
        input.permanent,
        input.statusCode ?? null,
        input.diagnostic ?? null,
        at,
        officer.id,
      ]
    );
    if (current.status !== "responded") {
      await tx.run("UPDATE correspondence SET status = 'bounced', updated_at = $2 WHERE id = $1", [
        id,
        at,
      ]);
    }
    await this.audit(tx, officer, "bounce.create", "bounce", bounceId, {
      correspondenceId: id,
      permanent: input.permanent,
      statusCode: input.statusCode ?? null,
    });
    const rows = await tx.query("SELECT * FROM bounces WHERE id = $1", [bounceId]);
    return { status: 201, body: bounceFromRow(rows[0] as Record<string, unknown>) };
  }

  async recordResponse(
    tx: SqlExecutor,
    officer: Officer,
    id: string,
    input: RecordResponseRequest
  ): Promise<Created<Correspondence>> {
    const current = await this.lockCorrespondence(tx, officer, id);
    if (current.status === "pending") throw invalidState("the message is not known as sent");
    const respondedAt = normalizeInstant(input.respondedAt);
    await tx.run(
      `UPDATE correspondence SET status = 'responded', responded_at = $2, updated_at = $3
       WHERE id = $1`,
      [id, respondedAt, now()]
    );
    await this.audit(tx, officer, "correspondence.responded", "correspondence", id, {
      status: "responded",
    });
    return { status: 200, body: await this.getCorrespondence(officer, id, tx) };
  }

  async getProof(officer: Officer, id: string): Promise<ProofOfSending> {
    const correspondence = await this.getCorrespondence(officer, id);
    const caseRows = await this.db.query("SELECT * FROM cases WHERE case_number = $1", [
      correspondence.caseNumber,
    ]);
    const bounces = await this.db.query(
      "SELECT * FROM bounces WHERE correspondence_id = $1 ORDER BY occurred_at, id",
      [id]
    );
    const notes = await this.db.query(
      "SELECT * FROM notes WHERE correspondence_id = $1 ORDER BY created_at, id",
      [id]
    );
    const record = caseFromRow(caseRows[0] as Record<string, unknown>, []);
    const onFile =
      correspondence.sentAt === null ? null : addressOnFileAt(record, correspondence.sentAt);
    const sentTo = correspondence.via?.address ?? correspondence.to[0] ?? null;
    return {
      correspondence,
      caseNumber: correspondence.caseNumber,
      office: await this.getOffice(correspondence.officeId),
      addressOnFileAtSending: onFile,
      sentToLatestAddress:
        correspondence.sentAt === null || sentTo === null
          ? null
          : onFile !== null && sameAddress(sentTo, onFile),
      bounced: bounces.length > 0,
      bounces: bounces.map(bounceFromRow),
      notes: notes.map(noteFromRow),
      filedBy: correspondence.eDocument?.uploadedBy ?? null,
      filedAt: correspondence.eDocument?.uploadedAt ?? null,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Notes and transfers

  async createNote(
    tx: SqlExecutor,
    officer: Officer,
    caseNumber: string,
    input: CreateNoteRequest
  ): Promise<Created<Note>> {
    await this.getCase(officer, caseNumber, tx);
    const correspondenceId = input.correspondenceId ?? null;
    const at = now();
    if (correspondenceId !== null) {
      const current = await this.lockCorrespondence(tx, officer, correspondenceId);
      if (current.caseNumber !== caseNumber) {
        throw new HttpError(400, "bad-request", "the correspondence belongs to another case");
      }
      if (
        input.kind === "fallback-filing" &&
        (current.status === "pending" || current.status === "sent")
      ) {
        await tx.run("UPDATE correspondence SET status = 'noted', updated_at = $2 WHERE id = $1", [
          correspondenceId,
          at,
        ]);
      }
      if (input.kind === "no-response") {
        await tx.run(
          "UPDATE correspondence SET followed_up_at = $2, updated_at = $2 WHERE id = $1",
          [correspondenceId, at]
        );
      }
    }
    const noteId = randomUUID();
    await tx.run(
      `INSERT INTO notes (id, case_number, correspondence_id, kind, text, author, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [noteId, caseNumber, correspondenceId, input.kind, input.text, officer.id, at]
    );
    await this.audit(tx, officer, "note.create", "note", noteId, {
      caseNumber,
      kind: input.kind,
      correspondenceId,
      textSha256: createHash("sha256").update(input.text).digest("hex"),
    });
    const rows = await tx.query("SELECT * FROM notes WHERE id = $1", [noteId]);
    return { status: 201, body: noteFromRow(rows[0] as Record<string, unknown>) };
  }

  async createTransfer(
    tx: SqlExecutor,
    officer: Officer,
    caseNumber: string,
    input: CreateTransferRequest
  ): Promise<Created<Transfer>> {
    const record: CaseResource = await this.getCase(officer, caseNumber, tx);
    await this.getOffice(input.toOfficeId, tx);
    if (input.toOfficeId === record.officeId) {
      throw new HttpError(400, "bad-request", "the case is already held by that office");
    }
    const transferId = randomUUID();
    const at = now();
    await tx.run(
      `INSERT INTO transfers (id, case_number, from_office_id, to_office_id, reason, transferred_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [transferId, caseNumber, record.officeId, input.toOfficeId, input.reason, at]
    );
    await tx.run("UPDATE cases SET office_id = $2 WHERE case_number = $1", [
      caseNumber,
      input.toOfficeId,
    ]);
    await this.audit(tx, officer, "case.transfer", "transfer", transferId, {
      caseNumber,
      fromOfficeId: record.officeId,
      toOfficeId: input.toOfficeId,
      reason: input.reason,
    });
    const rows = await tx.query("SELECT * FROM transfers WHERE id = $1", [transferId]);
    return { status: 201, body: transferFromRow(rows[0] as Record<string, unknown>) };
  }

  async recordTransferNotice(
    tx: SqlExecutor,
    officer: Officer,
    transferId: string,
    input: RecordTransferNoticeRequest
  ): Promise<Created<Transfer>> {
    const rows = await tx.query(`SELECT * FROM transfers WHERE id = $1${lock(tx)}`, [transferId]);
    const row = rows[0];
    if (row === undefined || !officer.offices.has(String(row.to_office_id))) {
      throw notFound("transfer");
    }
    const transfer = transferFromRow(row);
    const notice = await this.getCorrespondence(officer, input.correspondenceId, tx);
    if (notice.caseNumber !== transfer.caseNumber) {
      throw new HttpError(400, "bad-request", "the notice belongs to another case");
    }
    if (transfer.notified) {
      if (transfer.noticeCorrespondenceId === input.correspondenceId) {
        return { status: 200, body: transfer };
      }
      throw invalidState("the applicant was already told of this transfer");
    }
    await tx.run(
      "UPDATE transfers SET notified_at = $2, notice_correspondence_id = $3 WHERE id = $1",
      [transferId, now(), input.correspondenceId]
    );
    await this.audit(tx, officer, "transfer.notified", "transfer", transferId, {
      correspondenceId: input.correspondenceId,
    });
    const updated = await tx.query("SELECT * FROM transfers WHERE id = $1", [transferId]);
    return { status: 200, body: transferFromRow(updated[0] as Record<string, unknown>) };
  }

  // -------------------------------------------------------------------------------------------
  // Lists of the pane

  private officesOf(officer: Officer, query: ListQuery): string[] {
    if (query.officeId !== undefined) {
      if (!officer.offices.has(query.officeId)) {
        throw new HttpError(403, "forbidden", "you are not a member of that office");
      }
      return [query.officeId];
    }
    return [...officer.offices];
  }

  async listPendingFiling(officer: Officer, query: ListQuery): Promise<Correspondence[]> {
    return this.listCorrespondence(officer, query, "c.status IN ('pending', 'sent', 'noted')", []);
  }

  async listAwaitingResponse(officer: Officer, query: ListQuery): Promise<Correspondence[]> {
    const asOf = query.asOf ?? new Date().toISOString().slice(0, 10);
    return this.listCorrespondence(
      officer,
      query,
      `c.deadline IS NOT NULL AND c.deadline < $1 AND c.responded_at IS NULL
       AND c.followed_up_at IS NULL AND c.status IN ('sent', 'filed', 'noted', 'print-required')`,
      [asOf]
    );
  }

  private async listCorrespondence(
    officer: Officer,
    query: ListQuery,
    where: string,
    params: SqlValue[]
  ): Promise<Correspondence[]> {
    const offices = this.officesOf(officer, query);
    if (offices.length === 0) return [];
    const list = placeholders(offices, params.length);
    const rows = await this.db.query(
      `SELECT ${correspondenceColumns} FROM ${correspondenceFrom}
       JOIN cases k ON k.case_number = c.case_number
       WHERE ${where} AND (k.office_id IN (${list}) OR c.office_id IN (${list}))
       ORDER BY c.created_at, c.id LIMIT 500`,
      [...params, ...offices]
    );
    return rows.map(correspondenceFromRow);
  }

  async listTransferredNotNotified(officer: Officer, query: ListQuery): Promise<Transfer[]> {
    const offices = this.officesOf(officer, query);
    if (offices.length === 0) return [];
    const rows = await this.db.query(
      `SELECT * FROM transfers WHERE reason = 'processing' AND notified_at IS NULL
       AND to_office_id IN (${placeholders(offices, 0)}) ORDER BY transferred_at, id LIMIT 500`,
      offices
    );
    return rows.map(transferFromRow);
  }

  async listPrintTasks(officer: Officer, query: ListQuery): Promise<PrintTask[]> {
    const offices = this.officesOf(officer, query);
    if (offices.length === 0) return [];
    const rows = await this.db.query(
      `SELECT * FROM print_tasks WHERE status = 'open'
       AND office_id IN (${placeholders(offices, 0)}) ORDER BY created_at, id LIMIT 500`,
      offices
    );
    return rows.map(printTaskFromRow);
  }

  // -------------------------------------------------------------------------------------------
  // Idempotency and audit

  /**
   * Runs a creating operation once per (officer, Idempotency-Key): the key is claimed in the same
   * transaction as the change, so a concurrent duplicate waits and then replays; a reuse with
   * another request (fingerprint) is refused. Failed operations roll back and keep no key.
   */
  async idempotent<T>(
    officer: Officer,
    key: string,
    fingerprint: string,
    operation: (tx: SqlExecutor) => Promise<Created<T>>
  ): Promise<Created<T> & { replayed: boolean }> {
    const outcome = await this.db.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO idempotency_keys (officer_id, idempotency_key, fingerprint, status, body,
           created_at) VALUES ($1, $2, $3, 0, '', $4)
         ON CONFLICT (officer_id, idempotency_key) DO NOTHING RETURNING officer_id`,
        [officer.id, key, fingerprint, now()]
      );
      if (claimed.length === 0) {
        const rows = await tx.query<{ fingerprint: string; status: number; body: string }>(
          `SELECT fingerprint, status, body FROM idempotency_keys
           WHERE officer_id = $1 AND idempotency_key = $2`,
          [officer.id, key]
        );
        const first = rows[0];
        if (first === undefined || first.fingerprint !== fingerprint) {
          throw new HttpError(
            422,
            "idempotency-key-reused",
            "this Idempotency-Key was used for a different request"
          );
        }
        return { status: Number(first.status), body: JSON.parse(first.body) as T, replayed: true };
      }
      const result = await operation(tx);
      await tx.run(
        `UPDATE idempotency_keys SET status = $3, body = $4
         WHERE officer_id = $1 AND idempotency_key = $2`,
        [officer.id, key, result.status, JSON.stringify(result.body)]
      );
      return { ...result, replayed: false };
    });
    // Not awaited: the answer does not wait for the chain. A failed pass leaves the entries
    // unchained for the next one (next write, the periodic pass, start-up or verify-audit). No
    // promise either: a handler made here would hold this request, body included, until it ran.
    if (!outcome.replayed) this.auditChainer.schedule();
    return outcome;
  }

  /** Removes e-document files no row names (a failed upload's), once old enough. */
  async sweepEDocumentFiles(minAgeMs?: number): Promise<number> {
    if (this.eDocumentFiles === null) return 0;
    const { removed } = await this.eDocumentFiles.sweep(
      async (sha256) =>
        (
          await this.db.query("SELECT 1 AS x FROM e_documents WHERE sha256 = $1 AND in_file = 1", [
            sha256,
          ])
        ).length > 0,
      minAgeMs
    );
    return removed;
  }

  /** Forgets idempotency keys older than `hours` (clients retry within minutes, not days). */
  async pruneIdempotencyKeys(hours: number, at = new Date()): Promise<number> {
    const cutoff = new Date(at.getTime() - hours * 3_600_000).toISOString();
    return this.db.run("DELETE FROM idempotency_keys WHERE created_at < $1", [cutoff]);
  }

  private async lockCorrespondence(
    tx: SqlExecutor,
    officer: Officer,
    id: string
  ): Promise<Correspondence> {
    // Two statements, not one SELECT ... FOR UPDATE OF c on the join: under READ COMMITTED a
    // locking read that waited re-reads the locked row but takes the joined e-document from its
    // snapshot before the wait, so the second of two racing uploads would miss the first's.
    if (tx.dialect === "pg")
      await tx.query("SELECT id FROM correspondence WHERE id = $1 FOR UPDATE", [id]);
    return this.getCorrespondence(officer, id, tx);
  }

  private audit(
    tx: SqlExecutor,
    officer: Officer,
    action: string,
    entity: string,
    entityId: string,
    details: AuditDetails
  ): Promise<void> {
    return appendAudit(tx, { actor: officer.id, action, entity, entityId, details });
  }
}

/** Why the correspondence's state refuses an e-document (other than one already filed), or null. */
function eDocumentRefusal(current: Correspondence): HttpError | null {
  if (current.status === "pending" || current.sentAt === null || current.to.length === 0) {
    return invalidState("record the sending first (POST .../sending)");
  }
  if (current.status === "print-required") {
    return invalidState("this correspondence is to be printed to file (R7)");
  }
  return null;
}

function placeholders(values: readonly unknown[], offset: number): string {
  return values.map((_, i) => `$${offset + i + 1}`).join(", ");
}

function lock(tx: SqlExecutor): string {
  return tx.dialect === "pg" ? " FOR UPDATE" : "";
}
