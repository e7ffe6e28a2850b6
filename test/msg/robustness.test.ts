/**
 * Bad input never crashes or hangs the writer: it returns a file (best effort) or rejects with a
 * typed `MsgConversionError`. Property-based runs mutate real messages with a time bound each.
 */
import fc from "fast-check";
import { MsgConversionError, mimeToMsg, readMsgSummary, MAX_ATTACHMENTS } from "../../src/msg";
import type { MessageModel } from "../../src/msg";
import { messageModelToMsg } from "../../src/msg";
import { readWithMsgReader } from "./readers";
import { mail } from "./generated-messages";
import { utf8Bytes } from "./mime-builder";

const seed = mail({
  name: "seed",
  subject: "Seed – é",
  text: "Body é\r\n",
  html: "<p>é</p>",
  files: [{ name: "a.bin", type: "application/octet-stream", bytes: new Uint8Array([1, 2, 3]) }],
}).mime;

/** Resolves to "file" or the error code; anything else (a plain Error, a hang) fails. */
async function outcome(mime: Uint8Array): Promise<string> {
  try {
    const out = await mimeToMsg(mime);
    readWithMsgReader(out); // the best-effort file must still be a readable .msg
    return "file";
  } catch (e) {
    if (e instanceof MsgConversionError) return e.code;
    throw e;
  }
}

async function withinMs<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

describe("typed errors for what is not a message", () => {
  test.each([
    { label: "empty input", bytes: new Uint8Array(0), code: "empty-input" },
    {
      label: "plain words",
      bytes: utf8Bytes("hello, this is not an email\n"),
      code: "not-a-message",
    },
    {
      label: "a PNG header",
      bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      code: "not-a-message",
    },
  ])("$label rejects with $code", async ({ bytes, code }) => {
    await expect(mimeToMsg(bytes)).rejects.toMatchObject({ name: "MsgConversionError", code });
  });

  test("a non-byte input is refused with a typed error", async () => {
    await expect(mimeToMsg("From: x" as unknown as Uint8Array)).rejects.toBeInstanceOf(
      MsgConversionError
    );
  });

  test("deeply nested multiparts become malformed-mime, not a stack overflow", async () => {
    let body = "x";
    for (let i = 0; i < 400; i++)
      body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}\r\n--b${i}--`;
    const mime = utf8Bytes(
      `From: a@example.com\r\nSubject: deep\r\nMIME-Version: 1.0\r\n${body}\r\n`
    );
    expect(await withinMs(10_000, outcome(mime))).toMatch(/^(file|malformed-mime)$/);
  });

  test("readMsgSummary refuses a file that is not a compound file", () => {
    expect(() => readMsgSummary(utf8Bytes("From: x\r\n\r\n"))).toThrow(MsgConversionError);
  });
});

describe("best-effort files for odd but real messages", () => {
  test("unknown charset, missing Date and From, 8-bit headers still convert", async () => {
    const mime = new Uint8Array(
      Buffer.from(
        "To: jean@example.com\r\nSubject: Caf\xe9 \xe0 8 bits\r\nContent-Type: text/plain; charset=x-unknown-42\r\n\r\nCorps \xe9\r\n",
        "latin1"
      )
    );
    const summary = readMsgSummary(await mimeToMsg(mime));
    expect(summary.recipients.map((r) => r.smtpAddress)).toEqual(["jean@example.com"]);
    expect(summary.clientSubmitTime).toBeUndefined();
    expect(summary.sender).toEqual({});
    expect(summary.subject).toContain("Caf");
  });

  test("a missing Date takes the caller's fallback date, and only then", async () => {
    const mime = mail({ name: "no-date", subject: "No date", text: "x\r\n", date: null }).mime;
    const sentAt = new Date("2026-12-01T10:00:00Z");
    const withFallback = readMsgSummary(await mimeToMsg(mime, { fallbackDate: sentAt }));
    expect(withFallback.clientSubmitTime).toBe(sentAt.toISOString());
    expect(readMsgSummary(await mimeToMsg(mime)).clientSubmitTime).toBeUndefined();
    const dated = mail({ name: "dated", subject: "Dated", text: "x\r\n" }).mime;
    const kept = readMsgSummary(await mimeToMsg(dated, { fallbackDate: sentAt }));
    expect(kept.clientSubmitTime).toBe("2026-11-30T15:04:05.000Z");
  });

  test("more than 2,048 attachments is a typed error", () => {
    const model: MessageModel = {
      transportHeaders: "",
      headerCount: 0,
      recipients: [],
      importance: 1,
      attachments: Array.from({ length: MAX_ATTACHMENTS + 1 }, (_, i) => ({
        fileName: `${i}.txt`,
        mimeType: "text/plain",
        content: new Uint8Array(1),
        hidden: false,
      })),
    };
    expect(() => messageModelToMsg(model)).toThrow(
      expect.objectContaining({ code: "too-many-attachments" })
    );
    model.attachments.length = MAX_ATTACHMENTS;
    expect(readMsgSummary(messageModelToMsg(model)).attachments).toHaveLength(MAX_ATTACHMENTS);
  }, 60_000);

  test("an attached .msg that is not a compound file is kept by value", async () => {
    const c = mail({
      name: "fake-msg",
      subject: "Fake",
      text: "x\r\n",
      files: [
        {
          name: "fake.msg",
          type: "application/vnd.ms-outlook",
          bytes: utf8Bytes("not really a msg"),
        },
      ],
    });
    const s = readMsgSummary(await mimeToMsg(c.mime));
    expect(s.attachments).toEqual([
      expect.objectContaining({ name: "fake.msg", embedded: false, size: 16 }),
    ]);
  });
});

describe("property-based: mutated messages never throw untyped errors or hang", () => {
  test("byte flips, truncations and insertions", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: seed.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 40,
        }),
        fc.nat({ max: seed.length }),
        fc.uint8Array({ maxLength: 64 }),
        async (flips, cut, insert) => {
          const bytes = seed.slice(0, Math.max(cut, 1));
          for (const [i, v] of flips) if (i < bytes.length) bytes[i] = v;
          const at = Math.floor(bytes.length / 2);
          const mutated = new Uint8Array([
            ...bytes.subarray(0, at),
            ...insert,
            ...bytes.subarray(at),
          ]);
          const result = await withinMs(5_000, outcome(mutated));
          expect(["file", "empty-input", "not-a-message", "malformed-mime"]).toContain(result);
        }
      ),
      { numRuns: 150, seed: 42 }
    );
  }, 120_000);

  test("arbitrary header values (control characters, huge lines, odd charsets)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.constantFrom("utf-8", "iso-8859-1", "x-nonsense", "utf-7", "gb2312", ""),
        fc.integer({ min: 0, max: 20_000 }),
        async (value, charset, repeat) => {
          const header = value.replace(/[\r\n]/g, " ");
          const text = `From: ${header} <a@example.com>\r\nTo: ${header}\r\nSubject: ${header}\r\nDate: ${header}\r\nX-Long: ${"y".repeat(repeat)}\r\nContent-Type: text/plain; charset="${charset}"\r\n\r\n${header}\r\n`;
          const result = await withinMs(5_000, outcome(new TextEncoder().encode(text)));
          expect(["file", "malformed-mime", "not-a-message"]).toContain(result);
        }
      ),
      { numRuns: 100, seed: 7 }
    );
  }, 120_000);
});
