import { allAreas, locales } from "../../src/i18n";

describe("message catalogues", () => {
  const areas = Object.entries(allAreas);

  test("the domain areas are registered", () => {
    expect(Object.keys(allAreas)).toEqual(
      expect.arrayContaining(["domain", "domain-notes", "domain-templates"])
    );
  });

  test.each(areas)("%s: English and French have the same keys", (_name, area) => {
    expect(Object.keys(area.fr).sort()).toEqual(Object.keys(area.en).sort());
  });

  test.each(areas)("%s: no empty message in any locale", (_name, area) => {
    for (const locale of locales) {
      for (const [key, text] of Object.entries(area[locale])) {
        expect({ key, empty: text.trim() === "" }).toEqual({ key, empty: false });
      }
    }
  });

  test.each(areas)("%s: the same placeholders in English and French", (_name, area) => {
    const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();
    for (const key of Object.keys(area.en)) {
      expect({ key, fr: placeholders(area.fr[key] ?? "") }).toEqual({
        key,
        fr: placeholders(area.en[key] ?? ""),
      });
    }
  });
});
