/**
 * What the Bounces tests share: real delivery reports from `../shared/fixtures/ndr` rewritten to
 * point at a correspondence recorded at the real gateway (its address, its `x-casemail-ref`, its
 * Message-ID, its subject and date), the sent copy in the simulated Graph's Sent Items under the
 * add-in's custom property, and the report in the generic mailbox's Inbox as Exchange files it.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { defaultConfig } from "../../../src/config/default-config";
import { parseDeliveryReport, type DeliveryReport } from "../../../src/dsn";
import type { GatewayClient } from "../../../src/gateway/client";
import type { Correspondence } from "../../../src/gateway/contract";
import { customPropertiesId, messageClassId } from "../../../src/graph/graph-client";
import type { SimulatedGraph } from "../../../src/workbench/simulated-graph";

export const fixturesDir = path.resolve(__dirname, "../../../../shared/fixtures/ndr");
export const eastMailbox = "casework.east@example.org";
export const addinId = defaultConfig.addIn.id;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const bare = (messageId: string) => messageId.trim().replace(/^<|>$/g, "");

export interface Rewrite {
  /** The failed recipient becomes this address. */
  address: string;
  /** Adds an `X-CaseMail-Ref` header to the returned headers. */
  ref?: string;
  /** The returned Message-ID becomes this one; `null` removes it. */
  messageId?: string | null;
  subject?: string;
  /** RFC 5322 date of the returned headers. */
  date?: string;
}

/**
 * A fixture rewritten as if the report came back for our message. The result is parsed again and
 * checked, so a rewrite that the parser would not read as intended fails here, not in the test.
 */
export async function rewrittenReport(fixture: string, rewrite: Rewrite): Promise<Uint8Array> {
  const raw = readFileSync(path.join(fixturesDir, fixture)).toString("latin1");
  const before = await parseDeliveryReport(raw);
  const recipient = before.recipients[0];
  if (before.kind !== "failure" || recipient === undefined)
    throw new Error(`${fixture}: no failure`);
  let text = raw.replace(new RegExp(escape(recipient.address), "gi"), rewrite.address);
  const oldId = bare(before.original.messageId);
  if (oldId === "") throw new Error(`${fixture}: no returned Message-ID`);
  const idLine = new RegExp(`^(Message-I[Dd]:[ \\t]*)<${escape(oldId)}>[ \\t]*$`, "m");
  if (!idLine.test(text)) throw new Error(`${fixture}: returned Message-ID line not found`);
  if (rewrite.ref !== undefined) {
    text = text.replace(idLine, (line) => `X-CaseMail-Ref: ${rewrite.ref}\n${line}`);
  }
  if (rewrite.messageId === null) {
    text = text.replace(
      new RegExp(`^Message-I[Dd]:[ \\t]*<${escape(oldId)}>[ \\t]*\\r?\\n`, "m"),
      ""
    );
    text = text.replace(new RegExp(escape(oldId), "g"), "");
  } else if (rewrite.messageId !== undefined) {
    text = text.replace(new RegExp(escape(oldId), "g"), bare(rewrite.messageId));
  }
  if (rewrite.subject !== undefined) {
    text = text.replace(
      new RegExp(`^Subject:[ \\t]*${escape(before.original.subject)}[ \\t]*$`, "gm"),
      `Subject: ${rewrite.subject}`
    );
  }
  if (rewrite.date !== undefined) {
    text = text.replace(
      new RegExp(`^Date:[ \\t]*${escape(before.original.date)}[ \\t]*$`, "gm"),
      `Date: ${rewrite.date}`
    );
  }
  const bytes = new Uint8Array(Buffer.from(text, "latin1"));
  const after = await parseDeliveryReport(bytes);
  const check = (what: string, ok: boolean) => {
    if (!ok)
      throw new Error(`${fixture}: rewrite of ${what} not read back: ${JSON.stringify(after)}`);
  };
  check("kind", after.kind === "failure");
  check("address", after.recipients[0]?.address.toLowerCase() === rewrite.address.toLowerCase());
  check("ref", after.original.ref === (rewrite.ref ?? ""));
  if (rewrite.messageId !== undefined) {
    check("messageId", bare(after.original.messageId) === bare(rewrite.messageId ?? ""));
  }
  if (rewrite.subject !== undefined) check("subject", after.original.subject === rewrite.subject);
  if (rewrite.date !== undefined) {
    check("date", Date.parse(after.original.date) === Date.parse(rewrite.date));
  }
  return bytes;
}

export async function parsed(bytes: Uint8Array): Promise<DeliveryReport> {
  return parseDeliveryReport(bytes);
}

export interface SentCase {
  correspondence: Correspondence;
  /** The address it went to. */
  to: string;
  subject: string;
  messageId: string;
  sentAt: Date;
  /** The sent copy's plain-text body. */
  body: string;
}

/**
 * Records the correspondence as the pane does (pending, then sent) and puts its sent copy in the
 * generic mailbox's Sent Items with the add-in's custom property, as Exchange keeps it.
 */
export async function sendCase(
  client: GatewayClient,
  graph: SimulatedGraph,
  options: {
    caseNumber: string;
    to: string;
    language: "en" | "fr";
    subject?: string;
    body?: string;
    sentAt?: Date;
  }
): Promise<SentCase> {
  const id = `cm-${randomUUID()}`;
  const subject = options.subject ?? `Request for documents ${options.caseNumber}`;
  const sentAt = options.sentAt ?? new Date(Date.now() - 20 * 60 * 1000);
  const body =
    options.body ?? `Please send the documents listed below.\n<passport> & <photos>\nThank you.`;
  await client.recordPendingCorrespondence({
    id,
    caseNumber: options.caseNumber,
    purpose: "documents",
    deadline: "2027-03-01",
    expectedRecipient: options.to,
    language: options.language,
    subject,
  });
  const correspondence = await client.recordSending(id, {
    sentAt: sentAt.toISOString(),
    from: eastMailbox,
    to: [options.to],
    subject,
  });
  const messageId = `<${randomUUID()}@gc.example>`;
  const mime = [
    `From: Casework East <${eastMailbox}>`,
    `To: <${options.to}>`,
    `Subject: ${subject}`,
    `Date: ${sentAt.toUTCString()}`,
    `Message-ID: ${messageId}`,
    `x-casemail-ref: ${id}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    body.replace(/\n/g, "\r\n"),
    "",
  ].join("\r\n");
  graph.addMessage(eastMailbox, {
    folder: "sentitems",
    mime: new TextEncoder().encode(mime),
    sentDateTime: sentAt.toISOString(),
    receivedDateTime: null,
    internetMessageId: messageId,
    extendedProperties: { [customPropertiesId(addinId)]: JSON.stringify({ "casemail-ref": id }) },
    isReadReceiptRequested: false,
  });
  return { correspondence, to: options.to, subject, messageId, sentAt, body };
}

/** The report as Exchange files it in the generic mailbox's Inbox. */
export function dropReport(
  graph: SimulatedGraph,
  bytes: Uint8Array,
  receivedAt: Date,
  messageClass = "REPORT.IPM.Note.NDR",
  mailbox = eastMailbox
): string {
  return graph.addMessage(mailbox, {
    folder: "inbox",
    mime: bytes,
    sentDateTime: null,
    receivedDateTime: receivedAt.toISOString(),
    internetMessageId: null,
    extendedProperties: { [messageClassId]: messageClass },
    isReadReceiptRequested: false,
  });
}

/**
 * `sent` comes back: a fixture (Postfix's unknown user by default) rewritten to name its address
 * and reference, in the Inbox three minutes after sending unless told otherwise.
 */
export async function bounceBack(
  graph: SimulatedGraph,
  sent: SentCase,
  options: { fixture?: string; receivedAt?: Date } = {}
): Promise<string> {
  const report = await rewrittenReport(options.fixture ?? "lhost-postfix-04.eml", {
    address: sent.to,
    ref: sent.correspondence.id,
  });
  return dropReport(
    graph,
    report,
    options.receivedAt ?? new Date(sent.sentAt.getTime() + 3 * 60 * 1000)
  );
}
