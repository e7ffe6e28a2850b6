/**
 * SMTP reply codes (RFC 5321) and enhanced status codes (RFC 3463) found in report text, and the
 * codes inferred when a report gives none.
 */
import type { BounceReason } from "./types";

// class.subject.detail; not a piece of an IP address or version number (no digit or dot around it).
const ENHANCED = /(?<![\d.])([245])\.([0-7])\.(\d{1,3})(?!\.?\d)/g;
// A reply code at the start of a line or after "smtp;", a colon, a bracket or a dash-free space.
const REPLY = /(?:^|[\s:;(<[#'"])([245][0-5]\d)(?=[\s\-:.)]|$)/g;

/** The enhanced codes in `text`, in order of appearance. */
export function enhancedCodesIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.slice(0, 20_000).matchAll(ENHANCED)) {
    found.push(`${m[1]}.${m[2]}.${m[3]}`);
  }
  return found;
}

/**
 * The most telling enhanced code in `text`: the first specific one (not x.0.0), else the first
 * generic one, else "".
 */
export function bestEnhancedCode(text: string): string {
  const codes = enhancedCodesIn(text);
  return codes.find((c) => !isGeneric(c)) ?? codes[0] ?? "";
}

/** The first SMTP reply code in `text`, "" when none. Port numbers and dates are not codes. */
export function replyCodeIn(text: string): string {
  for (const m of text.slice(0, 20_000).matchAll(REPLY)) {
    const code = m[1] ?? "";
    // 2xx in a failure text is more likely a number in prose than a reply code.
    if (code[0] !== "2") return code;
  }
  return "";
}

/** x.0.0 says only "success/temporary/permanent"; a specific code elsewhere says more. */
export function isGeneric(code: string): boolean {
  return /^[245]\.0\.0$/.test(code);
}

export function isValidStatus(code: string): boolean {
  return /^[245]\.\d{1,3}\.\d{1,3}$/.test(code);
}

/**
 * Codes for reports that carry no enhanced code: class 4 or 5, subject 0 ("other"), and a detail
 * 9NN naming the class. This follows the convention of the sisimai bounce analyser (the source of
 * the project's fixtures); subject 0 with an undefined detail stays within RFC 3463's grammar.
 */
const INFERRED_DETAIL: Record<BounceReason, number> = {
  undefined: 900,
  onhold: 901,
  syntaxerror: 902,
  norelaying: 909,
  filtered: 910,
  userunknown: 911,
  hostunknown: 912,
  hasmoved: 916,
  rejected: 918,
  suspend: 921,
  mailboxfull: 922,
  exceedlimit: 923,
  systemerror: 930,
  systemfull: 931,
  notaccept: 932,
  mesgtoobig: 934,
  mailererror: 939,
  networkerror: 944,
  toomanyconn: 945,
  expired: 947,
  contenterror: 960,
  securityerror: 970,
  blocked: 971,
  policyviolation: 972,
  requireptr: 973,
  authfailure: 974,
  notcompliantrfc: 975,
  spamdetected: 980,
  virusdetected: 981,
  delivered: 0,
};

export function inferredStatus(reason: BounceReason, temporary: boolean): string {
  if (reason === "delivered") return "2.0.0";
  return `${temporary ? 4 : 5}.0.${INFERRED_DETAIL[reason]}`;
}
