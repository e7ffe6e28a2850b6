import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readFileSync } from "node:fs";
import {
  defaultConfig,
  defaultEDocumentLimitBytes,
  findOffice,
  formatFieldPath,
  loadConfig,
  policyFromConfig,
} from "../../src/config";
import { readConfigFile } from "../../src/config/read-config-file";

const sample = resolve(__dirname, "../../config.sample.json");

describe("configuration", () => {
  test("the embedded defaults run locally: loopback gateway, two demo offices on example domains", () => {
    expect(defaultConfig.gateway.baseUrl).toBe("http://localhost:8787");
    expect(defaultConfig.offices).toHaveLength(2);
    for (const o of defaultConfig.offices)
      expect(o.genericMailbox).toMatch(/@example\.(org|com|net)$/);
    expect(defaultConfig.eDocumentLimitBytes).toBe(4_000_000);
    expect(defaultEDocumentLimitBytes).toBeLessThan(4 * 1024 * 1024);
    expect(defaultConfig.deadlines.minimumDays).toEqual({ documents: 30, interview: 30 });
    expect(defaultConfig.noCaseLinked).toBe("prompt");
  });

  test("an empty object gives the defaults", () => {
    expect(loadConfig("{}")).toEqual({ ok: true, config: defaultConfig });
  });

  test("the commented sample file loads, and its values are not the defaults", () => {
    const result = loadConfig(readFileSync(sample, "utf8"));
    if (!result.ok) throw new Error(result.error);
    expect(result.config.gateway.baseUrl).toMatch(/^https:\/\//);
    expect(result.config.deadlines.byCountry.IN?.documents).toBe(45);
    expect(result.config.noCaseLinked).toBe("block");
  });

  test("a partial file keeps the defaults of the fields it omits", () => {
    const result = loadConfig(JSON.stringify({ deadlines: { minimumDays: { interview: 21 } } }));
    if (!result.ok) throw new Error(result.error);
    expect(result.config.deadlines.minimumDays).toEqual({ documents: 30, interview: 21 });
    expect(result.config.gateway.baseUrl).toBe("http://localhost:8787");
  });

  test("internal domains are normalized to lower case", () => {
    const result = loadConfig(JSON.stringify({ internalDomains: [" Example.ORG "] }));
    expect(result.ok && result.config.internalDomains).toEqual(["example.org"]);
  });

  test.each([
    ["not JSON", "{", /^config\.json: not valid JSON/],
    ["an array", "[]", /^config\.json: \(root\): /],
    ["an unknown top-level field", '{"gatway":{}}', /^config\.json: unknown field gatway$/],
    [
      "an unknown nested field",
      '{"signIn":{"tenant":"x"}}',
      /^config\.json: unknown field signIn\.tenant$/,
    ],
    [
      "a bad mailbox",
      '{"offices":[{"id":"A","name":{"en":"a","fr":"b"},"genericMailbox":"nope"}]}',
      /^config\.json: offices\[0\]\.genericMailbox: /,
    ],
    [
      "duplicate office ids",
      JSON.stringify({ offices: [defaultConfig.offices[0], defaultConfig.offices[0]] }),
      /^config\.json: offices: office ids must be unique$/,
    ],
    ["no office", '{"offices":[]}', /^config\.json: offices: /],
    [
      "an unknown time zone",
      JSON.stringify({ offices: [{ ...defaultConfig.offices[0], timeZone: "Mars/Olympus" }] }),
      /^config\.json: offices\[0\]\.timeZone: expected an IANA time zone/,
    ],
    [
      "a lower-case country code",
      '{"deadlines":{"byCountry":{"in":{"documents":5}}}}',
      /^config\.json: deadlines\.byCountry\.in: expected an ISO 3166-1 alpha-2 code in upper case$/,
    ],
    [
      "zero days",
      '{"deadlines":{"byCountry":{"IN":{"documents":0}}}}',
      /^config\.json: deadlines\.byCountry\.IN\.documents: /,
    ],
    [
      "a holiday that is not a date",
      '{"holidays":["2027-02-30"]}',
      /^config\.json: holidays\[0\]: expected a calendar date written YYYY-MM-DD$/,
    ],
    [
      "a bad regular expression",
      '{"caseNumberPattern":"("}',
      /^config\.json: caseNumberPattern: expected a valid regular expression$/,
    ],
    [
      "a non-http gateway",
      '{"gateway":{"baseUrl":"ftp://example.com"}}',
      /^config\.json: gateway\.baseUrl: /,
    ],
    ["no scopes", '{"signIn":{"scopes":[]}}', /^config\.json: signIn\.scopes: /],
    ["a bad client id", '{"signIn":{"clientId":"abc"}}', /^config\.json: signIn\.clientId: /],
    ["a bad policy", '{"noCaseLinked":"ask"}', /^config\.json: noCaseLinked: /],
    [
      "a bad domain",
      '{"internalDomains":["not a domain"]}',
      /^config\.json: internalDomains\[0\]: expected a domain name$/,
    ],
    ["a negative limit", '{"eDocumentLimitBytes":-1}', /^config\.json: eDocumentLimitBytes: /],
  ])("a bad file gives one error naming the field: %s", (_name, text, pattern) => {
    const result = loadConfig(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatch(pattern);
      expect(result.error.split("\n")).toHaveLength(1);
    }
  });

  test("field paths", () => {
    expect(formatFieldPath([])).toBe("(root)");
    expect(formatFieldPath(["offices", 1, "name", "fr"])).toBe("offices[1].name.fr");
  });

  test("policyFromConfig and findOffice", () => {
    const policy = policyFromConfig(defaultConfig);
    expect(policy).toEqual({
      internalDomains: ["example.org"],
      deadlineDays: { documents: 30, interview: 30 },
      deadlineDaysByCountry: { CM: { documents: 45, interview: 45 }, PH: { documents: 40 } },
      holidays: [],
      noCaseLinked: "prompt",
    });
    expect(findOffice(defaultConfig, "office-west")?.genericMailbox).toBe(
      "casework.west@example.org"
    );
    expect(findOffice(defaultConfig, "XXX")).toBeNull();
  });

  test("readConfigFile: a missing file gives the defaults, a bad one its error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "casemail-config-"));
    expect(await readConfigFile(join(dir, "absent.json"))).toEqual({
      ok: true,
      config: defaultConfig,
    });
    writeFileSync(join(dir, "bad.json"), '{"holidays":"2027-01-01"}');
    const bad = await readConfigFile(join(dir, "bad.json"));
    expect(bad.ok).toBe(false);
    expect(await readConfigFile(dir)).toEqual({
      ok: false,
      error: `config.json: cannot read ${dir}`,
    });
  });
});
