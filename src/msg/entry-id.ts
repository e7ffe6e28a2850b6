/** One-off entry ids and search keys for SMTP addresses (MS-OXCDATA 2.2.5.1, MS-OXPROPS). */
import { asciiZ, concatBytes, utf16leZ } from "./bytes";

/** The one-off provider's MAPIUID, {A41F2B81-A3BE-1910-9D6E-00DD010F5402} in wire order. */
const ONE_OFF_PROVIDER = new Uint8Array([
  0x81, 0x2b, 0x1f, 0xa4, 0xbe, 0xa3, 0x10, 0x19, 0x9d, 0x6e, 0x00, 0xdd, 0x01, 0x0f, 0x54, 0x02,
]);

/**
 * Flags after the version word. Outlook writes 0x8000 (MAPI_UNICODE) for the sender and 0x9001
 * (Unicode, no rich info, simple format) for recipients; we copy both (sent.msg).
 */
export const ONE_OFF_SENDER_FLAGS = 0x8000;
export const ONE_OFF_RECIPIENT_FLAGS = 0x9001;

export function oneOffEntryId(displayName: string, address: string, flags: number): Uint8Array {
  const head = new Uint8Array(24);
  head.set(ONE_OFF_PROVIDER, 4);
  head[22] = flags & 0xff;
  head[23] = flags >>> 8;
  return concatBytes([head, utf16leZ(displayName), utf16leZ("SMTP"), utf16leZ(address)]);
}

/** PR_SEARCH_KEY: `SMTP:` and the upper-case address, ASCII, null-terminated. */
export function smtpSearchKey(address: string): Uint8Array {
  return asciiZ(`SMTP:${address.toUpperCase()}`);
}
