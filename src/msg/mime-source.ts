/**
 * MIME to `MessageModel` with postal-mime (browser and Node). `message/rfc822` parts are kept as
 * attachments and parsed again, so they become real embedded messages rather than text.
 */
import PostalMime, { decodeWords } from "postal-mime";
import { SIGNATURE } from "./compound-file-format";
import { MsgConversionError } from "./errors";
import { buildSkeleton, restoreCuts } from "./mime-skeleton";
import type {
  AttachmentModel,
  Importance,
  MailboxModel,
  MessageModel,
  RecipientKind,
  RecipientModel,
} from "./message-model";

type Email = PostalMime.Email;
type Address = PostalMime.Address;

/** Headers that make a byte string recognisable as an Internet message. */
const MESSAGE_HEADERS = new Set([
  "from",
  "to",
  "cc",
  "bcc",
  "subject",
  "date",
  "message-id",
  "mime-version",
  "content-type",
  "received",
  "return-path",
  "sender",
  "reply-to",
  "in-reply-to",
  "references",
]);

/** Extensions for parts that come without a file name (the name is derived, the type is kept). */
const EXTENSION_BY_TYPE: Record<string, string> = {
  "message/rfc822": ".eml",
  "text/plain": ".txt",
  "text/html": ".html",
  "text/calendar": ".ics",
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "image/gif": ".gif",
  "application/pdf": ".pdf",
  "message/delivery-status": ".txt",
  "message/feedback-report": ".txt",
  "text/rfc822-headers": ".txt",
  "application/vnd.ms-outlook": ".msg",
};

export interface ParseLimits {
  /** Attached messages deeper than this stay attached as `.eml` files. */
  maxEmbeddingDepth: number;
  /**
   * Parse the whole message with postal-mime, without decoding large bodies ourselves first:
   * the reference that tests compare the skeleton path against.
   */
  wholeMessage?: boolean;
}

export async function parseMime(
  mime: Uint8Array,
  limits: ParseLimits,
  depth = 0
): Promise<MessageModel> {
  if (mime.length === 0) throw new MsgConversionError("empty-input", "the input is empty");
  const email = limits.wholeMessage === true ? await postalParse(mime) : await parseLean(mime);
  if (!email.headers.some((h) => MESSAGE_HEADERS.has(h.key))) {
    throw new MsgConversionError("not-a-message", "the input has no Internet message headers");
  }
  const attachments: AttachmentModel[] = [];
  for (const [index, a] of email.attachments.entries()) {
    attachments.push(await toAttachment(a, index, limits, depth));
  }
  return {
    transportHeaders: rawHeaderBlock(mime),
    headerCount: email.headers.length,
    subject: email.subject,
    from: firstMailbox(email.from),
    sender: firstMailbox(email.sender),
    recipients: [
      ...recipients(email.to, "to"),
      ...recipients(email.cc, "cc"),
      ...recipients(email.bcc, "bcc"),
    ],
    date: parseDate(email.date),
    messageId: email.messageId,
    inReplyTo: email.inReplyTo,
    references: email.references,
    importance: importanceOf(email.headers),
    text: email.text,
    html: email.html,
    attachments,
  };
}

/**
 * postal-mime on a skeleton of the message whose large encoded bodies we decoded ourselves
 * (mime-skeleton.ts); on the whole message when there is nothing to cut or a marker does not
 * come back where it should.
 */
async function parseLean(mime: Uint8Array): Promise<Email> {
  const skeleton = buildSkeleton(mime, decodeWords);
  if (skeleton !== undefined) {
    const email = await postalParse(skeleton.bytes).catch(() => undefined);
    if (email !== undefined && restoreCuts(email, skeleton)) return email;
  }
  return postalParse(mime);
}

async function postalParse(mime: Uint8Array): Promise<Email> {
  try {
    return await PostalMime.parse(wholeBuffer(mime), { forceRfc822Attachments: true });
  } catch (cause) {
    const code = (cause as { code?: unknown } | null)?.code;
    throw new MsgConversionError(
      "malformed-mime",
      `the MIME parser rejected the input${typeof code === "string" ? ` (${code})` : ""}`,
      { cause }
    );
  }
}

/**
 * postal-mime copies a typed-array input into a fresh ArrayBuffer (4 MB more at the peak for a
 * 4 MB message); an ArrayBuffer is read in place. Only a view over its whole buffer is passed so.
 */
function wholeBuffer(mime: Uint8Array): ArrayBuffer | Uint8Array {
  const b = mime.buffer;
  return b instanceof ArrayBuffer && mime.byteOffset === 0 && mime.byteLength === b.byteLength
    ? b
    : mime;
}

async function toAttachment(
  a: PostalMime.Attachment,
  index: number,
  limits: ParseLimits,
  depth: number
): Promise<AttachmentModel> {
  const content =
    typeof a.content === "string"
      ? new TextEncoder().encode(a.content)
      : a.content instanceof Uint8Array
        ? a.content
        : new Uint8Array(a.content);
  const mimeType = a.mimeType || "application/octet-stream";
  const base: AttachmentModel = {
    fileName: a.filename ?? `attachment-${index + 1}${EXTENSION_BY_TYPE[mimeType] ?? ".bin"}`,
    mimeType,
    content,
    hidden: a.related === true,
    ...(a.contentId !== undefined ? { contentId: stripAngles(a.contentId) } : {}),
  };
  if (mimeType === "message/rfc822" && depth < limits.maxEmbeddingDepth && content.length > 0) {
    try {
      const message = await parseMime(content, limits, depth + 1);
      if (a.filename === null) base.fileName = `${safeName(message.subject) || "message"}.eml`;
      return { ...base, message };
    } catch (e) {
      if (!(e instanceof MsgConversionError)) throw e;
      return base; // not parseable as a message: keep the bytes as a file
    }
  }
  if (looksLikeMsg(base.fileName, mimeType, content)) return { ...base, msgFile: content };
  return base;
}

function looksLikeMsg(fileName: string, mimeType: string, content: Uint8Array): boolean {
  const named = /\.msg$/i.test(fileName) || mimeType === "application/vnd.ms-outlook";
  return named && content.length >= 512 && SIGNATURE.every((b, i) => content[i] === b);
}

/** The header section exactly as received, up to the first empty line. */
function rawHeaderBlock(mime: Uint8Array): string {
  let end = mime.length;
  for (let i = 0; i < mime.length; i++) {
    if (mime[i] !== 0x0a) continue;
    if (mime[i + 1] === 0x0a) {
      end = i + 1;
      break;
    }
    if (mime[i + 1] === 0x0d && mime[i + 2] === 0x0a) {
      end = i + 1;
      break;
    }
  }
  return new TextDecoder("utf-8").decode(mime.subarray(0, end));
}

function stripAngles(id: string): string {
  const t = id.trim();
  return t.startsWith("<") && t.endsWith(">") ? t.slice(1, -1) : t;
}

function safeName(subject: string | undefined): string {
  return (subject ?? "")
    .replace(/[\\/:*?"<>|]/g, "_")
    .replace(/\p{Cc}/gu, "_")
    .trim()
    .slice(0, 120);
}

function flatten(addresses: Address[] | undefined): MailboxModel[] {
  const out: MailboxModel[] = [];
  for (const a of addresses ?? []) {
    if (a.group !== undefined) {
      for (const m of a.group) if (m.address) out.push({ name: m.name, address: m.address });
    } else if (a.address) {
      out.push({ name: a.name, address: a.address });
    }
  }
  return out;
}

function firstMailbox(address: Address | undefined): MailboxModel | undefined {
  return address === undefined ? undefined : flatten([address])[0];
}

function recipients(list: Address[] | undefined, kind: RecipientKind): RecipientModel[] {
  return flatten(list).map((m) => ({ ...m, kind }));
}

function parseDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Importance, X-Priority and Priority headers to PR_IMPORTANCE (0 low, 1 normal, 2 high). */
function importanceOf(headers: PostalMime.Header[]): Importance {
  const value = (key: string) =>
    headers
      .find((h) => h.key === key)
      ?.value.trim()
      .toLowerCase();
  const importance = value("importance");
  if (importance === "high") return 2;
  if (importance === "low") return 0;
  if (importance === "normal") return 1;
  const xPriority = /^([1-5])/.exec(value("x-priority") ?? "")?.[1];
  if (xPriority === "1" || xPriority === "2") return 2;
  if (xPriority === "4" || xPriority === "5") return 0;
  const priority = value("priority");
  if (priority === "urgent") return 2;
  if (priority === "non-urgent") return 0;
  return 1;
}
