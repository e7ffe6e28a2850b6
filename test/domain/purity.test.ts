import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const root = resolve(__dirname, "../../src/domain");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

// The engine runs in the send handler's JavaScript-only runtime and in the browser: no Node, no
// Office, no React, no network; only its own modules, the catalogues and two small libraries.
const allowedPackages = [/^date-fns(\/|$)/, /^zod$/];

describe("src/domain stays pure", () => {
  test.each(sources(root).map((p) => [relative(root, p), p]))(
    "%s imports nothing impure",
    (_name, path) => {
      const text = readFileSync(path, "utf8");
      const specifiers = [...text.matchAll(/from\s+"([^"]+)"/g)].map((m) => m[1] as string);
      for (const spec of specifiers) {
        if (spec.startsWith(".")) {
          const target = resolve(join(path, ".."), spec);
          const inside = [root, resolve(root, "../i18n")].some((dir) => target.startsWith(dir));
          expect({ spec, inside }).toEqual({ spec, inside: true });
        } else {
          expect({ spec, allowed: allowedPackages.some((p) => p.test(spec)) }).toEqual({
            spec,
            allowed: true,
          });
        }
      }
      expect(text).not.toMatch(/\b(Office|fetch|localStorage|require)\s*[.(]/);
    }
  );
});
