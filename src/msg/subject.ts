/**
 * Splits a subject into prefix and normalized subject the way MAPI does: a prefix is one to three
 * letters followed by a colon and a space (`RE: `, `TR: `, `AW: `), kept with that space.
 */
export function splitSubject(subject: string): { prefix: string; normalized: string } {
  const m = /^(\p{L}{1,3}:\s)/u.exec(subject);
  if (m === null) return { prefix: "", normalized: subject };
  const prefix = m[1] as string;
  return { prefix, normalized: subject.slice(prefix.length) };
}
