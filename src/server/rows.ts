/** Database rows to contract resources, in one place so both engines read back the same shapes. */
import type {
  Bounce,
  CaseResource,
  Correspondence,
  Note,
  OfficeResource,
  PrintTask,
  Transfer,
} from "../gateway/contract";

type Row = Record<string, unknown>;

const str = (row: Row, key: string): string => String(row[key]);
const strOrNull = (row: Row, key: string): string | null =>
  row[key] === null || row[key] === undefined ? null : String(row[key]);
const bool = (row: Row, key: string): boolean => Number(row[key]) === 1;

export function officeFromRow(row: Row): OfficeResource {
  return {
    id: str(row, "id"),
    name: { en: str(row, "name_en"), fr: str(row, "name_fr") },
    genericMailbox: str(row, "generic_mailbox"),
  };
}

export const correspondenceColumns = `c.*, e.size AS e_size, e.sha256 AS e_sha256,
  e.uploaded_at AS e_uploaded_at, e.uploaded_by AS e_uploaded_by`;
export const correspondenceFrom = `correspondence c
  LEFT JOIN e_documents e ON e.correspondence_id = c.id`;

export function correspondenceFromRow(row: Row): Correspondence {
  const via = strOrNull(row, "via_address");
  return {
    id: str(row, "id"),
    caseNumber: str(row, "case_number"),
    officeId: str(row, "office_id"),
    purpose: str(row, "purpose") as Correspondence["purpose"],
    deadline: strOrNull(row, "deadline"),
    expectedRecipient: str(row, "expected_recipient"),
    language: str(row, "language") as Correspondence["language"],
    status: str(row, "status") as Correspondence["status"],
    subject: strOrNull(row, "subject"),
    sentAt: strOrNull(row, "sent_at"),
    from: strOrNull(row, "from_address"),
    to: JSON.parse(str(row, "to_addresses")) as string[],
    via: via === null ? null : { method: "email", address: via },
    eDocument:
      row.e_sha256 === null || row.e_sha256 === undefined
        ? null
        : {
            size: Number(row.e_size),
            sha256: str(row, "e_sha256"),
            uploadedAt: str(row, "e_uploaded_at"),
            uploadedBy: str(row, "e_uploaded_by"),
          },
    respondedAt: strOrNull(row, "responded_at"),
    followedUpAt: strOrNull(row, "followed_up_at"),
    createdAt: str(row, "created_at"),
    createdBy: str(row, "created_by"),
    updatedAt: str(row, "updated_at"),
  };
}

export function noteFromRow(row: Row): Note {
  return {
    id: str(row, "id"),
    caseNumber: str(row, "case_number"),
    correspondenceId: strOrNull(row, "correspondence_id"),
    kind: str(row, "kind") as Note["kind"],
    text: str(row, "text"),
    author: str(row, "author"),
    createdAt: str(row, "created_at"),
  };
}

export function printTaskFromRow(row: Row): PrintTask {
  return {
    id: str(row, "id"),
    caseNumber: str(row, "case_number"),
    officeId: str(row, "office_id"),
    correspondenceId: str(row, "correspondence_id"),
    size: Number(row.size),
    status: str(row, "status") as PrintTask["status"],
    createdAt: str(row, "created_at"),
    createdBy: str(row, "created_by"),
  };
}

export function bounceFromRow(row: Row): Bounce {
  return {
    id: str(row, "id"),
    caseNumber: str(row, "case_number"),
    correspondenceId: strOrNull(row, "correspondence_id"),
    address: str(row, "address"),
    occurredAt: str(row, "occurred_at"),
    permanent: bool(row, "permanent"),
    statusCode: strOrNull(row, "status_code"),
    diagnostic: strOrNull(row, "diagnostic"),
    recordedAt: str(row, "recorded_at"),
    recordedBy: str(row, "recorded_by"),
  };
}

export function transferFromRow(row: Row): Transfer {
  const notifiedAt = strOrNull(row, "notified_at");
  return {
    id: str(row, "id"),
    caseNumber: str(row, "case_number"),
    fromOfficeId: str(row, "from_office_id"),
    toOfficeId: str(row, "to_office_id"),
    reason: str(row, "reason") as Transfer["reason"],
    transferredAt: str(row, "transferred_at"),
    notified: notifiedAt !== null,
    notifiedAt,
    noticeCorrespondenceId: strOrNull(row, "notice_correspondence_id"),
  };
}

export function caseFromRow(row: Row, bounces: Bounce[]): CaseResource {
  return {
    caseNumber: str(row, "case_number"),
    officeId: str(row, "office_id"),
    language: str(row, "language") as CaseResource["language"],
    bilingual: bool(row, "bilingual"),
    countryOfResidence: str(row, "country"),
    applicantName: str(row, "applicant_name"),
    addresses: JSON.parse(str(row, "addresses")) as CaseResource["addresses"],
    representative:
      row.representative === null
        ? null
        : (JSON.parse(str(row, "representative")) as CaseResource["representative"]),
    bounces: bounces.map((b) => ({
      address: b.address,
      occurredAt: b.occurredAt,
      permanent: b.permanent,
      correspondenceId: b.correspondenceId,
    })),
  };
}
