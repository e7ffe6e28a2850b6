/**
 * The workbench's "Bounce the last sent message": the report it builds is read by CaseMail's own
 * parser as a permanent failure tied to the sent message, and the simulated Graph files it in the
 * sender's Inbox where the Graph client lists delivery reports.
 */
import { staticTokenProvider } from "../../src/auth/token-provider";
import { parseDeliveryReport } from "../../src/dsn";
import { GraphClient } from "../../src/graph/graph-client";
import { deliveryReportMime, postDeliveryReport } from "../../src/workbench/delivery-report";
import { sentCopyMessageId } from "../../src/workbench/sent-copy";
import { startSimulatedGraph, type SimulatedGraph } from "../../src/workbench/simulated-graph";
import { SimulatedItem } from "../../src/workbench/simulated-item";

const ref = "cm-0f0e0d0c-0b0a-4908-8706-050403020100";
const mailbox = "casework.east@example.org";
const sentAt = new Date("2027-01-11T15:00:00Z");

function sent() {
  return new SimulatedItem({
    mode: "read",
    from: { emailAddress: mailbox, displayName: "Casework East" },
    to: [{ emailAddress: "alex.sample@example.com", displayName: "Alex Sample" }],
    subject: "Request for documents B000100001",
    body: "Please send the documents.",
    itemId: "AAMkSIM7",
    customProperties: { "casemail-ref": ref },
    internetHeaders: { "x-casemail-ref": ref },
  }).state;
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe("workbench delivery report", () => {
  let graph: SimulatedGraph;
  beforeAll(async () => {
    graph = await startSimulatedGraph();
  });
  afterAll(() => graph.close());

  test("parses as a permanent failure of the recipient, tied by x-casemail-ref", async () => {
    const report = await parseDeliveryReport(
      bytes(deliveryReportMime(sent(), sentAt, sentCopyMessageId(sent())))
    );
    expect(report.kind).toBe("failure");
    expect(report.recipients).toHaveLength(1);
    expect(report.recipients[0]).toMatchObject({
      address: "alex.sample@example.com",
      status: "5.1.1",
      permanent: true,
    });
    expect(report.original.ref).toBe(ref);
    expect(report.original.messageId).toBe("<AAMkSIM7@workbench.invalid>");
  });

  test("a 4.2.2 report is a delay, not a failure", async () => {
    const report = await parseDeliveryReport(
      bytes(deliveryReportMime(sent(), sentAt, sentCopyMessageId(sent()), { status: "4.2.2" }))
    );
    expect(report.kind).toBe("delay");
  });

  test("lands in the sender's Inbox as an NDR that the Graph client lists", async () => {
    const reportAt = new Date("2027-01-11T15:05:00Z");
    await expect(postDeliveryReport(graph.url, sent(), sentAt, { reportAt })).resolves.toBe(true);
    const client = new GraphClient({
      tokenProvider: staticTokenProvider({ gateway: "t", graph: "t" }),
      addinId: "9cb558f8-5fbc-4d22-a92d-d4634cf340d2",
      baseUrl: graph.url,
    });
    const reports = await client.listDeliveryReports(mailbox);
    expect(reports).toEqual([
      expect.objectContaining({
        mailbox,
        messageClass: "REPORT.IPM.Note.NDR",
        receivedDateTime: reportAt.toISOString(),
      }),
    ]);
    const mime = await client.getMime(mailbox, reports[0]?.id ?? "");
    expect((await parseDeliveryReport(mime)).original.ref).toBe(ref);
  });

  test("the simulated Graph refuses a report that is not one", async () => {
    const origin = new URL(graph.url).origin;
    const response = await fetch(`${origin}/_sim/inbox`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        mailbox,
        mime: "AAAA",
        receivedDateTime: "now",
        messageClass: "IPM.Note",
      }),
    });
    expect(response.status).toBe(400);
  });
});
