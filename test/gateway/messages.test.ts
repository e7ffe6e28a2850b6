import { gatewayErrorKinds } from "../../src/gateway/errors";
import { locales, translator } from "../../src/i18n/catalog";
import { gatewayMessages } from "../../src/i18n/messages/gateway";

describe("gateway error messages", () => {
  it("name every error kind and no other, in English and French", () => {
    for (const locale of locales) {
      expect(Object.keys(gatewayMessages[locale]).sort()).toEqual([...gatewayErrorKinds].sort());
    }
  });

  it.each([...gatewayErrorKinds])("%s has a French text that differs from the English", (kind) => {
    const en = gatewayMessages.en[kind];
    const fr = gatewayMessages.fr[kind];
    expect(en.trim().length).toBeGreaterThan(10);
    expect(fr.trim().length).toBeGreaterThan(10);
    expect(fr).not.toBe(en);
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    expect(placeholders(fr)).toEqual(placeholders(en));
  });

  it("fills the status of an unexpected HTTP error", () => {
    expect(translator(gatewayMessages, "fr")("http", { status: 418 })).toContain("HTTP 418");
  });
});
