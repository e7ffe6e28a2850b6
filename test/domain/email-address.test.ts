import fc from "fast-check";
import {
  canonicalAddress,
  compareAddresses,
  isInternalAddress,
  parseAddress,
} from "../../src/domain/email-address";

const localPart = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/);
const domain = fc.stringMatching(/^[a-z0-9]{1,12}(\.[a-z0-9]{1,12}){0,2}\.[a-z]{2,6}$/);
const address = fc.record({ local: localPart, domain });

const flipCase = (text: string, mask: boolean[]): string =>
  [...text].map((c, i) => (mask[i % mask.length] ? c.toUpperCase() : c.toLowerCase())).join("");

describe("R3 address parsing", () => {
  test.each([
    ["R3 plain address", "ana@mail.example.com", { local: "ana", domain: "mail.example.com" }],
    [
      "R3 trimmed, domain folded, trailing dot dropped",
      "  Ana@Example.COM. ",
      { local: "Ana", domain: "example.com" },
    ],
    [
      "R3 the last @ splits (quoted local parts)",
      '"a@b"@example.com',
      { local: '"a@b"', domain: "example.com" },
    ],
  ])("%s", (_name, raw, expected) => {
    expect(parseAddress(raw)).toEqual(expected);
  });

  test.each(["", "ana", "@example.com", "ana@", "an a@example.com", "ana@example..com"])(
    "R3 rejects %j",
    (raw) => {
      expect(parseAddress(raw)).toBeNull();
      expect(canonicalAddress(raw)).toBeNull();
    }
  );

  test("R3 canonical form keeps the local part and lowers the domain", () => {
    expect(canonicalAddress(" Ana.Silva@MAIL.example.com")).toBe("Ana.Silva@mail.example.com");
  });
});

describe("R3 address comparison (properties)", () => {
  test("R3 an address is identical to itself after trimming and any domain case", () => {
    fc.assert(
      fc.property(
        address,
        fc.array(fc.boolean(), { minLength: 1 }),
        fc.string({ unit: fc.constantFrom(" ", "\t") }),
        (a, mask, pad) => {
          const onFile = `${a.local}@${a.domain}`;
          const typed = `${pad}${a.local}@${flipCase(a.domain, mask)}${pad}`;
          expect(compareAddresses(typed, onFile)).toBe("identical");
        }
      )
    );
  });

  test("R3 a local-part case difference is a warning, never identical", () => {
    fc.assert(
      fc.property(address, fc.array(fc.boolean(), { minLength: 1 }), (a, mask) => {
        const onFile = `${a.local}@${a.domain}`;
        const local = flipCase(a.local, mask);
        const expected = local === a.local ? "identical" : "local-part-case";
        expect(compareAddresses(`${local}@${a.domain}`, onFile)).toBe(expected);
      })
    );
  });

  test("R3 comparison is symmetric", () => {
    fc.assert(
      fc.property(address, address, (a, b) => {
        const x = `${a.local}@${a.domain}`;
        const y = `${b.local}@${b.domain}`;
        expect(compareAddresses(x, y)).toBe(compareAddresses(y, x));
      })
    );
  });

  test("R3 different domains never compare equal", () => {
    fc.assert(
      fc.property(localPart, domain, domain, (local, d1, d2) => {
        fc.pre(d1 !== d2);
        expect(compareAddresses(`${local}@${d1}`, `${local}@${d2}`)).toBe("different");
      })
    );
  });

  test("R3 unparseable addresses are different from everything", () => {
    expect(compareAddresses("ana", "ana")).toBe("different");
  });
});

describe("R3 internal domains", () => {
  test.each([
    ["R3 the domain itself", "case.review@example.org", true],
    ["R3 a subdomain", "audit@records.example.org", true],
    ["R3 configured with @ and upper case", "x@example.net", true],
    ["R3 a suffix that is not a subdomain", "x@badexample.org", false],
    ["R3 an outside domain", "x@example.com", false],
    ["R3 an invalid address", "example.org", false],
  ])("%s", (_name, raw, internal) => {
    expect(isInternalAddress(raw, ["example.org", "@EXAMPLE.NET", " "])).toBe(internal);
  });
});
