/**
 * Writes a `MessageModel` as MS-OXMSG storages: the message's properties, its recipient and
 * attachment storages, and attached messages as embedded message storages (recursively).
 */
import { lazyUtf8 } from "./bytes";
import { CompoundFileBuilder } from "./compound-file";
import { planEmbeddedCopy } from "./embedded-msg";
import {
  ONE_OFF_RECIPIENT_FLAGS,
  ONE_OFF_SENDER_FLAGS,
  oneOffEntryId,
  smtpSearchKey,
} from "./entry-id";
import type { AttachmentModel, MailboxModel, MessageModel, RecipientModel } from "./message-model";
import { LID, NamedPropertyMap, PSETID_COMMON } from "./named-properties";
import { PropertyBag, type StreamOut } from "./property-bag";
import {
  AttachMethodValue,
  CODEPAGE_UTF8,
  MSGFLAG_HASATTACH,
  MSGFLAG_READ,
  ObjectTypeValue,
  Prop,
  RecipientTypeValue,
  STORE_SUPPORT_MASK,
} from "./property-tags";
import { splitSubject } from "./subject";

export interface WriteContext {
  file: CompoundFileBuilder;
  names: NamedPropertyMap;
}

export function storageIndex(n: number): string {
  return n.toString(16).toUpperCase().padStart(8, "0");
}

function addStreams(ctx: WriteContext, prefix: string, streams: StreamOut[]): void {
  for (const s of streams) {
    // Names from an attached .msg may lie in its sub-storages ("dir/name").
    if (s.name.includes("/")) ctx.file.addStream(prefix + s.name, s.bytes);
    else ctx.file.addStreamIn(prefix, s.name, s.bytes);
  }
}

/** Writes `message` into the storage at `prefix` ("" for the root, else ending in "/"). */
export function writeMessage(
  ctx: WriteContext,
  message: MessageModel,
  prefix: string,
  embedded: boolean
): void {
  const bag = messageProperties(ctx, message);
  addStreams(
    ctx,
    prefix,
    bag.serialize({
      kind: "message",
      embedded,
      recipientCount: message.recipients.length,
      attachmentCount: message.attachments.length,
    })
  );
  message.recipients.forEach((r, i) => {
    const storage = `${prefix}__recip_version1.0_#${storageIndex(i)}/`;
    ctx.file.addStorage(storage);
    addStreams(ctx, storage, recipientProperties(r, i).serialize({ kind: "child" }));
  });
  message.attachments.forEach((a, i) => {
    const storage = `${prefix}__attach_version1.0_#${storageIndex(i)}/`;
    ctx.file.addStorage(storage);
    writeAttachment(ctx, a, i, storage);
  });
}

function messageProperties(ctx: WriteContext, m: MessageModel): PropertyBag {
  const bag = new PropertyBag();
  const subject = m.subject ?? "";
  const { prefix, normalized } = splitSubject(subject);
  bag
    .string(Prop.MessageClass, "IPM.Note")
    .int32(Prop.MessageFlags, MSGFLAG_READ | (m.attachments.length > 0 ? MSGFLAG_HASATTACH : 0))
    .bool(Prop.HasAttachments, m.attachments.length > 0)
    .string(Prop.Subject, subject)
    .string(Prop.SubjectPrefix, prefix)
    .string(Prop.NormalizedSubject, normalized)
    .string(Prop.ConversationTopic, normalized)
    .int32(Prop.Importance, m.importance)
    .int32(Prop.Priority, m.importance - 1)
    .int32(Prop.Sensitivity, 0)
    .bool(Prop.AlternateRecipientAllowed, true)
    .bool(Prop.OriginatorDeliveryReportRequested, false)
    .bool(Prop.ReadReceiptRequested, false)
    .bool(Prop.DeleteAfterSubmit, false)
    .int32(Prop.StoreSupportMask, STORE_SUPPORT_MASK)
    .int32(Prop.IconIndex, -1)
    .string(Prop.TransportMessageHeaders, m.transportHeaders)
    .string(Prop.InternetMessageId, m.messageId)
    .string(Prop.InReplyToId, m.inReplyTo)
    .string(Prop.InternetReferences, m.references);
  if (m.date !== undefined) {
    bag
      .time(Prop.ClientSubmitTime, m.date)
      .time(Prop.MessageDeliveryTime, m.date)
      .time(Prop.CreationTime, m.date)
      .time(Prop.LastModificationTime, m.date);
  }
  const representing = m.from ?? m.sender;
  const sender = m.sender ?? m.from;
  if (sender !== undefined) {
    bag
      .string(Prop.SenderName, displayName(sender))
      .string(Prop.SenderEmailAddress, sender.address)
      .string(Prop.SenderAddressType, "SMTP")
      .string(Prop.SenderSmtpAddress, sender.address)
      .binary(
        Prop.SenderEntryId,
        oneOffEntryId(displayName(sender), sender.address, ONE_OFF_SENDER_FLAGS)
      )
      .binary(Prop.SenderSearchKey, smtpSearchKey(sender.address));
  }
  if (representing !== undefined) {
    bag
      .string(Prop.SentRepresentingName, displayName(representing))
      .string(Prop.SentRepresentingEmailAddress, representing.address)
      .string(Prop.SentRepresentingAddressType, "SMTP")
      .string(Prop.SentRepresentingSmtpAddress, representing.address)
      .binary(
        Prop.SentRepresentingEntryId,
        oneOffEntryId(displayName(representing), representing.address, ONE_OFF_SENDER_FLAGS)
      )
      .binary(Prop.SentRepresentingSearchKey, smtpSearchKey(representing.address));
  }
  const display = (kind: RecipientModel["kind"]) =>
    m.recipients
      .filter((r) => r.kind === kind)
      .map(displayName)
      .join("; ");
  bag
    .string(Prop.DisplayTo, display("to"))
    .string(Prop.DisplayCc, display("cc"))
    .string(Prop.DisplayBcc, display("bcc"));
  if (m.text !== undefined) bag.string(Prop.Body, m.text);
  // PR_HTML is written as UTF-8; the code page says so (and names the charset of the text).
  if (m.html !== undefined) bag.binary(Prop.Html, lazyUtf8(m.html));
  bag.int32(Prop.InternetCodepage, CODEPAGE_UTF8);
  // PR_NATIVE_BODY_INFO and PR_MSG_EDITOR_FORMAT: 3/2 for HTML, 1/1 for plain text.
  bag
    .int32(Prop.NativeBody, m.html !== undefined ? 3 : 1)
    .int32(Prop.MessageEditorFormat, m.html !== undefined ? 2 : 1);
  // Named properties Outlook sets on every note (sent.msg): no reminder, not private, no ageing.
  bag
    .bool(ctx.names.idFor({ guid: PSETID_COMMON, kind: "id", id: LID.ReminderSet }), false)
    .bool(ctx.names.idFor({ guid: PSETID_COMMON, kind: "id", id: LID.Private }), false)
    .bool(ctx.names.idFor({ guid: PSETID_COMMON, kind: "id", id: LID.AgingDontAgeMe }), false);
  return bag;
}

function displayName(m: MailboxModel): string {
  return m.name.trim() || m.address;
}

function recipientProperties(r: RecipientModel, rowId: number): PropertyBag {
  const name = displayName(r);
  const entryId = oneOffEntryId(name, r.address, ONE_OFF_RECIPIENT_FLAGS);
  const type =
    r.kind === "to"
      ? RecipientTypeValue.To
      : r.kind === "cc"
        ? RecipientTypeValue.Cc
        : RecipientTypeValue.Bcc;
  return new PropertyBag()
    .int32(Prop.RecipientType, type)
    .int32(Prop.RowId, rowId)
    .int32(Prop.ObjectType, ObjectTypeValue.MailUser)
    .int32(Prop.DisplayType, 0)
    .bool(Prop.Responsibility, true)
    .bool(Prop.SendRichInfo, false)
    .int32(Prop.RecipientFlags, 1)
    .int32(Prop.RecipientOrder, rowId)
    .int32(Prop.RecipientResourceState, 0)
    .int32(Prop.RecipientTrackStatus, 0)
    .int32(Prop.SendInternetEncoding, 0)
    .string(Prop.DisplayName, name)
    .string(Prop.RecipientDisplayName, name)
    .string(Prop.AddressType, "SMTP")
    .string(Prop.EmailAddress, r.address)
    .string(Prop.SmtpAddress, r.address)
    .binary(Prop.EntryId, entryId)
    .binary(Prop.RecipientEntryId, entryId)
    .binary(Prop.RecordKey, entryId)
    .binary(Prop.SearchKey, smtpSearchKey(r.address));
}

/** The 8.3 name Outlook keeps beside the long one (PR_ATTACH_FILENAME). */
export function shortFileName(longName: string): string {
  const dot = longName.lastIndexOf(".");
  const stem = (dot > 0 ? longName.slice(0, dot) : longName)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, "");
  const ext = (dot > 0 ? longName.slice(dot + 1) : "").toUpperCase().replace(/[^A-Z0-9]/g, "");
  const shortExt = ext.slice(0, 3);
  const fits = stem.length > 0 && stem.length <= 8 && ext.length <= 3;
  const base = fits ? stem : `${(stem || "FILE").slice(0, 6)}~1`;
  return shortExt ? `${base}.${shortExt}` : base;
}

function extensionOf(name: string): string | undefined {
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot) : undefined;
}

function writeAttachment(
  ctx: WriteContext,
  a: AttachmentModel,
  index: number,
  storage: string
): void {
  const bag = new PropertyBag()
    .int32(Prop.AttachNumber, index)
    .int32(Prop.ObjectType, ObjectTypeValue.Attachment)
    .int32(Prop.RenderingPosition, -1)
    .int32(Prop.AttachFlags, 0)
    .bool(Prop.AttachmentHidden, a.hidden)
    .bool(Prop.AttachmentContactPhoto, false)
    .string(Prop.DisplayName, a.fileName)
    .string(Prop.AttachLongFilename, a.fileName)
    .string(Prop.AttachFilename, shortFileName(a.fileName))
    .string(Prop.AttachExtension, extensionOf(a.fileName))
    .string(Prop.AttachContentId, a.contentId);
  const plan = a.msgFile !== undefined ? planEmbeddedCopy(ctx.names, a.msgFile) : undefined;
  // An embedded item is a message whatever the part said (an attached .msg arrives as
  // application/vnd.ms-outlook); readers such as msgconvert take the tag as the part's type.
  bag.string(Prop.AttachMimeTag, plan !== undefined ? "message/rfc822" : a.mimeType);
  if (a.message === undefined && plan === undefined) {
    bag
      .int32(Prop.AttachMethod, AttachMethodValue.ByValue)
      .int32(Prop.AttachSize, a.content.length)
      .binary(Prop.AttachDataBinary, a.content);
    addStreams(ctx, storage, bag.serialize({ kind: "child" }));
    return;
  }
  bag
    .int32(Prop.AttachMethod, AttachMethodValue.EmbeddedMessage)
    .int32(Prop.AttachSize, a.content.length)
    .object(Prop.AttachDataBinary);
  addStreams(ctx, storage, bag.serialize({ kind: "child" }));
  const inner = `${storage}__substg1.0_3701000D/`;
  ctx.file.addStorage(inner);
  if (a.message !== undefined) {
    writeMessage(ctx, a.message, inner, true);
  } else if (plan !== undefined) {
    for (const s of plan.storages) ctx.file.addStorage(inner + s);
    addStreams(ctx, inner, plan.streams);
  }
}
