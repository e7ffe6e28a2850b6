/**
 * The pane's Bounces queue (F4, R10) without React or Office: delivery reports read through Graph
 * from the Inbox of each office's generic mailbox, parsed with `src/dsn`, each failed recipient tied
 * to its correspondence (the `x-casemail-ref` header, else the Message-ID's sent item, else the
 * subject and date), recorded once at the gateway, and offered R10's next step. Every state comes
 * from the gateway (its bounces and notes), none from local storage, so any pane and any officer
 * of the office sees the same queue. Ports are injected, like `pane-filing.ts`.
 */
import type { DeliveryReport, ReportRecipient } from "../../dsn";
import { bounceNextStep, bounceNote, type BounceNextStep } from "../../domain/notes";
import type { Recipient } from "../../domain/message-draft";
import { toZonedDateTime } from "../../domain/zoned-time";
import type { GatewayClient } from "../../gateway/client";
import {
  bounceSchema,
  emailAddress,
  type Bounce,
  type CaseResource,
  type Correspondence,
  type Note,
} from "../../gateway/contract";
import { isGatewayError } from "../../gateway/errors";
import {
  GraphError,
  type GraphClient,
  type MailboxRef,
  type SentItemMatch,
} from "../../graph/graph-client";

export type BouncesGateway = Pick<
  GatewayClient,
  | "me"
  | "getOffice"
  | "getCorrespondence"
  | "getCase"
  | "listCaseBounces"
  | "listCaseNotes"
  | "recordBounce"
  | "addNote"
>;

export type BouncesGraph = Pick<
  GraphClient,
  | "listDeliveryReports"
  | "getMime"
  | "findSentItemByInternetMessageId"
  | "findSentItemsBySubject"
  | "findCaseLinkedSentItems"
>;

/** What the new message form receives (`displayNewMessageForm` in `src/office/mailbox.ts`). */
export interface ResendMessage {
  to: Recipient[];
  subject: string;
  htmlBody: string;
}

export interface PaneBouncesOptions {
  gateway: BouncesGateway;
  graph: BouncesGraph;
  /** Opens the new message form; throws where the host cannot. */
  openNewMessage: (message: ResendMessage) => void;
  /** SHA-256 hex, for the idempotency key of each report and recipient. */
  sha256Hex(bytes: Uint8Array): Promise<string>;
  /** The notes' clock: the zone of the case's office (the date the bounced message was sent). */
  timeZone: string | ((officeId: string) => string);
  /** How far back the Inbox is read (default 30 days). */
  lookbackDays?: number;
  now?: () => Date;
}

export type TieMethod = "ref" | "message-id" | "subject";

export interface BounceTie {
  correspondenceId: string;
  caseNumber: string;
  by: TieMethod;
}

/** One failed recipient of one delivery report. */
export interface BounceRow {
  /** Report id and recipient address: the row's identity across scans. */
  key: string;
  mailbox: string;
  reportId: string;
  /** When the report arrived (Graph's receivedDateTime): the bounce's `occurredAt`. */
  receivedAt: string;
  /** The bounced address (shown to the officer, never logged). */
  address: string;
  /** Enhanced status code (RFC 3463), "" when none. */
  status: string;
  reason: ReportRecipient["reason"];
  permanent: boolean;
  /** The original message's subject as the report returned it, to act by hand when untied. */
  originalSubject: string;
  /** Null: not tied to a case message; the officer acts by hand. */
  tie: BounceTie | null;
  /** R10's next step; null while untied. */
  step: BounceNextStep | null;
  /** The R10 bounce note for this correspondence exists at the gateway. */
  done: boolean;
}

export type BounceActionResult =
  | { action: "resend"; to: string; subject: string; bodyFound: boolean }
  | { action: "post" }
  /** The R10 note was already on the case (another pane or officer acted): nothing done again. */
  | { action: "already-done" };

/** The rows, and the generic mailboxes whose Inbox Graph could not list (named, never hidden). */
export interface BounceScan {
  rows: BounceRow[];
  unreadable: { mailbox: string; code: string }[];
}

export interface PaneBounces {
  /** Reads the Inboxes, records what is new at the gateway, and lists every failed recipient. */
  scan(): Promise<BounceScan>;
  /** Carries out the row's next step: the R10 note, and for a resend the new message form. */
  act(row: BounceRow): Promise<BounceActionResult>;
}

/** The host could not open the new message form (the note is written; the officer writes by hand). */
export class NewMessageFormUnavailable extends Error {
  constructor(readonly code: string) {
    super(`new message form unavailable: ${code}`);
    this.name = "NewMessageFormUnavailable";
  }
}

/** The parser and postal-mime load when the queue is first opened, not with the pane. */
const dsn = () => import("../../dsn");
const postalMime = () => import("postal-mime");

const hourMs = 60 * 60 * 1000;

/** A correspondence the officer cannot see, or that is not the gateway's: try the next clue. */
function isMissing(error: unknown): boolean {
  return isGatewayError(error) && (error.kind === "not-found" || error.kind === "forbidden");
}

function sameInstant(a: string, b: string): boolean {
  const x = Date.parse(a);
  return !Number.isNaN(x) && x === Date.parse(b);
}

/** The remote server's words as the contract stores them: no control characters, 2,000 at most. */
function storableDiagnostic(text: string): string | null {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ").trim();
  return clean === "" ? null : clean.slice(0, 2000);
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** A plain-text body as HTML for the new form: escaped, line breaks kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, "<br>\n");
}

/** The compose pane links the case from the subject: make sure the case number is in it. */
export function resendSubject(subject: string, caseNumber: string): string {
  const trimmed = subject.trim();
  if (trimmed.toUpperCase().includes(caseNumber.toUpperCase())) return trimmed;
  return trimmed === "" ? caseNumber : `${trimmed} ${caseNumber}`;
}

export function createPaneBounces(options: PaneBouncesOptions): PaneBounces {
  const { gateway, graph } = options;
  const now = options.now ?? (() => new Date());
  const lookbackMs = (options.lookbackDays ?? 30) * 24 * hourMs;
  const zoneOf = (officeId: string) =>
    typeof options.timeZone === "string" ? options.timeZone : options.timeZone(officeId);

  /** Reports never change: each is fetched and parsed once per pane. */
  const parsed = new Map<string, Promise<DeliveryReport>>();
  /** Where the sent copy was found while tying, for the resend's body. */
  const sentCopies = new Map<string, { mailbox: MailboxRef; id: string }>();

  let boxes: Promise<string[]> | null = null;
  /** The generic mailbox of each office the officer belongs to. */
  const genericMailboxes = () =>
    (boxes ??= (async () => {
      const me = await gateway.me();
      const offices = await Promise.all(me.offices.map((id) => gateway.getOffice(id)));
      return [...new Set(offices.map((o) => o.genericMailbox.toLowerCase()))];
    })().catch((error: unknown) => {
      boxes = null;
      throw error;
    }));

  const report = (mailbox: string, id: string): Promise<DeliveryReport> => {
    const key = `${mailbox}\n${id}`;
    let found = parsed.get(key);
    if (found === undefined) {
      found = (async () => (await dsn()).parseDeliveryReport(await graph.getMime(mailbox, id)))();
      found.catch(() => parsed.delete(key));
      parsed.set(key, found);
    }
    return found;
  };

  async function correspondenceFor(ref: string): Promise<Correspondence | null> {
    try {
      return await gateway.getCorrespondence(ref);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** The sent item the report names, by Message-ID, else by subject near its date. */
  async function sentItemFor(
    original: DeliveryReport["original"],
    sentBoxes: readonly MailboxRef[],
    receivedAt: string
  ): Promise<{ item: SentItemMatch; by: TieMethod } | null> {
    if (original.messageId !== "") {
      for (const box of sentBoxes) {
        const item = await graph.findSentItemByInternetMessageId(box, original.messageId);
        if (item?.ref != null) return { item, by: "message-id" };
      }
    }
    if (original.subject.trim() === "") return null;
    const date = Date.parse(original.date);
    const received = Date.parse(receivedAt);
    // The Date header is the sender's clock: two hours either side. Without one, anything sent
    // in the look-back period before the report arrived.
    const window = Number.isNaN(date)
      ? {
          sentAfter: new Date((Number.isNaN(received) ? now().getTime() : received) - lookbackMs),
          sentBefore: Number.isNaN(received) ? now() : new Date(received),
        }
      : { sentAfter: new Date(date - 2 * hourMs), sentBefore: new Date(date + 2 * hourMs) };
    const candidates: SentItemMatch[] = [];
    for (const box of sentBoxes) {
      const found = await graph.findSentItemsBySubject(box, original.subject, {
        sentAfter: window.sentAfter.toISOString(),
        sentBefore: window.sentBefore.toISOString(),
      });
      candidates.push(...found.filter((f) => f.ref !== null));
    }
    const refs = new Set(candidates.map((c) => c.ref));
    if (refs.size === 0) return null;
    if (refs.size > 1 && Number.isNaN(date)) return null; // ambiguous: leave it to the officer
    const distance = (c: SentItemMatch) => {
      const gap = Math.abs(Date.parse(c.sentDateTime ?? "") - date);
      return Number.isNaN(gap) ? Number.POSITIVE_INFINITY : gap;
    };
    const best = [...candidates].sort((a, b) => distance(a) - distance(b))[0];
    return best === undefined ? null : { item: best, by: "subject" };
  }

  async function tie(
    parsedReport: DeliveryReport,
    sentBoxes: readonly MailboxRef[],
    receivedAt: string
  ): Promise<{ correspondence: Correspondence; by: TieMethod } | null> {
    const ref = parsedReport.original.ref.trim();
    if (ref !== "") {
      const found = await correspondenceFor(ref);
      if (found !== null) return { correspondence: found, by: "ref" };
    }
    const sent = await sentItemFor(parsedReport.original, sentBoxes, receivedAt);
    if (sent === null || sent.item.ref === null) return null;
    const found = await correspondenceFor(sent.item.ref);
    if (found === null) return null;
    sentCopies.set(found.id, { mailbox: sent.item.mailbox, id: sent.item.id });
    return { correspondence: found, by: sent.by };
  }

  /** R10: resend where the address changed since; post where the current address bounced too. */
  function nextStep(caseRecord: CaseResource, address: string): BounceNextStep {
    const step = bounceNextStep(caseRecord, address);
    if (step.action !== "resend") return step;
    const target = step.to.toLowerCase();
    const bouncedBefore = caseRecord.bounces.some(
      (b) => b.permanent && b.address.toLowerCase() === target
    );
    return bouncedBefore ? { action: "post" } : step;
  }

  const isBounceNoteOf = (id: string) => (n: Note) =>
    n.kind === "bounce" && n.correspondenceId === id;

  /** One key per report, recipient and correspondence: a retried or repeated record replays. */
  async function idempotencyKey(row: BounceRow, correspondenceId: string): Promise<string> {
    const identity = [row.mailbox, row.reportId, row.address.toLowerCase(), correspondenceId];
    const bytes = new TextEncoder().encode(identity.join("\n"));
    return `r10-bounce-${await options.sha256Hex(bytes)}`;
  }

  async function scan(): Promise<BounceScan> {
    const generic = await genericMailboxes();
    const sentBoxes: MailboxRef[] = [...generic, "me"];
    const receivedAfter = new Date(now().getTime() - lookbackMs).toISOString();
    const rows: BounceRow[] = [];
    // Per scan, one read of each case's record, bounces and notes.
    const cases = new Map<string, Promise<[CaseResource, Bounce[], Note[]]>>();
    const caseFacts = (caseNumber: string) => {
      let facts = cases.get(caseNumber);
      if (facts === undefined) {
        facts = Promise.all([
          gateway.getCase(caseNumber),
          gateway.listCaseBounces(caseNumber),
          gateway.listCaseNotes(caseNumber),
        ]);
        cases.set(caseNumber, facts);
      }
      return facts;
    };

    const unreadable: BounceScan["unreadable"] = [];
    let firstFailure: unknown = null;
    for (const mailbox of generic) {
      let items: Awaited<ReturnType<BouncesGraph["listDeliveryReports"]>>;
      try {
        items = await graph.listDeliveryReports(mailbox, { receivedAfter });
      } catch (error) {
        // One office's mailbox the officer cannot read must not hide the others' reports.
        if (!(error instanceof GraphError)) throw error;
        firstFailure ??= error;
        unreadable.push({ mailbox, code: error.kind });
        continue;
      }
      for (const item of items) {
        // Read receipts share the REPORT class prefix; they are never bounces (R11).
        if (/\.IPN(N)?RN$/i.test(item.messageClass)) continue;
        const parsedReport = await report(mailbox, item.id);
        if (parsedReport.kind !== "failure") continue; // delays and successes are not bounces
        const failed = parsedReport.recipients.filter((r) => r.action === "failed");
        if (failed.length === 0) continue;
        const receivedAt = item.receivedDateTime ?? now().toISOString();
        const tied = await tie(parsedReport, sentBoxes, receivedAt);
        for (const recipient of failed) {
          const address = recipient.address.trim();
          const row: BounceRow = {
            key: `${item.id}\n${address.toLowerCase()}`,
            mailbox,
            reportId: item.id,
            receivedAt,
            address,
            status: recipient.status,
            reason: recipient.reason,
            permanent: recipient.permanent,
            originalSubject: parsedReport.original.subject,
            tie: null,
            step: null,
            done: false,
          };
          rows.push(row);
          // An address the contract cannot hold cannot be recorded: it stays for the officer.
          if (tied === null || !emailAddress.safeParse(address).success) continue;
          const c = tied.correspondence;
          const [caseRecord, bounces, notes] = await caseFacts(c.caseNumber);
          const recorded = bounces.some(
            (b) =>
              b.correspondenceId === c.id &&
              b.address.toLowerCase() === address.toLowerCase() &&
              sameInstant(b.occurredAt, receivedAt)
          );
          if (!recorded) {
            const statusCode = bounceSchema.shape.statusCode.safeParse(recipient.status);
            const created = await gateway.recordBounce(
              c.id,
              {
                address,
                occurredAt: receivedAt,
                permanent: recipient.permanent,
                statusCode: statusCode.success ? statusCode.data : null,
                diagnostic: storableDiagnostic(recipient.diagnostic),
              },
              { idempotencyKey: await idempotencyKey(row, c.id) }
            );
            bounces.push(created);
          }
          row.tie = { correspondenceId: c.id, caseNumber: c.caseNumber, by: tied.by };
          row.step = nextStep(caseRecord, address);
          row.done = notes.some(isBounceNoteOf(c.id));
        }
      }
    }
    if (generic.length > 0 && unreadable.length === generic.length) throw firstFailure;
    rows.sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt));
    return { rows, unreadable };
  }

  /** The sent copy's subject and body (Sent Items of the generic mailbox or the officer's). */
  async function originalMessage(
    c: Correspondence
  ): Promise<{ subject: string; htmlBody: string } | null> {
    let source = sentCopies.get(c.id) ?? null;
    if (source === null) {
      // Sent after it was recorded (an hour's skew); or the recorded sending time, if earlier.
      const since = Math.min(
        Date.parse(c.createdAt),
        c.sentAt === null ? Number.POSITIVE_INFINITY : Date.parse(c.sentAt)
      );
      const sentAfter = new Date(since - hourMs).toISOString();
      for (const box of [...(await genericMailboxes()), "me"]) {
        const item = (await graph.findCaseLinkedSentItems(box, { sentAfter })).find(
          (i) => i.ref === c.id
        );
        if (item !== undefined) {
          source = { mailbox: box, id: item.id };
          break;
        }
      }
    }
    if (source === null) return null;
    const mime = await graph.getMime(source.mailbox, source.id);
    const PostalMime = (await postalMime()).default;
    const email = await PostalMime.parse(mime);
    const htmlBody = email.html ?? (email.text === undefined ? "" : textToHtml(email.text));
    return { subject: email.subject ?? "", htmlBody };
  }

  async function act(row: BounceRow): Promise<BounceActionResult> {
    if (row.tie === null) throw new Error("untied bounce has no next step");
    const { caseNumber, correspondenceId } = row.tie;
    // Fresh facts: another officer may have acted, or the address may have changed meanwhile.
    const [c, caseRecord, notes] = await Promise.all([
      gateway.getCorrespondence(correspondenceId),
      gateway.getCase(caseNumber),
      gateway.listCaseNotes(caseNumber),
    ]);
    if (notes.some(isBounceNoteOf(c.id))) return { action: "already-done" };
    const step = nextStep(caseRecord, row.address);
    const sentAt = c.sentAt ?? row.receivedAt;
    const sentOn = toZonedDateTime(sentAt, zoneOf(c.officeId))?.date ?? sentAt.slice(0, 10);
    const noteKey = `r10-note-${c.id}`;
    const addNote = async () => {
      await gateway.addNote(
        caseNumber,
        {
          kind: "bounce",
          correspondenceId: c.id,
          text: bounceNote({ sentOn, bounced: row.address, step }, caseRecord.language),
        },
        { idempotencyKey: noteKey }
      );
    };
    if (step.action === "post") {
      await addNote();
      return { action: "post" };
    }
    const original = await originalMessage(c);
    const subject = resendSubject(original?.subject || c.subject || "", caseNumber);
    // The note first: in Outlook on the web the new form may replace the pane before a request
    // started afterwards completes.
    await addNote();
    options.openNewMessage({
      to: [{ address: step.to, displayName: step.to }],
      subject,
      htmlBody: original?.htmlBody ?? "",
    });
    return { action: "resend", to: step.to, subject, bodyFound: original !== null };
  }

  return { scan, act };
}
