/**
 * Bounce classes from the remote server's words and from status codes. The table is ordered:
 * the first pattern that matches wins, so specific causes (a full mailbox, a PTR check, DMARC)
 * come before the broad "user unknown" and "rejected" wordings they are often phrased with.
 * docs/bounces.md lists the same table for administrators.
 */
import type { BounceReason } from "./types";

type Rule = readonly [BounceReason, RegExp];

export const TEXT_RULES: readonly Rule[] = [
  [
    "mailboxfull",
    /mailbox (?:is |was )?full|mailbox full|over ?quota|quota (?:exceeded|exceed|full)|exceeded (?:his|her|their|the)? ?(?:storage|quota|local limit)|(?:disk|storage) (?:space|quota) (?:exceeded|is full)|not enough (?:disk )?space|insufficient (?:disk |system )?(?:space|storage)|mailbox (?:size|storage) (?:limit )?exceeded|messages in recipient's mailbox exceeded|user's mailbox is over|mailfolder is full|inbox is full|mailbox has exceeded|account is full|exceeds? (?:the )?(?:user'?s? )?quota|mailbox is full|as their mailbox is full/i,
  ],
  [
    "mesgtoobig",
    /message (?:size )?(?:is )?too (?:big|large)|(?:mail|message) size limit exceeded|message (?:size )?exceeds? (?:the )?(?:fixed )?(?:maximum|size|limit)|size exceeds (?:the )?maximum|message length exceeds|exceeds? (?:the )?maximum (?:allowed )?(?:message )?size/i,
  ],
  [
    "exceedlimit",
    /(?:recipient|message|rate|daily) (?:count |sending )?limit (?:exceeded|reached)|too many recipients|exceeded (?:the )?(?:maximum )?(?:number of )?recipients/i,
  ],
  [
    "norelaying",
    /relay(?:ing)? (?:access )?denied|relaying (?:not|denied|prohibited)|not permitted to relay|unable to relay|relay not permitted|we do not relay|no relaying/i,
  ],
  [
    "requireptr",
    /\bPTR\b|reverse (?:dns|lookup|hostname)|no (?:valid )?rdns|rdns (?:check|lookup|required)|cannot find your hostname|client host rejected: cannot find/i,
  ],
  [
    "authfailure",
    /\bDMARC\b|\bSPF\b|\bDKIM\b|unauthenticated email|sender policy framework|authentication failed for the sender/i,
  ],
  ["filtered", /recipients? (?:was|were) rejected by/i],
  ["networkerror", /malformed or unexpected name server reply|name server (?:failure|timeout)/i],
  ["virusdetected", /\bvirus|malware|infected/i],
  [
    "spamdetected",
    /\bspam\b|spam (?:detected|message|content)|junk mail|unsolicited|bulk e?mail|content (?:rejected|looks) as spam|message looks like spam/i,
  ],
  [
    "hasmoved",
    /has moved|user (?:has )?moved|address (?:has )?changed|no longer (?:at|with) this|not our user|user not local[;,] please try/i,
  ],
  [
    "suspend",
    /account (?:has been |is )?(?:disabled|suspended|inactive|deactivated|locked|frozen)|mailbox (?:is )?(?:disabled|inactive|suspended|deactivated)|suspended (?:account|mailbox)|temporarily (?:disabled|suspended)/i,
  ],
  [
    "filtered",
    /domain filter|rejected by (?:the )?(?:recipient'?s? )?(?:filter|filtering)|refused by (?:the )?recipient'?s? (?:setting|filter)|due to (?:the )?recipient'?s? (?:setting|preferences)|not (?:allowed|authorized) to receive/i,
  ],
  [
    "userunknown",
    /user unknown|unknown (?:user|recipient|local[- ]part|address|mailbox)|no such (?:user|recipient|mailbox|address|account|local user)|(?:user|recipient|mailbox|address|account|addressee)(?: name)?(?: is| was)? (?:unknown|not found|not recognized|not recognised|does not exist|doesn'?t exist|invalid|unavailable|not valid|nonexistent|non-existent)|(?:mailbox|address|account|user) (?:does|did) not exist|not (?:a )?(?:valid|known) (?:recipient|user|mailbox|address)|invalid (?:recipient|mailbox|user|address|e-?mail address)|bad destination mailbox|no mailbox (?:here|by that name|found)|recipient address rejected: access denied|not listed in (?:the )?(?:domino|public name|address) (?:directory|book)|recipi?e?n?t?notfound|address (?:wasn'?t|was not|couldn'?t be|could not be) found|couldn'?t be found|does not have an account|unrouteable address|mailbox not found|no mailbox|unknown or illegal (?:user|alias)|addressee unknown|doesn'?t have an? .{1,40} account|the email account that you tried to reach does not exist|no valid recipients|invalid address/i,
  ],
  [
    "hostunknown",
    /account or domain may not exist|host (?:or domain name )?not found|domain (?:does not exist|not found|name not found|unknown|is not valid)|unknown (?:host|domain)|no such (?:host|domain)|name service error|dns (?:lookup )?(?:failure|error)|(?:no|could not find) (?:mx|mail exchanger|a record)|unresolvable|nxdomain|host unknown|hostname not found|domain isn'?t in my list/i,
  ],
  [
    "rejected",
    /sender (?:address )?(?:rejected|denied|blocked|refused|is not allowed)|domain of sender|sender (?:verify|verification) failed|not (?:a )?member of (?:this|the) (?:mailing )?list|not have permission to post|you are not a member|may not exist, or you may not have permission|sender domain|envelope sender|unknown sender|mail from .{0,40} rejected/i,
  ],
  [
    "blocked",
    /blocked|block ?list|black ?list|listed (?:at|on|in) (?:\S+ )?(?:rbl|dnsbl|spamhaus|spamcop|sorbs|barracuda)|\b(?:rbl|dnsbl)\b|poor reputation|bad reputation|use the smtp server of your isp|access denied|client host .{0,60} rejected|connection (?:refused|rejected)|not allowed to send|banned/i,
  ],
  ["policyviolation", /policy|prohibited|not accepted due to|header error|violat/i],
  [
    "securityerror",
    /security|encrypt|tls required|certificate|authentication required|must authenticate/i,
  ],
  [
    "contenterror",
    /content (?:error|rejected)|message content|invalid (?:mime|header|character)|attachment/i,
  ],
  [
    "toomanyconn",
    /too many (?:connections|sessions|concurrent)|connection limit|try again later|rate limit|throttl/i,
  ],
  [
    "expired",
    /retry time(?:out)? (?:exceeded|not reached)|(?:message |delivery )?(?:has )?expired|too long in (?:the )?queue|could not be delivered (?:within|for) \d|delivery time ?out|have been failing for a long time|giving up|maximum time/i,
  ],
  [
    "networkerror",
    /network error|connection (?:timed out|timeout|lost|reset|dropped)|timed out|routing loop|mail loop|loops back|too many hops|no route to host|unreachable|temporary failure|malformed or unexpected name server reply/i,
  ],
  ["systemfull", /system (?:is )?full|disk full|no space left/i],
  [
    "systemerror",
    /system error|internal (?:server )?error|server error|local error|configuration error|mail system problem/i,
  ],
  ["mailererror", /mailer error|command died|exit (?:code|status)|procmail|unknown mailer|x-unix/i],
  ["syntaxerror", /syntax error|command unrecognized|bad sequence/i],
];

export function reasonFromText(text: string): BounceReason | undefined {
  if (text === "") return undefined;
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  for (const [reason, pattern] of TEXT_RULES) {
    if (pattern.test(sample)) return reason;
  }
  return undefined;
}

/** RFC 3463 subject and detail to a class, for reports whose text names no cause. */
export function reasonFromStatus(status: string): BounceReason | undefined {
  const m = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status);
  if (m === null) return undefined;
  const [, klass, subject, detail] = m;
  if (klass === "2") return "delivered";
  const key = `${subject}.${detail}`;
  const exact: Record<string, BounceReason> = {
    "1.1": "userunknown",
    "1.0": "userunknown",
    "1.3": "userunknown",
    "1.10": "hostunknown",
    "1.2": "hostunknown",
    "1.4": "userunknown",
    "1.5": "userunknown",
    "1.6": "hasmoved",
    "1.7": "rejected",
    "1.8": "rejected",
    "1.9": "rejected",
    "2.0": "filtered",
    "2.1": "filtered",
    "2.2": "mailboxfull",
    "2.3": "exceedlimit",
    "2.4": "systemerror",
    "3.0": "systemerror",
    "3.1": "systemfull",
    "3.2": "notaccept",
    "3.3": "systemerror",
    "3.4": "mesgtoobig",
    "3.5": "systemerror",
    "4.0": "networkerror",
    "4.1": "networkerror",
    "4.2": "networkerror",
    "4.3": "systemerror",
    "4.4": "hostunknown",
    "4.5": "networkerror",
    "4.6": "networkerror",
    "4.7": "expired",
    "5.0": "syntaxerror",
    "5.1": "syntaxerror",
    "5.2": "syntaxerror",
    "5.3": "exceedlimit",
    "5.4": "syntaxerror",
    "6.0": "contenterror",
    "7.0": "securityerror",
    "7.1": "rejected",
    "7.7": "securityerror",
    "7.8": "authfailure",
    "7.9": "policyviolation",
    "7.25": "requireptr",
    "7.26": "authfailure",
    "7.27": "notaccept",
  };
  const found = exact[key];
  if (found !== undefined) return found;
  if (subject === "6") return "contenterror";
  if (subject === "7") return "securityerror";
  return undefined;
}

/** The classes where the address itself is bad: resend elsewhere, not later. */
export function isPermanentAddressFailure(reason: BounceReason): boolean {
  return (
    reason === "userunknown" ||
    reason === "hostunknown" ||
    reason === "hasmoved" ||
    reason === "notaccept"
  );
}

/**
 * "User unknown" is also what content filters and relays say when they refuse a message, so the
 * wording alone proves the address bad only with support: an address status (X.1.1, X.1.10), a
 * refusal at RCPT TO, or a directory lookup's own phrasing (Domino, Exchange, Office 365, the
 * "unknown user" of IMail, McAfee and mail.local). Refused after DATA, or with a status of
 * another subject, it is a filter's verdict.
 */
const DIRECTORY_VERDICT =
  /not listed in (?:the )?(?:domino|public name|address) (?:directory|book)|recipient name is not recognized|recipi?e?n?t?notfound|address (?:wasn'?t|was not) found|couldn'?t be found|recipient address rejected: access denied|invalid recipient|no valid recipients|email account that you tried to reach does not exist|does not have an account/i;
// A local delivery agent's or directory server's "unknown user" (IMail, McAfee, mail.local).
const LOCAL_UNKNOWN_USER = /unknown user/i;

export type SmtpStage = "connect" | "mail" | "rcpt" | "data" | "";

export function refineUserUnknown(text: string, status: string, stage: SmtpStage): BounceReason {
  if (/^[45]\.1\.(?:1|10)$/.test(status)) return "userunknown";
  if (stage === "data") return "filtered";
  if (stage === "rcpt" || DIRECTORY_VERDICT.test(text)) return "userunknown";
  // X.0.0 and X.5.0 (protocol) say nothing of the cause; any other status does, and wins.
  const unspecific = status === "" || /^[45]\.[05]\.0$/.test(status);
  return unspecific && LOCAL_UNKNOWN_USER.test(text) ? "userunknown" : "filtered";
}

/** The SMTP stage a failure happened at, from the wordings of Postfix, Sendmail, Exim, qmail... */
export function smtpStageIn(text: string): SmtpStage {
  const t = text.slice(0, 6000);
  if (
    /end of data|after (?:end of )?data|our (?:final )?data\b|\(DATA\)|smtp command\s+data|in reply to data|^>>> DATA/im.test(
      t
    )
  ) {
    return "data";
  }
  if (/(?:reply to|after|like our) rcpt|does not like recipient|smtp:rcpt|^>>> rcpt/im.test(t))
    return "rcpt";
  if (/mail from|in reply to mail|after mail/i.test(t)) return "mail";
  if (/initial connection|greeting|banner/i.test(t)) return "connect";
  return "";
}

/** PowerMTA's X-PowerMTA-BounceCategory values, which name the class outright. */
export function reasonFromPowerMtaCategory(category: string): BounceReason | undefined {
  const table: Record<string, BounceReason> = {
    "bad-mailbox": "userunknown",
    "bad-domain": "hostunknown",
    "inactive-mailbox": "suspend",
    "quota-issues": "mailboxfull",
    "spam-related": "spamdetected",
    "policy-related": "policyviolation",
    "message-expired": "expired",
    "no-answer-from-host": "networkerror",
    "bad-connection": "networkerror",
    "routing-errors": "systemerror",
    "content-related": "contenterror",
    "virus-related": "virusdetected",
    "relaying-issues": "norelaying",
    "invalid-sender": "rejected",
    "protocol-errors": "syntaxerror",
    "message-too-large": "mesgtoobig",
  };
  return table[category.trim().toLowerCase()];
}
