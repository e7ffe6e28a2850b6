/**
 * Decoding large bodies ourselves (src/msg/mime-skeleton.ts) must change nothing: for every
 * message, the model built from the skeleton equals the one postal-mime builds from the whole
 * message (`wholeMessage: true`), attachment bytes compared by SHA-256. Checked on the test
 * corpus, the MIME fixtures, the benchmark inputs, messages built to make the markers fail,
 * and random part trees with random mutations (fast-check).
 */
import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { mimeToMsg } from "../../src/msg";
import { buildSkeleton, parseParameters, restoreCuts } from "../../src/msg/mime-skeleton";
import { parseMime } from "../../src/msg/mime-source";
import { decodeBase64Body, decodeQuotedPrintableBody } from "../../src/msg/transfer-decoding";
import { generatedBenchInputs } from "../bench/msg-inputs";
import { generatedCases } from "./generated-messages";
import {
  base64Lines,
  buildMime,
  pseudoRandomBytes,
  quotedPrintable,
  sha256,
  utf8Bytes,
  type MultipartSpec,
  type PartSpec,
} from "./mime-builder";

const MIME_FIXTURES = path.resolve(__dirname, "../../../shared/fixtures/mime");

/** The model as JSON, bytes replaced by their SHA-256 and length. */
function normalized(model: unknown): string {
  return JSON.stringify(model, (_k, v: unknown) =>
    v instanceof Uint8Array ? `${sha256(v)}:${v.length}` : v
  );
}

async function outcome(mime: Uint8Array, wholeMessage: boolean): Promise<string> {
  try {
    return normalized(await parseMime(mime, { maxEmbeddingDepth: 8, wholeMessage }));
  } catch (e) {
    return `error:${(e as { code?: string }).code ?? String(e)}`;
  }
}

async function expectSameAsWhole(mime: Uint8Array): Promise<void> {
  expect(await outcome(mime, false)).toBe(await outcome(mime, true));
}

describe("the skeleton path gives the model postal-mime gives for the whole message", () => {
  test("every generated test message", async () => {
    const cases = await generatedCases(mimeToMsg);
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) await expectSameAsWhole(c.mime);
    // The path is really taken: most cases with attachments are cut.
    const cut = cases.filter((c) => buildSkeleton(c.mime) !== undefined).length;
    expect(cut).toBeGreaterThanOrEqual(5);
  });

  (existsSync(MIME_FIXTURES) ? test : test.skip)("every MIME fixture", async () => {
    for (const f of readdirSync(MIME_FIXTURES).filter((x) => x.endsWith(".eml"))) {
      await expectSameAsWhole(new Uint8Array(readFileSync(path.join(MIME_FIXTURES, f))));
    }
  });

  test("the benchmark inputs, with their large bodies cut", async () => {
    const kinds: Record<string, string> = {};
    for (const input of generatedBenchInputs()) {
      await expectSameAsWhole(input.mime);
      const skeleton = buildSkeleton(input.mime);
      const built = (skeleton?.leaves ?? []).filter((l) => l.built !== undefined);
      kinds[input.name] = [
        ...(skeleton?.cuts ?? []).map((c) => c.kind),
        ...built.map(() => "built"),
      ].join(",");
      // What postal-mime still reads is a small part of the message.
      expect(skeleton?.bytes.length ?? Infinity).toBeLessThan(input.mime.length / 10);
    }
    // Attachment parts are left out whole (built by us), text bodies become markers.
    expect(kinds["4mb-one-3mb-attachment"]).toBe("built");
    expect(kinds["200-attachments"]).toBe(Array(200).fill("built").join(","));
    expect(kinds["1mb-text-1mb-html"]).toBe("plain,html");
  });
});

const big = (n: number) => pseudoRandomBytes(n, 7);
const words = (n: number) => utf8Bytes("Ligne de texte é à ü — 😀 ok\r\n".repeat(n));

describe("where a marker cannot come back, the whole message is parsed", () => {
  test("a UTF-8 text part in multipart/mixed beside an HTML part (postal-mime converts it)", async () => {
    const mime = buildMime({
      headers: [
        ["From", "a@example.com"],
        ["Subject", "converted"],
      ],
      body: {
        multipart: "mixed",
        parts: [
          { contentType: "text/plain", charset: "utf-8", encoding: "base64", content: words(40) },
          { contentType: "text/html", charset: "utf-8", encoding: "base64", content: words(40) },
        ],
      },
    });
    const skeleton = buildSkeleton(mime);
    expect(skeleton?.cuts.length).toBe(2);
    // The plain marker shows up in the HTML body (rendered from the text), so it is refused.
    const PostalMime = (await import("postal-mime")).default;
    const email = await PostalMime.parse(skeleton?.bytes ?? new Uint8Array(0));
    expect(skeleton && restoreCuts(email, skeleton)).toBe(false);
    await expectSameAsWhole(mime);
  });

  test("a body whose base64 is not canonical is left to postal-mime", async () => {
    const body = base64Lines(big(3000), "\r\n").replace(/\r\n/, "==\r\n");
    const mime = utf8Bytes(
      [
        "From: a@example.com",
        "Subject: odd base64",
        'Content-Type: multipart/mixed; boundary="b1"',
        "",
        "--b1",
        "Content-Type: application/pdf",
        "Content-Transfer-Encoding: base64",
        "",
        body,
        "--b1--",
        "",
      ].join("\r\n")
    );
    expect(buildSkeleton(mime)).toBeUndefined();
    await expectSameAsWhole(mime);
  });

  test("a header line that is no field leaves the whole message to postal-mime", async () => {
    const mime = utf8Bytes(
      [
        "From: a@example.com",
        'Content-Type: multipart/mixed; boundary="b1"',
        "",
        "--b1",
        "Content-Type: application/pdf",
        "this line is not a header",
        "Content-Transfer-Encoding: base64",
        "",
        base64Lines(big(3000), "\r\n"),
        "--b1--",
        "",
      ].join("\r\n")
    );
    expect(buildSkeleton(mime)).toBeUndefined();
    await expectSameAsWhole(mime);
  });

  test("Content-Type parameters in anything but the plainest syntax are not read by us", () => {
    expect(parseParameters('multipart/mixed; boundary="a b"')).toEqual({
      value: "multipart/mixed",
      params: new Map([["boundary", "a b"]]),
    });
    expect(parseParameters("text/plain; charset=utf-8 (comment)")).toBeNull();
    expect(parseParameters('text/plain; charset="a\\"b"')).toBeNull();
    expect(parseParameters("text/plain; charset=utf-8; charset=latin1")).toBeNull();
    expect(parseParameters("multipart/mixed; boundary*0=a; boundary*1=b")).toBeNull();
  });
});

describe("our decoders give postal-mime's bytes", () => {
  const PostalMimeImport = import("postal-mime");
  async function postalContent(encoding: string, body: string): Promise<Uint8Array> {
    const PostalMime = (await PostalMimeImport).default;
    const mime = `From: a@example.com\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n${body}\r\n--b--\r\n`;
    const e = await PostalMime.parse(new TextEncoder().encode(mime));
    return new Uint8Array(e.attachments[0]?.content as ArrayBuffer);
  }

  test("quoted-printable, any bytes and line breaks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.constantFrom(
            "a",
            "=",
            "=4",
            "=41",
            "=4g",
            " ",
            "\t",
            "\r\n",
            "\n",
            "\r\r\n",
            "é",
            "-"
          ),
          {
            maxLength: 60,
          }
        ),
        async (pieces) => {
          const body = pieces.join("").replace(/\r?\n$/, "x");
          const bytes = new TextEncoder().encode(body);
          const ours = decodeQuotedPrintableBody(bytes, 0, bytes.length);
          expect(sha256(ours)).toBe(sha256(await postalContent("quoted-printable", body)));
        }
      ),
      { numRuns: 150 }
    );
  });

  test("quoted-printable of random bytes as the corpus builder writes it", async () => {
    const body = quotedPrintable(big(2000), "\r\n");
    const bytes = utf8Bytes(body);
    const ours = decodeQuotedPrintableBody(bytes, 0, bytes.length);
    expect(sha256(ours)).toBe(sha256(await postalContent("quoted-printable", body)));
  });

  test("canonical base64 of any length", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 400 }),
        fc.integer({ min: 4, max: 80 }),
        async (data, width) => {
          const text = Buffer.from(data).toString("base64");
          const lines: string[] = [];
          for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
          const body = lines.join("\r\n") || "";
          const bytes = new TextEncoder().encode(body);
          const ours = decodeBase64Body(bytes, 0, bytes.length);
          expect(ours && sha256(ours)).toBe(sha256(data));
          if (body !== "") expect(sha256(await postalContent("base64", body))).toBe(sha256(data));
        }
      ),
      { numRuns: 100 }
    );
  });
});

describe("random part trees, randomly mutated: the same model either way", () => {
  const leaf = fc.record({
    type: fc.constantFrom(
      "text/plain",
      "text/html",
      "application/pdf",
      "text/calendar",
      "image/png",
      "message/rfc822"
    ),
    charset: fc.constantFrom(undefined, "utf-8", "UTF8", "iso-8859-1"),
    encoding: fc.constantFrom("base64", "quoted-printable", "7bit") as fc.Arbitrary<
      PartSpec["encoding"]
    >,
    disposition: fc.constantFrom(undefined, "attachment", "inline") as fc.Arbitrary<
      PartSpec["disposition"]
    >,
    fileName: fc.constantFrom(undefined, "a.pdf", "é long name.txt"),
    size: fc.integer({ min: 0, max: 3000 }),
    text: fc.boolean(),
    contentId: fc.constantFrom(undefined, "img1@x"),
  });
  const tree: fc.Arbitrary<MultipartSpec> = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      leaf.map((l): PartSpec => {
        const content = l.text ? words(Math.ceil(l.size / 30)) : big(l.size);
        return {
          contentType: l.type,
          content:
            l.type === "message/rfc822"
              ? utf8Bytes(`From: b@example.com\r\nSubject: inner\r\n\r\ninner body\r\n`)
              : content,
          encoding: l.encoding === "7bit" && !l.text ? "base64" : l.encoding,
          ...(l.charset !== undefined ? { charset: l.charset } : {}),
          ...(l.disposition !== undefined ? { disposition: l.disposition } : {}),
          ...(l.fileName !== undefined ? { fileName: l.fileName } : {}),
          ...(l.contentId !== undefined ? { contentId: l.contentId } : {}),
        };
      }),
      tie("multi")
    ),
    multi: fc.record({
      multipart: fc.constantFrom("mixed", "alternative", "related") as fc.Arbitrary<
        MultipartSpec["multipart"]
      >,
      parts: fc.array(tie("node") as fc.Arbitrary<PartSpec | MultipartSpec>, {
        minLength: 1,
        maxLength: 4,
      }),
    }),
  })).multi as fc.Arbitrary<MultipartSpec>;
  const mutation = fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      kind: fc.constantFrom("delete", "insert", "replace"),
      text: fc.constantFrom("\r\n", "-", "--", "=", "A", "\r\n--", "é", " ", ":"),
    }),
    { maxLength: 3 }
  );

  test("200 runs", async () => {
    await fc.assert(
      fc.asyncProperty(tree, mutation, fc.boolean(), async (body, mutations, lf) => {
        let mime = buildMime({
          headers: [
            ["From", "a@example.com"],
            ["Subject", "random"],
          ],
          body,
          lineEnding: lf ? "\n" : "\r\n",
        });
        for (const m of mutations) {
          const at = Math.min(Math.floor(m.at * mime.length), mime.length - 1);
          const insert = m.kind === "delete" ? new Uint8Array(0) : utf8Bytes(m.text);
          const drop = m.kind === "insert" ? 0 : 1;
          const next = new Uint8Array(mime.length - drop + insert.length);
          next.set(mime.subarray(0, at));
          next.set(insert, at);
          next.set(mime.subarray(Math.min(mime.length, at + drop)), at + insert.length);
          mime = next;
        }
        await expectSameAsWhole(mime);
      }),
      { numRuns: 200 }
    );
  }, 120_000);
});
