import { escapeHtml, plainBlock, plainLine, textToHtml } from "../../src/domain/plain-text";
import { formatTime, toZonedDateTime } from "../../src/domain/zoned-time";

describe("plain text for hostile case data", () => {
  test("R3 plainLine folds breaks and drops controls and bidi overrides", () => {
    expect(plainLine("  Ana\r\n\tSilva\u0000\u202e  ")).toBe("Ana Silva");
  });

  test("R3 plainBlock keeps line breaks as \\n", () => {
    expect(plainBlock("a\r\nb\rc\u2028d\u0008")).toBe("a\nb\nc\nd");
  });

  test("R3 escapeHtml and textToHtml never let markup through", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
    );
    expect(textToHtml("one\ntwo\n\n<three>")).toBe("<p>one<br>two</p><p>&lt;three&gt;</p>");
  });
});

describe("zoned time", () => {
  test("R8 an instant on the office's clock, across midnight", () => {
    expect(toZonedDateTime("2027-01-15T03:05:00Z", "America/Vancouver")).toEqual({
      date: "2027-01-14",
      time: "19:05",
    });
    expect(toZonedDateTime("2027-07-01T00:00:00Z", "UTC")).toEqual({
      date: "2027-07-01",
      time: "00:00",
    });
    expect(toZonedDateTime("nope", "UTC")).toBeNull();
    expect(toZonedDateTime("2027-07-01T00:00:00Z", "Not/AZone")).toBeNull();
  });

  test("R8 times are written per language", () => {
    expect(formatTime("09:30", "UTC", "en")).toBe("09:30 (UTC)");
    expect(formatTime("09:30", "UTC", "fr")).toBe("9 h 30 (UTC)");
  });
});
