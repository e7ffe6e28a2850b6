import { createHash, randomBytes } from "node:crypto";
import { bytesToBase64, contentDigestHeader, sha256Hex } from "../../src/gateway/digest";

describe("Content-Digest (RFC 9530) with WebCrypto", () => {
  it("matches node:crypto for empty, small, odd-offset views and multi-megabyte bodies", async () => {
    const big = randomBytes(3 * 1024 * 1024 + 7);
    const cases = [
      new Uint8Array(0),
      new TextEncoder().encode("abc"),
      big,
      big.subarray(5, 70_001),
    ];
    for (const bytes of cases) {
      const expected = createHash("sha256").update(bytes).digest();
      expect(await contentDigestHeader(bytes)).toBe(`sha-256=:${expected.toString("base64")}:`);
      expect(await sha256Hex(bytes)).toBe(expected.toString("hex"));
    }
  });

  it("encodes base64 like Buffer over chunk boundaries", () => {
    const bytes = randomBytes(0x8000 * 2 + 3);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
  });

  it("is the RFC 9530 example value for a known body", async () => {
    // RFC 9530 appendix B.1: the body {"hello": "world"} with sha-256.
    const body = new TextEncoder().encode('{"hello": "world"}\n');
    expect(await contentDigestHeader(body)).toBe(
      "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:"
    );
  });
});
