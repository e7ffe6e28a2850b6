/** The adapter seam (`onChange`) and the pruning of old idempotency keys. */
import type { Correspondence } from "../../src/gateway/contract";
import { api, correlationId, startTestGateway, type TestGateway } from "./helpers/gateway-harness";

describe("onChange adapter hook", () => {
  let gw: TestGateway;
  const changes: [string, unknown][] = [];
  let failNext = false;

  beforeAll(async () => {
    gw = await startTestGateway("sqlite", {
      onChange: (operationId, body) => {
        changes.push([operationId, body]);
        if (failNext) {
          failNext = false;
          throw new Error("case system down");
        }
      },
    });
  });
  afterAll(async () => {
    await gw?.dispose();
  });

  const create = (id: string, key: string) =>
    api<Correspondence>(gw, "POST", "/api/v1/correspondence", {
      token: tokenA,
      idempotencyKey: key,
      body: {
        id,
        caseNumber: "B000100001",
        purpose: "general",
        deadline: null,
        expectedRecipient: "alex.sample@example.com",
        language: "en",
      },
    });
  let tokenA = "";

  it("is told of each committed change once, not of replays or reads", async () => {
    tokenA = await gw.mintToken({ officerId: "officer-a" });
    const id = correlationId();
    await create(id, `hook-${id}`);
    await create(id, `hook-${id}`);
    await api(gw, "GET", `/api/v1/correspondence/${id}`, { token: tokenA });
    expect(changes.map(([op]) => op)).toEqual(["createCorrespondence"]);
    expect(changes[0]?.[1]).toMatchObject({ id, status: "pending" });
  });

  it("does not turn an adapter failure into a failed request", async () => {
    failNext = true;
    const id = correlationId();
    const res = await create(id, `hook-${id}`);
    expect(res.status).toBe(201);
    const stored = await api(gw, "GET", `/api/v1/correspondence/${id}`, { token: tokenA });
    expect(stored.status).toBe(200);
  });

  it("prunes idempotency keys past their retention, and only those", async () => {
    const before = await gw.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM idempotency_keys");
    expect(Number(before[0]?.n)).toBeGreaterThan(0);
    expect(await gw.service.pruneIdempotencyKeys(1)).toBe(0);
    const later = new Date(Date.now() + 2 * 3_600_000);
    expect(await gw.service.pruneIdempotencyKeys(1, later)).toBe(Number(before[0]?.n));
  });
});
