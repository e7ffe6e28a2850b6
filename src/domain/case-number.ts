/**
 * Case numbers. The default format is the department's application number: one capital letter and
 * nine digits (`B012345678`). A deployment may set its own pattern (config `caseNumberPattern`).
 */
export const defaultCaseNumberPattern = "[A-Z][0-9]{9}";

/** Null for a pattern that does not compile (config validates it; direct callers may not). */
function compile(source: string): RegExp | null {
  try {
    return new RegExp(source);
  } catch {
    return null;
  }
}

export function isValidCaseNumber(
  value: string,
  pattern: string = defaultCaseNumberPattern
): boolean {
  return compile(`^(?:${pattern})$`)?.test(value.trim()) ?? false;
}

/**
 * The first case number in a subject, standing as a word of its own (`RE: B012345678 - docs`).
 * No lookbehind (see long-date.ts): the character before is matched and the number is group 1.
 */
export function findCaseNumber(
  subject: string,
  pattern: string = defaultCaseNumberPattern
): string | null {
  const match = compile(`(?:^|[^A-Za-z0-9])(${pattern})(?![A-Za-z0-9])`)?.exec(subject);
  return match?.[1] ?? null;
}
