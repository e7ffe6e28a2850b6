import { staticTokenProvider, TokenUnavailableError } from "../../src/auth/token-provider";

describe("staticTokenProvider", () => {
  it("returns the fixed token of a scope", async () => {
    const provider = staticTokenProvider({ gateway: "g-token", graph: "m-token" });
    expect(await provider.getToken("gateway")).toBe("g-token");
    expect(await provider.getToken("graph", { silentOnly: true })).toBe("m-token");
  });

  it("calls a function source on every request (a rotating or freshly minted token)", async () => {
    let n = 0;
    const provider = staticTokenProvider({ gateway: async () => `t${++n}` });
    expect(await provider.getToken("gateway")).toBe("t1");
    expect(await provider.getToken("gateway")).toBe("t2");
  });

  it("refuses a scope it has no token for, and an empty token, with TokenUnavailableError", async () => {
    const provider = staticTokenProvider({ gateway: "", graph: () => "" });
    for (const scope of ["gateway", "graph"] as const) {
      await expect(provider.getToken(scope)).rejects.toBeInstanceOf(TokenUnavailableError);
    }
    await expect(staticTokenProvider({}).getToken("graph")).rejects.toMatchObject({
      scope: "graph",
    });
  });
});
