import { staticTokenProvider } from "../../src/auth/token-provider";
import {
  customPropertiesId,
  GraphClient,
  GraphError,
  messageClassId,
  refFromCustomProperties,
} from "../../src/graph/graph-client";
import { startSimulatedGraph, type SimulatedGraph } from "../../src/workbench/simulated-graph";

const addinId = "6f1b1a36-7a5e-4b5e-9d2f-0c2d6f3e9a11";
const mime = (n: number) => new TextEncoder().encode(`Subject: message ${n}\r\n\r\nbody ${n}\r\n`);
const noWait = { sleep: async () => undefined, random: () => 0.5, now: () => Date.now() };

describe("Graph client against the simulated Graph", () => {
  let graph: SimulatedGraph;
  let client: GraphClient;

  beforeEach(async () => {
    graph = await startSimulatedGraph();
    client = new GraphClient({
      tokenProvider: staticTokenProvider({ graph: "dev-token" }),
      addinId,
      baseUrl: graph.url,
      retryEnvironment: noWait,
    });
  });
  afterEach(() => graph.close());

  function addSent(
    mailbox: string,
    n: number,
    ref: string | null,
    sentDateTime = "2026-12-01T10:00:00Z"
  ) {
    return graph.addMessage(mailbox, {
      folder: "sentitems",
      mime: mime(n),
      sentDateTime,
      receivedDateTime: null,
      internetMessageId: `<m${n}@example.com>`,
      extendedProperties:
        ref === null
          ? {}
          : { [customPropertiesId(addinId)]: JSON.stringify({ "casemail-ref": ref }) },
      isReadReceiptRequested: false,
    });
  }

  it("finds only sent items with a correlation reference, across pages", async () => {
    for (let n = 0; n < 7; n++) addSent("office-a@example.com", n, `cm-${n}`);
    addSent("office-a@example.com", 99, null);
    const found = await client.findCaseLinkedSentItems("office-a@example.com", { pageSize: 3 });
    expect(found.map((f) => f.ref)).toEqual([
      "cm-0",
      "cm-1",
      "cm-2",
      "cm-3",
      "cm-4",
      "cm-5",
      "cm-6",
    ]);
    expect(found[0]).toMatchObject({
      mailbox: "office-a@example.com",
      internetMessageId: "<m0@example.com>",
    });
    expect(graph.requests.filter((r) => r.path.endsWith("/sentitems/messages"))).toHaveLength(3);
  });

  it("filters by sent date and keeps mailboxes apart", async () => {
    addSent("me", 1, "cm-old", "2026-11-01T10:00:00Z");
    addSent("me", 2, "cm-new", "2026-12-02T10:00:00Z");
    addSent("office-b@example.com", 3, "cm-other");
    const found = await client.findCaseLinkedSentItems("me", { sentAfter: "2026-12-01T00:00:00Z" });
    expect(found.map((f) => f.ref)).toEqual(["cm-new"]);
  });

  it("fetches the MIME bytes unchanged", async () => {
    const id = addSent("me", 5, "cm-5");
    expect(new TextDecoder().decode(await client.getMime("me", id))).toBe(
      "Subject: message 5\r\n\r\nbody 5\r\n"
    );
  });

  it("honours throttling: 429 with Retry-After is retried, then succeeds", async () => {
    const waits: number[] = [];
    const throttled = new GraphClient({
      tokenProvider: staticTokenProvider({ graph: "t" }),
      addinId,
      baseUrl: graph.url,
      retryEnvironment: { ...noWait, sleep: async (ms: number) => void waits.push(ms) },
    });
    const id = addSent("me", 6, "cm-6");
    graph.throttleNext(2, 3);
    expect((await throttled.getMime("me", id)).byteLength).toBeGreaterThan(0);
    expect(waits).toEqual([3000, 3000]);
  });

  it("gives up with a typed error when throttling outlasts the retries", async () => {
    const id = addSent("me", 7, "cm-7");
    graph.throttleNext(10, 1);
    await expect(client.getMime("me", id)).rejects.toMatchObject({
      kind: "throttled",
      status: 429,
    });
  });

  it("maps a missing message to not-found without retrying", async () => {
    await expect(client.getMime("me", "nope")).rejects.toBeInstanceOf(GraphError);
    await expect(client.getMime("me", "nope")).rejects.toMatchObject({ kind: "not-found" });
    expect(graph.requests.filter((r) => r.path.includes("nope"))).toHaveLength(2);
  });

  it("reports token-unavailable when the provider has no Graph token", async () => {
    const noToken = new GraphClient({
      tokenProvider: staticTokenProvider({}),
      addinId,
      baseUrl: graph.url,
    });
    await expect(noToken.getMime("me", "x")).rejects.toMatchObject({ kind: "token-unavailable" });
  });

  it("lists delivery reports from the Inbox by message class", async () => {
    graph.addMessage("office-a@example.com", {
      folder: "inbox",
      mime: mime(1),
      sentDateTime: null,
      receivedDateTime: "2026-12-02T10:00:00Z",
      internetMessageId: null,
      extendedProperties: { [messageClassId]: "REPORT.IPM.Note.NDR" },
      isReadReceiptRequested: false,
    });
    graph.addMessage("office-a@example.com", {
      folder: "inbox",
      mime: mime(2),
      sentDateTime: null,
      receivedDateTime: "2026-12-02T11:00:00Z",
      internetMessageId: null,
      extendedProperties: { [messageClassId]: "IPM.Note" },
      isReadReceiptRequested: false,
    });
    const reports = await client.listDeliveryReports("office-a@example.com");
    expect(reports).toEqual([
      expect.objectContaining({
        messageClass: "REPORT.IPM.Note.NDR",
        receivedDateTime: "2026-12-02T10:00:00Z",
      }),
    ]);
  });

  it("finds a sent item by its Message-ID and reads its reference; quotes survive OData", async () => {
    addSent("office-a@example.com", 1, "cm-1");
    const quoted = graph.addMessage("office-a@example.com", {
      folder: "sentitems",
      mime: mime(2),
      sentDateTime: "2026-12-01T10:00:00Z",
      receivedDateTime: null,
      internetMessageId: "<o'brien.2@example.com>",
      extendedProperties: {},
      isReadReceiptRequested: false,
    });
    expect(
      await client.findSentItemByInternetMessageId("office-a@example.com", "<m1@example.com>")
    ).toMatchObject({ ref: "cm-1", internetMessageId: "<m1@example.com>", subject: "message 1" });
    // Reports sometimes drop the brackets; an item without the property has no reference.
    expect(
      await client.findSentItemByInternetMessageId("office-a@example.com", "o'brien.2@example.com")
    ).toMatchObject({ id: quoted, ref: null });
    expect(
      await client.findSentItemByInternetMessageId("office-a@example.com", "<absent@example.com>")
    ).toBeNull();
    expect(
      await client.findSentItemByInternetMessageId("office-b@example.com", "<m1@example.com>")
    ).toBeNull();
  });

  it("finds sent items by subject inside a sent-date window, encoded subjects decoded", async () => {
    const encoded = (subject: string) =>
      new TextEncoder().encode(
        `Subject: =?UTF-8?B?${Buffer.from(subject).toString("base64")}?=\r\n\r\nbody\r\n`
      );
    const add = (ref: string, subject: string, sentDateTime: string) =>
      graph.addMessage("me", {
        folder: "sentitems",
        mime: encoded(subject),
        sentDateTime,
        receivedDateTime: null,
        internetMessageId: null,
        extendedProperties: {
          [customPropertiesId(addinId)]: JSON.stringify({ "casemail-ref": ref }),
        },
        isReadReceiptRequested: false,
      });
    add("cm-a", "Demande de documents B000100002", "2026-12-01T10:00:00Z");
    add("cm-b", "Demande de documents B000100002", "2026-12-03T10:00:00Z");
    add("cm-c", "Autre chose", "2026-12-01T10:05:00Z");
    const found = await client.findSentItemsBySubject("me", "demande de documents B000100002", {
      sentAfter: "2026-12-01T09:00:00Z",
      sentBefore: "2026-12-01T11:00:00Z",
    });
    expect(found.map((f) => f.ref)).toEqual(["cm-a"]);
    expect(found[0]?.subject).toBe("Demande de documents B000100002");
    expect(
      await client.findSentItemsBySubject("me", "", {
        sentAfter: "2026-12-01T09:00:00Z",
        sentBefore: "2026-12-01T11:00:00Z",
      })
    ).toEqual([]);
  });

  it("R11 reads and clears the read-receipt flag of a saved draft", async () => {
    const id = graph.addMessage("me", {
      folder: "drafts",
      mime: mime(3),
      sentDateTime: null,
      receivedDateTime: null,
      internetMessageId: null,
      extendedProperties: {},
      isReadReceiptRequested: true,
    });
    expect(await client.isReadReceiptRequested("me", id)).toBe(true);
    await client.clearReadReceipt("me", id);
    expect(await client.isReadReceiptRequested("me", id)).toBe(false);
  });
});

describe("custom properties JSON", () => {
  it("reads the reference and ignores foreign or broken values", () => {
    expect(refFromCustomProperties('{"casemail-ref":"cm-1","other":2}')).toBe("cm-1");
    expect(refFromCustomProperties('{"other":"x"}')).toBeNull();
    expect(refFromCustomProperties("not json")).toBeNull();
    expect(refFromCustomProperties(undefined)).toBeNull();
    expect(refFromCustomProperties('{"casemail-ref":42}')).toBeNull();
  });
});
