/**
 * The recipient fixes the pane can make for a finding (R2, R3): replace a recipient with the
 * address on file, remove an outside or invalid recipient, add or move the address on file to To.
 * Pure: `applyFix` returns the new recipient lists and the pane writes only the fields that changed.
 */
import type { Finding } from "../domain/finding";
import type { Recipient } from "../domain/message-draft";
import type { RecipientField } from "../office/compose-item";

export type Fix =
  | { kind: "replace"; field: RecipientField | null; address: string; replacement: string }
  | { kind: "remove"; field: RecipientField | null; address: string }
  | { kind: "add-to"; address: string }
  | { kind: "move-to-to"; field: RecipientField; address: string };

export type RecipientLists = Record<RecipientField, Recipient[]>;

const fields: readonly RecipientField[] = ["to", "cc", "bcc"];

function str(params: Finding["params"], name: string): string | null {
  const v = params[name];
  return typeof v === "string" && v.length > 0 ? v : null;
}

function fieldOf(params: Finding["params"]): RecipientField | null {
  const f = params.field;
  return f === "to" || f === "cc" || f === "bcc" ? f : null;
}

export function fixFor(finding: Finding): Fix | null {
  const p = finding.params;
  const address = str(p, "address");
  switch (finding.code) {
    case "R3.near-miss":
    case "R3.superseded-address":
    case "R3.local-part-case": {
      const expected = str(p, "expected");
      return address && expected
        ? { kind: "replace", field: fieldOf(p), address, replacement: expected }
        : null;
    }
    case "R2.applicant-addressed": {
      const rep = str(p, "representative");
      return address && rep
        ? { kind: "replace", field: fieldOf(p), address, replacement: rep }
        : null;
    }
    case "R3.outside-recipient":
    case "R3.invalid-address":
      return address ? { kind: "remove", field: fieldOf(p), address } : null;
    case "R3.recipient-missing": {
      const expected = str(p, "expected");
      return expected ? { kind: "add-to", address: expected } : null;
    }
    case "R3.expected-not-in-to": {
      const expected = str(p, "expected");
      const field = fieldOf(p);
      return expected && field && field !== "to"
        ? { kind: "move-to-to", field, address: expected }
        : null;
    }
    default:
      return null;
  }
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
/** Replacement compares exactly: a local-part case fix must replace `Jean@x` with `jean@x`. */
const exact = (a: string, b: string) => a.trim() === b.trim();

export function applyFix(fix: Fix, lists: RecipientLists): RecipientLists {
  const next: RecipientLists = { to: [...lists.to], cc: [...lists.cc], bcc: [...lists.bcc] };
  const targets = (field: RecipientField | null) => (field === null ? fields : [field]);
  switch (fix.kind) {
    case "replace":
      for (const f of targets(fix.field)) {
        next[f] = next[f].map((r) =>
          exact(r.address, fix.address) ? { address: fix.replacement } : r
        );
        next[f] = dedupe(next[f]);
      }
      return next;
    case "remove":
      for (const f of targets(fix.field)) {
        next[f] = next[f].filter((r) => !exact(r.address, fix.address));
      }
      return next;
    case "add-to":
      if (!next.to.some((r) => same(r.address, fix.address))) {
        next.to.push({ address: fix.address });
      }
      return next;
    case "move-to-to":
      next[fix.field] = next[fix.field].filter((r) => !same(r.address, fix.address));
      if (!next.to.some((r) => same(r.address, fix.address))) {
        next.to.push({ address: fix.address });
      }
      return next;
  }
}

function dedupe(list: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return list.filter((r) => {
    const k = r.address.trim();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function changedFields(before: RecipientLists, after: RecipientLists): RecipientField[] {
  return fields.filter(
    (f) =>
      before[f].length !== after[f].length ||
      before[f].some((r, i) => r.address !== after[f][i]?.address)
  );
}
