/**
 * Delivery reports (bounces, delay warnings, success notices) to one plain result. Total: any
 * input, however malformed, gives a result; what is not a delivery report gives `not-a-report`.
 * Runs in the task pane as well as in Node, so it uses postal-mime and no Node built-ins.
 */
import PostalMime from "postal-mime";
import type { Email } from "postal-mime";
import { hasDsnFields, parseDsnFields, type DsnRecipientFields } from "./delivery-status";
import { originalFrom, originalRecipients, originalSenders } from "./original-message";
import {
  isPermanentAddressFailure,
  reasonFromPowerMtaCategory,
  reasonFromStatus,
  reasonFromText,
  refineUserUnknown,
  smtpStageIn,
} from "./reason";
import {
  bestEnhancedCode,
  inferredStatus,
  isGeneric,
  isValidStatus,
  replyCodeIn,
} from "./status-code";
import {
  collapse,
  remoteHostIn,
  soundsDelayed,
  soundsDelivered,
  splitNotice,
  textRecipients,
  type TextRecipient,
} from "./text-report";
import type {
  BounceReason,
  DeliveryReport,
  RecipientAction,
  ReportKind,
  ReportRecipient,
} from "./types";

export type RawReport = string | ArrayBuffer | Uint8Array;

/** Reports are small; anything past this is a returned attachment the parser does not need. */
const MAX_INPUT_BYTES = 4 * 1024 * 1024;

const DSN_TYPES = new Set(["message/delivery-status", "message/global-delivery-status"]);
const RETURNED_TYPES = new Set([
  "message/rfc822",
  "message/global",
  "text/rfc822-headers",
  "message/rfc822-headers",
  "message/global-headers",
  "message/partial",
]);

const DSN_OR_MIME_LINE =
  /^(?:(?:Reporting-MTA|Received-From-MTA|Arrival-Date|Final-Recipient|Original-Recipient|Action|Status|Remote-MTA|Diagnostic-Code|Last-Attempt-Date|Will-Retry-Until|Original-Envelope-Id|X-Actual-Recipient|X-PowerMTA-[\w-]+|X-Postfix-[\w-]+|Content-Type|Content-Transfer-Encoding|Content-Disposition|Content-Description|MIME-Version):|--[^\s]{1,200}$)/i;

const BOUNCE_SENDER =
  /^(?:mailer-?daemon|mail-?daemon|postmaster|post_master|mail\s?delivery|mail\s?system|mdaemon|bounces?)\b/i;
// English, plus the French of Exchange Online and Outlook.com for the department's own mailboxes.
const BOUNCE_SUBJECT =
  /non remis|non distribuable|(?:échec|echec) de (?:la )?(?:remise|distribution)|notification d'état de (?:la )?remise|undeliver|error sending|undelivered|delivery (?:status )?notification|delivery (?:has )?failed|delivery failure|failure notice|returned mail|mail delivery|could not be delivered|non-?delivery|not delivered|mail system error|delivery problem|returning message|nondeliverable|message delivery|delivery report|mail failure|not (?:a )?member|warning: (?:could not|message)|メール.{0,4}(?:エラー|不達)|не доставлено/i;
const FAILURE_WORDING =
  /la remise a échoué|n'a pas pu être (?:remis|distribué)|n'a pas été (?:remis|distribué)|impossible de remettre|could not be delivered|couldn'?t be delivered|not be delivered|undeliverable|delivery (?:has )?failed|failed permanently|permanent (?:fatal )?error|did not reach|was not delivered|not delivered to|unable to deliver|delivery to the following|following address(?:es)? (?:had|failed)|error (?:has )?occurred while|wasn'?t able to deliver|rejected|delivery problems|returned to sender|there was an error delivering|permanent errors?|requested action not taken|not a member|we had trouble delivering|message could not be delivered/i;

export function emptyReport(kind: ReportKind = "not-a-report"): DeliveryReport {
  return { kind, recipients: [], original: { ref: "", messageId: "", subject: "", date: "" } };
}

export async function parseDeliveryReport(raw: RawReport): Promise<DeliveryReport> {
  try {
    return await parseAt(clip(raw), 0);
  } catch {
    return emptyReport();
  }
}

async function parseAt(raw: RawReport, depth: number): Promise<DeliveryReport> {
  const email = await PostalMime.parse(raw, {
    forceRfc822Attachments: true,
    attachmentEncoding: "utf8",
    maxNestingDepth: 64,
    maxPartCount: 2000,
    maxRfc822NestingDepth: 0,
  });
  // A bounce forwarded as an attachment (or wrapped by a gateway): the inner report is the one.
  const hasOwnFields =
    email.attachments.some((a) => DSN_TYPES.has(a.mimeType)) || hasDsnFields(email.text ?? "");
  if (depth === 0 && !hasOwnFields) {
    for (const a of email.attachments) {
      if (a.mimeType !== "message/rfc822" || typeof a.content !== "string") continue;
      if (!/report-type="?delivery-status|^Final-Recipient:/im.test(a.content.slice(0, 200_000))) {
        continue;
      }
      const inner = await parseAt(a.content, depth + 1);
      if (inner.kind !== "not-a-report") return inner;
    }
  }
  return analyse(email, () => rawBody(raw));
}

/** The raw text after the header section: the fallback when the MIME structure is broken. */
function rawBody(raw: RawReport): string {
  const text =
    typeof raw === "string"
      ? raw.slice(0, 1_000_000)
      : new TextDecoder("utf-8").decode(
          (raw instanceof Uint8Array ? raw : new Uint8Array(raw)).subarray(0, 1_000_000)
        );
  const m = /\r?\n\r?\n/.exec(text);
  return m === null ? "" : text.slice(m.index + m[0].length);
}

/** "> " quoting of a bounce forwarded inline, removed when most lines carry it. */
function unquote(text: string): string {
  if (!text.startsWith(">") && !text.includes("\n>")) return text;
  const lines = text.split(/\r?\n/);
  const filled = lines.filter((l) => l.trim() !== "");
  const quoted = filled.filter((l) => l.startsWith(">"));
  if (filled.length === 0 || quoted.length * 2 < filled.length) return text;
  return lines.map((l) => l.replace(/^> ?/, "")).join("\n");
}

function clip(raw: RawReport): RawReport {
  if (typeof raw === "string")
    return raw.length > MAX_INPUT_BYTES ? raw.slice(0, MAX_INPUT_BYTES) : raw;
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  return bytes.byteLength > MAX_INPUT_BYTES ? bytes.subarray(0, MAX_INPUT_BYTES) : bytes;
}

/** The analysis of a parsed message; exported for callers that already hold a postal-mime Email. */
export function analyse(email: Email, fallbackBody: () => string = () => ""): DeliveryReport {
  const contentType = email.headers.find((h) => h.key === "content-type")?.value ?? "";
  const dsnTexts: string[] = [];
  const returnedTexts: string[] = [];
  for (const a of email.attachments) {
    const content = typeof a.content === "string" ? a.content : "";
    if (DSN_TYPES.has(a.mimeType)) dsnTexts.push(content);
    else if (RETURNED_TYPES.has(a.mimeType)) returnedTexts.push(content);
    else if (a.mimeType.startsWith("text/") && hasDsnFields(content)) dsnTexts.push(content);
  }
  let body = email.text ?? htmlToText(email.html ?? "");
  if (body.trim() === "") {
    const textPart = email.attachments.find(
      (a) => a.mimeType === "text/plain" && typeof a.content === "string"
    );
    // No parts at all means a broken MIME structure: read the raw body instead.
    body =
      typeof textPart?.content === "string"
        ? textPart.content
        : email.attachments.length === 0
          ? fallbackBody()
          : "";
  }
  body = unquote(body);
  const { notice: rawNotice, returned } = splitNotice(body);
  // DSN fields and MIME lines pasted into the text are read as fields, not as prose.
  const notice = rawNotice
    .split(/\r?\n/)
    .filter((l) => !DSN_OR_MIME_LINE.test(l))
    .join("\n");
  if (dsnTexts.length === 0 && hasDsnFields(body)) dsnTexts.push(body);
  if (returned !== "") returnedTexts.push(returned);

  const original = originalFrom(returnedTexts, notice);
  const exclude = new Set<string>();
  for (const a of [email.from, email.sender, ...(email.to ?? []), ...(email.replyTo ?? [])]) {
    if (a?.address !== undefined) exclude.add(a.address.toLowerCase());
  }
  if (email.returnPath !== undefined) {
    exclude.add(email.returnPath.replace(/[<>]/g, "").toLowerCase());
  }
  for (const a of originalSenders(returnedTexts)) exclude.add(a);

  const fromText = textRecipients(notice, exclude);
  const dsn = dsnTexts.flatMap((t) => parseDsnFields(t).recipients);
  const isReport =
    dsn.length > 0 ||
    /report-type\s*=\s*"?(?:delivery-status|global-delivery-status)/i.test(contentType) ||
    ((BOUNCE_SENDER.test(email.from?.address ?? "") ||
      BOUNCE_SUBJECT.test(email.subject ?? "") ||
      email.from === undefined) &&
      FAILURE_WORDING.test(notice.slice(0, 20_000) + " " + (email.subject ?? ""))) ||
    (BOUNCE_SUBJECT.test(email.subject ?? "") && BOUNCE_SENDER.test(email.from?.address ?? ""));
  if (!isReport) return emptyReport();

  const collapsed = collapse(notice.slice(0, 8_000));
  let noticeReason: { value: BounceReason | undefined } | undefined;
  const context: Context = {
    notice: collapsed,
    subject: email.subject ?? "",
    noticeReason: () => (noticeReason ??= { value: reasonFromText(collapsed) }).value,
  };
  let recipients: ReportRecipient[];
  if (dsn.length > 0) {
    recipients = dedupe(dsn).map((d) => fromDsn(d, fromText, dsn.length === 1, context));
  } else if (fromText.length > 0) {
    const action = textAction(context);
    recipients = fromText.map((t) => fromTextOnly(t, context, action));
  } else {
    // No other address in the notice (Exim names a local alias, Google Groups greets the
    // sender): the original's To, else an address the report was also sent to (a message to
    // oneself), with the whole notice as the description.
    const address =
      originalRecipients(returnedTexts)[0] ??
      textRecipients(notice, new Set(), true)[0]?.address ??
      "";
    recipients = [
      fromTextOnly(
        { address, diagnostic: context.notice.slice(0, 2000) },
        context,
        textAction(context)
      ),
    ];
  }
  return { kind: kindOf(recipients), recipients, original };
}

interface Context {
  notice: string;
  subject: string;
  /** The notice's class, worked out once per report (it is the same for every recipient). */
  noticeReason: () => BounceReason | undefined;
}

/** Postfix and Sendmail repeat a recipient across blocks now and then; keep the fuller one. */
function dedupe(list: DsnRecipientFields[]): DsnRecipientFields[] {
  const byAddress = new Map<string, DsnRecipientFields>();
  const out: DsnRecipientFields[] = [];
  for (const d of list) {
    const key = (d.finalRecipient || d.originalRecipient).toLowerCase();
    const seen = key === "" ? undefined : byAddress.get(key);
    if (seen === undefined) {
      byAddress.set(key, d);
      out.push(d);
    } else {
      seen.diagnostic ||= d.diagnostic;
      seen.status ||= d.status;
      seen.remoteMta ||= d.remoteMta;
      seen.action ||= d.action;
    }
  }
  return out;
}

function fromDsn(
  d: DsnRecipientFields,
  fromText: readonly TextRecipient[],
  single: boolean,
  context: Context
): ReportRecipient {
  // The address as the sender gave it (Original-Recipient) is the one to match with the case;
  // the final one may be an alias expansion. Either may be mangled, so both must look valid.
  const valid = (a: string) => /^[^@\s]+@[^@\s]+$/.test(a);
  const given = [d.originalRecipient, d.finalRecipient].find(valid) ?? "";
  const block =
    fromText.find((t) =>
      [d.originalRecipient, d.finalRecipient].some(
        (a) => a !== "" && t.address.toLowerCase() === a.toLowerCase()
      )
    ) ?? (single && fromText.length === 1 ? fromText[0] : undefined);
  const address = given || block?.address || d.finalRecipient || d.originalRecipient;
  const diagnostic = collapse(d.diagnostic) || block?.diagnostic || "";
  // No Action field: a 2.x.x status is a success, anything else a failure.
  const action = toAction(d.action) || (d.status.startsWith("2.") ? "delivered" : "failed");
  return finish({
    address,
    action,
    statusField: d.status,
    diagnostic,
    // The human-readable part may say more than the fields (Sendmail's transcript).
    extraText: block?.diagnostic ?? (single ? context.notice : ""),
    localMailer: d.diagnosticType === "x-unix",
    capacityHint: single,
    vendorReason: reasonFromPowerMtaCategory(d.powerMtaCategory),
    remoteHost: d.remoteMta || remoteHostIn(diagnostic),
    context,
  });
}

/** One action for every recipient of a text-only report: its wording is about all of them. */
function textAction(context: Context): RecipientAction {
  const all = `${context.subject} ${context.notice}`;
  if (soundsDelayed(all)) return "delayed";
  return soundsDelivered(all) && !FAILURE_WORDING.test(all) ? "delivered" : "failed";
}

function fromTextOnly(
  t: TextRecipient,
  context: Context,
  action: RecipientAction
): ReportRecipient {
  return finish({
    address: t.address,
    action,
    statusField: "",
    diagnostic: t.diagnostic,
    extraText: "",
    localMailer: false,
    capacityHint: false,
    vendorReason: undefined,
    remoteHost: remoteHostIn(t.diagnostic),
    context,
  });
}

interface Facts {
  address: string;
  action: RecipientAction;
  statusField: string;
  diagnostic: string;
  extraText: string;
  localMailer: boolean;
  /** One recipient only, so the notice's wording is about this recipient. */
  capacityHint: boolean;
  vendorReason: BounceReason | undefined;
  remoteHost: string;
  context: Context;
}

function finish(f: Facts): ReportRecipient {
  const replyCode = replyCodeIn(f.diagnostic) || replyCodeIn(f.extraText);
  const inText = codeFromDiagnostic(f.diagnostic) || codeFromDiagnostic(f.extraText);
  let status = isValidStatus(f.statusField) ? f.statusField : "";
  if (status === "" || (isGeneric(status) && inText !== "" && !isGeneric(inText))) {
    status = inText || status;
  }
  let reason: BounceReason =
    f.action === "delivered" || f.action === "relayed" || f.action === "expanded"
      ? "delivered"
      : (f.vendorReason ??
        (f.localMailer ? "mailererror" : undefined) ??
        reasonFromText(f.diagnostic) ??
        (isGeneric(status) ? undefined : reasonFromStatus(status)) ??
        reasonFromText(f.extraText) ??
        // Google Groups words its refusals in the poster's language; the group address says it.
        (/@googlegroups\.com$/i.test(f.address) ? "rejected" : undefined) ??
        f.context.noticeReason() ??
        reasonFromStatus(status) ??
        "onhold");
  // A full mailbox or disk told in the notice itself is the reporting server's own finding,
  // truer than a code copied from elsewhere (the notice may be all there is to go on).
  if (f.capacityHint && f.context.noticeReason() === "mailboxfull") reason = "mailboxfull";
  if (reason === "userunknown" && f.vendorReason === undefined) {
    const text = `${f.diagnostic} ${f.extraText} ${f.context.notice}`;
    reason = refineUserUnknown(text, status, smtpStageIn(text));
  }
  if (status === "") {
    // A delay is transient by definition (RFC 3464 "delayed"), whatever the wording.
    const temporary =
      f.action === "delayed" ||
      replyCode.startsWith("4") ||
      reason === "expired" ||
      /retry time(?:out)? exceeded/i.test(f.diagnostic);
    status = inferredStatus(reason, temporary);
  }
  return {
    address: f.address.slice(0, 320),
    status,
    action: f.action,
    replyCode,
    diagnostic: f.diagnostic.slice(0, 2000),
    remoteHost: f.remoteHost.slice(0, 255),
    permanent: reason !== "delivered" && isPermanentAddressFailure(reason),
    reason,
  };
}

/** Codes inside a quoted remote reply (Amazon SES: `5.3.0 - ... 550-'5.7.1 ...'`) come first. */
function codeFromDiagnostic(text: string): string {
  const quoted = /'([^']{3,})'/.exec(text)?.[1];
  return (quoted !== undefined ? bestEnhancedCode(quoted) : "") || bestEnhancedCode(text);
}

function toAction(value: string): RecipientAction {
  switch (value) {
    case "failed":
    case "delayed":
    case "delivered":
    case "relayed":
    case "expanded":
      return value;
    default:
      return value.startsWith("fail") ? "failed" : "";
  }
}

function kindOf(recipients: readonly ReportRecipient[]): ReportKind {
  if (recipients.some((r) => r.action === "failed")) return "failure";
  if (recipients.some((r) => r.action === "delayed")) return "delay";
  if (recipients.length > 0) return "delivered";
  return "failure";
}

function htmlToText(html: string): string {
  if (html === "") return "";
  return (
    withoutBlocks(html.slice(0, 500_000), ["script", "style"])
      .replace(/<(?:br|\/p|\/div|\/tr|\/li|\/h\d)\b[^<>]{0,2000}>/gi, "\n")
      // [^<>] rather than [^>]: a run of "<" without ">" must not make this quadratic.
      .replace(/<[^<>]{0,2000}>/g, " ")
      .replace(/&nbsp;/g, " ")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, "&")
  );
}

/** Drops `<script>` and `<style>` elements by scanning, not by a lazy regex (linear time). */
function withoutBlocks(html: string, tags: readonly string[]): string {
  const lower = html.toLowerCase();
  let out = "";
  let at = 0;
  for (;;) {
    let start = -1;
    let tag = "";
    for (const t of tags) {
      const i = lower.indexOf(`<${t}`, at);
      if (i !== -1 && (start === -1 || i < start)) {
        start = i;
        tag = t;
      }
    }
    if (start === -1) return out + html.slice(at);
    const end = lower.indexOf(`</${tag}`, start);
    out += `${html.slice(at, start)} `;
    if (end === -1) return out;
    const close = lower.indexOf(">", end);
    at = close === -1 ? html.length : close + 1;
  }
}
