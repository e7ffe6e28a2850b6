/** MIME to Outlook `.msg` (MS-OXMSG), isomorphic: no Node built-ins, runs in the pane and Node. */
export {
  mimeToMsg,
  messageModelToMsg,
  MAX_ATTACHMENTS,
  MAX_RECIPIENTS,
  OUTLOOK_MESSAGE_CLSID,
  type MimeToMsgOptions,
} from "./mime-to-msg";
export { MsgConversionError, isMsgConversionError, type MsgErrorCode } from "./errors";
export {
  estimateMsgSize,
  isCertainlyOverLimit,
  DEFAULT_MSG_SIZE_LIMIT,
  type MsgSizeEstimate,
} from "./size-estimate";
export { readMsgSummary, type MsgSummary } from "./msg-summary";
export type { MessageModel, AttachmentModel, RecipientModel, MailboxModel } from "./message-model";
