/**
 * The MAPI property ids and types the writer uses (MS-OXPROPS names in comments).
 * A tag is `(id << 16) | type`; streams are named `__substg1.0_` + the tag in upper-case hex.
 */
export const PropType = {
  Int32: 0x0003,
  Boolean: 0x000b,
  Object: 0x000d,
  SysTime: 0x0040,
  Unicode: 0x001f,
  Binary: 0x0102,
} as const;
export type PropTypeCode = (typeof PropType)[keyof typeof PropType];

export const Prop = {
  // Message
  AlternateRecipientAllowed: 0x0002,
  Importance: 0x0017,
  MessageClass: 0x001a,
  OriginatorDeliveryReportRequested: 0x0023,
  Priority: 0x0026,
  ReadReceiptRequested: 0x0029,
  Sensitivity: 0x0036,
  Subject: 0x0037,
  ClientSubmitTime: 0x0039,
  SentRepresentingSearchKey: 0x003b,
  SubjectPrefix: 0x003d,
  SentRepresentingEntryId: 0x0041,
  SentRepresentingName: 0x0042,
  SentRepresentingAddressType: 0x0064,
  SentRepresentingEmailAddress: 0x0065,
  ConversationTopic: 0x0070,
  TransportMessageHeaders: 0x007d,
  SenderEntryId: 0x0c19,
  SenderName: 0x0c1a,
  SenderSearchKey: 0x0c1d,
  SenderAddressType: 0x0c1e,
  SenderEmailAddress: 0x0c1f,
  DeleteAfterSubmit: 0x0e01,
  DisplayBcc: 0x0e02,
  DisplayCc: 0x0e03,
  DisplayTo: 0x0e04,
  MessageDeliveryTime: 0x0e06,
  MessageFlags: 0x0e07,
  HasAttachments: 0x0e1b,
  NormalizedSubject: 0x0e1d,
  Body: 0x1000,
  Html: 0x1013,
  NativeBody: 0x1016,
  InternetMessageId: 0x1035,
  InternetReferences: 0x1039,
  InReplyToId: 0x1042,
  IconIndex: 0x1080,
  CreationTime: 0x3007,
  LastModificationTime: 0x3008,
  StoreSupportMask: 0x340d,
  InternetCodepage: 0x3fde,
  MessageEditorFormat: 0x5909,
  SenderSmtpAddress: 0x5d01,
  SentRepresentingSmtpAddress: 0x5d02,
  // Recipient
  RecipientType: 0x0c15,
  Responsibility: 0x0e0f,
  RecordKey: 0x0ff9,
  ObjectType: 0x0ffe,
  EntryId: 0x0fff,
  RowId: 0x3000,
  DisplayName: 0x3001,
  AddressType: 0x3002,
  EmailAddress: 0x3003,
  SearchKey: 0x300b,
  DisplayType: 0x3900,
  SmtpAddress: 0x39fe,
  SendRichInfo: 0x3a40,
  SendInternetEncoding: 0x3a71,
  RecipientResourceState: 0x5fde,
  RecipientOrder: 0x5fdf,
  RecipientTrackStatus: 0x5fff,
  RecipientDisplayName: 0x5ff6,
  RecipientEntryId: 0x5ff7,
  RecipientFlags: 0x5ffd,
  // Attachment
  AttachSize: 0x0e20,
  AttachNumber: 0x0e21,
  AttachDataBinary: 0x3701, // PT_BINARY for by-value, PT_OBJECT for an embedded message
  AttachExtension: 0x3703,
  AttachFilename: 0x3704,
  AttachMethod: 0x3705,
  AttachLongFilename: 0x3707,
  RenderingPosition: 0x370b,
  AttachMimeTag: 0x370e,
  AttachContentId: 0x3712,
  AttachFlags: 0x3714,
  AttachmentHidden: 0x7ffe,
  AttachmentContactPhoto: 0x7fff,
} as const;

export function tag(id: number, type: number): number {
  return ((id << 16) | type) >>> 0;
}

export const ObjectTypeValue = { MailUser: 6, Attachment: 7 } as const;
export const RecipientTypeValue = { To: 1, Cc: 2, Bcc: 3 } as const;
export const AttachMethodValue = { ByValue: 1, EmbeddedMessage: 5 } as const;

/** MSGFLAG_READ: a sent copy is read. MSGFLAG_UNSENT (0x8) is never set: it opens as a draft. */
export const MSGFLAG_READ = 0x01;
export const MSGFLAG_HASATTACH = 0x10;
/** As Outlook writes it for a Unicode PST store: STORE_UNICODE_OK (0x40000) among others. */
export const STORE_SUPPORT_MASK = 0x00040e79;
export const STORE_UNICODE_OK = 0x00040000;
export const CODEPAGE_UTF8 = 65001;
