/**
 * What each of the three readers must find in a converted generated message: the source's
 * subject, addresses with their types, dates, message id, bodies and attachment bytes.
 */
import PostalMime from "postal-mime";
import type { Expected } from "./generated-messages";
import { sha256 } from "./mime-builder";
import { readWithMsgReader, undoDoubleUtf8, type OleMessage } from "./readers";

/** Line endings and trailing blank space differ between MIME and MAPI bodies; content must not. */
export const norm = (s: string | undefined) => (s ?? "").replace(/\r\n/g, "\n").replace(/\s+$/, "");
export const sameInstant = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && new Date(a).getTime() === new Date(b).getTime();

export function checkMsgReader(
  e: Expected,
  data: ReturnType<typeof readWithMsgReader>["data"],
  reader: ReturnType<typeof readWithMsgReader>["reader"]
) {
  expect(data.messageClass).toBe("IPM.Note");
  expect(data.subject ?? "").toBe(e.subject);
  if (e.from !== undefined) {
    expect(data.senderEmail).toBe(e.from);
    expect(data.senderAddressType).toBe("SMTP");
    expect(data.senderSmtpAddress).toBe(e.from);
  }
  const recipients = (data.recipients ?? []).map((r) => [
    r.recipType,
    r.email,
    r.smtpAddress,
    r.addressType,
  ]);
  expect(recipients).toEqual([
    ...e.to.map((a) => ["to", a, a, "SMTP"]),
    ...e.cc.map((a) => ["cc", a, a, "SMTP"]),
    ...e.bcc.map((a) => ["bcc", a, a, "SMTP"]),
  ]);
  if (e.date !== undefined) {
    expect(sameInstant(data.clientSubmitTime, e.date)).toBe(true);
    expect(sameInstant(data.messageDeliveryTime, e.date)).toBe(true);
  } else {
    expect(data.clientSubmitTime).toBeUndefined();
  }
  expect(data.messageId).toBe(e.messageId);
  if (e.text !== undefined) expect(norm(data.body)).toBe(norm(e.text));
  if (e.html !== undefined) expect(norm(new TextDecoder().decode(data.html))).toBe(norm(e.html));
  const atts = data.attachments ?? [];
  expect(atts).toHaveLength(e.attachments.length);
  for (const ea of e.attachments) {
    const a = atts.find((x) => x.fileName === ea.name || (ea.name === "" && !ea.embeddedSubject));
    expect(a).toBeDefined();
    if (a === undefined) continue;
    if (ea.embeddedSubject !== undefined) {
      expect(a.innerMsgContent).toBe(true);
      expect(a.innerMsgContentFields?.subject).toBe(ea.embeddedSubject);
    } else {
      expect(a.innerMsgContent).toBeUndefined();
      expect(sha256(reader.getAttachment(a).content)).toBe(ea.sha256);
      expect(a.attachMimeTag).toBe(ea.mimeType);
      expect(a.attachmentHidden ?? false).toBe(ea.hidden);
    }
  }
}

export function checkOle(e: Expected, m: OleMessage) {
  expect(m.messageClass).toBe("IPM.Note");
  expect(m.subject ?? "").toBe(e.subject);
  if (e.from !== undefined) {
    expect([m.senderEmail, m.senderSmtp, m.senderAddressType, m.representingEmail]).toEqual([
      e.from,
      e.from,
      "SMTP",
      e.from,
    ]);
  }
  expect(m.recipients.map((r) => [r.type, r.email, r.smtp, r.addressType])).toEqual([
    ...e.to.map((a) => [1, a, a, "SMTP"]),
    ...e.cc.map((a) => [2, a, a, "SMTP"]),
    ...e.bcc.map((a) => [3, a, a, "SMTP"]),
  ]);
  if (e.date !== undefined)
    expect(sameInstant(m.submitTime, e.date) && sameInstant(m.deliveryTime, e.date)).toBe(true);
  expect(m.messageId ?? undefined).toBe(e.messageId);
  if (e.inReplyTo !== undefined) expect(m.inReplyTo).toBe(e.inReplyTo);
  expect(m.importance).toBe(e.importance);
  expect((m.flags ?? 0) & 0x01).toBe(0x01); // read
  expect((m.flags ?? 0) & 0x08).toBe(0); // never unsent (it would open as a draft)
  expect((m.storeSupportMask ?? 0) & 0x40000).toBe(0x40000); // STORE_UNICODE_OK
  if (e.text !== undefined) expect(norm(m.text)).toBe(norm(e.text));
  if (e.html !== undefined) expect(norm(m.html ?? "")).toBe(norm(e.html));
  expect(m.attachments).toHaveLength(e.attachments.length);
  for (const ea of e.attachments) {
    if (ea.embeddedSubject !== undefined) {
      const a = m.attachments.find((x) => x.embedded?.subject === ea.embeddedSubject);
      expect(a?.method).toBe(5);
    } else {
      const a = m.attachments.find((x) => x.sha256 === ea.sha256);
      expect(a).toBeDefined();
      expect(a?.method).toBe(1);
      expect(a?.mimeType).toBe(ea.mimeType);
      if (ea.name !== "") expect(a?.name).toBe(ea.name);
      expect(a?.hidden === 1).toBe(ea.hidden);
    }
  }
}

export async function checkMsgconvert(e: Expected, eml: Uint8Array) {
  const back = await PostalMime.parse(eml, { forceRfc822Attachments: true });
  expect(back.subject ?? "").toBe(e.subject);
  if (e.from !== undefined)
    expect((back.from as { address?: string } | undefined)?.address).toBe(e.from);
  const addresses = (list: typeof back.to) =>
    (list ?? []).map((a) => (a as { address?: string }).address);
  expect(addresses(back.to)).toEqual(e.to);
  expect(addresses(back.cc)).toEqual(e.cc);
  expect(addresses(back.bcc)).toEqual(e.bcc);
  if (e.date !== undefined) expect(sameInstant(back.date, e.date)).toBe(true);
  if (e.messageId !== undefined) expect(back.messageId).toBe(e.messageId);
  if (e.text !== undefined && e.text !== "")
    expect(norm(undoDoubleUtf8(back.text ?? ""))).toBe(norm(e.text));
  if (e.html !== undefined) expect(norm(undoDoubleUtf8(back.html ?? ""))).toBe(norm(e.html));
  for (const ea of e.attachments) {
    if (ea.embeddedSubject !== undefined) {
      const parts = back.attachments.filter((a) => a.mimeType === "message/rfc822");
      const subjects: string[] = [];
      for (const p of parts)
        subjects.push((await PostalMime.parse(p.content as ArrayBuffer)).subject ?? "");
      expect(subjects).toContain(ea.embeddedSubject);
    } else {
      const shas = back.attachments.map((a) => sha256(new Uint8Array(a.content as ArrayBuffer)));
      expect(shas).toContain(ea.sha256);
    }
  }
}
