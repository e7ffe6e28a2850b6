/** Node side only (command line, gateway): reads config.json, or the embedded defaults without one. */
import { readFile } from "node:fs/promises";
import { defaultConfig } from "./default-config";
import { loadConfig, type ConfigResult } from "./load-config";

/** A missing file gives the defaults; an unreadable or invalid one gives its one error. */
export async function readConfigFile(path: string): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { ok: true, config: defaultConfig };
    return { ok: false, error: `config.json: cannot read ${path}` };
  }
  return loadConfig(text);
}
