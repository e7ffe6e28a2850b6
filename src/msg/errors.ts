/**
 * The one error type `mimeToMsg` throws. Callers switch on `code` (stable) and show the matching
 * catalogue message (`src/i18n/messages/msg.ts`); `message` is for operators and never carries
 * personal information (no addresses, names or bodies).
 */
export type MsgErrorCode =
  | "empty-input"
  | "not-a-message"
  | "malformed-mime"
  | "too-many-attachments"
  | "too-many-recipients"
  | "internal";

export class MsgConversionError extends Error {
  override readonly name = "MsgConversionError";
  readonly code: MsgErrorCode;

  constructor(code: MsgErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isMsgConversionError(value: unknown): value is MsgConversionError {
  return value instanceof MsgConversionError;
}
