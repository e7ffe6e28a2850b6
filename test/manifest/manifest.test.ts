/**
 * manifest.xml: valid against the Office XSDs (offline, xmllint-wasm), and right where a schema
 * cannot look (resids, one HTTPS origin, icons, associated FunctionNames); and the build's copy.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { defaultConfig } from "../../src/config";
import { allHandlerNames } from "../../src/events/function-names";
import {
  buildManifest,
  resolveBuildSettings,
  run as buildRun,
} from "../../src/cli/commands/build-manifest";
import {
  checkManifestSemantics,
  defaultSchemaDir,
  extendSchemas,
  run as validateRun,
  validateAgainstSchemas,
} from "../../src/cli/commands/validate-manifest";

const root = resolve(__dirname, "../..");
const manifest = readFileSync(join(root, "manifest.xml"), "utf8");
const haveSchemas = existsSync(join(defaultSchemaDir, "OfficeAppManifestV1_1.xsd"));
const withSchemas = haveSchemas ? describe : describe.skip;
if (!haveSchemas) {
  console.warn(`manifest schema tests skipped: no Office XSDs at ${defaultSchemaDir}`);
}

const ok = { root, associated: allHandlerNames };

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) },
  };
}

/** A dist-like folder: the built manifest beside copies of the icons. */
function distFolder(xml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "casemail-manifest-"));
  mkdirSync(join(dir, "assets"));
  for (const size of [16, 32, 64, 80, 128]) {
    copyFileSync(join(root, `assets/icon-${size}.png`), join(dir, `assets/icon-${size}.png`));
  }
  writeFileSync(join(dir, "manifest.xml"), xml);
  return dir;
}

withSchemas("the manifest against the Office schemas", () => {
  it("manifest.xml is valid", async () => {
    await expect(
      validateAgainstSchemas(manifest, "manifest.xml", defaultSchemaDir)
    ).resolves.toEqual({
      status: "valid",
    });
  }, 30_000);

  it("a manifest with its elements out of order is not", async () => {
    const swapped = manifest.replace(
      /(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/,
      "$3$2$1"
    );
    expect(swapped).not.toBe(manifest);
    const result = await validateAgainstSchemas(swapped, "manifest.xml", defaultSchemaDir);
    expect(result.status).toBe("invalid");
  }, 30_000);

  it("the 2019 XSDs alone reject SupportsSharedFolders: the in-memory extension is what admits it", () => {
    const file = "MailAppVersionOverridesV1_1.xsd";
    const original = readFileSync(join(defaultSchemaDir, file), "utf8");
    expect(original).not.toContain("SupportsSharedFolders");
    expect(extendSchemas({ [file]: original })[file]).toContain('name="SupportsSharedFolders"');
  });

  it("a SendMode outside PromptUser, SoftBlock and Block is rejected", async () => {
    const bad = manifest.replace('SendMode="SoftBlock"', 'SendMode="Sometimes"');
    const result = await validateAgainstSchemas(bad, "manifest.xml", defaultSchemaDir);
    expect(result.status).toBe("invalid");
  }, 30_000);
});

describe("the manifest beyond the schema", () => {
  it("manifest.xml has no problem", () => {
    expect(checkManifestSemantics(manifest, ok)).toEqual([]);
  });

  it("its <Id> is the add-in id the configuration names (Graph finds sent items by cecp-<id>)", () => {
    expect(/<Id>([^<]+)<\/Id>/.exec(manifest)?.[1]).toBe(defaultConfig.addIn.id);
    const sample = JSON.parse(readFileSync(resolve(__dirname, "../../config.sample.json"), "utf8"));
    expect(sample.addIn.id).toBe(defaultConfig.addIn.id);
  });

  it("declares the three launch events, SoftBlock by default", () => {
    expect(manifest).toMatch(
      /Type="OnMessageSend" FunctionName="onMessageSendHandler" SendMode="SoftBlock"/
    );
    expect(manifest).toContain('Type="OnMessageRecipientsChanged"');
    expect(manifest).toContain('Type="OnMessageFromChanged"');
    expect(manifest).toContain('<Override type="javascript" resid="Events.Js.Url"/>');
    expect(manifest).toContain("<Permissions>ReadWriteItem</Permissions>");
    expect(manifest).toMatch(/<Override Locale="fr-CA" Value="Vérifie chaque message/);
  });

  const mutations: Array<[string, (xml: string) => string, RegExp]> = [
    [
      "a resid with no resource",
      (x) => x.replace('<Label resid="FileItem.Label"/>', '<Label resid="Nope.Label"/>'),
      /resid="Nope.Label">: no resource has this id/,
    ],
    [
      "a resid of the wrong kind",
      (x) => x.replace('<Description resid="Proof.Tip"/>', '<Description resid="Proof.Label"/>'),
      /refers to a short resource, needs long/,
    ],
    [
      "an http URL",
      (x) => x.replace("https://localhost:3000/events.js", "http://localhost:3000/events.js"),
      /must be https/,
    ],
    [
      "a URL on another origin",
      (x) => x.replace("https://localhost:3000/events.html", "https://cdn.example.net/events.html"),
      /not on the add-in's origin/,
    ],
    [
      "an icon that does not exist",
      (x) => x.replace("assets/icon-80.png", "assets/icon-81.png"),
      /no file .*icon-81\.png/,
    ],
    [
      "an icon used at the wrong size",
      (x) =>
        x.replace(
          'DefaultValue="https://localhost:3000/assets/icon-32.png"',
          'DefaultValue="https://localhost:3000/assets/icon-64.png"'
        ),
      /used at 32 px but .* is 64 px wide/,
    ],
    [
      "a FunctionName the handler does not associate",
      (x) =>
        x.replace('FunctionName="onMessageFromChangedHandler"', 'FunctionName="onFromChanged"'),
      /FunctionName "onFromChanged" is not associated/,
    ],
    [
      "a resource id defined twice",
      (x) => x.replace('<bt:Url id="TaskpaneFile.Url"', '<bt:Url id="Taskpane.Url"'),
      /"Taskpane.Url" is defined twice/,
    ],
  ];

  it.each(mutations)("finds %s", (_name, mutate, expected) => {
    const changed = mutate(manifest);
    expect(changed).not.toBe(manifest);
    const problems = checkManifestSemantics(changed, ok);
    expect(problems.join("\n")).toMatch(expected);
  });

  it("reports XML that is not well formed", () => {
    expect(checkManifestSemantics("<OfficeApp><Id>", ok)[0]).toMatch(/not well-formed/);
  });
});

describe("the built manifest", () => {
  it("moves every URL to the base URL, AppDomain to its origin, and picks the SendMode", () => {
    const built = buildManifest(manifest, {
      baseUrl: "https://apps.example.gc.ca/casemail/",
      sendMode: "Block",
    });
    expect(built).not.toContain("localhost");
    expect(built).toContain('DefaultValue="https://apps.example.gc.ca/casemail/events.js"');
    expect(built).toContain("<AppDomain>https://apps.example.gc.ca</AppDomain>");
    expect(built).toMatch(
      /Type="OnMessageSend" FunctionName="onMessageSendHandler" SendMode="Block"/
    );
    const dir = distFolder(built);
    expect(checkManifestSemantics(built, { root: dir, associated: allHandlerNames })).toEqual([]);
  });

  (haveSchemas ? it : it.skip)(
    "stays valid against the schemas",
    async () => {
      const built = buildManifest(manifest, {
        baseUrl: "https://casemail.example.com",
        sendMode: "Block",
      });
      await expect(
        validateAgainstSchemas(built, "manifest.xml", defaultSchemaDir)
      ).resolves.toEqual({
        status: "valid",
      });
    },
    30_000
  );

  it.each([
    [
      "an http base URL",
      { baseUrl: "http://casemail.example.com", sendMode: "SoftBlock" as const },
    ],
    [
      "a base URL with a query",
      { baseUrl: "https://casemail.example.com/?x=1", sendMode: "SoftBlock" as const },
    ],
    [
      "an unknown send mode",
      { baseUrl: "https://casemail.example.com", sendMode: "Maybe" as "Block" },
    ],
  ])("refuses %s", (_name, options) => {
    expect(() => buildManifest(manifest, options)).toThrow();
  });
});

describe("the build's settings", () => {
  const base = { devBaseUrl: "https://localhost:3000", sendMode: undefined, configPath: undefined };

  it("a production build without ADDIN_BASE_URL fails with a clear message", () => {
    expect(() => resolveBuildSettings({ ...base, mode: "production", baseUrl: undefined })).toThrow(
      /ADDIN_BASE_URL is required for a production build/
    );
  });

  it("a development build uses https://localhost:3000 and SoftBlock", () => {
    const s = resolveBuildSettings({ ...base, mode: "development", baseUrl: undefined });
    expect(s).toMatchObject({ baseUrl: "https://localhost:3000", sendMode: "SoftBlock" });
    expect(s.config.offices.length).toBeGreaterThan(0);
  });

  it("reads the admin's config.json, and names the bad field of a wrong one", () => {
    const dir = mkdtempSync(join(tmpdir(), "casemail-config-"));
    const good = join(dir, "good.json");
    writeFileSync(
      good,
      JSON.stringify({ noCaseLinked: "block", internalDomains: ["canada.example"] })
    );
    const s = resolveBuildSettings({
      ...base,
      mode: "production",
      baseUrl: "https://c.example",
      configPath: good,
      sendMode: "Block",
    });
    expect(s.config.noCaseLinked).toBe("block");
    expect(s.sendMode).toBe("Block");
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ noCaseLinked: "sometimes" }));
    expect(() =>
      resolveBuildSettings({
        ...base,
        mode: "production",
        baseUrl: "https://c.example",
        configPath: bad,
      })
    ).toThrow(/noCaseLinked/);
    expect(() =>
      resolveBuildSettings({
        ...base,
        mode: "development",
        baseUrl: undefined,
        configPath: join(dir, "none.json"),
      })
    ).toThrow(/cannot read/);
  });

  it("refuses a send mode other than SoftBlock or Block", () => {
    expect(() =>
      resolveBuildSettings({
        ...base,
        mode: "development",
        baseUrl: undefined,
        sendMode: "PromptUser",
      })
    ).toThrow(/SoftBlock or Block/);
  });
});

describe("the commands", () => {
  it("build-manifest: exit 2 with usage on bad input, 0 with the file written", async () => {
    const bad = io();
    await expect(buildRun(["--base-url", "http://x"], bad.io)).resolves.toBe(2);
    expect(bad.err.join("")).toContain("Usage: casemail build-manifest");
    const dir = mkdtempSync(join(tmpdir(), "casemail-build-"));
    const good = io();
    const out = join(dir, "manifest.xml");
    await expect(
      buildRun(
        ["--base-url", "https://c.example", "--in", join(root, "manifest.xml"), "--out", out],
        good.io
      )
    ).resolves.toBe(0);
    expect(readFileSync(out, "utf8")).toContain("https://c.example/taskpane.html");
  });

  it("validate-manifest: 0 for a good manifest, 1 for problems, 2 for a missing file", async () => {
    const dir = distFolder(
      buildManifest(manifest, { baseUrl: "https://c.example", sendMode: "SoftBlock" })
    );
    const good = io();
    await expect(validateRun([join(root, "manifest.xml")], good.io)).resolves.toBe(0);
    const broken = join(dir, "broken.xml");
    writeFileSync(broken, manifest.replace("assets/icon-80.png", "assets/icon-99.png"));
    const bad = io();
    await expect(validateRun([broken], bad.io)).resolves.toBe(1);
    expect(bad.err.join("\n")).toContain("icon-99.png");
    const missing = io();
    await expect(validateRun([join(dir, "absent.xml")], missing.io)).resolves.toBe(2);
  }, 60_000);

  it("validate-manifest says so when the schema folder is absent, and still checks the rest", async () => {
    const r = io();
    await expect(
      validateRun(
        [join(root, "manifest.xml"), "--schemas", join(tmpdir(), "no-such-schemas")],
        r.io
      )
    ).resolves.toBe(0);
    expect(r.out.join("\n")).toMatch(
      /schema check SKIPPED: the Office manifest schemas are not at/
    );
    expect(r.out.join("\n")).toContain("check out");
  });
});
