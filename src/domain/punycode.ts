/**
 * Decoding of IDNA `xn--` labels (RFC 3492), so that a look-alike domain written in its ASCII form
 * can be compared with the address on file. Decoding only: the engine never needs to encode.
 */
const base = 36;
const tMin = 1;
const tMax = 26;
const skew = 38;
const damp = 700;
const initialBias = 72;
const initialN = 128;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / damp) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((base - tMin) * tMax) >> 1) {
    d = Math.floor(d / (base - tMin));
    k += base;
  }
  return k + Math.floor(((base - tMin + 1) * d) / (d + skew));
}

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22; // 0-9 -> 26-35
  if (code >= 0x41 && code <= 0x5a) return code - 0x41; // A-Z
  if (code >= 0x61 && code <= 0x7a) return code - 0x61; // a-z
  return base;
}

/** Decodes one Punycode string (without `xn--`); null when it is malformed. */
export function decodePunycode(input: string): string | null {
  const output: number[] = [];
  const lastDelimiter = input.lastIndexOf("-");
  for (let j = 0; j < Math.max(lastDelimiter, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) return null;
    output.push(c);
  }
  let n = initialN;
  let bias = initialBias;
  let i = 0;
  for (let index = lastDelimiter > 0 ? lastDelimiter + 1 : 0; index < input.length;) {
    const oldI = i;
    let w = 1;
    for (let k = base; ; k += base) {
      if (index >= input.length) return null;
      const digit = digitValue(input.charCodeAt(index++));
      if (digit >= base) return null;
      i += digit * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (digit < t) break;
      w *= base - t;
      if (w > 0x7fffffff) return null;
    }
    const count = output.length + 1;
    bias = adapt(i - oldI, count, oldI === 0);
    n += Math.floor(i / count);
    i %= count;
    if (n > 0x10ffff) return null;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

/** A domain with its `xn--` labels decoded; malformed labels stay as written. */
export function domainToUnicode(domain: string): string {
  if (!/xn--/i.test(domain)) return domain;
  return domain
    .split(".")
    .map((label) => {
      if (!label.toLowerCase().startsWith("xn--")) return label;
      return decodePunycode(label.slice(4)) ?? label;
    })
    .join(".");
}

export function hasPunycodeLabel(domain: string): boolean {
  return domain.split(".").some((label) => label.toLowerCase().startsWith("xn--"));
}
