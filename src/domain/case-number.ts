/**
 * Case numbers. The default format is the department's application number: one capital letter and
 * nine digits (`B012345678`). A deployment may set its own pattern (config `caseNumberPattern`).
 */
export const defaultCaseNumberPattern = "[A-Z][0-9]{9}";

function compile(pattern: string, flags: string): RegExp {
  return new RegExp(pattern, flags);
}

export function isValidCaseNumber(
  value: string,
  pattern: string = defaultCaseNumberPattern
): boolean {
  return compile(`^(?:${pattern})$`, "u").test(value.trim());
}

/** The first case number in a subject, standing as a word of its own (`RE: B012345678 - docs`). */
export function findCaseNumber(
  subject: string,
  pattern: string = defaultCaseNumberPattern
): string | null {
  const match = compile(`(?<![\\p{L}\\p{N}])(?:${pattern})(?![\\p{L}\\p{N}])`, "u").exec(subject);
  return match === null ? null : match[0];
}
