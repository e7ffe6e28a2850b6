/** Reads config.json text into a typed configuration, or ONE error that names the field. */
import { z } from "zod";
import { configSchema, type CasemailConfig } from "./schema";

export type ConfigResult = { ok: true; config: CasemailConfig } | { ok: false; error: string };

/** `offices[1].genericMailbox`, `deadlines.byCountry.IN.documents`, or `(root)`. */
export function formatFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "(root)" : out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    const base = formatFieldPath(issue.path);
    const keys = issue.keys.map((k) => (base === "(root)" ? k : `${base}.${k}`));
    return `config.json: unknown field ${keys.join(", ")}`;
  }
  // A bad record key carries the key's own issue (for example the ISO country code pattern).
  const inner = issue.code === "invalid_key" ? issue.issues[0]?.message : undefined;
  return `config.json: ${formatFieldPath(issue.path)}: ${inner ?? issue.message}`;
}

export function loadConfig(jsonText: string): ConfigResult {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `config.json: not valid JSON (${detail})` };
  }
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data };
  const first = parsed.error.issues[0];
  return {
    ok: false,
    error: first === undefined ? "config.json: invalid" : describeIssue(first),
  };
}
