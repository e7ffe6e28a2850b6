/**
 * `npm run bench -- filing [--messages N]`: the Pending list's "File all" over N sent messages
 * (default 200, mixed sizes: text only, a 100 KB attachment, a 1 MB attachment) found through the
 * workbench's simulated Graph and filed into the real gateway (SQLite, dev issuer) on loopback with
 * the real `.msg` writer and gateway client, one at a time as the pane does. Prints one JSON line:
 * messages per minute (goal over 600), and each step's median and total time with the slowest
 * step named. Each message is parsed once, for its summary and its `.msg` alike.
 */
import "fake-indexeddb/auto";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { staticTokenProvider } from "../../src/auth/token-provider";
import { FilingQueue } from "../../src/filing/filing-queue";
import type { FilingPorts } from "../../src/filing/filing-pipeline";
import { gatewayFiling } from "../../src/filing/gateway-filing";
import { MemoryJobStore } from "../../src/filing/job-store";
import { prepareSentMessage } from "../../src/filing/sent-summary";
import { createGatewayClient } from "../../src/gateway/client";
import { sha256Hex } from "../../src/gateway/digest";
import { customPropertiesId, GraphClient } from "../../src/graph/graph-client";
import { startSimulatedGraph } from "../../src/workbench/simulated-graph";
import { sqlite } from "../gateway/real-gateway";
import { median, printResult, round } from "./stats";

const addinId = "6f1b1a36-7a5e-4b5e-9d2f-0c2d6f3e9a11";
const mailbox = "casework.east@example.org";
const caseNumber = "B000100001";
const applicant = "alex.sample@example.com";
const goalPerMinute = 600;

const argsSchema = z.object({ messages: z.coerce.number().int().min(1).max(2000).default(200) });

function mimeWithAttachment(ref: string, n: number, attachmentBytes: number): Uint8Array {
  const lines = [
    `From: Eastern Processing Office <${mailbox}>`,
    `To: Alex Sample <${applicant}>`,
    `Subject: ${caseNumber} Request for documents ${n}`,
    `Date: Tue, 01 Dec 2026 14:00:00 +0000`,
    `Message-ID: <bench-${n}@example.org>`,
    `x-casemail-ref: ${ref}`,
    "MIME-Version: 1.0",
  ];
  const body = `Please send the requested documents by January 15, 2027. Message ${n}.\r\n`;
  if (attachmentBytes === 0) {
    return new TextEncoder().encode(
      [...lines, "Content-Type: text/plain; charset=utf-8", "", body].join("\r\n")
    );
  }
  const attachment = Buffer.alloc(attachmentBytes, n % 251)
    .toString("base64")
    .replace(/.{76}/g, "$&\r\n");
  return new TextEncoder().encode(
    [
      ...lines,
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "",
      body,
      "--b",
      'Content-Type: application/pdf; name="letter.pdf"',
      "Content-Transfer-Encoding: base64",
      'Content-Disposition: attachment; filename="letter.pdf"',
      "",
      attachment,
      "--b--",
      "",
    ].join("\r\n")
  );
}

export async function run(args: string[]): Promise<void> {
  const raw: Record<string, string> = {};
  for (let i = 0; i + 1 < args.length; i += 2)
    raw[(args[i] ?? "").replace(/^--/, "")] = args[i + 1] ?? "";
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    process.stderr.write(`bench filing: ${parsed.error.issues.map((i) => i.message).join("; ")}\n`);
    process.exitCode = 2;
    return;
  }
  const count = parsed.data.messages;
  const gw = await sqlite().start();
  const graph = await startSimulatedGraph();
  try {
    const token = await gw.mintToken({ officerId: "officer-a" });
    const client = createGatewayClient({
      baseUrl: gw.url,
      tokenProvider: staticTokenProvider({ gateway: token }),
    });
    const sizes = [0, 100 * 1024, 1024 * 1024];
    let inputBytes = 0;
    for (let n = 0; n < count; n++) {
      const ref = `cm-${randomUUID()}`;
      await client.recordPendingCorrespondence({
        id: ref,
        caseNumber,
        purpose: "documents",
        deadline: "2027-01-15",
        expectedRecipient: applicant,
        language: "en",
      });
      const mime = mimeWithAttachment(ref, n, sizes[n % sizes.length] ?? 0);
      inputBytes += mime.byteLength;
      graph.addMessage(mailbox, {
        folder: "sentitems",
        mime,
        sentDateTime: "2026-12-01T14:00:00Z",
        receivedDateTime: null,
        internetMessageId: `<bench-${n}@example.org>`,
        extendedProperties: {
          [customPropertiesId(addinId)]: JSON.stringify({ "casemail-ref": ref }),
        },
        isReadReceiptRequested: false,
      });
    }

    const graphClient = new GraphClient({
      tokenProvider: staticTokenProvider({ graph: "graph-token" }),
      addinId,
      baseUrl: graph.url,
    });
    const steps: Record<string, number[]> = {
      find: [],
      fetch: [],
      parse: [],
      convert: [],
      file: [],
    };
    const timed = async <T>(step: string, fn: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      try {
        return await fn();
      } finally {
        steps[step]?.push(performance.now() - start);
      }
    };
    const timedSync = <T>(step: string, fn: () => T): T => {
      const start = performance.now();
      try {
        return fn();
      } finally {
        steps[step]?.push(performance.now() - start);
      }
    };
    const filing = gatewayFiling({ client, timeZone: "America/Toronto", limitBytes: 4_000_000 });
    const ports: FilingPorts = {
      fetchMime: (source) =>
        timed("fetch", () =>
          source.kind === "graph"
            ? graphClient.getMime(source.mailbox, source.messageId)
            : Promise.reject(new Error("graph only"))
        ),
      prepare: async (mime) => {
        const prepared = await timed("parse", () => prepareSentMessage(mime));
        return { summary: prepared.summary, toMsg: () => timedSync("convert", prepared.toMsg) };
      },
      sha256Hex,
      gateway: {
        uploadEDocument: (job, msg, summary) =>
          timed("file", () => filing.uploadEDocument(job, msg, summary)),
        recordPrintRequired: (job, size, summary) =>
          timed("file", () => filing.recordPrintRequired(job, size, summary)),
        addFallbackNote: (job, summary) =>
          timed("file", () => filing.addFallbackNote(job, summary)),
      },
      store: new MemoryJobStore(),
      limitBytes: 4_000_000,
      now: () => new Date(),
    };

    const queue = new FilingQueue(ports);
    const started = performance.now();
    const found = await timed("find", () => graphClient.findCaseLinkedSentItems(mailbox));
    await queue.add(
      found.map((f) => ({
        ref: f.ref,
        caseNumber,
        source: { kind: "graph", mailbox, messageId: f.id },
      }))
    );
    const results = await queue.fileAll();
    const elapsedMs = performance.now() - started;
    const filed = results.filter((j) => j.state === "filed").length;
    const perStep = Object.fromEntries(
      Object.entries(steps).map(([name, times]) => [
        name,
        {
          median_ms: round(median(times)),
          total_ms: round(
            times.reduce((a, b) => a + b, 0),
            1
          ),
        },
      ])
    );
    const slowest = Object.entries(perStep).sort((a, b) => b[1].total_ms - a[1].total_ms)[0]?.[0];
    printResult({
      bench: "filing",
      messages: count,
      filed,
      input_mb: round(inputBytes / 1e6, 1),
      elapsed_s: round(elapsedMs / 1000, 2),
      messages_per_minute: round((filed / elapsedMs) * 60_000, 0),
      goal_per_minute: goalPerMinute,
      slowest_step: slowest,
      steps: perStep,
    });
  } finally {
    await graph.close();
    await gw.cleanup();
  }
}
