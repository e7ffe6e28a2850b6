/**
 * Minimal Outlook messages for the tests and the benchmark: a Compound File (built with `cfb`)
 * whose root holds a `__properties_version1.0` stream, PR_MESSAGE_CLASS "IPM.Note", a subject and a
 * plain-text body padded to the wanted size, which is what the gateway's 415 check looks for.
 * Not a full MS-OXMSG writer (that is src/msg); only enough to be a genuine .msg container.
 */
import { randomBytes } from "node:crypto";
import * as CFB from "cfb";

const utf16 = (text: string) => Buffer.from(`${text}\0`, "utf16le");

/** One 16-byte property entry of a variable-length property (string or binary; value = byte size). */
function stringEntry(tag: number, size: number): Buffer {
  const entry = Buffer.alloc(16);
  entry.writeUInt32LE(tag, 0);
  entry.writeUInt32LE(0x06, 4); // readable | writable
  entry.writeUInt32LE(size, 8);
  return entry;
}

/**
 * What fills the message up to its size: its text body (`text`: a repeated marker, which
 * compresses about a hundredfold) or one attachment of random bytes (`attachment`: as a PDF or a
 * scan would be, nearly incompressible, which is what most large e-documents are).
 */
export type MsgFiller = "text" | "attachment";

/** A compound file of about `size` bytes (at least ~3 KB) with a unique marker in its body. */
export function buildMsg(
  size: number,
  marker = "casemail-test",
  filler: MsgFiller = "text"
): Uint8Array {
  const first = build(size, marker, filler);
  // Sector and FAT overhead grow with the body: correct once so the file is close to `size`.
  return first.length <= size ? first : build(size - (first.length - size), marker, filler);
}

function build(size: number, marker: string, filler: MsgFiller): Uint8Array {
  const subject = utf16(`Test message ${marker}`);
  const messageClass = utf16("IPM.Note");
  const overhead = 3 * 1024;
  const fill = Math.max(32, size - overhead);
  const bodyChars = filler === "text" ? Math.floor(fill / 2) : marker.length;
  const text = `${marker} `.repeat(Math.ceil(bodyChars / (marker.length + 1))).slice(0, bodyChars);
  const body = utf16(text);

  // Top-level message header: reserved, next recipient id, next attachment id, counts.
  const header = Buffer.alloc(32);
  if (filler === "attachment") {
    header.writeUInt32LE(1, 12); // next attachment id
    header.writeUInt32LE(1, 20); // attachment count
  }
  const properties = Buffer.concat([
    header,
    stringEntry(0x001a001f, messageClass.length),
    stringEntry(0x0037001f, subject.length),
    stringEntry(0x1000001f, body.length),
  ]);
  const container = CFB.utils.cfb_new();
  CFB.utils.cfb_add(container, "/__properties_version1.0", properties);
  CFB.utils.cfb_add(container, "/__substg1.0_001A001F", messageClass);
  CFB.utils.cfb_add(container, "/__substg1.0_0037001F", subject);
  CFB.utils.cfb_add(container, "/__substg1.0_1000001F", body);
  if (filler === "attachment") {
    const data = randomBytes(fill);
    const attachment = "/__attach_version1.0_#00000000";
    // PR_ATTACH_DATA_BIN (0x37010102), binary: its entry gives the size.
    const entry = stringEntry(0x37010102, data.length);
    CFB.utils.cfb_add(
      container,
      `${attachment}/__properties_version1.0`,
      Buffer.concat([Buffer.alloc(8), entry])
    );
    CFB.utils.cfb_add(container, `${attachment}/__substg1.0_37010102`, data);
  }
  const out = CFB.write(container, { type: "buffer" }) as Buffer;
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
