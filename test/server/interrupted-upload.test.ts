/**
 * A connection dropped mid-upload stores nothing and claims no idempotency key: the retry under the
 * same key files the message, once.
 */
import { request } from "node:http";
import type { Correspondence } from "../../src/gateway/contract";
import {
  api,
  contentDigest,
  makeMsg,
  sentCorrespondence,
  startTestGateway,
  type TestGateway,
} from "./helpers/gateway-harness";

describe("interrupted e-document upload", () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway("sqlite");
  });
  afterAll(async () => {
    await gw?.dispose();
  });

  it("leaves the correspondence unfiled, and the retry files it once", async () => {
    const token = await gw.mintToken({ officerId: "officer-a" });
    const id = await sentCorrespondence(gw, token, "B000100001", "alex.sample@example.com");
    const msg = makeMsg(1024 * 1024);
    const key = `drop-${id}`;
    const url = new URL(`${gw.url}/api/v1/correspondence/${id}/e-document`);

    await new Promise<void>((resolve) => {
      const req = request(url, {
        method: "PUT",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/vnd.ms-outlook",
          "content-length": String(msg.length),
          "content-digest": contentDigest(msg),
          "idempotency-key": key,
        },
      });
      req.on("error", () => resolve());
      req.on("close", () => resolve());
      req.write(msg.subarray(0, msg.length / 2), () => {
        setTimeout(() => req.destroy(), 50);
      });
    });
    // Give the server a moment to see the reset.
    await new Promise((r) => setTimeout(r, 100));

    const after = await api<Correspondence>(gw, "GET", `/api/v1/correspondence/${id}`, { token });
    expect(after.body).toMatchObject({ status: "sent", eDocument: null });
    const keys = await gw.db.query("SELECT 1 FROM idempotency_keys WHERE idempotency_key = $1", [
      key,
    ]);
    expect(keys).toHaveLength(0);

    const retry = await api<Correspondence>(gw, "PUT", `/api/v1/correspondence/${id}/e-document`, {
      token,
      body: msg,
      idempotencyKey: key,
      headers: { "content-digest": contentDigest(msg) },
    });
    expect(retry.status).toBe(200);
    expect(retry.body.status).toBe("filed");
    const docs = await gw.db.query<{ n: number }>(
      "SELECT COUNT(*) AS n FROM e_documents WHERE correspondence_id = $1",
      [id]
    );
    expect(Number(docs[0]?.n)).toBe(1);
  });
});
