import { domainToASCII, domainToUnicode as nodeDomainToUnicode } from "node:url";
import fc from "fast-check";
import { decodePunycode, domainToUnicode, hasPunycodeLabel } from "../../src/domain/punycode";

describe("R3 punycode decoding", () => {
  test.each([
    ["pple-43d", "аpple"],
    ["mnchen-3ya", "münchen"],
    ["bcher-kva", "bücher"],
    // RFC 3492 section 7.1, sample (S): all basic code points.
    ["-> $1.00 <--", "-> $1.00 <-"],
  ])("R3 decodes %j", (input, expected) => {
    expect(decodePunycode(input)).toBe(expected);
  });

  test.each([
    ["an overflowing delta", "99999999999"],
    ["a character outside the digit set", "a-!!"],
    ["a variable-length integer cut short", "zzzzzzzzzzzzzz"],
    ["a non-ASCII basic code point", "é-a"],
    ["a lone digit that does not terminate", "b"],
  ])("R3 rejects %s", (_name, input) => {
    expect(decodePunycode(input)).toBeNull();
  });

  test("R3 a trailing delimiter with no digits is just the basic code points", () => {
    expect(decodePunycode("a-")).toBe("a");
  });

  test("R3 matches Node's IDNA decoding on random Unicode labels", () => {
    const label = fc.string({
      unit: fc.constantFrom("a", "b", "e", "o", "а", "е", "о", "ü", "é", "ß", "日", "本", "-"),
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(label, (l) => {
        const ascii = domainToASCII(`${l}.example`);
        fc.pre(ascii !== "");
        expect(domainToUnicode(ascii)).toBe(nodeDomainToUnicode(ascii));
      })
    );
  });

  test("R3 malformed xn-- labels stay as written; detection is case-insensitive", () => {
    expect(domainToUnicode("xn--a-!.example.com")).toBe("xn--a-!.example.com");
    expect(hasPunycodeLabel("mail.XN--exmple-4nf.com")).toBe(true);
    expect(hasPunycodeLabel("mail.example.com")).toBe(false);
  });
});
