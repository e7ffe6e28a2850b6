import { spawnSync } from "node:child_process";
import { join } from "node:path";

const bin = join(__dirname, "..", "..", "bin", "casemail.js");

describe("bin/casemail.js", () => {
  it("runs the command line from source and passes its exit code through", () => {
    const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("check");
    const unknown = spawnSync(process.execPath, [bin, "no-such-command"], { encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "no-such-command"');
  }, 60_000);
});
