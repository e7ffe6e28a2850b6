import fc from "fast-check";
import {
  commonDomainTypos,
  editDistance,
  nearMissKind,
  skeleton,
} from "../../src/domain/near-miss";

describe("R3 near misses", () => {
  test.each([
    ["R3 transposed letters", "ana.slvia@mail.example.com", "ana.silva@mail.example.com", "edit"],
    [
      "R3 a look-alike and a swap name the look-alike",
      "ana.slivа@mail.example.com",
      "ana.silva@mail.example.com",
      "confusable",
    ],
    ["R3 one letter missing", "ana.silv@mail.example.com", "ana.silva@mail.example.com", "edit"],
    [
      "R3 one letter added in the domain",
      "ana.silva@mail.exammple.com",
      "ana.silva@mail.example.com",
      "edit",
    ],
    ["R3 gmial.com", "ana.silva@gmial.com", "ana.silva@gmail.com", "domain-typo"],
    ["R3 hotmial.com", "bo@hotmial.com", "bo@hotmail.com", "domain-typo"],
    ["R3 outlok.com", "bo@outlok.com", "bo@outlook.com", "domain-typo"],
    [
      "R3 Cyrillic а and о",
      "аnа.silvо@mail.example.com",
      "ana.silva@mail.example.com",
      "confusable",
    ],
    ["R3 Greek ο", "bοb@example.com", "bob@example.com", "confusable"],
    ["R3 digit zero for o", "b0b@example.com", "bob@example.com", "confusable"],
    ["R3 rn for m", "rnaria@example.com", "maria@example.com", "confusable"],
    ["R3 punycode Cyrillic domain", "ana@xn--exmple-4nf.com", "ana@example.com", "punycode"],
    ["R3 punycode with a typo too", "anna@xn--exmple-4nf.com", "ana@example.com", "punycode"],
    [
      "R3 Cyrillic and a typo",
      "аnna.silva@mail.example.com",
      "ana.silva@mail.example.com",
      "confusable",
    ],
  ])("%s: %s", (_name, recipient, onFile, kind) => {
    expect(nearMissKind(recipient, onFile)).toBe(kind);
  });

  test.each([
    ["R3 identical is not a near miss", "ana@example.com", "ana@example.com"],
    ["R3 case only is R3's warning, not a near miss", "Ana@example.com", "ana@example.com"],
    ["R3 a different person", "robert.tremblay@example.net", "ana.silva@mail.example.com"],
    ["R3 a short address two edits away is someone else", "al@ex.io", "bo@ex.io"],
    ["R3 three edits away is someone else", "bob@example.com", "rob@exbmpla.com"],
    ["R3 unparseable", "nobody", "ana@example.com"],
  ])("%s", (_name, recipient, onFile) => {
    expect(nearMissKind(recipient, onFile)).toBeNull();
  });

  test("R3 every listed typo domain is one or two edits from its intended domain", () => {
    for (const [typo, intended] of Object.entries(commonDomainTypos)) {
      expect(editDistance(typo, intended)).toBeGreaterThan(0);
      expect(editDistance(typo, intended)).toBeLessThanOrEqual(2);
      expect(nearMissKind(`x.y.z@${typo}`, `x.y.z@${intended}`)).not.toBeNull();
    }
  });

  test("R3 skeleton folds look-alikes", () => {
    expect(skeleton("Αрр1е")).toBe("apple");
    expect(skeleton("ＡＢＣ")).toBe("abc");
  });
});

describe("R3 edit distance (properties)", () => {
  const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d", "."), maxLength: 12 });

  test("R3 zero exactly for equal strings, symmetric, bounded by the longer length", () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b);
        expect(d === 0).toBe(a === b);
        expect(editDistance(b, a)).toBe(d);
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
      })
    );
  });

  test("R3 one insertion, deletion, substitution or adjacent swap is distance 1", () => {
    fc.assert(
      fc.property(
        word,
        fc.nat(),
        fc.constantFrom("x", "y"),
        fc.constantFrom(0, 1, 2, 3),
        (w, pos, ch, op) => {
          fc.pre(w.length >= 2);
          const i = pos % w.length;
          let edited: string;
          if (op === 0) edited = w.slice(0, i) + ch + w.slice(i);
          else if (op === 1) edited = w.slice(0, i) + w.slice(i + 1);
          else if (op === 2) edited = w.slice(0, i) + ch + w.slice(i + 1);
          else {
            const j = Math.min(i, w.length - 2);
            edited = w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2);
          }
          fc.pre(edited !== w);
          expect(editDistance(w, edited)).toBe(1);
        }
      )
    );
  });

  test("R3 the limit only shortens work: results up to the limit are exact", () => {
    fc.assert(
      fc.property(word, word, fc.nat(4), (a, b, limit) => {
        const exact = editDistance(a, b);
        const limited = editDistance(a, b, limit);
        if (exact <= limit) expect(limited).toBe(exact);
        else expect(limited).toBeGreaterThan(limit);
      })
    );
  });

  test("R3 any single-letter slip in a long address is a near miss, never silently accepted", () => {
    const local = fc.stringMatching(/^[a-z]{6,14}$/);
    fc.assert(
      fc.property(local, fc.nat(), fc.constantFrom("q", "z", "x"), (l, pos, ch) => {
        const onFile = `${l}@mail.example.com`;
        const i = pos % l.length;
        const typed = `${l.slice(0, i)}${ch}${l.slice(i + 1)}@mail.example.com`;
        fc.pre(typed !== onFile);
        expect(nearMissKind(typed, onFile)).not.toBeNull();
      })
    );
  });
});
