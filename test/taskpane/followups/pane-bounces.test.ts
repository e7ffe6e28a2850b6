/**
 * @jest-environment node
 */
/**
 * The Bounces queue's service (F4, R10) on the REAL gateway (SQLite, and PostgreSQL where
 * DATABASE_URL is set) and the simulated Graph: real delivery reports from the fixtures, rewritten
 * to name a correspondence recorded at the gateway, tied by `x-casemail-ref`, by Message-ID and by
 * subject and date; untied reports kept; a second scan records nothing; the resend and post steps
 * write R10's note in the case's language; a gateway failure mid-scan loses and doubles nothing.
 * Only the new message form (Office.js) is replaced, by a recorder.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { staticTokenProvider } from "../../../src/auth/token-provider";
import { bounceNote } from "../../../src/domain/notes";
import { createGatewayClient, type GatewayClient } from "../../../src/gateway/client";
import type { CaseResource } from "../../../src/gateway/contract";
import { GatewayError } from "../../../src/gateway/errors";
import { GraphClient, GraphError } from "../../../src/graph/graph-client";
import { demoCases } from "../../../src/server/seed/demo-data";
import { importCase } from "../../../src/server/seed/case-import";
import {
  createPaneBounces,
  type PaneBounces,
  type ResendMessage,
} from "../../../src/taskpane/followups/pane-bounces";
import { startSimulatedGraph, type SimulatedGraph } from "../../../src/workbench/simulated-graph";
import { startFaultProxy, type FaultProxy } from "../../gateway/fault-proxy";
import { engines } from "../../gateway/real-gateway";
import {
  addinId,
  bounceBack,
  dropReport,
  fixturesDir,
  rewrittenReport,
  sendCase,
} from "./bounce-world";

jest.setTimeout(120_000);

const sha256Hex = async (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const minutes = (n: number) => n * 60 * 1000;
const fast = { sleep: async () => undefined, random: () => 0.5, now: () => Date.now() };

for (const engine of engines()) {
  (engine.available ? describe : describe.skip)(`Bounces queue (${engine.name})`, () => {
    let gw: Awaited<ReturnType<typeof engine.start>>;
    let client: GatewayClient;
    let graph: SimulatedGraph;
    let opened: ResendMessage[];

    beforeAll(async () => {
      gw = await engine.start();
      const token = await gw.mintToken({ officerId: "officer-a" });
      client = createGatewayClient({
        baseUrl: gw.url,
        tokenProvider: staticTokenProvider({ gateway: token }),
        timeoutMs: 10_000,
        retryEnvironment: fast,
      });
    });
    afterAll(async () => {
      await gw?.cleanup();
    });
    beforeEach(async () => {
      graph = await startSimulatedGraph();
      opened = [];
    });
    afterEach(() => graph.close());

    function service(gateway: GatewayClient = client): PaneBounces {
      return createPaneBounces({
        gateway,
        graph: new GraphClient({
          tokenProvider: staticTokenProvider({ graph: "dev-token" }),
          addinId,
          baseUrl: graph.url,
          retryEnvironment: fast,
        }),
        openNewMessage: (message) => void opened.push(message),
        sha256Hex,
        timeZone: "America/Toronto",
      });
    }

    const bouncesOf = async (caseNumber: string, correspondenceId: string) =>
      (await client.listCaseBounces(caseNumber)).filter(
        (b) => b.correspondenceId === correspondenceId
      );

    test("ties by x-casemail-ref, records the bounce with its status, and sets the status bounced", async () => {
      const sent = await sendCase(client, graph, {
        caseNumber: "B000100001",
        to: "alex.sample@example.com",
        language: "en",
      });
      const received = new Date(sent.sentAt.getTime() + minutes(3));
      await bounceBack(graph, sent, { receivedAt: received });
      const rows = (await service().scan()).rows;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        address: "alex.sample@example.com",
        status: "5.1.1",
        permanent: true,
        reason: "userunknown",
        receivedAt: received.toISOString(),
        tie: { correspondenceId: sent.correspondence.id, caseNumber: "B000100001", by: "ref" },
        // The bounced address is the current one: R10 says post.
        step: { action: "post" },
        done: false,
      });
      const recorded = await bouncesOf("B000100001", sent.correspondence.id);
      expect(recorded).toEqual([
        expect.objectContaining({
          address: "alex.sample@example.com",
          statusCode: "5.1.1",
          permanent: true,
          recordedBy: "officer-a",
        }),
      ]);
      expect(Date.parse(recorded[0]!.occurredAt)).toBe(received.getTime());
      expect((await client.getCorrespondence(sent.correspondence.id)).status).toBe("bounced");
    });

    test("ties by Message-ID through the sent item's correlation property", async () => {
      const sent = await sendCase(client, graph, {
        caseNumber: "B000100001",
        to: "alex.sample@example.com",
        language: "en",
      });
      dropReport(
        graph,
        await rewrittenReport("lhost-office365-01.eml", {
          address: "alex.sample@example.com",
          messageId: sent.messageId,
        }),
        new Date(sent.sentAt.getTime() + minutes(1))
      );
      const rows = (await service().scan()).rows;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        status: "5.1.10",
        permanent: true,
        tie: { correspondenceId: sent.correspondence.id, by: "message-id" },
      });
      expect(await bouncesOf("B000100001", sent.correspondence.id)).toHaveLength(1);
      const searched = graph.requests.filter((r) => r.path.endsWith("/sentitems/messages"));
      expect(searched.length).toBeGreaterThan(0);
    });

    test("ties by subject and date when the report returned neither reference nor Message-ID", async () => {
      const sent = await sendCase(client, graph, {
        caseNumber: "B000100001",
        to: "alex.sample@example.com",
        language: "en",
        subject: "Interview invitation B000100001",
        // Whole seconds, as the Date header has them: the report's date is exactly this.
        sentAt: new Date(Math.floor((Date.now() - minutes(40)) / 1000) * 1000),
      });
      // The same subject a day earlier (outside the window) and 30 minutes later (inside it,
      // but further from the report's date).
      for (const offset of [-24 * 60, 30]) {
        await sendCase(client, graph, {
          caseNumber: "B000100001",
          to: "alex.sample@example.com",
          language: "en",
          subject: "Interview invitation B000100001",
          sentAt: new Date(sent.sentAt.getTime() + minutes(offset)),
        });
      }
      dropReport(
        graph,
        await rewrittenReport("lhost-gmail-01.eml", {
          address: "alex.sample@example.com",
          messageId: null,
          subject: sent.subject,
          date: sent.sentAt.toUTCString(),
        }),
        new Date(sent.sentAt.getTime() + minutes(2))
      );
      const rows = (await service().scan()).rows;
      expect(rows).toHaveLength(1);
      expect(rows[0]?.tie).toEqual({
        correspondenceId: sent.correspondence.id,
        caseNumber: "B000100001",
        by: "subject",
      });
      expect(await bouncesOf("B000100001", sent.correspondence.id)).toHaveLength(1);
    });

    test("a report that cannot be tied is listed with its address and status, and recorded nowhere", async () => {
      const before = (await client.listCaseBounces("B000100001")).length;
      dropReport(
        graph,
        await rewrittenReport("lhost-postfix-04.eml", {
          address: "someone.else@example.com",
          messageId: "<not-ours@elsewhere.example>",
        }),
        new Date(Date.now() - minutes(5))
      );
      // A delay and a read receipt are not bounces: no row.
      dropReport(
        graph,
        new Uint8Array(readFileSync(path.join(fixturesDir, "rfc3464-07.eml"))),
        new Date(Date.now() - minutes(4)),
        "REPORT.IPM.Note.DELAYED"
      );
      const rows = (await service().scan()).rows;
      expect(rows).toEqual([
        expect.objectContaining({
          address: "someone.else@example.com",
          status: "5.1.1",
          tie: null,
          step: null,
          done: false,
          originalSubject: "TEST",
        }),
      ]);
      expect(await client.listCaseBounces("B000100001")).toHaveLength(before);
    });

    test("scanning again records nothing new, from this pane or a fresh one", async () => {
      const sent = await sendCase(client, graph, {
        caseNumber: "B000100001",
        to: "alex.sample@example.com",
        language: "en",
      });
      await bounceBack(graph, sent);
      const pane = service();
      const first = (await pane.scan()).rows;
      const second = (await pane.scan()).rows;
      const third = (await service().scan()).rows;
      expect(second).toEqual(first);
      expect(third).toEqual(first);
      expect(await bouncesOf("B000100001", sent.correspondence.id)).toHaveLength(1);
    });

    test("post required (English case): the R10 post note, then the row is done for every pane", async () => {
      const sent = await sendCase(client, graph, {
        caseNumber: "B000100007",
        to: "morgan.specimen@example.org",
        language: "en",
        sentAt: new Date("2026-12-03T15:30:00Z"),
      });
      await bounceBack(graph, sent, { receivedAt: new Date(Date.now() - minutes(10)) });
      const pane = service();
      const [row] = (await pane.scan()).rows;
      expect(row?.step).toEqual({ action: "post" });
      expect(await pane.act(row!)).toEqual({ action: "post" });
      const notes = (await client.listCaseNotes("B000100007")).filter(
        (n) => n.kind === "bounce" && n.correspondenceId === sent.correspondence.id
      );
      expect(notes).toHaveLength(1);
      expect(notes[0]?.text).toBe(
        bounceNote(
          {
            sentOn: "2026-12-03",
            bounced: "morgan.specimen@example.org",
            step: { action: "post" },
          },
          "en"
        )
      );
      expect(notes[0]?.text).toContain("December 3, 2026");
      expect(notes[0]?.text).toContain("(post)");
      expect(opened).toEqual([]);
      const [again] = (await service().scan()).rows;
      expect(again?.done).toBe(true);
      // Pressing it again (another pane still showing the old state) adds no second note.
      expect(await service().act(row!)).toEqual({ action: "already-done" });
      expect(
        (await client.listCaseNotes("B000100007")).filter(
          (n) => n.kind === "bounce" && n.correspondenceId === sent.correspondence.id
        )
      ).toHaveLength(1);
    });

    test("post required (French case): the note is in French", async () => {
      const sent = await sendCase(client, graph, {
        caseNumber: "B000100002",
        to: "camille.exemple@example.net",
        language: "fr",
        subject: "Demande de documents B000100002",
        sentAt: new Date("2026-12-02T14:00:00Z"),
      });
      await bounceBack(graph, sent, {
        fixture: "lhost-gmail-01.eml",
        receivedAt: new Date(Date.now() - minutes(10)),
      });
      const pane = service();
      const [row] = (await pane.scan()).rows;
      await pane.act(row!);
      const [note] = (await client.listCaseNotes("B000100002")).filter(
        (n) => n.kind === "bounce" && n.correspondenceId === sent.correspondence.id
      );
      expect(note?.text).toContain("Le courriel envoyé le 2 décembre 2026");
      expect(note?.text).toContain("camille.exemple@example.net");
      expect(note?.text).toContain("(la poste)");
    });

    test("resend: the address changed since the send; the new form gets the current address and the original subject and body", async () => {
      const demo = demoCases.find((c) => c.record.caseNumber === "B000100012")!.record;
      const sent = await sendCase(client, graph, {
        caseNumber: "B000100012",
        to: "jamie.trial@example.com",
        language: "en",
        subject: "Request for documents B000100012",
        sentAt: new Date("2026-12-01T16:00:00Z"),
      });
      // The applicant gave a new address after the message left.
      const changed: CaseResource = {
        ...demo,
        addresses: [
          { ...demo.addresses[0]!, supersededAt: "2026-12-02T09:00:00.000Z" },
          {
            email: "jamie.new@example.net",
            consent: "applicant-initiated",
            recordedAt: "2026-12-02T09:00:00.000Z",
            supersededAt: null,
          },
        ],
      };
      await gw.db.transaction((tx) => importCase(tx, changed));
      await bounceBack(graph, sent, {
        fixture: "lhost-office365-01.eml",
        receivedAt: new Date(Date.now() - minutes(10)),
      });
      const pane = service();
      const [row] = (await pane.scan()).rows;
      expect(row?.step).toEqual({ action: "resend", to: "jamie.new@example.net" });
      const result = await pane.act(row!);
      expect(result).toEqual({
        action: "resend",
        to: "jamie.new@example.net",
        subject: "Request for documents B000100012",
        bodyFound: true,
      });
      expect(opened).toHaveLength(1);
      expect(opened[0]?.to).toEqual([
        { address: "jamie.new@example.net", displayName: "jamie.new@example.net" },
      ]);
      expect(opened[0]?.subject).toBe("Request for documents B000100012");
      // The plain-text sent copy, escaped as HTML with its line breaks.
      expect(opened[0]?.htmlBody).toContain("Please send the documents listed below.<br>");
      expect(opened[0]?.htmlBody).toContain("&lt;passport&gt; &amp; &lt;photos&gt;");
      const [note] = (await client.listCaseNotes("B000100012")).filter(
        (n) => n.kind === "bounce" && n.correspondenceId === sent.correspondence.id
      );
      expect(note?.text).toBe(
        bounceNote(
          {
            sentOn: "2026-12-01",
            bounced: "jamie.trial@example.com",
            step: { action: "resend", to: "jamie.new@example.net" },
          },
          "en"
        )
      );
      expect(note?.text).toContain("jamie.new@example.net");
      expect((await service().scan()).rows[0]?.done).toBe(true);
      // A second press (a stale row in another pane) neither notes nor opens anything again.
      expect(await service().act(row!)).toEqual({ action: "already-done" });
      expect(opened).toHaveLength(1);
    });

    test("an office's mailbox Graph refuses is named, and the others' reports still listed", async () => {
      const sent = await sendCase(client, graph, {
        caseNumber: "B000100001",
        to: "alex.sample@example.com",
        language: "en",
      });
      await bounceBack(graph, sent);
      const real = new GraphClient({
        tokenProvider: staticTokenProvider({ graph: "dev-token" }),
        addinId,
        baseUrl: graph.url,
        retryEnvironment: fast,
      });
      // The supervisor belongs to both offices; Graph refuses the western office's mailbox.
      const supervisor = createGatewayClient({
        baseUrl: gw.url,
        tokenProvider: staticTokenProvider({
          gateway: await gw.mintToken({ officerId: "officer-supervisor" }),
        }),
        retryEnvironment: fast,
      });
      const refusing = {
        listDeliveryReports: async (box: string, o?: { receivedAfter?: string }) => {
          if (box === "casework.west@example.org") throw new GraphError("forbidden", 403);
          return real.listDeliveryReports(box, o);
        },
        getMime: real.getMime.bind(real),
        findSentItemByInternetMessageId: real.findSentItemByInternetMessageId.bind(real),
        findSentItemsBySubject: real.findSentItemsBySubject.bind(real),
        findCaseLinkedSentItems: real.findCaseLinkedSentItems.bind(real),
      };
      const make = (g: typeof refusing | GraphClient) =>
        createPaneBounces({
          gateway: supervisor,
          graph: g,
          openNewMessage: () => undefined,
          sha256Hex,
          timeZone: "America/Toronto",
        });
      const scan = await make(refusing).scan();
      expect(scan.unreadable).toEqual([
        { mailbox: "casework.west@example.org", code: "forbidden" },
      ]);
      expect(scan.rows.map((r) => r.tie?.correspondenceId)).toEqual([sent.correspondence.id]);
      // Every mailbox refused: the scan fails with Graph's error rather than looking empty.
      const none = {
        ...refusing,
        listDeliveryReports: async () => Promise.reject(new GraphError("forbidden", 403)),
      };
      await expect(make(none).scan()).rejects.toMatchObject({ kind: "forbidden" });
    });

    test("gateway down mid-scan: a clear error; after recovery nothing is recorded twice", async () => {
      const sent = await sendCase(client, graph, {
        caseNumber: "B000100001",
        to: "alex.sample@example.com",
        language: "en",
      });
      await bounceBack(graph, sent);
      let down = false;
      // The bounce is stored, its answer is lost, and the gateway is then unreachable.
      const proxy: FaultProxy = await startFaultProxy(gw.url, (req) => {
        if (down) return { kind: "fail", status: 503 };
        if (req.method === "POST" && req.url.endsWith("/bounces")) {
          down = true;
          return { kind: "drop-response" };
        }
        return { kind: "pass" };
      });
      try {
        const token = await gw.mintToken({ officerId: "officer-a" });
        const flaky = createGatewayClient({
          baseUrl: proxy.url,
          tokenProvider: staticTokenProvider({ gateway: token }),
          timeoutMs: 5_000,
          retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
          retryEnvironment: fast,
        });
        const pane = service(flaky);
        const failure = await pane.scan().then(
          () => null,
          (error: unknown) => error
        );
        expect(failure).toBeInstanceOf(GatewayError);
        expect((failure as GatewayError).kind).toBe("server");
        await proxy.idle();
        expect(await bouncesOf("B000100001", sent.correspondence.id)).toHaveLength(1);
        down = false;
        proxy.setPlan(() => ({ kind: "pass" }));
        const rows = (await pane.scan()).rows;
        expect(rows[0]?.tie?.correspondenceId).toBe(sent.correspondence.id);
        expect(await bouncesOf("B000100001", sent.correspondence.id)).toHaveLength(1);
      } finally {
        await proxy.close();
      }
    });
  });
}
