/**
 * F3 under injected faults, end to end on real components: the simulated Graph holds the sent
 * copies, the real `.msg` writer converts them, the real gateway client files them through a
 * fault-injecting proxy into the real reference gateway (SQLite, and PostgreSQL with DATABASE_URL).
 * The assertions read the gateway's own store: every sent message ends filed exactly once, or noted
 * and still pending; never lost, never duplicated.
 */
import "fake-indexeddb/auto";
import { staticTokenProvider } from "../../src/auth/token-provider";
import { FilingQueue } from "../../src/filing/filing-queue";
import { gatewayFiling } from "../../src/filing/gateway-filing";
import type { FilingPorts } from "../../src/filing/filing-pipeline";
import { IndexedDbJobStore, MemoryJobStore, type JobStore } from "../../src/filing/job-store";
import { prepareSentMessage } from "../../src/filing/sent-summary";
import { createGatewayClient } from "../../src/gateway/client";
import { sha256Hex } from "../../src/gateway/digest";
import { customPropertiesId, GraphClient } from "../../src/graph/graph-client";
import { startSimulatedGraph, type SimulatedGraph } from "../../src/workbench/simulated-graph";
import { startFaultProxy, type Fault, type FaultProxy } from "../gateway/fault-proxy";
import { engines } from "../gateway/real-gateway";

jest.setTimeout(60_000);

const addinId = "6f1b1a36-7a5e-4b5e-9d2f-0c2d6f3e9a11";
const mailbox = "casework.east@example.org";
const caseNumber = "B000100001";
const applicant = "alex.sample@example.com";
const noWait = { sleep: async () => undefined, random: () => 0, now: () => Date.now() };

function sentMime(ref: string, n: number): Uint8Array {
  return new TextEncoder().encode(
    [
      `From: Eastern Processing Office <${mailbox}>`,
      `To: Alex Sample <${applicant}>`,
      `Subject: ${caseNumber} Request for documents ${n}`,
      `Date: Tue, 01 Dec 2026 14:${String(n % 60).padStart(2, "0")}:00 +0000`,
      `Message-ID: <filing-${n}@example.org>`,
      `x-casemail-ref: ${ref}`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      `Please send the requested documents by January 15, 2027. (${n})`,
      "",
    ].join("\r\n")
  );
}

for (const engine of engines()) {
  const maybe = engine.available ? describe : describe.skip;
  maybe(`filing under faults (${engine.name})`, () => {
    let gw: Awaited<ReturnType<typeof engine.start>>;
    let proxy: FaultProxy;
    let graph: SimulatedGraph;
    let token: string;

    beforeAll(async () => {
      gw = await engine.start();
      token = await gw.mintToken({ officerId: "officer-a" });
    });
    afterAll(async () => {
      await gw.cleanup();
    });
    beforeEach(async () => {
      proxy = await startFaultProxy(gw.url, () => ({ kind: "pass" }));
      graph = await startSimulatedGraph();
    });
    afterEach(async () => {
      await proxy.idle();
      await proxy.close();
      await graph.close();
    });

    const direct = () =>
      createGatewayClient({
        baseUrl: gw.url,
        tokenProvider: staticTokenProvider({ gateway: token }),
      });

    /** Records `count` pending correspondences and puts their sent copies in the simulated Graph. */
    async function sendMessages(prefix: string, count: number): Promise<string[]> {
      const refs: string[] = [];
      for (let n = 0; n < count; n++) {
        const ref = `cm-${prefix}-${n}-${Date.now().toString(36)}`;
        await direct().recordPendingCorrespondence({
          id: ref,
          caseNumber,
          purpose: "documents",
          deadline: "2027-01-15",
          expectedRecipient: applicant,
          language: "en",
        });
        graph.addMessage(mailbox, {
          folder: "sentitems",
          mime: sentMime(ref, n),
          sentDateTime: "2026-12-01T14:00:00Z",
          receivedDateTime: null,
          internetMessageId: `<filing-${n}@example.org>`,
          extendedProperties: {
            [customPropertiesId(addinId)]: JSON.stringify({ "casemail-ref": ref }),
          },
          isReadReceiptRequested: false,
        });
        refs.push(ref);
      }
      return refs;
    }

    function ports(store: JobStore, timeoutMs = 1_500): FilingPorts {
      const client = createGatewayClient({
        baseUrl: proxy.url,
        tokenProvider: staticTokenProvider({ gateway: token }),
        timeoutMs,
        retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5 },
        retryEnvironment: noWait,
      });
      const graphClient = new GraphClient({
        tokenProvider: staticTokenProvider({ graph: "graph-token" }),
        addinId,
        baseUrl: graph.url,
        retryEnvironment: noWait,
      });
      return {
        fetchMime: (source) =>
          source.kind === "graph"
            ? graphClient.getMime(source.mailbox, source.messageId)
            : Promise.reject(new Error("not in this test")),
        prepare: prepareSentMessage,
        sha256Hex,
        // The notes state the office's time (office-east: Toronto), not the machine's.
        gateway: gatewayFiling({
          client,
          timeZone: (officeId) => (officeId === "office-east" ? "America/Toronto" : "UTC"),
          limitBytes: 4_000_000,
        }),
        store,
        limitBytes: 4_000_000,
        now: () => new Date(),
      };
    }

    async function discover(queue: FilingQueue): Promise<void> {
      const graphClient = new GraphClient({
        tokenProvider: staticTokenProvider({ graph: "graph-token" }),
        addinId,
        baseUrl: graph.url,
        retryEnvironment: noWait,
      });
      const found = await graphClient.findCaseLinkedSentItems(mailbox);
      await queue.add(
        found.map((f) => ({
          ref: f.ref,
          caseNumber,
          source: { kind: "graph", mailbox, messageId: f.id },
        }))
      );
    }

    async function storeCounts(refs: string[]) {
      const counts: Record<string, { eDocuments: number; notes: number; status: string }> = {};
      for (const ref of refs) {
        const docs = await gw.db.query<{ n: number | string }>(
          "SELECT COUNT(*) AS n FROM e_documents WHERE correspondence_id = $1",
          [ref]
        );
        const notes = await gw.db.query<{ n: number | string }>(
          "SELECT COUNT(*) AS n FROM notes WHERE correspondence_id = $1 AND kind = 'fallback-filing'",
          [ref]
        );
        const status = await gw.db.query<{ status: string }>(
          "SELECT status FROM correspondence WHERE id = $1",
          [ref]
        );
        counts[ref] = {
          eDocuments: Number(docs[0]?.n),
          notes: Number(notes[0]?.n),
          status: status[0]?.status ?? "missing",
        };
      }
      return counts;
    }

    it("500s, 429s, dropped uploads, lost and stalled answers: every message filed exactly once", async () => {
      const refs = await sendMessages("mix", 12);
      const faults: Fault[][] = [
        [{ kind: "fail", status: 500 }],
        [{ kind: "fail", status: 429, retryAfter: "0" }],
        [{ kind: "drop-upload", afterBytes: 512 }],
        [{ kind: "drop-response" }],
        [{ kind: "stall-response", ms: 2_500 }],
        [{ kind: "fail", status: 503 }, { kind: "drop-response" }],
      ];
      let i = 0;
      proxy.setPlan((req) => {
        // Script only the uploads; everything else passes.
        if (req.method !== "PUT") return { kind: "pass" };
        const plan = faults[i++ % faults.length] ?? [];
        return plan[0] ?? { kind: "pass" };
      });
      const queue = new FilingQueue(ports(new MemoryJobStore()));
      await discover(queue);
      let results = await queue.fileAll();
      // A job whose every attempt met a fault is noted; the next run files it for real.
      proxy.setPlan(() => ({ kind: "pass" }));
      results = [...results.filter((j) => j.state === "filed"), ...(await queue.fileAll())];
      await proxy.idle();
      expect(new Set(results.filter((j) => j.state === "filed").map((j) => j.ref))).toEqual(
        new Set(refs)
      );
      const counts = await storeCounts(refs);
      for (const ref of refs) {
        expect(counts[ref]).toMatchObject({ eDocuments: 1, status: "filed" });
        expect(counts[ref]?.notes).toBeLessThanOrEqual(1);
      }
    });

    it("R8 gateway refusing every upload: one fallback note each, still pending, then filed once", async () => {
      const refs = await sendMessages("down", 4);
      proxy.setPlan((req) =>
        req.method === "PUT" ? { kind: "fail", status: 503 } : { kind: "pass" }
      );
      const queue = new FilingQueue(ports(new MemoryJobStore()));
      await discover(queue);
      const first = await queue.fileAll();
      expect(first.map((j) => j.state)).toEqual(["noted", "noted", "noted", "noted"]);
      // Another run while still down adds no second note.
      await queue.fileAll();
      let counts = await storeCounts(refs);
      for (const ref of refs)
        expect(counts[ref]).toEqual({ eDocuments: 0, notes: 1, status: "noted" });
      const [note] = await gw.db.query<{ text: string }>(
        "SELECT text FROM notes WHERE correspondence_id = $1 AND kind = 'fallback-filing'",
        [refs[0] ?? ""]
      );
      // Sent 14:00 UTC on December 1: 09:00 in Toronto, with the recipient and the content.
      expect(note?.text).toContain("America/Toronto");
      expect(note?.text).toMatch(/\b0?9:00\b/);
      expect(note?.text).toContain(applicant);
      expect(note?.text).toContain("Please send the requested documents");
      const pending = await direct().listPendingFiling();
      for (const ref of refs) expect(pending.map((c) => c.id)).toContain(ref);

      proxy.setPlan(() => ({ kind: "pass" }));
      const second = await queue.fileAll();
      expect(second.map((j) => j.state)).toEqual(["filed", "filed", "filed", "filed"]);
      counts = await storeCounts(refs);
      for (const ref of refs)
        expect(counts[ref]).toEqual({ eDocuments: 1, notes: 1, status: "filed" });
    });

    it("the pane reloaded mid-upload (gateway committed, answer lost) resumes and files once", async () => {
      const refs = await sendMessages("reload", 3);
      const store = await IndexedDbJobStore.open(`reload-${engine.name}-${Date.now()}`);
      proxy.setPlan((req) => (req.method === "PUT" ? { kind: "drop-response" } : { kind: "pass" }));
      const queue = new FilingQueue(ports(store));
      await discover(queue);
      // Simulate the pane closing right after the upload left: the jobs say "uploading".
      for (const job of await store.list()) await store.put({ ...job, state: "uploading" });
      store.close();

      proxy.setPlan(() => ({ kind: "pass" }));
      const reopened = await IndexedDbJobStore.open(
        (store as unknown as { db: { name: string } }).db.name
      );
      const afterReload = new FilingQueue(ports(reopened));
      expect((await afterReload.jobs()).map((j) => j.state)).toEqual([
        "pending",
        "pending",
        "pending",
      ]);
      const results = await afterReload.fileAll();
      expect(results.map((j) => j.state)).toEqual(["filed", "filed", "filed"]);
      const counts = await storeCounts(refs);
      for (const ref of refs) expect(counts[ref]).toMatchObject({ eDocuments: 1, status: "filed" });
      reopened.close();
    });

    it("two panes filing the same messages at once: still one e-document each", async () => {
      const refs = await sendMessages("twice", 5);
      proxy.setPlan((req) =>
        req.method === "PUT" && req.index % 3 === 0
          ? { kind: "delay-request", ms: 50 }
          : { kind: "pass" }
      );
      const a = new FilingQueue(ports(new MemoryJobStore()));
      const b = new FilingQueue(ports(new MemoryJobStore()));
      await discover(a);
      await discover(b);
      const [ra, rb] = await Promise.all([a.fileAll(), b.fileAll()]);
      await proxy.idle();
      expect([...ra, ...rb].every((j) => j.state === "filed")).toBe(true);
      const counts = await storeCounts(refs);
      for (const ref of refs) expect(counts[ref]).toMatchObject({ eDocuments: 1, status: "filed" });
    });

    it("Graph throttling (429 with Retry-After) delays filing but loses nothing", async () => {
      const refs = await sendMessages("throttle", 3);
      proxy.setPlan(() => ({ kind: "pass" }));
      const queue = new FilingQueue(ports(new MemoryJobStore()));
      await discover(queue);
      graph.throttleNext(3, 1);
      const results = await queue.fileAll();
      expect(results.map((j) => j.state)).toEqual(["filed", "filed", "filed"]);
      const counts = await storeCounts(refs);
      for (const ref of refs) expect(counts[ref]).toMatchObject({ eDocuments: 1, status: "filed" });
    });
  });
}
