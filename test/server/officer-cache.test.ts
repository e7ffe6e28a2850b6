/** An officer's offices are cached briefly; a membership change applies once the entry expires. */
import { importOfficer } from "../../src/server/seed/case-import";
import { api, startTestGateway, type TestGateway } from "./helpers/gateway-harness";

describe("officer cache", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway("sqlite", { officerCacheMs: 300 });
  });
  afterAll(async () => {
    await gw?.dispose();
  });

  it("serves the cached offices until they expire, then the new membership", async () => {
    const token = await gw.mintToken({ officerId: "officer-a" });
    const offices = async () =>
      (await api<{ offices: string[] }>(gw, "GET", "/api/v1/me", { token })).body.offices;
    expect(await offices()).toEqual(["office-east"]);
    await gw.db.transaction((tx) =>
      importOfficer(tx, { id: "officer-a", displayName: "Officer A", offices: ["office-west"] })
    );
    expect(await offices()).toEqual(["office-east"]);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await offices()).toEqual(["office-west"]);
  });

  it("never caches an unknown officer", async () => {
    const token = await gw.mintToken({ officerId: "officer-new" });
    expect((await api(gw, "GET", "/api/v1/me", { token })).status).toBe(403);
    await gw.db.transaction((tx) =>
      importOfficer(tx, { id: "officer-new", displayName: "New", offices: ["office-east"] })
    );
    expect((await api(gw, "GET", "/api/v1/me", { token })).status).toBe(200);
  });
});
