/**
 * The client against the REAL reference gateway (startGateway on a random loopback port; SQLite in
 * a temporary folder, and PostgreSQL when DATABASE_URL is set), first directly, then through the
 * fault proxy: failures, stalls, lost answers and connections dropped mid-upload must still end
 * with exactly one e-document per correspondence, checked in the gateway's own store.
 */
import { createHash, randomUUID } from "node:crypto";
import { staticTokenProvider } from "../../src/auth/token-provider";
import { createGatewayClient, type GatewayClient } from "../../src/gateway/client";
import { eDocumentMaxBytes, type CreateCorrespondenceRequest } from "../../src/gateway/contract";
import { GatewayError } from "../../src/gateway/errors";
import { perOperationPlan, startFaultProxy, type Fault, type FaultProxy } from "./fault-proxy";
import { buildMsg } from "./msg-body";
import { engines } from "./real-gateway";

jest.setTimeout(120_000);

const eastCase = "B000100001";
const eastRecipient = "alex.sample@example.com";
const westCase = "B000100006";

const newId = () => `corr-${randomUUID()}`;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const pending = (id: string): CreateCorrespondenceRequest => ({
  id,
  caseNumber: eastCase,
  purpose: "documents",
  deadline: "2027-02-01",
  expectedRecipient: eastRecipient,
  language: "en",
  subject: "Request for documents",
});

const sending = {
  sentAt: "2026-12-04T10:00:00Z",
  from: "casework.east@example.org",
  to: [eastRecipient],
  subject: "Request for documents",
};

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error("expected a GatewayError, the call succeeded");
}

for (const engine of engines()) {
  (engine.available ? describe : describe.skip)(
    `client against the real gateway (${engine.name})`,
    () => {
      let gw: Awaited<ReturnType<typeof engine.start>>;
      let token: string;
      let client: GatewayClient;

      beforeAll(async () => {
        gw = await engine.start();
        token = await gw.mintToken({ officerId: "officer-a" });
        client = createGatewayClient({
          baseUrl: gw.url,
          tokenProvider: staticTokenProvider({ gateway: token }),
          timeoutMs: 10_000,
        });
      });
      afterAll(async () => {
        await gw?.cleanup();
      });

      it("reads health, the officer and a case of their office", async () => {
        expect(await client.health()).toEqual({ status: "ok", storage: engine.name });
        expect((await client.me()).offices).toEqual(["office-east"]);
        const record = await client.getCase(eastCase);
        expect(record.caseNumber).toBe(eastCase);
        expect(record.addresses.map((a) => a.email)).toContain(eastRecipient);
      });

      it("files a message end to end: pending, sent, e-document, proof", async () => {
        const id = newId();
        const created = await client.recordPendingCorrespondence(pending(id));
        expect(created.status).toBe("pending");
        expect((await client.listPendingFiling()).map((c) => c.id)).toContain(id);

        expect((await client.recordSending(id, sending)).status).toBe("sent");
        const msg = buildMsg(200_000, id);
        const filed = await client.uploadEDocument(id, msg);
        expect(filed.status).toBe("filed");
        expect(filed.via).toEqual({ method: "email", address: eastRecipient });
        expect(filed.eDocument?.sha256).toBe(sha256(msg));
        expect(filed.eDocument?.size).toBe(msg.length);

        const back = await client.getEDocument(id);
        expect(Buffer.from(back).equals(Buffer.from(msg))).toBe(true);

        const proof = await client.getProof(id);
        expect(proof.correspondence.id).toBe(id);
        expect(proof.sentToLatestAddress).toBe(true);
        expect(proof.bounced).toBe(false);
        expect((await client.listPendingFiling()).map((c) => c.id)).not.toContain(id);
      });

      it("records notes, print tasks and bounces", async () => {
        const id = newId();
        await client.recordPendingCorrespondence(pending(id));
        await client.recordSending(id, sending);
        const task = await client.createPrintTask(id, { size: 5 * 1024 * 1024 });
        expect(task.correspondenceId).toBe(id);
        expect((await client.getCorrespondence(id)).status).toBe("print-required");
        expect((await client.listPrintTasks()).map((t) => t.id)).toContain(task.id);

        const note = await client.addNote(eastCase, {
          kind: "print-to-file",
          text: "Printed and put on file <b>verbatim</b>'; DROP TABLE notes; --",
          correspondenceId: id,
        });
        expect(note.text).toBe("Printed and put on file <b>verbatim</b>'; DROP TABLE notes; --");
        expect((await client.listCaseNotes(eastCase)).map((n) => n.id)).toContain(note.id);

        const bounce = await client.recordBounce(id, {
          address: eastRecipient,
          occurredAt: "2026-12-04T11:00:00Z",
          permanent: true,
          statusCode: "5.1.1",
        });
        expect(bounce.correspondenceId).toBe(id);
        expect((await client.getProof(id)).bounced).toBe(true);
      });

      it("replays a creating call with the same key, and refuses the key for another body", async () => {
        const id = newId();
        const key = `test-${randomUUID()}`;
        const first = await client.recordPendingCorrespondence(pending(id), {
          idempotencyKey: key,
        });
        const again = await client.recordPendingCorrespondence(pending(id), {
          idempotencyKey: key,
        });
        expect(again).toEqual(first);
        const error = await failure(
          client.recordPendingCorrespondence(pending(newId()), { idempotencyKey: key })
        );
        expect(error.kind).toBe("idempotency-mismatch");
        expect(error.status).toBe(422);
      });

      it("maps the gateway's refusals to typed errors", async () => {
        expect((await failure(client.getCase("B999999999"))).kind).toBe("not-found");
        expect(["forbidden", "not-found"]).toContain(
          (await failure(client.getCase(westCase))).kind
        );

        const id = newId();
        await client.recordPendingCorrespondence(pending(id));
        // Upload before the sending is known: the state refuses it.
        expect((await failure(client.uploadEDocument(id, buildMsg(4096, id)))).kind).toBe(
          "conflict"
        );
        await client.recordSending(id, sending);
        const notMsg = new TextEncoder().encode("plain text, not a compound file ".repeat(100));
        expect((await failure(client.uploadEDocument(id, notMsg))).kind).toBe("unsupported");

        const unlimited = createGatewayClient({
          baseUrl: gw.url,
          tokenProvider: staticTokenProvider({ gateway: token }),
          maxUploadBytes: Number.POSITIVE_INFINITY,
        });
        const tooBig = await failure(
          unlimited.uploadEDocument(id, buildMsg(eDocumentMaxBytes + 4096, id))
        );
        expect(tooBig.kind).toBe("too-large");
        expect(tooBig.status).toBe(413);

        const stranger = createGatewayClient({
          baseUrl: gw.url,
          tokenProvider: staticTokenProvider({ gateway: `${token.slice(0, -4)}AAAA` }),
        });
        expect((await failure(stranger.getCase(eastCase))).kind).toBe("unauthorized");
        // Nothing was stored by the refused uploads.
        expect((await client.getCorrespondence(id)).eDocument).toBeNull();
      });

      describe("through the fault proxy", () => {
        let proxy: FaultProxy;
        let faulty: GatewayClient;
        const retries: string[] = [];

        beforeAll(async () => {
          proxy = await startFaultProxy(gw.url, () => ({ kind: "pass" }));
          faulty = createGatewayClient({
            baseUrl: proxy.url,
            tokenProvider: staticTokenProvider({ gateway: token }),
            timeoutMs: 1_200,
            retry: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 200 },
            onRetry: ({ kind, attempt, operation }) =>
              retries.push(`${operation}#${attempt}:${kind}`),
          });
        });
        afterAll(async () => {
          await proxy?.close();
        });

        /** Each operation meets some of these in turn (rotating by operation), then gets through. */
        const faults: Fault[] = [
          { kind: "fail", status: 503, retryAfter: "0" },
          { kind: "drop-upload", afterBytes: 256 * 1024 },
          { kind: "drop-response" },
          { kind: "stall-response", ms: 1_800 },
          { kind: "fail", status: 500 },
          { kind: "delay-request", ms: 1_500 },
          { kind: "drop-upload", afterBytes: 1 },
          { kind: "fail", status: 429, retryAfter: "0" },
          { kind: "drop-response" },
        ];
        const rotate = (i: number, n: number) =>
          Array.from({ length: n }, (_, k) => faults[(i + k) % faults.length] as Fault);

        it("ends with exactly one e-document per correspondence after fails, stalls and drops", async () => {
          const count = 12;
          const ids = Array.from({ length: count }, newId);
          for (const id of ids) {
            await client.recordPendingCorrespondence(pending(id));
            await client.recordSending(id, sending);
          }
          const bodies = new Map(ids.map((id) => [id, buildMsg(1024 * 1024, id)]));
          proxy.setPlan(perOperationPlan((i) => rotate(i, 3)));

          // Four officers' panes filing at once.
          const queue = [...ids];
          const results = new Map<string, string>();
          await Promise.all(
            Array.from({ length: 4 }, async () => {
              for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
                const filed = await faulty.uploadEDocument(id, bodies.get(id) as Uint8Array);
                results.set(id, filed.status);
              }
            })
          );
          await proxy.idle();
          proxy.setPlan(() => ({ kind: "pass" }));

          // Every fault kind was met, and the client retried through them.
          const met = new Set(proxy.log.filter((l) => l.method === "PUT").map((l) => l.fault));
          expect([...met].sort()).toEqual([
            "delay-request",
            "drop-response",
            "drop-upload",
            "fail",
            "pass",
            "stall-response",
          ]);
          expect(retries.filter((r) => r.startsWith("putEDocument")).length).toBeGreaterThanOrEqual(
            3 * count
          );
          expect([...results.values()].every((s) => s === "filed")).toBe(true);

          // In the gateway's store: one e-document row per correspondence, with the bytes sent,
          // one filing entry in the audit log each, and the status filed.
          const placeholders = ids.map((_, i) => `$${i + 1}`).join(", ");
          const docs = await gw.db.query<{
            correspondence_id: string;
            sha256: string;
            size: number;
          }>(
            `SELECT correspondence_id, sha256, size FROM e_documents
           WHERE correspondence_id IN (${placeholders})`,
            ids
          );
          expect(docs).toHaveLength(count);
          for (const doc of docs) {
            const bytes = bodies.get(doc.correspondence_id) as Uint8Array;
            expect(doc.sha256).toBe(sha256(bytes));
            expect(Number(doc.size)).toBe(bytes.length);
          }
          const audits = await gw.db.query<{ entity_id: string; n: number | string }>(
            `SELECT entity_id, COUNT(*) AS n FROM audit_log
           WHERE action = 'e-document.file' AND entity_id IN (${placeholders})
           GROUP BY entity_id`,
            ids
          );
          expect(audits).toHaveLength(count);
          expect(audits.every((a) => Number(a.n) === 1)).toBe(true);
          for (const id of ids) {
            const stored = await client.getCorrespondence(id);
            expect(stored.status).toBe("filed");
            expect(stored.eDocument?.sha256).toBe(sha256(bodies.get(id) as Uint8Array));
          }
        });

        it("files the whole chain once when every kind of request meets faults", async () => {
          const ids = Array.from({ length: 6 }, newId);
          // Every creating call (pending, sending, upload, note) meets two faults, then passes.
          proxy.setPlan(perOperationPlan((i) => rotate(i, 2)));
          await Promise.all(
            ids.map(async (id) => {
              await faulty.recordPendingCorrespondence(pending(id));
              await faulty.recordSending(id, sending);
              await faulty.uploadEDocument(id, buildMsg(300_000, id));
              await faulty.addNote(eastCase, {
                kind: "general",
                text: `filed ${id}`,
                correspondenceId: id,
              });
            })
          );
          await proxy.idle();
          proxy.setPlan(() => ({ kind: "pass" }));

          const placeholders = ids.map((_, i) => `$${i + 1}`).join(", ");
          const created = await gw.db.query<{ id: string }>(
            `SELECT id FROM correspondence WHERE id IN (${placeholders})`,
            ids
          );
          expect(created).toHaveLength(ids.length);
          const actions = await gw.db.query<{ action: string; n: number | string }>(
            `SELECT action, COUNT(*) AS n FROM audit_log
           WHERE entity_id IN (${placeholders}) GROUP BY action ORDER BY action`,
            ids
          );
          expect(actions.map((a) => [a.action, Number(a.n)])).toEqual([
            ["correspondence.create", ids.length],
            ["correspondence.sent", ids.length],
            ["e-document.file", ids.length],
          ]);
          const notes = await gw.db.query<{ correspondence_id: string; n: number | string }>(
            `SELECT correspondence_id, COUNT(*) AS n FROM notes
           WHERE correspondence_id IN (${placeholders}) GROUP BY correspondence_id`,
            ids
          );
          expect(notes).toHaveLength(ids.length);
          expect(notes.every((r) => Number(r.n) === 1)).toBe(true);
        });
      });
    }
  );
}
