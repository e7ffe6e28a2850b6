/**
 * RFC 3464 `message/delivery-status` content: one block of per-message fields, then one block
 * per recipient, blocks separated by blank lines. Also found pasted into text parts by some
 * servers, so it reads any text that carries the fields.
 */
import { fieldValue, readFields, toLines, type Field } from "./header-block";

export interface DsnFields {
  reportingMta: string;
  recipients: DsnRecipientFields[];
}

export interface DsnRecipientFields {
  finalRecipient: string;
  originalRecipient: string;
  action: string;
  status: string;
  remoteMta: string;
  /** Diagnostic-Code's type (smtp, x-unix, x-postfix, ...), lower case. */
  diagnosticType: string;
  diagnostic: string;
  /** PowerMTA's own classification, when present. */
  powerMtaCategory: string;
}

const RECIPIENT_FIELD = /^(?:final|original|x-actual)-recipient$/;

/** True when the text holds at least one per-recipient DSN block. */
export function hasDsnFields(text: string): boolean {
  return /^(?:Final|Original)-Recipient:/im.test(text) && /^(?:Action|Status):/im.test(text);
}

export function parseDsnFields(text: string): DsnFields {
  const blocks: Field[][] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) blocks.push(readFields(current));
    current = [];
  };
  for (const line of toLines(text).slice(0, 5000)) {
    if (line.trim() === "") flush();
    else current.push(line);
  }
  flush();

  let reportingMta = "";
  const recipients: DsnRecipientFields[] = [];
  for (const fields of blocks) {
    if (reportingMta === "") reportingMta = typedValue(fieldValue(fields, "reporting-mta")).value;
    // Some servers put a recipient's fields in several blocks or omit blank lines; a new
    // Final-Recipient (or Original-Recipient with no Final one yet) starts a recipient.
    let rcpt: Field[] | undefined;
    const groups: Field[][] = [];
    for (const f of fields) {
      const starts =
        f.name === "final-recipient"
          ? rcpt === undefined || rcpt.some((g) => g.name === "final-recipient")
          : f.name === "original-recipient" &&
            (rcpt === undefined || rcpt.some((g) => g.name === "original-recipient"));
      if (starts) {
        rcpt = [];
        groups.push(rcpt);
      }
      rcpt?.push(f);
    }
    // Fields before the first recipient field in a block that has recipients belong to it
    // (Amazon SES writes Action before Final-Recipient).
    const lead = fields.slice(
      0,
      fields.findIndex((f) => RECIPIENT_FIELD.test(f.name))
    );
    if (groups[0] !== undefined && lead.length > 0 && lead.some((f) => f.name === "action")) {
      groups[0].unshift(...lead);
    }
    for (const g of groups) recipients.push(toRecipient(g));
  }
  return { reportingMta, recipients };
}

function toRecipient(fields: Field[]): DsnRecipientFields {
  const diagnostic = typedValue(fieldValue(fields, "diagnostic-code"));
  return {
    finalRecipient: addressOf(fieldValue(fields, "final-recipient")),
    originalRecipient: addressOf(fieldValue(fields, "original-recipient")),
    action: fieldValue(fields, "action").toLowerCase().split(/[\s(]/)[0] ?? "",
    status: (/^[245]\.\d{1,3}\.\d{1,3}/.exec(fieldValue(fields, "status")) ?? [""])[0],
    remoteMta: hostOf(typedValue(fieldValue(fields, "remote-mta")).value),
    diagnosticType: diagnostic.type,
    diagnostic: diagnostic.value,
    powerMtaCategory: fieldValue(fields, "x-powermta-bouncecategory"),
  };
}

/** `rfc822; a@b` -> { type: "rfc822", value: "a@b" }; a value without a type keeps it all. */
function typedValue(raw: string): { type: string; value: string } {
  const m = /^([A-Za-z0-9-]{1,40})\s*;\s*([\s\S]*)$/.exec(raw);
  if (m === null) return { type: "", value: raw.trim() };
  return { type: (m[1] ?? "").toLowerCase(), value: (m[2] ?? "").trim() };
}

function addressOf(raw: string): string {
  const value = typedValue(raw).value.replace(/^<|>$/g, "").trim();
  // RFC 5321 source routes ("@relay:user@host") name the relay, not the recipient.
  return value.replace(/^@[^:\s]{1,255}:/, "");
}

/** `mx.example.org (192.0.2.1)` or `[192.0.2.1]` -> the name (or the bracketed literal). */
function hostOf(raw: string): string {
  const first = raw.trim().split(/\s+/)[0] ?? "";
  return first.replace(/^\[|\]$/g, "").replace(/\.$/, "");
}
