/**
 * Checks on an uploaded e-document before it is stored: the RFC 9530 digest the client sent, and
 * that the bytes are a Compound File (MS-CFB) holding an Outlook message (MS-OXMSG: a root storage
 * with a `__properties_version1.0` stream).
 */
import { createHash } from "node:crypto";
import * as CFB from "cfb";
import { HttpError } from "./http-error";

const cfbSignature = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Parses `Content-Digest: sha-256=:<base64>:` (other algorithms may be listed beside it). */
export function sha256FromContentDigest(header: string | undefined): Buffer {
  if (header === undefined || header.trim() === "") {
    throw new HttpError(400, "digest-mismatch", "Content-Digest with sha-256 is required");
  }
  const match = /(?:^|,)\s*sha-256\s*=\s*:([A-Za-z0-9+/]+={0,2}):\s*(?:,|$)/i.exec(header);
  const digest = match?.[1] === undefined ? null : Buffer.from(match[1], "base64");
  if (digest === null || digest.length !== 32) {
    throw new HttpError(400, "digest-mismatch", "Content-Digest must carry sha-256=:<base64>:");
  }
  return digest;
}

/** Returns the body's SHA-256 (hex) after checking it against the header's. */
export function checkDigest(body: Buffer, header: string | undefined): string {
  const claimed = sha256FromContentDigest(header);
  const actual = createHash("sha256").update(body).digest();
  if (!actual.equals(claimed)) {
    throw new HttpError(400, "digest-mismatch", "Content-Digest does not match the body");
  }
  return actual.toString("hex");
}

export function checkOutlookMessage(body: Buffer): void {
  if (body.length < 512 || !body.subarray(0, 8).equals(cfbSignature)) {
    throw new HttpError(415, "unsupported-media-type", "The body is not a compound file (.msg)");
  }
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(body, { type: "buffer" });
  } catch {
    throw new HttpError(415, "unsupported-media-type", "The compound file cannot be read");
  }
  const root = container.FileIndex[0];
  const hasProperties = container.FileIndex.some(
    (entry, i) =>
      entry.type === 2 &&
      entry.name === "__properties_version1.0" &&
      container.FullPaths[i] === `${container.FullPaths[0] ?? ""}__properties_version1.0`
  );
  if (root === undefined || root.type !== 5 || !hasProperties) {
    throw new HttpError(
      415,
      "unsupported-media-type",
      "The compound file is not an Outlook message"
    );
  }
}
