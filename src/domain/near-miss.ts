/**
 * R3's near misses: a recipient that is almost the address on file. Each kind gets its own message
 * so the officer sees why (`gmial.com`, a Cyrillic `а`, an `xn--` domain, a transposed letter).
 */
import { parseAddress, type ParsedAddress } from "./email-address";
import { domainToUnicode, hasPunycodeLabel } from "./punycode";

export type NearMissKind = "confusable" | "punycode" | "domain-typo" | "edit";

/** Misspellings of the webmail domains that applicants use most, to what they meant. */
export const commonDomainTypos: Readonly<Record<string, string>> = {
  "gmial.com": "gmail.com",
  "gmai.com": "gmail.com",
  "gamil.com": "gmail.com",
  "gmal.com": "gmail.com",
  "gmil.com": "gmail.com",
  "gnail.com": "gmail.com",
  "gmaill.com": "gmail.com",
  "gmail.co": "gmail.com",
  "gmail.con": "gmail.com",
  "gmail.cm": "gmail.com",
  "gmail.om": "gmail.com",
  "hotmial.com": "hotmail.com",
  "hotmal.com": "hotmail.com",
  "hotmai.com": "hotmail.com",
  "homail.com": "hotmail.com",
  "hotnail.com": "hotmail.com",
  "hotmail.co": "hotmail.com",
  "hotmail.con": "hotmail.com",
  "outlok.com": "outlook.com",
  "outloo.com": "outlook.com",
  "outlook.co": "outlook.com",
  "outlook.con": "outlook.com",
  "otulook.com": "outlook.com",
  "yaho.com": "yahoo.com",
  "yahooo.com": "yahoo.com",
  "yhoo.com": "yahoo.com",
  "yahoo.co": "yahoo.com",
  "yahoo.con": "yahoo.com",
  "iclod.com": "icloud.com",
  "icoud.com": "icloud.com",
  "icloud.co": "icloud.com",
  "live.co": "live.com",
  "videotron.com": "videotron.ca",
  "sympatico.com": "sympatico.ca",
};

/**
 * Characters that render like Latin letters (Cyrillic, Greek, and a few Latin look-alikes), mapped
 * to the letter they imitate. Enough for the attacks and slips seen in practice, not all of Unicode
 * TR39.
 */
const confusableMap: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  о: "o",
  р: "p",
  с: "c",
  у: "y",
  х: "x",
  к: "k",
  м: "m",
  н: "h",
  т: "t",
  і: "i",
  ї: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  һ: "h",
  ӏ: "l",
  ԛ: "q",
  ԝ: "w",
  ɡ: "g",
  ɩ: "i",
  ı: "i",
  ℓ: "l",
  α: "a",
  β: "b",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
};

const printableAscii = /^[ -~]*$/;

/** The look-alike skeleton: confusables and digits that pose as letters folded, lower case. */
export function skeleton(text: string): string {
  let out = text.toLowerCase();
  if (!printableAscii.test(out)) {
    let folded = "";
    for (const ch of text.normalize("NFKC").toLowerCase()) folded += confusableMap[ch] ?? ch;
    out = folded;
  }
  return out.replace(/0/g, "o").replace(/[1|]/g, "l").replace(/rn/g, "m").replace(/vv/g, "w");
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const width = b.length + 1;
  let prevPrev = new Array<number>(width).fill(0);
  let prev = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(
        (prev[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[b.length] as number;
}

/** How many edits still count as a slip rather than another address: 1 for short, 2 otherwise. */
function editAllowance(expected: string): number {
  return expected.length < 12 ? 1 : 2;
}

interface OnFile {
  local: string;
  domain: string;
  skeleton: string;
  allowance: number;
}

function prepare(onFile: ParsedAddress): OnFile {
  const local = onFile.local.toLowerCase();
  return {
    local,
    domain: onFile.domain,
    skeleton: `${skeleton(local)}@${skeleton(domainToUnicode(onFile.domain))}`,
    allowance: editAllowance(`${local}@${onFile.domain}`),
  };
}

function classify(r: ParsedAddress, f: OnFile): NearMissKind | null {
  const rLocal = r.local.toLowerCase();
  if (rLocal === f.local && r.domain === f.domain) return null;

  const rSkeleton = `${skeleton(rLocal)}@${skeleton(domainToUnicode(r.domain))}`;
  const punycode = hasPunycodeLabel(r.domain);
  if (rSkeleton === f.skeleton) return punycode ? "punycode" : "confusable";

  if (rLocal === f.local && commonDomainTypos[r.domain] === f.domain) return "domain-typo";

  const { allowance } = f;
  // Look-alike characters plus a slip (`jоhn@gmial.com` with a Cyrillic о): the look-alike is
  // the more alarming reason, so it is the one named.
  if (
    (punycode || !printableAscii.test(`${rLocal}@${r.domain}`)) &&
    editDistance(rSkeleton, f.skeleton, allowance) <= allowance
  ) {
    return punycode ? "punycode" : "confusable";
  }
  const localDistance = editDistance(rLocal, f.local, allowance);
  if (localDistance > allowance) return null;
  const distance = localDistance + editDistance(r.domain, f.domain, allowance - localDistance);
  return distance <= allowance ? "edit" : null;
}

/** A classifier bound to one address on file, for checking many recipients against it. */
export function nearMissMatcher(
  onFile: ParsedAddress
): (recipient: ParsedAddress) => NearMissKind | null {
  const f = prepare(onFile);
  return (recipient) => classify(recipient, f);
}

/**
 * Why `recipient` looks like `onFile` without being it; null when it is simply another address
 * (or identical, which is not a near miss). Case is ignored here: case is R3's own warning.
 */
export function nearMissKind(recipient: string, onFile: string): NearMissKind | null {
  const r = parseAddress(recipient);
  const f = parseAddress(onFile);
  return r === null || f === null ? null : classify(r, prepare(f));
}
