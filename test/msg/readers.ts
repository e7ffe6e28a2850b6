/** The three independent readers the tests check our files with, and their availability. */
import MsgReader from "@kenjiuno/msgreader";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

export const PYTHON = "/usr/bin/python3";
const OLEFILE_DUMP = join(__dirname, "olefile-dump.py");

export const hasMsgconvert = spawnSync("sh", ["-c", "command -v msgconvert"]).status === 0;
export const hasOlefile =
  existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import olefile"]).status === 0;

export function readWithMsgReader(bytes: Uint8Array) {
  const copy = bytes.slice();
  const reader = new MsgReader(new DataView(copy.buffer));
  return { reader, data: reader.getFileData() };
}

export interface OleMessage {
  messageClass?: string;
  subject?: string;
  senderEmail?: string;
  senderSmtp?: string;
  senderAddressType?: string;
  representingEmail?: string;
  messageId?: string;
  inReplyTo?: string;
  submitTime?: string;
  deliveryTime?: string;
  importance?: number;
  flags?: number;
  storeSupportMask?: number;
  text?: string;
  html?: string | null;
  recipients: Array<{
    type?: number;
    email?: string;
    smtp?: string;
    addressType?: string;
    name?: string;
  }>;
  attachments: Array<{
    name?: string;
    shortName?: string;
    mimeType?: string;
    contentId?: string;
    hidden?: number;
    method?: number;
    size?: number;
    sha256: string | null;
    embedded: OleMessage | null;
  }>;
}

export interface OleDump {
  clsid: string;
  /** The compound file's major version and sector size, as olefile read them. */
  majorVersion: number;
  sectorSize: number;
  streams: string[];
  message: OleMessage;
}

/** One python process for all files (starting python per file would dominate the run time). */
export function readWithOlefile(paths: string[]): Record<string, OleDump> {
  const out = execFileSync(PYTHON, [OLEFILE_DUMP, ...paths], { maxBuffer: 1 << 28 });
  return JSON.parse(out.toString("utf8")) as Record<string, OleDump>;
}

/** msgconvert writes `<name>.eml` beside each input (run in a temporary folder). */
export function convertWithMsgconvert(
  paths: string[],
  dir: string
): Record<string, Uint8Array | undefined> {
  const run = spawnSync(
    "msgconvert",
    paths.map((p) => basename(p)),
    { cwd: dir, stdio: ["ignore", "ignore", "pipe"], timeout: 120_000 }
  );
  // On the PATH but unable to start (a Perl module missing): say so, not "no .eml" per file.
  const stderr = run.stderr?.toString("utf8") ?? "";
  if (/Can't locate|compilation aborted/.test(stderr)) {
    throw new Error(`msgconvert cannot start: ${stderr.trim().slice(0, 500)}`);
  }
  const out: Record<string, Uint8Array | undefined> = {};
  for (const p of paths) {
    const eml = join(dir, basename(p).replace(/\.msg$/, ".eml"));
    out[p] = existsSync(eml) ? new Uint8Array(readFileSync(eml)) : undefined;
  }
  return out;
}

/**
 * msgconvert 0.921 prints a message whose header holds wide characters through a Perl handle
 * without an encoding layer, so its already UTF-8 body is encoded a second time. Undo one level
 * when the text is exactly such a double encoding; leave it otherwise.
 */
export function undoDoubleUtf8(text: string): string {
  const latin1Only = [...text].every((ch) => ch.charCodeAt(0) <= 0xff);
  if (!latin1Only || !/[\u00c2-\u00f4][\u0080-\u00bf]/.test(text)) return text;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.from(text, "latin1"));
  } catch {
    return text;
  }
}
