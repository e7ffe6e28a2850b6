/**
 * Writing offices, officers and cases into the gateway's store: what `seed --demo` does with the
 * demo data and what an adapter that synchronises from a department's case system calls. Each
 * write is audited (identifiers only). Existing rows are updated in place, except that a case's
 * office changes only through a transfer.
 */
import { createHash, randomUUID } from "node:crypto";
import { caseRecordSchema, officeSchema } from "../../gateway/contract";
import type { CaseRecord, Office } from "../../domain/case-record";
import { appendAudit, chainAudit } from "../audit";
import type { Database, SqlExecutor } from "../storage/database";
import {
  demoCases,
  demoOfficers,
  demoOffices,
  demoTransfers,
  type DemoOfficer,
  type DemoTransfer,
} from "./demo-data";

const actor = "system:import";

export async function importOffice(tx: SqlExecutor, office: Office): Promise<void> {
  const o = officeSchema.parse(office);
  await tx.run(
    `INSERT INTO offices (id, name_en, name_fr, generic_mailbox) VALUES ($1, $2, $3, $4)
     ON CONFLICT (id) DO UPDATE SET name_en = $2, name_fr = $3, generic_mailbox = $4`,
    [o.id, o.name.en, o.name.fr, o.genericMailbox]
  );
  await appendAudit(tx, { actor, action: "office.import", entity: "office", entityId: o.id });
}

/**
 * Registers an officer: `id` is the Entra ID object id (`oid`) of their account, the only claim
 * the gateway authorises on; `username` (their UPN) is for people reading the table, since
 * `preferred_username` can change and must not decide access.
 */
export async function importOfficer(
  tx: SqlExecutor,
  officer: DemoOfficer & { username?: string }
): Promise<void> {
  await tx.run(
    `INSERT INTO officers (id, username, display_name) VALUES ($1, $2, $3)
     ON CONFLICT (id) DO UPDATE SET username = $2, display_name = $3`,
    [officer.id, officer.username ?? officer.id, officer.displayName]
  );
  await tx.run("DELETE FROM memberships WHERE officer_id = $1", [officer.id]);
  for (const office of officer.offices) {
    await tx.run("INSERT INTO memberships (officer_id, office_id) VALUES ($1, $2)", [
      officer.id,
      office,
    ]);
  }
  await appendAudit(tx, {
    actor,
    action: "officer.import",
    entity: "officer",
    entityId: officer.id,
    details: { offices: officer.offices.join(",") },
  });
}

/** Stores a case (validated against the contract); its bounces are added once each. */
export async function importCase(tx: SqlExecutor, record: CaseRecord): Promise<void> {
  const c = caseRecordSchema.parse(record);
  await tx.run(
    `INSERT INTO cases (case_number, office_id, language, bilingual, country, applicant_name,
       addresses, representative) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (case_number) DO UPDATE SET language = $3, bilingual = $4, country = $5,
       applicant_name = $6, addresses = $7, representative = $8`,
    [
      c.caseNumber,
      c.officeId,
      c.language,
      c.bilingual,
      c.countryOfResidence,
      c.applicantName,
      JSON.stringify(c.addresses),
      c.representative === null ? null : JSON.stringify(c.representative),
    ]
  );
  for (const bounce of c.bounces) {
    // A stable id per (case, address, time) makes the import repeatable.
    const id = createHash("sha256")
      .update(`${c.caseNumber}\n${bounce.address}\n${bounce.occurredAt}`)
      .digest("hex")
      .slice(0, 32);
    await tx.run(
      `INSERT INTO bounces (id, case_number, correspondence_id, address, occurred_at, permanent,
         status_code, diagnostic, recorded_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [
        id,
        c.caseNumber,
        bounce.correspondenceId,
        bounce.address,
        bounce.occurredAt,
        bounce.permanent,
        bounce.occurredAt,
        actor,
      ]
    );
  }
  await appendAudit(tx, { actor, action: "case.import", entity: "case", entityId: c.caseNumber });
}

export async function importTransfer(tx: SqlExecutor, transfer: DemoTransfer): Promise<void> {
  const existing = await tx.query(
    "SELECT id FROM transfers WHERE case_number = $1 AND transferred_at = $2",
    [transfer.caseNumber, transfer.transferredAt]
  );
  if (existing.length > 0) return;
  const id = randomUUID();
  await tx.run(
    `INSERT INTO transfers (id, case_number, from_office_id, to_office_id, reason, transferred_at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      id,
      transfer.caseNumber,
      transfer.fromOfficeId,
      transfer.toOfficeId,
      transfer.reason,
      transfer.transferredAt,
    ]
  );
  await tx.run("UPDATE cases SET office_id = $2 WHERE case_number = $1", [
    transfer.caseNumber,
    transfer.toOfficeId,
  ]);
  await appendAudit(tx, { actor, action: "case.transfer", entity: "transfer", entityId: id });
}

export interface SeedSummary {
  offices: number;
  officers: number;
  cases: number;
  transfers: number;
}

/**
 * Stores the demo data in one transaction, then chains its audit entries; running it again changes
 * nothing but the audit.
 */
export async function seedDemo(db: Database): Promise<SeedSummary> {
  const summary = await db.transaction(async (tx) => {
    for (const office of demoOffices) await importOffice(tx, office);
    for (const officer of demoOfficers) await importOfficer(tx, officer);
    for (const demo of demoCases) await importCase(tx, demo.record);
    for (const transfer of demoTransfers) await importTransfer(tx, transfer);
    return {
      offices: demoOffices.length,
      officers: demoOfficers.length,
      cases: demoCases.length,
      transfers: demoTransfers.length,
    };
  });
  await chainAudit(db);
  return summary;
}
