/**
 * The few Microsoft Graph calls CaseMail makes (delegated, with the officer's token): find sent items
 * by their correlation custom property (or, to tie a bounce, by Message-ID or by subject and date),
 * fetch a message's MIME, list delivery reports, and read or clear a draft's read-receipt flag (R11). Throttling (429, 503 with Retry-After) is honoured with the
 * same retry schedule as the gateway client. Every response is checked with zod.
 */
import axios, { AxiosError, type AxiosInstance } from "axios";
import { z } from "zod";
import type { TokenProvider } from "../auth/token-provider";
import {
  defaultRetryPolicy,
  parseRetryAfter,
  realRetryEnvironment,
  withRetry,
  type AttemptFailure,
  type RetryEnvironment,
  type RetryPolicy,
} from "../gateway/retry";

export const graphDefaultBaseUrl = "https://graph.microsoft.com/v1.0";

/**
 * Office stores an add-in's custom properties as one JSON object in this named property of the
 * item (PS_PUBLIC_STRINGS, name `cecp-<add-in id>`); it survives to the sent copy.
 */
export function customPropertiesId(addinId: string): string {
  return `String {00020329-0000-0000-C000-000000000046} Name cecp-${addinId}`;
}

/** PR_MESSAGE_CLASS: delivery reports are `REPORT.IPM.Note.NDR`, `.DR`, `.DELAYED`, ... */
export const messageClassId = "String 0x001A";

export type GraphErrorKind =
  | "network"
  | "timeout"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "throttled"
  | "server"
  | "http"
  | "invalid-response"
  | "token-unavailable";

export class GraphError extends Error {
  constructor(
    readonly kind: GraphErrorKind,
    readonly status?: number
  ) {
    super(`graph ${kind}${status === undefined ? "" : ` ${status}`}`);
    this.name = "GraphError";
  }

  get code(): string {
    return this.kind;
  }
}

export interface GraphClientOptions {
  tokenProvider: TokenProvider;
  /** The add-in's id from the manifest (names the custom-properties property). */
  addinId: string;
  baseUrl?: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  retryEnvironment?: RetryEnvironment;
  silentOnly?: boolean;
}

/** `me` for the officer's own mailbox, or a shared (generic) mailbox's SMTP address. */
export type MailboxRef = "me" | string;

export interface CaseLinkedSentItem {
  id: string;
  mailbox: MailboxRef;
  ref: string;
  sentDateTime: string | null;
  internetMessageId: string | null;
}

/** A sent item found by Message-ID or subject: `ref` is null where it carries no CaseMail reference. */
export interface SentItemMatch {
  id: string;
  mailbox: MailboxRef;
  ref: string | null;
  sentDateTime: string | null;
  internetMessageId: string | null;
  subject: string | null;
}

export interface DeliveryReportItem {
  id: string;
  mailbox: MailboxRef;
  messageClass: string;
  receivedDateTime: string | null;
}

const extendedProperty = z.object({ id: z.string(), value: z.string() });
const sentItemSchema = z.object({
  id: z.string(),
  sentDateTime: z.string().nullish(),
  internetMessageId: z.string().nullish(),
  singleValueExtendedProperties: z.array(extendedProperty).optional(),
});
const matchItemSchema = sentItemSchema.extend({ subject: z.string().nullish() });
const matchPageSchema = z.object({
  value: z.array(matchItemSchema),
  "@odata.nextLink": z.string().optional(),
});
const reportItemSchema = z.object({
  id: z.string(),
  receivedDateTime: z.string().nullish(),
  singleValueExtendedProperties: z.array(extendedProperty).optional(),
});
const sentPageSchema = z.object({
  value: z.array(sentItemSchema),
  "@odata.nextLink": z.string().optional(),
});
const reportPageSchema = z.object({
  value: z.array(reportItemSchema),
  "@odata.nextLink": z.string().optional(),
});
const readReceiptSchema = z.object({ isReadReceiptRequested: z.boolean() });

/** An OData string literal: single quotes doubled (a Message-ID or subject may hold one). */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function mailboxPath(mailbox: MailboxRef): string {
  return mailbox === "me" ? "/me" : `/users/${encodeURIComponent(mailbox)}`;
}

/** The correlation reference inside the custom-properties JSON, or null. */
export function refFromCustomProperties(
  json: string | undefined,
  key = "casemail-ref"
): string | null {
  if (json === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    if (typeof parsed === "object" && parsed !== null) {
      const value = (parsed as Record<string, unknown>)[key];
      return typeof value === "string" && value.length > 0 ? value : null;
    }
  } catch {
    // A property written by something else: not ours.
  }
  return null;
}

function classify(error: unknown, now: number): { error: GraphError; failure: AttemptFailure } {
  if (error instanceof GraphError) return { error, failure: { retryable: false } };
  if (error instanceof AxiosError) {
    const status = error.response?.status;
    if (status === undefined) {
      const timeout = error.code === "ECONNABORTED" || error.code === "ETIMEDOUT";
      return {
        error: new GraphError(timeout ? "timeout" : "network"),
        failure: { retryable: true },
      };
    }
    const retryAfterMs = parseRetryAfter(
      (error.response?.headers as Record<string, string> | undefined)?.["retry-after"],
      now
    );
    const kind: GraphErrorKind =
      status === 401
        ? "unauthorized"
        : status === 403
          ? "forbidden"
          : status === 404
            ? "not-found"
            : status === 429
              ? "throttled"
              : status >= 500
                ? "server"
                : "http";
    const retryable = status === 429 || status >= 500;
    return {
      error: new GraphError(kind, status),
      failure: retryAfterMs === undefined ? { retryable } : { retryable, retryAfterMs },
    };
  }
  return { error: new GraphError("network"), failure: { retryable: false } };
}

export class GraphClient {
  private readonly http: AxiosInstance;
  private readonly policy: RetryPolicy;
  private readonly env: RetryEnvironment;

  constructor(private readonly options: GraphClientOptions) {
    this.http = axios.create({
      baseURL: options.baseUrl ?? graphDefaultBaseUrl,
      timeout: options.timeoutMs ?? 15_000,
    });
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.env = options.retryEnvironment ?? realRetryEnvironment;
  }

  private async request<T>(
    config: { method: "GET" | "PATCH"; url: string; data?: unknown; binary?: boolean },
    schema: z.ZodType<T>
  ): Promise<T> {
    let last: GraphError | undefined;
    try {
      return await withRetry(
        async () => {
          let token: string;
          try {
            token = await this.options.tokenProvider.getToken(
              "graph",
              this.options.silentOnly ? { silentOnly: true } : {}
            );
          } catch {
            throw new GraphError("token-unavailable");
          }
          const response = await this.http.request({
            method: config.method,
            url: config.url,
            data: config.data,
            headers: { Authorization: `Bearer ${token}` },
            responseType: config.binary === true ? "arraybuffer" : "json",
          });
          const body: unknown =
            config.binary === true ? new Uint8Array(response.data as ArrayBuffer) : response.data;
          const parsed = schema.safeParse(body);
          if (!parsed.success) throw new GraphError("invalid-response", response.status);
          return parsed.data;
        },
        (error) => {
          const classified = classify(error, this.env.now());
          last = classified.error;
          return classified.failure;
        },
        { policy: this.policy, env: this.env }
      );
    } catch (error) {
      throw error instanceof GraphError ? error : (last ?? classify(error, this.env.now()).error);
    }
  }

  /** Sent items of `mailbox` that carry a CaseMail correlation reference, all pages. */
  async findCaseLinkedSentItems(
    mailbox: MailboxRef,
    options: { sentAfter?: string; pageSize?: number } = {}
  ): Promise<CaseLinkedSentItem[]> {
    const propertyId = customPropertiesId(this.options.addinId);
    const filters = [
      `singleValueExtendedProperties/any(ep: ep/id eq '${propertyId}' and contains(ep/value, 'casemail-ref'))`,
    ];
    if (options.sentAfter !== undefined) filters.push(`sentDateTime ge ${options.sentAfter}`);
    const params = new URLSearchParams({
      $filter: filters.join(" and "),
      $select: "id,sentDateTime,internetMessageId",
      $expand: `singleValueExtendedProperties($filter=id eq '${propertyId}')`,
      $top: String(options.pageSize ?? 50),
    });
    let url: string | undefined =
      `${mailboxPath(mailbox)}/mailFolders/sentitems/messages?${params}`;
    const found: CaseLinkedSentItem[] = [];
    while (url !== undefined) {
      const result: z.infer<typeof sentPageSchema> = await this.request(
        { method: "GET", url },
        sentPageSchema
      );
      for (const item of result.value) {
        const json = item.singleValueExtendedProperties?.find((p) => p.id === propertyId)?.value;
        const ref = refFromCustomProperties(json);
        if (ref === null) continue;
        found.push({
          id: item.id,
          mailbox,
          ref,
          sentDateTime: item.sentDateTime ?? null,
          internetMessageId: item.internetMessageId ?? null,
        });
      }
      url = result["@odata.nextLink"];
    }
    return found;
  }

  /** Sent items matching `filter`, with the custom property read for their reference (all pages). */
  private async findSentItems(
    mailbox: MailboxRef,
    filter: string,
    pageSize: number
  ): Promise<SentItemMatch[]> {
    const propertyId = customPropertiesId(this.options.addinId);
    const params = new URLSearchParams({
      $filter: filter,
      $select: "id,sentDateTime,internetMessageId,subject",
      $expand: `singleValueExtendedProperties($filter=id eq '${propertyId}')`,
      $top: String(pageSize),
    });
    let url: string | undefined =
      `${mailboxPath(mailbox)}/mailFolders/sentitems/messages?${params}`;
    const found: SentItemMatch[] = [];
    while (url !== undefined) {
      const result: z.infer<typeof matchPageSchema> = await this.request(
        { method: "GET", url },
        matchPageSchema
      );
      for (const item of result.value) {
        const json = item.singleValueExtendedProperties?.find((p) => p.id === propertyId)?.value;
        found.push({
          id: item.id,
          mailbox,
          ref: refFromCustomProperties(json),
          sentDateTime: item.sentDateTime ?? null,
          internetMessageId: item.internetMessageId ?? null,
          subject: item.subject ?? null,
        });
      }
      url = result["@odata.nextLink"];
    }
    return found;
  }

  /**
   * The sent item with this Message-ID (as a delivery report returns it, angle brackets included),
   * or null. Its reference comes from the custom property, since Graph's `internetMessageHeaders`
   * are empty on Sent Items copies.
   */
  async findSentItemByInternetMessageId(
    mailbox: MailboxRef,
    internetMessageId: string
  ): Promise<SentItemMatch | null> {
    const id = internetMessageId.trim();
    if (id === "") return null;
    const bracketed = id.startsWith("<") ? id : `<${id}>`;
    const found = await this.findSentItems(
      mailbox,
      `internetMessageId eq ${odataString(bracketed)}`,
      5
    );
    return found[0] ?? null;
  }

  /** Sent items with exactly this subject sent inside the window (ISO instants, inclusive). */
  async findSentItemsBySubject(
    mailbox: MailboxRef,
    subject: string,
    window: { sentAfter: string; sentBefore: string },
    options: { pageSize?: number } = {}
  ): Promise<SentItemMatch[]> {
    if (subject.trim() === "") return [];
    const filter = [
      `subject eq ${odataString(subject)}`,
      `sentDateTime ge ${window.sentAfter}`,
      `sentDateTime le ${window.sentBefore}`,
    ].join(" and ");
    return this.findSentItems(mailbox, filter, options.pageSize ?? 25);
  }

  /** The message's MIME (RFC 5322 bytes), the input of the `.msg` writer and the bounce parser. */
  async getMime(mailbox: MailboxRef, messageId: string): Promise<Uint8Array> {
    return this.request(
      {
        method: "GET",
        url: `${mailboxPath(mailbox)}/messages/${encodeURIComponent(messageId)}/$value`,
        binary: true,
      },
      z.instanceof(Uint8Array)
    );
  }

  /** Delivery reports (NDR, DR, delayed) in the mailbox's Inbox, newest first. */
  async listDeliveryReports(
    mailbox: MailboxRef,
    options: { receivedAfter?: string; pageSize?: number } = {}
  ): Promise<DeliveryReportItem[]> {
    const filters = [
      `singleValueExtendedProperties/any(ep: ep/id eq '${messageClassId}' and startswith(ep/value, 'REPORT.IPM.Note'))`,
    ];
    if (options.receivedAfter !== undefined) {
      filters.push(`receivedDateTime ge ${options.receivedAfter}`);
    }
    const params = new URLSearchParams({
      $filter: filters.join(" and "),
      $select: "id,receivedDateTime",
      $expand: `singleValueExtendedProperties($filter=id eq '${messageClassId}')`,
      $top: String(options.pageSize ?? 50),
    });
    let url: string | undefined = `${mailboxPath(mailbox)}/mailFolders/inbox/messages?${params}`;
    const found: DeliveryReportItem[] = [];
    while (url !== undefined) {
      const result: z.infer<typeof reportPageSchema> = await this.request(
        { method: "GET", url },
        reportPageSchema
      );
      for (const item of result.value) {
        found.push({
          id: item.id,
          mailbox,
          messageClass:
            item.singleValueExtendedProperties?.find((p) => p.id === messageClassId)?.value ?? "",
          receivedDateTime: item.receivedDateTime ?? null,
        });
      }
      url = result["@odata.nextLink"];
    }
    return found;
  }

  /** R11: whether the saved draft asks for a read receipt (no Office.js API tells). */
  async isReadReceiptRequested(mailbox: MailboxRef, messageId: string): Promise<boolean> {
    const result = await this.request(
      {
        method: "GET",
        url: `${mailboxPath(mailbox)}/messages/${encodeURIComponent(messageId)}?$select=isReadReceiptRequested`,
      },
      readReceiptSchema
    );
    return result.isReadReceiptRequested;
  }

  /** R11's fix: clears the flag on the saved draft. */
  async clearReadReceipt(mailbox: MailboxRef, messageId: string): Promise<void> {
    await this.request(
      {
        method: "PATCH",
        url: `${mailboxPath(mailbox)}/messages/${encodeURIComponent(messageId)}`,
        data: { isReadReceiptRequested: false },
      },
      z.unknown()
    );
  }
}
