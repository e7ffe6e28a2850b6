/**
 * The pane's filing service (F3): the gateway's Pending list joined with the case-linked sent items
 * Graph finds in the officer's and the office's generic mailbox, filed through the durable
 * FilingQueue; the open read-mode item filed from `getAsFileAsync`; the proof of sending with the
 * sent message's summary and the filed `.msg`. No React and no Office here: ports are injected.
 */
import type { FilingJob, MessageSource } from "../../filing/filing-job";
import type { FilingPorts } from "../../filing/filing-pipeline";
import { FilingQueue, type FilingProgress } from "../../filing/filing-queue";
import { gatewayFiling } from "../../filing/gateway-filing";
import type { JobStore } from "../../filing/job-store";
import type { SentSummary } from "../../filing/sent-summary";
import type { Correspondence, ProofOfSending } from "../../gateway/contract";
import type { GatewayClient } from "../../gateway/client";
import type { GraphClient } from "../../graph/graph-client";

export interface PendingRow {
  ref: string;
  caseNumber: string;
  correspondence: Correspondence;
  /** Whether the sent copy was found (in Sent Items, or as the open item); else nothing to file yet. */
  found: boolean;
  job: FilingJob | null;
}

export interface PaneFiling {
  /** Gateway pending list joined with Graph; found items become queue jobs (once per reference). */
  listPending(): Promise<PendingRow[]>;
  fileAll(onProgress?: (progress: FilingProgress) => void): Promise<FilingJob[]>;
  fileOne(ref: string): Promise<FilingJob | undefined>;
  /** Read mode: files the open item (source kind "open-item"). */
  fileOpenItem(ref: string, caseNumber: string, itemId: string): Promise<FilingJob | undefined>;
  job(ref: string): Promise<FilingJob | undefined>;
  /** The gateway's proof view and, where the sent copy can be read, its summary. */
  loadProof(ref: string): Promise<{ proof: ProofOfSending; summary: SentSummary | null }>;
  /** The filed `.msg` from the gateway. */
  downloadMsg(ref: string): Promise<Blob>;
}

export type FilingGatewayClient = Pick<
  GatewayClient,
  | "me"
  | "getOffice"
  | "getCorrespondence"
  | "listPendingFiling"
  | "recordSending"
  | "uploadEDocument"
  | "createPrintTask"
  | "addNote"
  | "getProof"
  | "getEDocument"
  | "listCaseTransfers"
  | "recordTransferNotice"
>;

export type FilingGraph = Pick<GraphClient, "findCaseLinkedSentItems" | "getMime">;

export interface PaneFilingOptions {
  gateway: FilingGatewayClient;
  graph: FilingGraph;
  store: JobStore | (() => Promise<JobStore>);
  /** The open item's MIME (base64 from `getAsFileAsync`). */
  openItemMime: () => Promise<Uint8Array>;
  sha256Hex(bytes: Uint8Array): Promise<string>;
  /** The notes' clock: one zone, or the zone of the case's office. */
  timeZone: string | ((officeId: string) => string);
  limitBytes: number;
  now?: () => Date;
}

/** The MIME parser and `.msg` writer load when the first message is filed, not with the pane. */
const sentSummary = () => import("../../filing/sent-summary");

/** A store that opens on first use, so the pane renders before IndexedDB answers. */
function lazyStore(source: JobStore | (() => Promise<JobStore>)): JobStore {
  if (typeof source !== "function") return source;
  let opened: Promise<JobStore> | null = null;
  const store = () => (opened ??= source());
  return {
    get: async (ref) => (await store()).get(ref),
    put: async (job) => (await store()).put(job),
    list: async () => (await store()).list(),
    remove: async (ref) => (await store()).remove(ref),
  };
}

export function createPaneFiling(options: PaneFilingOptions): PaneFiling {
  const { gateway, graph } = options;
  const store = lazyStore(options.store);
  const now = options.now ?? (() => new Date());
  const fetchMime = (source: MessageSource): Promise<Uint8Array> =>
    source.kind === "graph"
      ? graph.getMime(source.mailbox, source.messageId)
      : options.openItemMime();
  const ports: FilingPorts = {
    fetchMime,
    prepare: async (mime) => (await sentSummary()).prepareSentMessage(mime),
    sha256Hex: options.sha256Hex,
    gateway: gatewayFiling({
      client: gateway as GatewayClient,
      timeZone: options.timeZone,
      limitBytes: options.limitBytes,
    }),
    store,
    limitBytes: options.limitBytes,
    now,
  };
  const queue = new FilingQueue(ports);

  /** "me" and the generic mailbox of each office the officer belongs to. */
  let mailboxes: Promise<string[]> | null = null;
  const listMailboxes = () =>
    (mailboxes ??= (async () => {
      const me = await gateway.me();
      const offices = await Promise.all(me.offices.map((id) => gateway.getOffice(id)));
      return ["me", ...new Set(offices.map((o) => o.genericMailbox.toLowerCase()))];
    })().catch((error: unknown) => {
      mailboxes = null;
      throw error;
    }));

  return {
    async listPending() {
      const [pending, boxes] = await Promise.all([gateway.listPendingFiling(), listMailboxes()]);
      const found = new Map<string, MessageSource>();
      // Nothing can have been sent before its correspondence was recorded: search from there
      // (an hour earlier, for clock skew). An empty list needs no search at all.
      const oldest = pending.map((c) => Date.parse(c.createdAt)).sort((a, b) => a - b)[0];
      if (oldest !== undefined) {
        const sentAfter = new Date(oldest - 60 * 60 * 1000).toISOString();
        for (const box of boxes) {
          for (const item of await graph.findCaseLinkedSentItems(box, { sentAfter })) {
            if (!found.has(item.ref)) {
              found.set(item.ref, { kind: "graph", mailbox: box, messageId: item.id });
            }
          }
        }
      }
      const rows: PendingRow[] = [];
      const toAdd = pending.flatMap((c) => {
        const source = found.get(c.id);
        return source === undefined ? [] : [{ ref: c.id, caseNumber: c.caseNumber, source }];
      });
      await queue.add(toAdd);
      const jobs = new Map((await queue.jobs()).map((j) => [j.ref, j]));
      for (const c of pending) {
        const job = jobs.get(c.id) ?? null;
        rows.push({
          ref: c.id,
          caseNumber: c.caseNumber,
          correspondence: c,
          found: found.has(c.id) || job !== null,
          job,
        });
      }
      return rows;
    },
    fileAll: (onProgress) => queue.fileAll(onProgress),
    fileOne: (ref) => queue.fileOne(ref),
    async fileOpenItem(ref, caseNumber, itemId) {
      await queue.add([{ ref, caseNumber, source: { kind: "open-item", itemId } }]);
      return queue.fileOne(ref);
    },
    job: (ref) => store.get(ref),
    async loadProof(ref) {
      const proof = await gateway.getProof(ref);
      let summary: SentSummary | null = null;
      const job = await store.get(ref);
      if (job !== undefined) {
        try {
          summary = await (await sentSummary()).summarizeMime(await fetchMime(job.source));
        } catch {
          // The sent copy is not readable from here; the proof shows the gateway's facts and the .msg.
        }
      }
      return { proof, summary };
    },
    async downloadMsg(ref) {
      const bytes = await gateway.getEDocument(ref);
      return new Blob([bytes as BlobPart], { type: "application/vnd.ms-outlook" });
    },
  };
}

/** base64 (as `getAsFileAsync` returns it) to bytes, without Node's Buffer. */
export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
