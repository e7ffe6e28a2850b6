/**
 * `casemail validate-manifest [file ...] [--schemas DIR]` (`npm run validate`): the manifest,
 * offline. First against the Office XSDs in ../shared/schemas/office-manifest/ (xmllint-wasm),
 * extended in memory for the elements the 2019 files lack; then what a schema cannot see: every
 * resid resolves to a resource of the right kind, every URL is HTTPS on one origin, every icon
 * exists at its size, every FunctionName is associated by the handler bundle.
 * Without arguments: manifest.xml, and dist/manifest.xml when a build left one.
 */
import { DOMParser } from "@xmldom/xmldom";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import vm from "node:vm";
import { validateXML } from "xmllint-wasm";
import { z } from "zod";
import type { CliCommand } from "../main";

export const schemaEntry = "OfficeAppManifestV1_1.xsd";
export const defaultSchemaDir = resolve(__dirname, "../../../../shared/schemas/office-manifest");

/**
 * Elements newer than the 2019 XSDs, added to an in-memory copy (MS-OWEMXML): SupportsSharedFolders
 * (Mailbox 1.8) as the first, optional, child of a form factor.
 */
export function extendSchemas(files: Readonly<Record<string, string>>): Record<string, string> {
  const name = "MailAppVersionOverridesV1_1.xsd";
  const source = files[name];
  if (source === undefined) return { ...files };
  const anchor = /(<xs:complexType name="FormFactor">[\s\S]*?<xs:sequence>)/;
  if (!anchor.test(source)) throw new Error(`${name}: FormFactor not found; cannot extend`);
  const extended = source.replace(
    anchor,
    `$1\n      <xs:element name="SupportsSharedFolders" type="xs:boolean" minOccurs="0" maxOccurs="1"/>`
  );
  return { ...files, [name]: extended };
}

export type SchemaResult =
  { status: "valid" } | { status: "invalid"; errors: string[] } | { status: "absent"; dir: string };

export async function validateAgainstSchemas(
  xml: string,
  fileName: string,
  schemaDir: string
): Promise<SchemaResult> {
  if (!existsSync(join(schemaDir, schemaEntry))) return { status: "absent", dir: schemaDir };
  const files: Record<string, string> = {};
  for (const f of readdirSync(schemaDir).filter((n) => n.endsWith(".xsd"))) {
    files[f] = readFileSync(join(schemaDir, f), "utf8");
  }
  const schemas = extendSchemas(files);
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [{ fileName: schemaEntry, contents: schemas[schemaEntry] as string }],
    preload: Object.entries(schemas)
      .filter(([n]) => n !== schemaEntry)
      .map(([n, contents]) => ({ fileName: n, contents })),
  });
  if (result.valid) return { status: "valid" };
  return { status: "invalid", errors: result.errors.map((e) => e.rawMessage.trim()) };
}

/** The names a handler bundle associates, from running it with a stand-in Office and no DOM. */
export function associatedInBundle(source: string): string[] {
  const names: string[] = [];
  const office = { actions: { associate: (name: string) => void names.push(name) } };
  const context = vm.createContext({ Office: office, setTimeout, clearTimeout, console });
  vm.runInContext(source, context, { filename: "events.js", timeout: 5000 });
  return names;
}

export interface SemanticOptions {
  /** The folder the manifest's URL paths map to (repository root, or dist/). */
  root: string;
  /** Names the handler associates; null to skip that check. */
  associated: readonly string[] | null;
}

type ResourceKind = "image" | "url" | "short" | "long";
const resourceKinds: Record<string, ResourceKind> = {
  Images: "image",
  Urls: "url",
  ShortStrings: "short",
  LongStrings: "long",
};
const kindOfReference: Record<string, ResourceKind> = {
  Image: "image",
  SourceLocation: "url",
  FunctionFile: "url",
  Runtime: "url",
  Override: "url",
  Label: "short",
  Title: "short",
  Description: "long",
};

function elements(doc: Document): Element[] {
  return Array.from(doc.getElementsByTagName("*"));
}

/** The attribute, or null when absent (xmldom's getAttribute gives "" for a missing one). */
function attr(el: Element, name: string): string | null {
  return el.hasAttribute(name) ? el.getAttribute(name) : null;
}

function localName(el: Element): string {
  return el.localName ?? el.nodeName.replace(/^.*:/, "");
}

function pngWidth(file: string): number | null {
  const bytes = readFileSync(file);
  const signature = "89504e470d0a1a0a";
  if (bytes.length < 24 || bytes.subarray(0, 8).toString("hex") !== signature) return null;
  return bytes.readUInt32BE(16);
}

/** Every problem a schema cannot see, as readable lines (empty when there is none). */
export function checkManifestSemantics(xml: string, options: SemanticOptions): string[] {
  const problems: string[] = [];
  const parseErrors: string[] = [];
  const doc = new DOMParser({
    errorHandler: (level: string, message: unknown) => {
      if (level !== "warning") parseErrors.push(String(message));
    },
  }).parseFromString(xml, "text/xml") as unknown as Document;
  if (parseErrors.length > 0) return parseErrors.map((m) => `not well-formed XML: ${m}`);
  const all = elements(doc);

  // Resources by id and kind.
  const resources = new Map<string, { kind: ResourceKind; value: string; el: Element }>();
  for (const el of all) {
    const kind = resourceKinds[localName(el)];
    if (kind === undefined) continue;
    for (const child of Array.from(el.childNodes) as Element[]) {
      if (child.nodeType !== 1) continue;
      const id = attr(child, "id") ?? "";
      if (resources.has(id)) problems.push(`resource id "${id}" is defined twice`);
      resources.set(id, { kind, value: attr(child, "DefaultValue") ?? "", el: child });
    }
  }

  // Every resid resolves, to a resource of the kind its element needs.
  const usedImages = new Map<string, number>();
  for (const el of all) {
    const resid = attr(el, "resid");
    if (resid === null) continue;
    const name = localName(el);
    const found = resources.get(resid);
    if (found === undefined) {
      problems.push(`<${name} resid="${resid}">: no resource has this id`);
      continue;
    }
    const wanted = kindOfReference[name];
    if (wanted !== undefined && wanted !== found.kind) {
      problems.push(
        `<${name} resid="${resid}">: refers to a ${found.kind} resource, needs ${wanted}`
      );
    }
    const size = attr(el, "size");
    if (name === "Image" && size !== null) usedImages.set(resid, Number(size));
  }

  // URLs: HTTPS, one origin.
  const urls: Array<{ where: string; url: string }> = [];
  for (const el of all) {
    const name = localName(el);
    for (const key of ["DefaultValue", "Value"]) {
      const v = attr(el, key);
      if (v !== null && /^[a-z][a-z0-9+.-]*:\/\//i.test(v))
        urls.push({ where: `<${name}>`, url: v });
    }
    if (name === "AppDomain")
      urls.push({ where: "<AppDomain>", url: (el.textContent ?? "").trim() });
  }
  let origin: string | null = null;
  for (const { where, url } of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`${where} ${url}: not a URL`);
      continue;
    }
    if (parsed.protocol !== "https:") problems.push(`${where} ${url}: must be https`);
    origin ??= parsed.origin;
    if (parsed.origin !== origin)
      problems.push(`${where} ${url}: not on the add-in's origin ${origin}`);
  }

  // Icons exist (mapped from their URL path under `root`), PNG, at the size they are used.
  const base = urls.find((u) => u.where === "<SourceLocation>")?.url ?? urls[0]?.url;
  const basePath = base === undefined ? "/" : new URL(".", new URL(base)).pathname;
  const icons: Array<{ url: string; size: number | null; label: string }> = [];
  for (const el of all) {
    const name = localName(el);
    if (name === "IconUrl" || name === "HighResolutionIconUrl") {
      icons.push({ url: attr(el, "DefaultValue") ?? "", size: null, label: `<${name}>` });
    }
  }
  for (const [id, r] of resources) {
    if (r.kind === "image")
      icons.push({ url: r.value, size: usedImages.get(id) ?? null, label: id });
  }
  for (const icon of icons) {
    let path: string;
    try {
      path = new URL(icon.url).pathname;
    } catch {
      continue; // already reported as not a URL
    }
    const relative = path.startsWith(basePath)
      ? path.slice(basePath.length)
      : path.replace(/^\//, "");
    const file = join(options.root, decodeURIComponent(relative));
    if (!existsSync(file)) {
      problems.push(`icon ${icon.label} (${icon.url}): no file ${file}`);
      continue;
    }
    const width = pngWidth(file);
    if (width === null) problems.push(`icon ${icon.label}: ${file} is not a PNG`);
    else if (icon.size !== null && width !== icon.size) {
      problems.push(`icon ${icon.label}: used at ${icon.size} px but ${file} is ${width} px wide`);
    }
  }

  // Every FunctionName is associated by the handler bundle.
  if (options.associated !== null) {
    const names = new Set<string>();
    for (const el of all) {
      const fn = attr(el, "FunctionName");
      if (fn !== null) names.add(fn);
      if (localName(el) === "FunctionName") names.add((el.textContent ?? "").trim());
    }
    for (const fn of names) {
      if (!options.associated.includes(fn)) {
        problems.push(
          `FunctionName "${fn}" is not associated (Office.actions.associate) by the handler`
        );
      }
    }
  }
  return problems;
}

/** What the handler associates, for a manifest: the built bundle beside it, else the source entry. */
export async function associatedFor(
  manifestFile: string,
  repoRoot: string
): Promise<{ names: string[]; from: string }> {
  const bundle = join(dirname(manifestFile), "events.js");
  if (resolve(dirname(manifestFile)) !== resolve(repoRoot) && existsSync(bundle)) {
    return { names: associatedInBundle(readFileSync(bundle, "utf8")), from: bundle };
  }
  // The source entry's own association function, with a stand-in for Office.actions.
  const names: string[] = [];
  const entry = (await import(join(repoRoot, "src/events/entry.ts"))) as {
    associateHandlers: (actions: { associate: (name: string) => void }) => void;
  };
  entry.associateHandlers({ associate: (name) => void names.push(name) });
  return { names, from: "src/events/entry.ts" };
}

const argsSchema = z.object({
  files: z.array(z.string().min(1)),
  schemas: z.string().min(1).optional(),
});

function parseArgs(argv: string[]): z.output<typeof argsSchema> {
  const files: string[] = [];
  let schemas: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--schemas") {
      schemas = argv[++i];
      if (schemas === undefined) throw new Error("--schemas needs a folder");
    } else if (a.startsWith("--")) {
      throw new Error(`unknown option ${a}`);
    } else files.push(a);
  }
  return argsSchema.parse({ files, schemas });
}

export const run: CliCommand = async (argv, io) => {
  let args: z.output<typeof argsSchema>;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.stderr(
      `validate-manifest: ${error instanceof Error ? error.message : String(error)}\n` +
        "Usage: casemail validate-manifest [manifest.xml ...] [--schemas DIR]"
    );
    return 2;
  }
  const repoRoot = resolve(__dirname, "../../..");
  const files =
    args.files.length > 0
      ? args.files.map((f) => resolve(f))
      : [join(repoRoot, "manifest.xml"), join(repoRoot, "dist/manifest.xml")].filter((f, i) =>
          i === 0 ? true : existsSync(f)
        );
  const schemaDir = resolve(args.schemas ?? defaultSchemaDir);
  let failures = 0;
  for (const file of files) {
    if (!existsSync(file)) {
      io.stderr(`validate-manifest: no such file ${file}`);
      return 2;
    }
    const xml = readFileSync(file, "utf8");
    const schema = await validateAgainstSchemas(xml, "manifest.xml", schemaDir);
    if (schema.status === "absent") {
      io.stdout(
        `${file}: schema check SKIPPED: the Office manifest schemas are not at ${schema.dir} ` +
          "(pass --schemas DIR); the checks below still ran."
      );
    } else if (schema.status === "invalid") {
      failures++;
      io.stderr(
        `${file}: does not match the Office manifest schema:\n  ${schema.errors.join("\n  ")}`
      );
    } else {
      io.stdout(`${file}: valid against ${schemaEntry} (with SupportsSharedFolders added)`);
    }
    const associated = await associatedFor(file, repoRoot);
    const problems = checkManifestSemantics(xml, {
      root: dirname(file),
      associated: associated.names,
    });
    if (problems.length > 0) {
      failures++;
      io.stderr(`${file}: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
    } else {
      io.stdout(
        `${file}: resids, HTTPS on one origin, icons and FunctionNames (associated in ${associated.from}) check out`
      );
    }
  }
  return failures === 0 ? 0 : 1;
};
