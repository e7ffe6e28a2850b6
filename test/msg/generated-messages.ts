/**
 * The generated corpus: each case is built with `mime-builder` from high-level options, and its
 * expectations (what every reader must find again) come from those same options, not from a parse.
 */
import {
  buildMime,
  encodeWord,
  pseudoRandomBytes,
  sha256,
  utf8Bytes,
  type MultipartSpec,
  type PartSpec,
} from "./mime-builder";

export interface ExpectedAttachment {
  name: string;
  mimeType: string;
  sha256?: string; // by value
  hidden: boolean;
  embeddedSubject?: string; // an attached message
}

export interface Expected {
  subject: string;
  from?: string;
  fromName?: string;
  to: string[];
  cc: string[];
  bcc: string[];
  date?: string;
  messageId?: string;
  inReplyTo?: string;
  importance: 0 | 1 | 2;
  text?: string;
  html?: string;
  attachments: ExpectedAttachment[];
}

export interface GeneratedCase {
  name: string;
  mime: Uint8Array;
  expect: Expected;
}

interface FileAttachment {
  name?: string;
  type: string;
  bytes: Uint8Array;
  inlineCid?: string;
}

interface MessageAttachment {
  message: GeneratedCase;
  name?: string;
  asMsg?: Uint8Array; // attached as an Outlook .msg (application/vnd.ms-outlook)
}

export interface MailOptions {
  name: string;
  subject?: string; // undefined: no Subject header
  rawSubjectHeader?: string; // a header written as is (8-bit tests)
  from?: { name?: string; address: string } | null; // null: no From header
  to?: Array<{ name?: string; address: string }>;
  cc?: Array<{ name?: string; address: string }>;
  bcc?: Array<{ name?: string; address: string }>;
  date?: Date | null; // null: no Date header
  messageId?: string | null;
  inReplyTo?: string;
  importance?: "high" | "low";
  text?: string;
  textEncoding?: PartSpec["encoding"];
  textCharset?: string;
  html?: string;
  files?: FileAttachment[];
  messages?: MessageAttachment[];
  extraHeaders?: Array<[string, string]>;
  lineEnding?: "\r\n" | "\n";
}

function calendarAsParsed(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString("utf8").replace(/\r\n/g, "\n").replace(/\n+$/, "");
  return utf8Bytes(`${text}\n`);
}

const DEFAULT_DATE = new Date("2026-11-30T15:04:05Z");

function addressList(list: Array<{ name?: string; address: string }>): string {
  return list
    .map((a) =>
      a.name
        ? `${/^[\w .-]*$/.test(a.name) ? `"${a.name}"` : encodeWord(a.name)} <${a.address}>`
        : a.address
    )
    .join(", ");
}

export function mail(o: MailOptions): GeneratedCase {
  const headers: Array<[string, string]> = [];
  const from =
    o.from === undefined
      ? { name: "Bureau de traitement de l'Est", address: "montreal.office@example.gc.ca" }
      : o.from;
  if (from !== null) headers.push(["From", addressList([from])]);
  const to = o.to ?? [{ name: "Jean Tremblay", address: "jean.tremblay@example.com" }];
  if (to.length > 0) headers.push(["To", addressList(to)]);
  if (o.cc?.length) headers.push(["Cc", addressList(o.cc)]);
  if (o.bcc?.length) headers.push(["Bcc", addressList(o.bcc)]);
  if (o.rawSubjectHeader !== undefined) headers.push(["Subject", o.rawSubjectHeader]);
  else if (o.subject !== undefined) headers.push(["Subject", encodeWord(o.subject)]);
  const date = o.date === undefined ? DEFAULT_DATE : o.date;
  if (date !== null) headers.push(["Date", date.toUTCString().replace("GMT", "+0000")]);
  const messageId =
    o.messageId === undefined ? `<${o.name}.${date?.getTime() ?? 0}@example.gc.ca>` : o.messageId;
  if (messageId !== null) headers.push(["Message-ID", messageId]);
  if (o.inReplyTo !== undefined) {
    headers.push(["In-Reply-To", o.inReplyTo], ["References", o.inReplyTo]);
  }
  if (o.importance !== undefined) headers.push(["Importance", o.importance]);
  headers.push(...(o.extraHeaders ?? []));

  const textPart = (): PartSpec | undefined =>
    o.text === undefined
      ? undefined
      : {
          contentType: "text/plain",
          charset: o.textCharset ?? "utf-8",
          encoding: o.textEncoding ?? "quoted-printable",
          content:
            o.textCharset === "iso-8859-1"
              ? new Uint8Array(Buffer.from(o.text, "latin1"))
              : utf8Bytes(o.text),
        };
  const htmlPart = (): PartSpec | undefined =>
    o.html === undefined
      ? undefined
      : {
          contentType: "text/html",
          charset: "utf-8",
          encoding: "quoted-printable",
          content: utf8Bytes(o.html),
        };

  const inline = (o.files ?? []).filter((f) => f.inlineCid !== undefined);
  const regular = (o.files ?? []).filter((f) => f.inlineCid === undefined);
  const filePart = (f: FileAttachment): PartSpec => ({
    contentType: f.type,
    content: f.bytes,
    encoding: "base64",
    ...(f.name !== undefined ? { fileName: f.name } : {}),
    disposition: f.inlineCid !== undefined ? "inline" : "attachment",
    ...(f.inlineCid !== undefined ? { contentId: f.inlineCid } : {}),
  });

  let htmlTree: PartSpec | MultipartSpec | undefined = htmlPart();
  if (htmlTree !== undefined && inline.length > 0) {
    htmlTree = { multipart: "related", parts: [htmlTree, ...inline.map(filePart)] };
  }
  const t = textPart();
  let bodyTree: PartSpec | MultipartSpec | undefined =
    t !== undefined && htmlTree !== undefined
      ? { multipart: "alternative", parts: [t, htmlTree] }
      : (t ?? htmlTree);
  const attachParts: PartSpec[] = [
    ...regular.map(filePart),
    ...(o.messages ?? []).map((m): PartSpec => {
      if (m.asMsg !== undefined) {
        return {
          contentType: "application/vnd.ms-outlook",
          content: m.asMsg,
          encoding: "base64",
          fileName: m.name ?? "attached.msg",
          disposition: "attachment",
        };
      }
      return {
        contentType: "message/rfc822",
        content: m.message.mime,
        encoding: "7bit",
        ...(m.name !== undefined ? { fileName: m.name } : {}),
        disposition: "attachment",
      };
    }),
  ];
  if (bodyTree === undefined)
    bodyTree = {
      contentType: "text/plain",
      charset: "utf-8",
      encoding: "7bit",
      content: new Uint8Array(0),
    };
  const body: PartSpec | MultipartSpec =
    attachParts.length > 0 ? { multipart: "mixed", parts: [bodyTree, ...attachParts] } : bodyTree;

  const mime = buildMime({
    headers,
    body,
    ...(o.lineEnding !== undefined ? { lineEnding: o.lineEnding } : {}),
  });
  const attachments: ExpectedAttachment[] = [
    ...inline.map((f) => ({
      name: f.name ?? "",
      mimeType: f.type,
      sha256: sha256(f.bytes),
      hidden: true,
    })),
    ...regular.map((f) => ({
      name: f.name ?? "",
      mimeType: f.type,
      // postal-mime hands calendar parts over as UTF-8 text ending in one LF (see msg-format.md).
      sha256: sha256(f.type === "text/calendar" ? calendarAsParsed(f.bytes) : f.bytes),
      hidden: false,
    })),
    ...(o.messages ?? []).map((m) => ({
      name: m.name ?? "",
      mimeType: m.asMsg !== undefined ? "application/vnd.ms-outlook" : "message/rfc822",
      hidden: false,
      embeddedSubject: m.message.expect.subject,
    })),
  ];
  return {
    name: o.name,
    mime,
    expect: {
      subject: o.subject ?? "",
      ...(from !== null
        ? { from: from.address, ...(from.name ? { fromName: from.name } : {}) }
        : {}),
      to: to.map((a) => a.address),
      cc: (o.cc ?? []).map((a) => a.address),
      bcc: (o.bcc ?? []).map((a) => a.address),
      ...(date !== null ? { date: date.toISOString() } : {}),
      ...(messageId !== null ? { messageId } : {}),
      ...(o.inReplyTo !== undefined ? { inReplyTo: o.inReplyTo } : {}),
      importance: o.importance === "high" ? 2 : o.importance === "low" ? 0 : 1,
      ...(o.text !== undefined ? { text: o.text } : {}),
      ...(o.html !== undefined ? { html: o.html } : {}),
      attachments,
    },
  };
}

const png = (seed: number, size = 600) => {
  const b = pseudoRandomBytes(size, seed);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return b;
};
const pdf = (seed: number, size: number) => {
  const b = pseudoRandomBytes(size, seed);
  b.set(Buffer.from("%PDF-1.7\n"));
  return b;
};

const french =
  "Bonjour,\r\n\r\nVeuillez nous faire parvenir les documents demandés d'ici le 15 janvier 2027.\r\n\r\nCordialement,\r\nLe bureau";

/** Builds the corpus; `msgOf` converts a case to `.msg` (used to attach real `.msg` files). */
export async function generatedCases(
  msgOf: (mime: Uint8Array) => Promise<Uint8Array>
): Promise<GeneratedCase[]> {
  const simple = mail({
    name: "plain-ascii",
    subject: "Request for documents - case B000123456",
    text: "Hello,\r\n\r\nPlease send the documents.\r\n",
  });
  const inner = mail({
    name: "inner",
    subject: "Message transféré intérieur",
    text: "Inner body é à ü\r\n",
    files: [{ name: "inner.pdf", type: "application/pdf", bytes: pdf(7, 900) }],
  });
  const middle = mail({
    name: "middle",
    subject: "Middle level",
    text: "Middle body\r\n",
    messages: [{ message: inner, name: "inner.eml" }],
  });
  const attachedMsgSource = mail({
    name: "attached-msg-source",
    subject: "Saved Outlook message",
    text: "Saved as .msg\r\n",
    html: "<p>Saved as <b>.msg</b></p>",
    files: [{ name: "note.txt", type: "text/plain", bytes: utf8Bytes("note inside the msg\r\n") }],
  });
  const attachedMsg = await msgOf(attachedMsgSource.mime);
  const many = (n: number, seed: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `piece-${String(i + 1).padStart(3, "0")}.bin`,
      type: "application/octet-stream",
      bytes: pseudoRandomBytes(64 + ((i * 37) % 900), seed + i),
    }));

  return [
    simple,
    mail({
      name: "unicode-subject",
      subject: "Dossier 🗂️ 申请 – Ünïcødé ✓",
      text: "Unicode: 🗂️ 申请 ✓\r\n",
    }),
    mail({
      name: "rtl-arabic-subject",
      subject: "طلب مستندات إضافية",
      text: "مرحبا، يرجى إرسال المستندات.\r\n",
    }),
    mail({ name: "rtl-hebrew-subject", subject: "בקשה למסמכים נוספים", text: "שלום\r\n" }),
    mail({
      name: "french-accents-qp",
      subject: "Demande de documents – dossier B000123456",
      text: french,
      textEncoding: "quoted-printable",
    }),
    mail({
      name: "base64-text-body",
      subject: "Base64 body",
      text: "Ligne un é\r\nLigne deux à\r\n",
      textEncoding: "base64",
    }),
    mail({
      name: "html-only",
      subject: "HTML only",
      html: "<html><body><p>Bonjour <b>Jean</b> — é</p></body></html>",
    }),
    mail({
      name: "text-and-html",
      subject: "Alternative",
      text: "Plain é\r\n",
      html: "<p>Rich <i>é</i></p>",
    }),
    mail({
      name: "inline-image",
      subject: "Inline image",
      text: "See logo\r\n",
      html: '<p>Logo: <img src="cid:logo@casemail"></p>',
      files: [{ name: "logo.png", type: "image/png", bytes: png(3), inlineCid: "logo@casemail" }],
    }),
    mail({
      name: "pdf-attachment",
      subject: "Lettre",
      text: "Ci-joint la lettre.\r\n",
      files: [{ name: "lettre.pdf", type: "application/pdf", bytes: pdf(11, 5000) }],
    }),
    mail({
      name: "unicode-filename",
      subject: "Pièce jointe",
      text: "Voir pièce jointe\r\n",
      files: [
        { name: "Décision finale – été 2026.pdf", type: "application/pdf", bytes: pdf(12, 3000) },
      ],
    }),
    mail({
      name: "type-from-part",
      subject: "MIME type from the part",
      text: "x\r\n",
      files: [{ name: "scan.pdf", type: "image/tiff", bytes: pseudoRandomBytes(700, 5) }],
    }),
    mail({
      name: "attached-eml",
      subject: "FW: forwarded",
      text: "Forwarding\r\n",
      messages: [{ message: simple, name: "original.eml" }],
    }),
    mail({
      name: "attached-msg",
      subject: "Attached .msg",
      text: "Here is the saved item\r\n",
      messages: [{ message: attachedMsgSource, name: "saved.msg", asMsg: attachedMsg }],
    }),
    mail({
      name: "nested-messages",
      subject: "Nested three levels",
      text: "Outer\r\n",
      messages: [{ message: middle, name: "middle.eml" }],
    }),
    mail({ name: "zero-attachments", subject: "No attachments", text: "Nothing attached\r\n" }),
    mail({
      name: "three-hundred-attachments",
      subject: "300 attachments",
      text: "Many files\r\n",
      files: many(300, 1000),
    }),
    mail({ name: "missing-date", subject: "No Date header", text: "No date\r\n", date: null }),
    mail({ name: "missing-from", subject: "No From header", text: "Anonymous\r\n", from: null }),
    mail({ name: "missing-message-id", subject: "No Message-ID", text: "x\r\n", messageId: null }),
    mail({
      name: "eight-bit-header",
      rawSubjectHeader: Buffer.from("Réponse 8 bits – reçue", "utf8").toString("latin1"),
      subject: "Réponse 8 bits – reçue",
      text: "8-bit header\r\n",
    }),
    mail({ name: "empty-body", subject: "Empty body", text: "" }),
    mail({ name: "no-body-no-subject", text: undefined }),
    mail({
      name: "latin1-body",
      subject: "Latin-1 body",
      text: "Café crème à l'été\r\n",
      textCharset: "iso-8859-1",
      textEncoding: "quoted-printable",
    }),
    mail({
      name: "cc-and-bcc",
      subject: "Copies",
      text: "x\r\n",
      cc: [{ name: "Avocate", address: "rep@lawfirm.example" }],
      bcc: [{ address: "archive@example.gc.ca" }],
    }),
    mail({
      name: "fifty-recipients",
      subject: "Fifty",
      text: "x\r\n",
      to: Array.from({ length: 50 }, (_, i) => ({
        name: `Person ${i}`,
        address: `p${i}@example.org`,
      })),
    }),
    mail({ name: "importance-high", subject: "Urgent", text: "x\r\n", importance: "high" }),
    mail({ name: "importance-low", subject: "Whenever", text: "x\r\n", importance: "low" }),
    mail({
      name: "reply-prefix",
      subject: "RE: Request for documents",
      text: "Reply\r\n",
      inReplyTo: "<orig@example.com>",
    }),
    mail({
      name: "french-forward-prefix",
      subject: "TR: Convocation à une entrevue",
      text: "Transfert\r\n",
    }),
    mail({
      name: "lf-line-endings",
      subject: "LF only",
      text: "Line one\nLine two\n",
      lineEnding: "\n",
    }),
    mail({
      name: "calendar-part",
      subject: "Invitation",
      text: "Entrevue\r\n",
      files: [
        {
          name: "invite.ics",
          type: "text/calendar",
          bytes: utf8Bytes("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"),
        },
      ],
    }),
    mail({
      name: "long-subject",
      subject: `Long ${"sujet très long ".repeat(60)}`.trim(),
      text: "x\r\n",
    }),
    mail({
      name: "display-name-unicode",
      subject: "Names",
      text: "x\r\n",
      from: { name: "Équipe d'Ottawa", address: "ottawa@example.gc.ca" },
      to: [{ name: "Zoë Ångström", address: "zoe@example.se" }],
    }),
  ];
}

/** Messages sized around the 4,000,000-byte limit: one attachment of `size` bytes. */
export function sizedCase(name: string, size: number): GeneratedCase {
  return mail({
    name,
    subject: `Size ${size}`,
    text: "Large attachment\r\n",
    files: [{ name: "scan.pdf", type: "application/pdf", bytes: pdf(99, size) }],
  });
}
