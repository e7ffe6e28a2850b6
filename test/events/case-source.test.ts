import { routePath } from "../../src/gateway/contract";
import { casePath, gatewayCaseSource, type FetchLike } from "../../src/events/case-source";
import { graphReadReceiptProbe } from "../../src/events/read-receipt-probe";
import { newCorrelationId } from "../../src/events/correlation-id";
import { isCorrelationRef } from "../../src/office/correlation";
import { caseRecord } from "./support";

function fetchAnswering(status: number, body: unknown) {
  const calls: Array<{ url: string; headers: Record<string, string> }> = [];
  const fn: FetchLike = async (url, init) => {
    calls.push({ url, headers: init.headers });
    return { status, json: async () => body };
  };
  return { fn, calls };
}

describe("the handler's gateway call", () => {
  it("uses the contract's case route", () => {
    expect(casePath("B012345678")).toBe(routePath("case", { caseNumber: "B012345678" }));
    expect(casePath("a/b")).toBe(routePath("case", { caseNumber: "a/b" }));
  });

  it("sends the silent token and returns the checked case", async () => {
    const f = fetchAnswering(200, caseRecord());
    const source = gatewayCaseSource("https://gw.example.org/", async () => "tok", f.fn);
    await expect(source.fetchCase("B012345678")).resolves.toEqual({
      kind: "found",
      caseRecord: caseRecord(),
    });
    expect(f.calls[0]?.url).toBe("https://gw.example.org/api/v1/cases/B012345678");
    expect(f.calls[0]?.headers.Authorization).toBe("Bearer tok");
  });

  it.each([
    [404, { kind: "not-found" }],
    [403, { kind: "not-found" }],
    [401, { kind: "unavailable", reason: "sign-in" }],
    [503, { kind: "unavailable", reason: "server" }],
  ])("maps HTTP %i", async (status, expected) => {
    const source = gatewayCaseSource("https://gw", async () => "t", fetchAnswering(status, {}).fn);
    await expect(source.fetchCase("B012345678")).resolves.toEqual(expected);
  });

  it("an answer of the wrong shape, or for another case, is a server problem", async () => {
    const wrong = gatewayCaseSource(
      "https://gw",
      async () => "t",
      fetchAnswering(200, { x: 1 }).fn
    );
    await expect(wrong.fetchCase("B012345678")).resolves.toEqual({
      kind: "unavailable",
      reason: "server",
    });
    const other = gatewayCaseSource(
      "https://gw",
      async () => "t",
      fetchAnswering(200, caseRecord({ caseNumber: "B999999999" })).fn
    );
    await expect(other.fetchCase("B012345678")).resolves.toMatchObject({ reason: "server" });
  });

  it("no silent token: no call, and the reason is sign-in", async () => {
    const f = fetchAnswering(200, caseRecord());
    const source = gatewayCaseSource("https://gw", async () => null, f.fn);
    await expect(source.fetchCase("B012345678")).resolves.toEqual({
      kind: "unavailable",
      reason: "sign-in",
    });
    expect(f.calls).toEqual([]);
  });

  it("a network failure is reported as such", async () => {
    const source = gatewayCaseSource(
      "https://gw",
      async () => "t",
      async () => {
        throw new TypeError("fetch failed");
      }
    );
    await expect(source.fetchCase("B012345678")).resolves.toEqual({
      kind: "unavailable",
      reason: "network",
    });
  });
});

describe("the read-receipt probe (Graph on the saved draft)", () => {
  it("reads the flag with a Graph token", async () => {
    const f = fetchAnswering(200, { isReadReceiptRequested: true });
    const probe = graphReadReceiptProbe(
      async () => "rest-id/1",
      async () => "g",
      f.fn
    );
    await expect(probe.isReadReceiptRequested()).resolves.toBe(true);
    expect(f.calls[0]?.url).toBe(
      "https://graph.microsoft.com/v1.0/me/messages/rest-id%2F1?$select=isReadReceiptRequested"
    );
  });

  it("without a silent token it neither saves the draft nor calls Graph", async () => {
    let saves = 0;
    const f = fetchAnswering(200, { isReadReceiptRequested: true });
    const probe = graphReadReceiptProbe(
      async () => {
        saves++;
        return "id";
      },
      async () => null,
      f.fn
    );
    await expect(probe.isReadReceiptRequested()).resolves.toBeNull();
    expect(saves).toBe(0);
    expect(f.calls).toEqual([]);
  });

  it.each([
    ["an error status", 500, {}],
    ["a wrong shape", 200, { isReadReceiptRequested: "yes" }],
  ])("is unknown on %s", async (_n, status, body) => {
    const probe = graphReadReceiptProbe(
      async () => "id",
      async () => "g",
      fetchAnswering(status, body).fn
    );
    await expect(probe.isReadReceiptRequested()).resolves.toBeNull();
  });
});

describe("correlation references where Web Crypto is missing", () => {
  it("still have the cm-<uuid v4> shape", () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, "crypto");
    Object.defineProperty(globalThis, "crypto", { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 200 }, () => newCorrelationId()));
      expect(ids.size).toBe(200);
      for (const id of ids) expect(isCorrelationRef(id)).toBe(true);
    } finally {
      if (saved) Object.defineProperty(globalThis, "crypto", saved);
    }
  });
});
