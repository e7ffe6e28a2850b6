import { parseStartArgs } from "../../src/cli/commands/start";
import { runCli } from "../../src/cli/main";

describe("casemail start options", () => {
  test("defaults: dev server on 3000, gateway on 8787 (the embedded config's), officer A, HTTP", () => {
    expect(parseStartArgs([])).toEqual({
      ok: true,
      options: { port: 3000, gatewayPort: 8787, https: false, officer: "officer-a" },
    });
    expect(parseStartArgs(["--port", "3100", "--https", "--officer", "officer-b"])).toMatchObject({
      ok: true,
      options: { port: 3100, https: true, officer: "officer-b" },
    });
  });

  test("bad input exits 2 with the reason and the usage", async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t) };
    expect(await runCli(["start", "--port", "99999"], io)).toBe(2);
    expect(err.join("")).toMatch(/port/);
    expect(await runCli(["start", "--verbose"], io)).toBe(2);
    expect(err.join("")).toMatch(/Usage: casemail start/);
  });
});
