/**
 * The workbench's simulated Outlook item: the state an officer edits on the workbench page
 * (From, To, Cc, Bcc, Subject, Body, mode) plus what the add-in writes to it (custom properties,
 * internet headers, session data, notifications). Pure state with change listeners; the Office
 * shim (`office-shim.ts`) exposes it through the Office.js surface.
 */
export interface SimAddress {
  emailAddress: string;
  displayName: string;
}

export type SimMode = "compose" | "read";
export type SimField = "to" | "cc" | "bcc";

export interface SimNotification {
  type: string;
  message: string;
}

export interface SimItemState {
  mode: SimMode;
  from: SimAddress;
  to: SimAddress[];
  cc: SimAddress[];
  bcc: SimAddress[];
  subject: string;
  /** The body; the workbench edits it as plain text, Outlook's own clients often use HTML. */
  body: string;
  bodyType: "text" | "html";
  /** Where the next `setSelectedDataAsync` writes (an offset into `body`); null = at the end. */
  cursor: number | null;
  customProperties: Record<string, string>;
  internetHeaders: Record<string, string>;
  sessionData: Record<string, string>;
  notifications: Record<string, SimNotification>;
  itemClass: string;
  itemId: string | null;
  /** For read mode: when it was sent. */
  dateTimeCreated: string;
}

export type SimChange = "recipients" | "from" | "subject" | "body" | "mode" | "stamp" | "other";

export function parseAddressList(text: string): SimAddress[] {
  return text
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const m = /^(.*)<([^>]+)>$/.exec(s);
      if (m) {
        const name = (m[1] ?? "").trim().replace(/^"|"$/g, "");
        const email = (m[2] ?? "").trim();
        return { emailAddress: email, displayName: name || email };
      }
      return { emailAddress: s, displayName: s };
    });
}

export function formatAddressList(list: readonly SimAddress[]): string {
  return list
    .map((a) =>
      a.displayName && a.displayName !== a.emailAddress
        ? `${a.displayName} <${a.emailAddress}>`
        : a.emailAddress
    )
    .join("; ");
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Plain text to HTML paragraphs, as Outlook does with a typed body. */
export function textToHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `<div>${line === "" ? "<br>" : escapeHtml(line)}</div>`)
    .join("");
}

/** HTML to text the way Outlook's `CoercionType.Text` reads it: block ends become newlines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>(?=<\/(div|p)>)/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(div|p|li|h[1-6]|tr)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\n$/, "");
}

export function initialState(overrides: Partial<SimItemState> = {}): SimItemState {
  return {
    mode: "compose",
    from: { emailAddress: "officer@example.gc.ca", displayName: "Officer" },
    to: [],
    cc: [],
    bcc: [],
    subject: "",
    body: "",
    bodyType: "text",
    cursor: null,
    customProperties: {},
    internetHeaders: {},
    sessionData: {},
    notifications: {},
    itemClass: "IPM.Note",
    itemId: null,
    dateTimeCreated: new Date(0).toISOString(),
    ...overrides,
  };
}

export class SimulatedItem {
  private current: SimItemState;
  private listeners = new Set<(change: SimChange) => void>();

  constructor(state: Partial<SimItemState> = {}) {
    this.current = initialState(state);
  }

  get state(): Readonly<SimItemState> {
    return this.current;
  }

  /** Replaces part of the state and tells listeners what kind of change it was. */
  update(patch: Partial<SimItemState>, change: SimChange): void {
    this.current = { ...this.current, ...patch };
    for (const l of [...this.listeners]) l(change);
  }

  setRecipients(field: SimField, list: SimAddress[]): void {
    this.update({ [field]: list.map((a) => ({ ...a })) } as Partial<SimItemState>, "recipients");
  }

  /** Inserts content at the cursor (replacing nothing), or at the end when no cursor is set. */
  insert(content: string, type: "text" | "html"): void {
    const { body, bodyType, cursor } = this.current;
    const piece =
      bodyType === type ? content : type === "html" ? htmlToText(content) : textToHtml(content);
    const at = cursor === null ? body.length : Math.min(cursor, body.length);
    this.update(
      { body: body.slice(0, at) + piece + body.slice(at), cursor: at + piece.length },
      "body"
    );
  }

  /** The body as `CoercionType.Text` reads it. */
  bodyText(): string {
    return this.current.bodyType === "html" ? htmlToText(this.current.body) : this.current.body;
  }

  subscribe(listener: (change: SimChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
