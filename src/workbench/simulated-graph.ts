/**
 * A development-only stand-in for the Microsoft Graph endpoints CaseMail calls, backed by an
 * in-memory mailbox: Sent Items and Inbox per mailbox, messages with MIME, the custom-properties
 * extended property and a message class. The workbench, the filing benchmark and the tests use it
 * because no Microsoft 365 tenant is reachable here. It understands exactly the query shapes
 * `src/graph/graph-client.ts` sends (the correlation property, Message-ID, subject with a sent-date
 * window, Inbox delivery reports by message class), and can throttle (429 with Retry-After) on demand.
 * Never part of the production build.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { defaultConfig } from "../config/default-config";
import { customPropertiesId, messageClassId } from "../graph/graph-client";

/** The workbench's Send posts the sent copy here (development only; the workbench's CORS). */
export const simulatedSentPath = "/_sim/sent";

const sentCopySchema = z.object({
  mailbox: z.string().min(1).max(320),
  /** The MIME as base64. */
  mime: z.base64().max(8_000_000),
  ref: z.string().min(1).max(200),
  sentDateTime: z.iso.datetime(),
  internetMessageId: z.string().max(1000).nullable(),
});

/** The workbench's "bounce" button posts a delivery report for the Inbox here (development only). */
export const simulatedInboxPath = "/_sim/inbox";

const inboxReportSchema = z.object({
  mailbox: z.string().min(1).max(320),
  mime: z.base64().max(8_000_000),
  receivedDateTime: z.iso.datetime(),
  messageClass: z.string().regex(/^REPORT\.IPM\.Note\.[A-Za-z.]+$/),
});

export interface SimulatedMessage {
  id: string;
  folder: "sentitems" | "inbox" | "drafts";
  mime: Uint8Array;
  sentDateTime: string | null;
  receivedDateTime: string | null;
  internetMessageId: string | null;
  /** Graph's `subject`; when absent it is read from the MIME's Subject header. */
  subject?: string | null;
  /** Extended properties by Graph id (custom properties JSON, message class, ...). */
  extendedProperties: Record<string, string>;
  isReadReceiptRequested: boolean;
}

export interface SimulatedGraph {
  url: string;
  /** Adds a message to a mailbox (`me` or an SMTP address); returns its id. */
  addMessage(mailbox: string, message: Omit<SimulatedMessage, "id"> & { id?: string }): string;
  messages(mailbox: string): SimulatedMessage[];
  /** The next `count` API requests answer 429 with `Retry-After: retryAfterSeconds`. */
  throttleNext(count: number, retryAfterSeconds?: number): void;
  /** Requests seen, for tests (method and path only). */
  requests: { method: string; path: string }[];
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
) {
  const isBytes = body instanceof Uint8Array;
  res.writeHead(status, {
    "content-type": isBytes ? "message/rfc822" : "application/json",
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "authorization, content-type",
    "access-control-allow-methods": "GET, PATCH, POST, OPTIONS",
    ...headers,
  });
  res.end(isBytes ? Buffer.from(body) : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Pulls `ep/id eq '<id>'` and the value test out of an `any(...)` filter as the client writes it. */
function extendedFilter(filter: string): { id: string; op: string; value: string } | null {
  const match = /ep\/id eq '([^']+)' and (contains|startswith)\(ep\/value, '([^']*)'\)/.exec(
    filter
  );
  return match === null ? null : { id: match[1] ?? "", op: match[2] ?? "", value: match[3] ?? "" };
}

function dateFilter(filter: string, field: string, op: "ge" | "le" = "ge"): string | null {
  return new RegExp(`${field} ${op} (\\S+)`).exec(filter)?.[1] ?? null;
}

/** `field eq '<value>'` with OData's doubled quotes undone, or null where the filter has none. */
function equalsFilter(filter: string, field: string): string | null {
  const match = new RegExp(`(?:^|\\s|\\()${field} eq '((?:[^']|'')*)'`).exec(filter);
  return match === null ? null : (match[1] ?? "").replace(/''/g, "'");
}

/** RFC 2047 encoded words (B and Q, UTF-8 or Latin-1), as the workbench's sent copy writes them. */
function decodeWords(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g,
    (_whole, charset: string, encoding: string, text: string) => {
      const bytes =
        encoding.toUpperCase() === "B"
          ? Buffer.from(text, "base64")
          : Buffer.from(
              text
                .replace(/_/g, " ")
                .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) =>
                  String.fromCharCode(parseInt(h, 16))
                ),
              "latin1"
            );
      return /^utf-?8$/i.test(charset) ? bytes.toString("utf8") : bytes.toString("latin1");
    }
  );
}

/** Graph's subject: the message's own, else its MIME's Subject header (unfolded, decoded). */
function subjectOf(message: SimulatedMessage): string {
  if (typeof message.subject === "string") return message.subject;
  const text = Buffer.from(message.mime.subarray(0, 64 * 1024)).toString("latin1");
  const headers = text.split(/\r?\n\r?\n/, 1)[0] ?? "";
  const raw = /^subject:[ \t]*(.*(?:\r?\n[ \t].*)*)/im.exec(headers)?.[1] ?? "";
  const unfolded = raw.replace(/\r?\n[ \t]+/g, " ").trim();
  // Headers are bytes; UTF-8 is what the workbench and the tests write unencoded.
  return decodeWords(Buffer.from(unfolded, "latin1").toString("utf8"));
}

export async function startSimulatedGraph(
  options: { port?: number; host?: string; addinId?: string } = {}
): Promise<SimulatedGraph> {
  const addinId = options.addinId ?? defaultConfig.addIn.id;
  const mailboxes = new Map<string, SimulatedMessage[]>();
  let throttle = { count: 0, retryAfter: 1 };
  let nextId = 1;
  const requests: { method: string; path: string }[] = [];

  const box = (name: string): SimulatedMessage[] => {
    const key = name.toLowerCase();
    let list = mailboxes.get(key);
    if (list === undefined) {
      list = [];
      mailboxes.set(key, list);
    }
    return list;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    requests.push({ method: req.method ?? "GET", path: url.pathname });
    if (req.method === "OPTIONS") return send(res, 204, {});
    if (url.pathname === simulatedSentPath && req.method === "POST") {
      const parsed = sentCopySchema.safeParse(
        JSON.parse((await readBody(req)).toString("utf8") || "null")
      );
      if (!parsed.success) return send(res, 400, { error: { code: "InvalidRequest" } });
      const copy = parsed.data;
      const id = `AAMk-sim-${nextId++}`;
      box(copy.mailbox).push({
        id,
        folder: "sentitems",
        mime: new Uint8Array(Buffer.from(copy.mime, "base64")),
        sentDateTime: copy.sentDateTime,
        receivedDateTime: null,
        internetMessageId: copy.internetMessageId,
        // What Office writes for the add-in's custom properties on the sent copy.
        extendedProperties: {
          [customPropertiesId(addinId)]: JSON.stringify({ "casemail-ref": copy.ref }),
        },
        isReadReceiptRequested: false,
      });
      return send(res, 201, { id });
    }
    if (url.pathname === simulatedInboxPath && req.method === "POST") {
      const parsed = inboxReportSchema.safeParse(
        JSON.parse((await readBody(req)).toString("utf8") || "null")
      );
      if (!parsed.success) return send(res, 400, { error: { code: "InvalidRequest" } });
      const report = parsed.data;
      const id = `AAMk-sim-${nextId++}`;
      box(report.mailbox).push({
        id,
        folder: "inbox",
        mime: new Uint8Array(Buffer.from(report.mime, "base64")),
        sentDateTime: null,
        receivedDateTime: report.receivedDateTime,
        internetMessageId: null,
        extendedProperties: { [messageClassId]: report.messageClass },
        isReadReceiptRequested: false,
      });
      return send(res, 201, { id });
    }
    if (!/^Bearer \S+/.test(req.headers.authorization ?? "")) {
      return send(res, 401, { error: { code: "InvalidAuthenticationToken" } });
    }
    if (throttle.count > 0) {
      throttle.count--;
      return send(
        res,
        429,
        { error: { code: "TooManyRequests" } },
        { "retry-after": String(throttle.retryAfter) }
      );
    }
    const match =
      /^\/v1\.0\/(me|users\/([^/]+))\/(?:mailFolders\/(sentitems|inbox|drafts)\/messages|messages(?:\/([^/]+)(\/\$value)?)?)$/.exec(
        url.pathname
      );
    if (match === null) return send(res, 404, { error: { code: "ResourceNotFound" } });
    const mailbox = match[1] === "me" ? "me" : decodeURIComponent(match[2] ?? "");
    const folder = match[3];
    const messageId = match[4] === undefined ? undefined : decodeURIComponent(match[4]);
    const list = box(mailbox);

    if (folder !== undefined && req.method === "GET") {
      const filter = url.searchParams.get("$filter") ?? "";
      const ep = extendedFilter(filter);
      const since =
        dateFilter(filter, "sentDateTime") ?? dateFilter(filter, "receivedDateTime") ?? null;
      const until =
        dateFilter(filter, "sentDateTime", "le") ??
        dateFilter(filter, "receivedDateTime", "le") ??
        null;
      const messageIdIs = equalsFilter(filter, "internetMessageId");
      const subjectIs = equalsFilter(filter, "subject");
      const matching = list.filter((m) => {
        if (m.folder !== folder) return false;
        if (messageIdIs !== null && m.internetMessageId !== messageIdIs) return false;
        // Graph compares subjects without regard to case.
        if (subjectIs !== null && subjectOf(m).toLowerCase() !== subjectIs.toLowerCase()) {
          return false;
        }
        if (ep !== null) {
          const value = m.extendedProperties[ep.id];
          if (value === undefined) return false;
          const hit =
            ep.op === "contains"
              ? value.toLowerCase().includes(ep.value.toLowerCase())
              : value.toLowerCase().startsWith(ep.value.toLowerCase());
          if (!hit) return false;
        }
        const date = folder === "sentitems" ? m.sentDateTime : m.receivedDateTime;
        const at = date === null ? Number.NaN : Date.parse(date);
        if (since !== null && !(at >= Date.parse(since))) return false;
        return until === null || at <= Date.parse(until);
      });
      const top = Number(url.searchParams.get("$top") ?? "10");
      const skip = Number(url.searchParams.get("$skip") ?? "0");
      const slice = matching.slice(skip, skip + top);
      const expandId = /\$filter=id eq '([^']+)'/.exec(
        `$filter=${/\(\$filter=(.*)\)$/.exec(url.searchParams.get("$expand") ?? "")?.[1] ?? ""}`
      )?.[1];
      const value = slice.map((m) => ({
        id: m.id,
        sentDateTime: m.sentDateTime,
        receivedDateTime: m.receivedDateTime,
        internetMessageId: m.internetMessageId,
        subject: subjectOf(m),
        ...(expandId !== undefined && m.extendedProperties[expandId] !== undefined
          ? {
              singleValueExtendedProperties: [
                { id: expandId, value: m.extendedProperties[expandId] },
              ],
            }
          : {}),
      }));
      const next = new URL(url.toString());
      next.searchParams.set("$skip", String(skip + top));
      const origin = `http://${req.headers.host ?? "localhost"}`;
      return send(res, 200, {
        value,
        ...(skip + top < matching.length
          ? { "@odata.nextLink": `${origin}${next.pathname}${next.search}` }
          : {}),
      });
    }

    if (messageId !== undefined) {
      const message = list.find((m) => m.id === messageId);
      if (message === undefined) return send(res, 404, { error: { code: "ErrorItemNotFound" } });
      if (match[5] !== undefined && req.method === "GET") return send(res, 200, message.mime);
      if (req.method === "GET") {
        return send(res, 200, {
          id: message.id,
          isReadReceiptRequested: message.isReadReceiptRequested,
        });
      }
      if (req.method === "PATCH") {
        const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as {
          isReadReceiptRequested?: unknown;
        };
        if (typeof body.isReadReceiptRequested === "boolean") {
          message.isReadReceiptRequested = body.isReadReceiptRequested;
        }
        return send(res, 200, {
          id: message.id,
          isReadReceiptRequested: message.isReadReceiptRequested,
        });
      }
    }
    return send(res, 405, { error: { code: "MethodNotAllowed" } });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, { error: { code: "InternalServerError" } }));
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve)
  );
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}/v1.0`,
    requests,
    addMessage(mailbox, message) {
      const id = message.id ?? `AAMk-sim-${nextId++}`;
      box(mailbox).push({ ...message, id });
      return id;
    },
    messages: (mailbox) => [...box(mailbox)],
    throttleNext(count, retryAfterSeconds = 1) {
      throttle = { count, retryAfter: retryAfterSeconds };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
