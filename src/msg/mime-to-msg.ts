/** The public entry point: MIME bytes in, `.msg` bytes out, in the pane and in Node alike. */
import { CompoundFileBuilder, type CompoundFileVersion } from "./compound-file";
import { MsgConversionError } from "./errors";
import type { MessageModel } from "./message-model";
import { writeMessage } from "./message-writer";
import { parseMime } from "./mime-source";
import { NamedPropertyMap } from "./named-properties";

/**
 * The root CLSID Outlook writes on a saved mail item: {00020D0B-0000-0000-C000-000000000046}
 * (CLSID_MailMessage), as in every file of ../shared/fixtures/outlook-msg (in-memory byte order).
 */
export const OUTLOOK_MESSAGE_CLSID = "0b0d020000000000c000000000000046";

/** MS-OXMSG caps a message at 2,048 attachment objects and 2,048 recipient objects. */
export const MAX_ATTACHMENTS = 2048;
export const MAX_RECIPIENTS = 2048;

export interface MimeToMsgOptions {
  /** Attached messages nested deeper than this are kept as `.eml` files (default 8). */
  maxEmbeddingDepth?: number;
  /**
   * Sent time to record when the message has no usable Date header (for example the time Graph
   * reports for the Sent Items copy). Without it such a message gets no dates at all: we never
   * invent one.
   */
  fallbackDate?: Date;
  /**
   * MS-CFB major version of the file. By default the smaller layout: version 3 (512-byte
   * sectors) for most mail, version 4 (4,096-byte sectors) for files made of a few large
   * streams. Forcing one is for tests and diagnostics.
   */
  compoundFileVersion?: CompoundFileVersion;
}

/**
 * Converts an RFC 5322 / MIME message to an Outlook `.msg` (MS-OXMSG).
 * Resolves with the file's bytes; rejects only with a `MsgConversionError` (see its `code`).
 * Async because postal-mime's parser is.
 */
export async function mimeToMsg(
  mime: Uint8Array,
  options: MimeToMsgOptions = {}
): Promise<Uint8Array> {
  if (!(mime instanceof Uint8Array)) {
    throw new MsgConversionError("not-a-message", "the input is not a byte array");
  }
  const model = await parseMime(mime, { maxEmbeddingDepth: options.maxEmbeddingDepth ?? 8 });
  const fallback = options.fallbackDate;
  if (model.date === undefined && fallback instanceof Date && !Number.isNaN(fallback.getTime())) {
    model.date = fallback;
  }
  return messageModelToMsg(model, options.compoundFileVersion);
}

/** Writes an already parsed message; exposed for callers that hold a model (and for tests). */
export function messageModelToMsg(
  model: MessageModel,
  compoundFileVersion?: CompoundFileVersion
): Uint8Array {
  checkLimits(model);
  try {
    const file = new CompoundFileBuilder(OUTLOOK_MESSAGE_CLSID);
    const names = new NamedPropertyMap();
    writeMessage({ file, names }, model, "", false);
    // The map is complete only now: embedded messages register theirs while being written.
    file.addStorage("__nameid_version1.0/");
    for (const s of names.serialize()) file.addStream(`__nameid_version1.0/${s.name}`, s.bytes);
    return file.write(compoundFileVersion);
  } catch (cause) {
    if (cause instanceof MsgConversionError) throw cause;
    throw new MsgConversionError("internal", "the .msg could not be written", { cause });
  }
}

function checkLimits(model: MessageModel): void {
  if (model.attachments.length > MAX_ATTACHMENTS) {
    throw new MsgConversionError(
      "too-many-attachments",
      `${model.attachments.length} attachments, more than the ${MAX_ATTACHMENTS} a .msg can hold`
    );
  }
  if (model.recipients.length > MAX_RECIPIENTS) {
    throw new MsgConversionError(
      "too-many-recipients",
      `${model.recipients.length} recipients, more than the ${MAX_RECIPIENTS} a .msg can hold`
    );
  }
  for (const a of model.attachments) if (a.message !== undefined) checkLimits(a.message);
}
