/**
 * The `Content-Digest` header of RFC 9530 (`sha-256=:<base64>:`), computed with WebCrypto so the
 * same code runs in the task pane and in Node 20 (both expose `crypto.subtle` and `btoa`).
 */

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  // Chunks keep String.fromCharCode's argument list well under engine limits for 4 MB uploads.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return new Uint8Array(digest);
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return Array.from(await sha256(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function contentDigestHeader(bytes: Uint8Array): Promise<string> {
  return `sha-256=:${bytesToBase64(await sha256(bytes))}:`;
}
