/**
 * The deployment manifest: manifest.xml with every development URL (https://localhost:3000) moved
 * to the add-in's base URL and OnMessageSend's SendMode chosen at build. Also the build's settings
 * (webpack.config.js): base URL (required for production), SendMode, and the admin's config.json.
 *
 * `casemail build-manifest --base-url URL [--send-mode SoftBlock|Block] [--in F] [--out F]`
 */
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { defaultConfig } from "../../config/default-config";
import { loadConfig } from "../../config/load-config";
import type { CasemailConfig } from "../../config/schema";
import type { CliCommand } from "../main";

export const devOrigin = "https://localhost:3000";
export const sendModes = ["SoftBlock", "Block"] as const;
export type SendMode = (typeof sendModes)[number];

/** An https URL without query or fragment; a path is allowed (files hosted under a folder). */
export const baseUrlSchema = z
  .url({ protocol: /^https$/, error: "ADDIN_BASE_URL must be an https:// URL" })
  .refine((v) => {
    const u = new URL(v);
    return u.search === "" && u.hash === "" && u.username === "" && u.password === "";
  }, "ADDIN_BASE_URL must have no query, fragment or credentials")
  .transform((v) => v.replace(/\/+$/, ""));

export const sendModeSchema = z.enum(sendModes, {
  error: "send mode must be SoftBlock or Block",
});

export interface ManifestOptions {
  baseUrl: string;
  sendMode: SendMode;
}

/** Rewrites the development manifest for `options`; the input is never changed in place. */
export function buildManifest(xml: string, options: ManifestOptions): string {
  const base = baseUrlSchema.parse(options.baseUrl);
  const origin = new URL(base).origin;
  const mode = sendModeSchema.parse(options.sendMode);
  // AppDomain holds an origin; every other URL takes the full base (which may carry a path).
  const withDomains = xml.replace(
    /<AppDomain>https:\/\/localhost:3000\/?<\/AppDomain>/g,
    `<AppDomain>${origin}</AppDomain>`
  );
  const withUrls = withDomains.split(devOrigin).join(base);
  const sendEvent = /(<LaunchEvent\s+Type="OnMessageSend"[^>]*\sSendMode=")([A-Za-z]+)(")/;
  if (!sendEvent.test(withUrls)) throw new Error("manifest.xml: no OnMessageSend LaunchEvent");
  return withUrls.replace(sendEvent, `$1${mode}$3`);
}

export interface BuildSettingsInput {
  mode: "production" | "development";
  baseUrl: string | undefined;
  sendMode: string | undefined;
  configPath: string | undefined;
  devBaseUrl: string;
}

export interface BuildSettings {
  mode: "production" | "development";
  baseUrl: string;
  sendMode: SendMode;
  config: CasemailConfig;
}

/** The build's settings, or one clear error (thrown: webpack prints it and stops). */
export function resolveBuildSettings(input: BuildSettingsInput): BuildSettings {
  const rawBase = input.baseUrl?.trim() || undefined;
  if (input.mode === "production" && rawBase === undefined) {
    throw new Error(
      "ADDIN_BASE_URL is required for a production build: the https:// address where dist/ is " +
        "hosted, for example ADDIN_BASE_URL=https://casemail.example.gc.ca npm run build"
    );
  }
  const base = baseUrlSchema.safeParse(rawBase ?? input.devBaseUrl);
  if (!base.success) throw new Error(base.error.issues[0]?.message ?? "invalid ADDIN_BASE_URL");
  const mode = sendModeSchema.safeParse(input.sendMode?.trim() || "SoftBlock");
  if (!mode.success)
    throw new Error(`CASEMAIL_SEND_MODE / --env sendMode: ${mode.error.issues[0]?.message}`);
  let config = defaultConfig;
  if (input.configPath !== undefined && input.configPath.trim() !== "") {
    let text: string;
    try {
      text = readFileSync(input.configPath, "utf8");
    } catch {
      throw new Error(`CASEMAIL_CONFIG: cannot read ${input.configPath}`);
    }
    const loaded = loadConfig(text);
    if (!loaded.ok) throw new Error(`CASEMAIL_CONFIG (${input.configPath}): ${loaded.error}`);
    config = loaded.config;
  }
  return { mode: input.mode, baseUrl: base.data, sendMode: mode.data, config };
}

const argsSchema = z.object({
  baseUrl: baseUrlSchema,
  sendMode: sendModeSchema.default("SoftBlock"),
  in: z.string().min(1).default("manifest.xml"),
  out: z.string().min(1).default("dist/manifest.xml"),
});

function parseArgs(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    const name = {
      "--base-url": "baseUrl",
      "--send-mode": "sendMode",
      "--in": "in",
      "--out": "out",
    }[flag];
    if (name === undefined || value === undefined) throw new Error(`unexpected argument ${flag}`);
    out[name] = value;
  }
  return out;
}

export const run: CliCommand = async (argv, io) => {
  let args: z.output<typeof argsSchema>;
  try {
    const parsed = argsSchema.safeParse(parseArgs(argv));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${issue?.path.join(".") || "arguments"}: ${issue?.message}`);
    }
    args = parsed.data;
  } catch (error) {
    io.stderr(
      `build-manifest: ${error instanceof Error ? error.message : String(error)}\n` +
        "Usage: casemail build-manifest --base-url https://host[/path] [--send-mode SoftBlock|Block] [--in manifest.xml] [--out dist/manifest.xml]"
    );
    return 2;
  }
  const xml = buildManifest(readFileSync(args.in, "utf8"), args);
  writeFileSync(args.out, xml);
  io.stdout(`build-manifest: wrote ${args.out} for ${args.baseUrl} (SendMode ${args.sendMode})`);
  return 0;
};
