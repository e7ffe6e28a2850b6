/** What the writer needs from a message, independent of where it was parsed from. */

export interface MailboxModel {
  name: string;
  address: string;
}

export type RecipientKind = "to" | "cc" | "bcc";

export interface RecipientModel extends MailboxModel {
  kind: RecipientKind;
}

export type Importance = 0 | 1 | 2;

export interface AttachmentModel {
  fileName: string;
  mimeType: string;
  content: Uint8Array;
  contentId?: string;
  /** A related inline image referenced by the HTML body: hidden from the attachment well. */
  hidden: boolean;
  /** Set for `message/rfc822` parts parsed as messages: written as an embedded message. */
  message?: MessageModel;
  /** Set for an attached Outlook `.msg`: its storages are copied into the embedded message. */
  msgFile?: Uint8Array;
}

export interface MessageModel {
  /** The raw header block, as received (PR_TRANSPORT_MESSAGE_HEADERS). */
  transportHeaders: string;
  headerCount: number;
  subject?: string;
  from?: MailboxModel;
  sender?: MailboxModel;
  recipients: RecipientModel[];
  date?: Date;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  importance: Importance;
  text?: string;
  html?: string;
  attachments: AttachmentModel[];
}
