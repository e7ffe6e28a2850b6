/**
 * The workbench's sent copy: MIME built from the simulated item, posted to the simulated Graph's
 * development-only /_sim/sent, then found by the real Graph client through the custom-properties
 * property (as Office writes it) and summarised by the filing code.
 */
import { staticTokenProvider } from "../../src/auth/token-provider";
import { defaultConfig } from "../../src/config/default-config";
import { summarizeMime } from "../../src/filing/sent-summary";
import { customPropertiesId, GraphClient } from "../../src/graph/graph-client";
import { startSimulatedGraph, type SimulatedGraph } from "../../src/workbench/simulated-graph";
import { postSentCopy, sentCopyMime } from "../../src/workbench/sent-copy";
import { SimulatedItem } from "../../src/workbench/simulated-item";

const ref = "cm-0f0e0d0c-0b0a-4908-8706-050403020100";
const mailbox = "casework.east@example.org";

function sentItem(withRef = true) {
  const item = new SimulatedItem({
    from: { emailAddress: mailbox, displayName: "Casework East" },
    to: [{ emailAddress: "alex.sample@example.com", displayName: "Alex Sample" }],
    subject: "B000100001 Demande de pièces — délai",
    body: "Please send the documents.\nMerci.",
    itemId: "AAMkSIM1",
  });
  if (withRef) {
    item.update(
      {
        customProperties: { "casemail-ref": ref },
        internetHeaders: { "x-casemail-ref": ref },
      },
      "stamp"
    );
  }
  return item;
}

describe("workbench sent copy", () => {
  let graph: SimulatedGraph;
  beforeAll(async () => {
    graph = await startSimulatedGraph();
  });
  afterAll(async () => {
    await graph.close();
  });

  test("the MIME carries the header, the recipients and an encoded non-ASCII subject", async () => {
    const sentAt = new Date("2027-01-11T15:00:00Z");
    const mime = sentCopyMime(sentItem().state, sentAt, "<AAMkSIM1@workbench.invalid>");
    expect(mime).toContain(`x-casemail-ref: ${ref}`);
    expect(mime).toMatch(/^Subject: =\?UTF-8\?B\?/m);
    const summary = await summarizeMime(new TextEncoder().encode(mime));
    expect(summary).toMatchObject({
      subject: "B000100001 Demande de pièces — délai",
      from: mailbox,
      to: ["alex.sample@example.com"],
      sentAt: sentAt.toISOString(),
      ref,
    });
  });

  test("posted to /_sim/sent, Graph finds it in the mailbox's Sent Items by its reference", async () => {
    const item = sentItem();
    expect(await postSentCopy(graph.url, item.state, new Date("2027-01-11T15:00:00Z"))).toBe(true);
    const [stored] = graph.messages(mailbox);
    expect(stored?.extendedProperties[customPropertiesId(defaultConfig.addIn.id)]).toBe(
      JSON.stringify({ "casemail-ref": ref })
    );
    const client = new GraphClient({
      tokenProvider: staticTokenProvider({ graph: "dev" }),
      addinId: defaultConfig.addIn.id,
      baseUrl: graph.url,
    });
    const found = await client.findCaseLinkedSentItems(mailbox);
    expect(found.map((f) => f.ref)).toEqual([ref]);
    const mime = new TextDecoder().decode(await client.getMime(mailbox, found[0]!.id));
    expect(mime).toContain("Please send the documents.\r\nMerci.");
  });

  test("an unlinked item is not posted; a malformed copy is refused", async () => {
    const before = graph.messages(mailbox).length;
    expect(await postSentCopy(graph.url, sentItem(false).state, new Date())).toBe(false);
    const res = await fetch(`${new URL(graph.url).origin}/_sim/sent`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ mailbox, mime: "not base64!", ref }),
    });
    expect(res.status).toBe(400);
    expect(graph.messages(mailbox)).toHaveLength(before);
  });
});
