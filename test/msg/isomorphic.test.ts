/**
 * `src/msg` runs in the task pane: it imports no Node built-in, and it works when loaded where
 * no `Buffer` exists (cfb and our writer then take their plain Uint8Array paths).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { mail } from "./generated-messages";
import { pseudoRandomBytes, sha256 } from "./mime-builder";
import { readWithMsgReader } from "./readers";

const SRC = path.resolve(__dirname, "../../src/msg");

test("src/msg imports only cfb, postal-mime and its own modules", () => {
  const specifiers = new Set<string>();
  for (const f of readdirSync(SRC).filter((x) => x.endsWith(".ts"))) {
    const text = readFileSync(path.join(SRC, f), "utf8");
    for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+["']([^"']+)["']/g))
      specifiers.add(m[1] as string);
    expect(text).not.toMatch(/\brequire\(/);
    expect(text).not.toMatch(/\bBuffer\.(from|alloc|concat|isBuffer)\b(?![^\n]*hostBuffer)/);
  }
  const external = [...specifiers].filter((s) => !s.startsWith("."));
  expect(external.sort()).toEqual(["cfb", "postal-mime"]);
});

test("converts with the same result when loaded without Buffer (the browser path)", async () => {
  const c = mail({
    name: "no-buffer",
    subject: "Sans Buffer – é",
    text: "Corps\r\n",
    files: [
      { name: "big.bin", type: "application/octet-stream", bytes: pseudoRandomBytes(10_000, 3) },
    ],
  });
  const saved = globalThis.Buffer;
  let browserLike: typeof import("../../src/msg") | undefined;
  try {
    // Modules read Buffer when they load; hide it for that moment only.
    (globalThis as { Buffer?: unknown }).Buffer = undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules is synchronous
      browserLike = require("../../src/msg") as typeof import("../../src/msg");
    });
  } finally {
    globalThis.Buffer = saved;
  }
  const withoutBuffer = await (browserLike as typeof import("../../src/msg")).mimeToMsg(c.mime);
  const withBuffer = await (await import("../../src/msg")).mimeToMsg(c.mime);
  expect(withoutBuffer).not.toBeInstanceOf(Buffer);
  expect(sha256(withoutBuffer)).toBe(sha256(withBuffer));
  const { reader, data } = readWithMsgReader(withoutBuffer);
  expect(data.subject).toBe("Sans Buffer – é");
  const att = (data.attachments ?? [])[0];
  expect(att && sha256(reader.getAttachment(att).content)).toBe(c.expect.attachments[0]?.sha256);
});
