/**
 * The pane's filing views on the real filing service (queue, pipeline, `.msg` writer, gateway
 * port) over a recording fake gateway and a fake Graph: Pending rows and their states, File and
 * File all without double filing, the fallbacks, Read-mode filing and the proof of sending.
 */
import "./jsdom-globals";
import "@testing-library/jest-dom";
import { createHash } from "node:crypto";
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { MemoryJobStore } from "../../../src/filing/job-store";
import type { Correspondence, ProofOfSending } from "../../../src/gateway/contract";
import { GatewayError } from "../../../src/gateway/errors";
import { GraphError } from "../../../src/graph/graph-client";
import {
  createPaneFiling,
  type FilingGatewayClient,
  type FilingGraph,
} from "../../../src/taskpane/filing/pane-filing";
import { paneAction } from "../../../src/taskpane/filing/read-filing";
import { renderPane } from "../render-pane";

// Fluent's first renders under jsdom are slow on this shared machine (see render-pane.tsx).
jest.setTimeout(20_000);

const refA = "cm-aaaaaaaa-1111-4222-8333-444444444444";
const refB = "cm-bbbbbbbb-1111-4222-8333-444444444444";
const mailbox = "casework.east@example.org";

function correspondence(id: string, caseNumber: string, subject: string): Correspondence {
  return {
    id,
    caseNumber,
    officeId: "office-east",
    purpose: "documents",
    deadline: "2027-02-10",
    expectedRecipient: "alex.sample@example.com",
    language: "en",
    status: "pending",
    subject,
    sentAt: null,
    from: null,
    to: [],
    via: null,
    eDocument: null,
    respondedAt: null,
    followedUpAt: null,
    createdAt: "2027-01-11T14:00:00.000Z",
    createdBy: "officer-a",
    updatedAt: "2027-01-11T14:00:00.000Z",
  };
}

function mime(ref: string, subject: string): Uint8Array {
  return new TextEncoder().encode(
    [
      `From: Eastern Processing Office <${mailbox}>`,
      "To: Alex Sample <alex.sample@example.com>",
      `Subject: ${subject}`,
      "Date: Mon, 11 Jan 2027 15:00:00 +0000",
      `Message-ID: <${ref}@example.org>`,
      `x-casemail-ref: ${ref}`,
      "MIME-Version: 1.0",
      'Content-Type: multipart/mixed; boundary="b"',
      "",
      "--b",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Please send the requested documents by February 10, 2027.",
      "--b",
      'Content-Type: application/pdf; name="letter.pdf"',
      'Content-Disposition: attachment; filename="letter.pdf"',
      "",
      "%PDF-1.4",
      "--b--",
      "",
    ].join("\r\n")
  );
}

interface Recorder {
  uploads: string[];
  notes: { kind: string; correspondenceId?: string | undefined }[];
  sendings: string[];
  searches: { box: string; sentAfter: string | undefined }[];
}

function fakes(options: { uploadFails?: boolean; noteFails?: boolean } = {}) {
  const rec: Recorder = { uploads: [], notes: [], sendings: [], searches: [] };
  const pending = [
    correspondence(refA, "B000100001", "B000100001 Request for documents"),
    correspondence(refB, "B000100002", "B000100002 Interview"),
  ];
  const gateway: FilingGatewayClient = {
    me: async () => ({ officerId: "officer-a", displayName: null, offices: ["office-east"] }),
    getOffice: async () => ({
      id: "office-east",
      name: { en: "Eastern Processing Office", fr: "Bureau de traitement de l'Est" },
      genericMailbox: mailbox,
    }),
    getCorrespondence: async (id: string) => pending.find((c) => c.id === id) ?? pending[0]!,
    listPendingFiling: async () => pending,
    recordSending: async (id: string) => {
      rec.sendings.push(id);
      return pending[0]!;
    },
    uploadEDocument: async (id: string) => {
      if (options.uploadFails) throw new GatewayError("server", "500", { status: 500 });
      rec.uploads.push(id);
      return pending[0]!;
    },
    createPrintTask: async () => {
      throw new Error("not expected");
    },
    addNote: async (_case: string, note: { kind: string; correspondenceId?: string }) => {
      if (options.noteFails) throw new GatewayError("server", "500", { status: 500 });
      rec.notes.push(note);
      return {} as never;
    },
    getProof: async () => {
      throw new GatewayError("not-found", "none", { status: 404 });
    },
    getEDocument: async () => new Uint8Array([1, 2, 3]),
  } as unknown as FilingGatewayClient;
  const graph: FilingGraph = {
    // Only refA's copy is in Sent Items (the generic mailbox's).
    findCaseLinkedSentItems: async (box: string, options?: { sentAfter?: string }) => {
      rec.searches.push({ box, sentAfter: options?.sentAfter });
      return box === mailbox
        ? [{ id: "AAMk-1", mailbox, ref: refA, sentDateTime: null, internetMessageId: null }]
        : [];
    },
    getMime: async () => mime(refA, "B000100001 Request for documents"),
  };
  return { gateway, graph, rec };
}

const sha256Hex = async (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function filingFor(f: ReturnType<typeof fakes>, openItemMime = async () => mime(refA, "x")) {
  return createPaneFiling({
    gateway: f.gateway,
    graph: f.graph,
    store: new MemoryJobStore(),
    openItemMime,
    sha256Hex,
    timeZone: "America/Toronto",
    limitBytes: 4_000_000,
  });
}

async function openPending(filing: ReturnType<typeof filingFor>, locale: "en" | "fr" = "en") {
  const view = renderPane({ item: { subject: "" }, locale });
  view.unmount();
  // renderPane builds services without filing; render again with them.
  const { render } = await import("@testing-library/react");
  const { App } = await import("../../../src/taskpane/app");
  render(<App services={{ ...view.services, filing }} locale={locale} mode="none" theme="light" />);
  return screen.findByTestId("pending-view");
}

const rowFor = (ref: string) =>
  screen.getAllByTestId("pending-row").find((r) => r.getAttribute("data-ref") === ref)!;

describe("Pending filing", () => {
  test("a mailbox Graph cannot search is named as such, not as a case-system failure", async () => {
    const f = fakes();
    f.graph.findCaseLinkedSentItems = async () => {
      throw new GraphError("throttled", 429);
    };
    await openPending(filingFor(f));
    expect(
      await screen.findByText(
        "The Pending list could not be loaded: your mailbox could not be searched through Microsoft Graph (throttled)"
      )
    ).toBeInTheDocument();
  });

  test("joins the gateway's list with Sent Items; a copy not found cannot be filed yet", async () => {
    const f = fakes();
    await openPending(filingFor(f));
    await waitFor(() => expect(screen.getAllByTestId("pending-row")).toHaveLength(2));
    expect(rowFor(refA)).toHaveTextContent("B000100001: B000100001 Request for documents: pending");
    expect(rowFor(refB)).toHaveTextContent("not found in Sent Items yet");
    expect(within(rowFor(refB)).queryByRole("button")).toBeNull();
    // The officer's own Sent Items and the office's generic mailbox, from an hour before the
    // oldest pending correspondence was recorded.
    expect(f.rec.searches).toEqual([
      { box: "me", sentAfter: "2027-01-11T13:00:00.000Z" },
      { box: mailbox, sentAfter: "2027-01-11T13:00:00.000Z" },
    ]);
    expect(
      within(rowFor(refA)).getByRole("button", { name: "File B000100001" })
    ).toBeInTheDocument();
  });

  test("File all files each found item once, with progress; pressing it again uploads nothing more", async () => {
    const f = fakes();
    await openPending(filingFor(f));
    const fileAll = await screen.findByRole("button", { name: "File all" });
    fireEvent.click(fileAll);
    fireEvent.click(fileAll);
    await waitFor(() =>
      expect(screen.getByTestId("filing-progress")).toHaveTextContent("1 filed, 0 still pending.")
    );
    expect(rowFor(refA)).toHaveTextContent(": filed");
    expect(rowFor(refB)).toHaveTextContent("not found in Sent Items yet");
    expect(f.rec.uploads).toEqual([refA]);
    expect(f.rec.sendings).toEqual([refA]);
    expect(screen.getByRole("button", { name: "File all" })).toBeDisabled();
    expect(
      within(rowFor(refA)).getByRole("button", { name: "Proof of sending for B000100001" })
    ).toBeInTheDocument();
  });

  test("an upload that keeps failing leaves the R8 note and the item pending", async () => {
    const f = fakes({ uploadFails: true });
    await openPending(filingFor(f));
    fireEvent.click(await screen.findByRole("button", { name: "File B000100001" }));
    await waitFor(() =>
      expect(rowFor(refA)).toHaveTextContent("fallback note on the case (R8); still to be filed")
    );
    expect(f.rec.notes).toEqual([expect.objectContaining({ kind: "fallback-filing" })]);
    expect(f.rec.uploads).toEqual([]);
    // Still fileable later.
    expect(within(rowFor(refA)).getByRole("button", { name: "File B000100001" })).toBeEnabled();
  });

  test("when even the note fails, the row says it will be retried and why (in French too)", async () => {
    const f = fakes({ uploadFails: true, noteFails: true });
    await openPending(filingFor(f), "fr");
    fireEvent.click(await screen.findByRole("button", { name: "Classer B000100001" }));
    await waitFor(() =>
      expect(rowFor(refA)).toHaveTextContent(
        "sera réessayé : le téléversement au dossier a échoué (upload.server+note.server)"
      )
    );
    expect(f.rec.notes).toEqual([]);
  });

  test("a failing Pending list says so", async () => {
    const f = fakes();
    f.gateway.listPendingFiling = async () => {
      throw new GatewayError("network", "down");
    };
    await openPending(filingFor(f));
    expect(
      await screen.findByText(
        /The Pending list could not be loaded: The case system could not be reached/
      )
    ).toBeInTheDocument();
  });
});

const proof: ProofOfSending = {
  correspondence: {
    ...correspondence(refA, "B000100001", "B000100001 Request for documents"),
    status: "filed",
    sentAt: "2027-01-11T15:00:00.000Z",
    from: mailbox,
    to: ["alex.sample@example.com"],
    via: { method: "email", address: "alex.sample@example.com" },
    eDocument: {
      size: 12345,
      sha256: "ab".repeat(32),
      uploadedAt: "2027-01-11T15:01:00.000Z",
      uploadedBy: "officer-a",
    },
  },
  caseNumber: "B000100001",
  office: {
    id: "office-east",
    name: { en: "Eastern Processing Office", fr: "Bureau de traitement de l'Est" },
    genericMailbox: mailbox,
  },
  addressOnFileAtSending: "alex.sample@example.com",
  sentToLatestAddress: true,
  bounced: true,
  bounces: [{} as ProofOfSending["bounces"][number]],
  notes: [],
  filedBy: "Officer A",
  filedAt: "2027-01-11T15:01:00.000Z",
};

describe("Proof of sending", () => {
  const urls: Blob[] = [];
  beforeAll(() => {
    const u = URL as unknown as Record<string, unknown>;
    u.createObjectURL = (blob: Blob) => {
      urls.push(blob);
      return `blob:test/${urls.length}`;
    };
    u.revokeObjectURL = () => undefined;
  });

  test("after filing: the facts, the body and attachments from the sent copy, and the .msg download", async () => {
    const f = fakes();
    f.gateway.getProof = async () => proof;
    await openPending(filingFor(f));
    fireEvent.click(await screen.findByRole("button", { name: "File all" }));
    fireEvent.click(await screen.findByRole("button", { name: "Proof of sending for B000100001" }));
    const facts = await screen.findByTestId("proof-facts");
    for (const text of [
      "Eastern Processing Office",
      "casework.east@example.org",
      "alex.sample@example.com",
      "B000100001 Request for documents",
      "ab".repeat(32),
      "12345 bytes",
      "Officer A",
      "Bounced (1 delivery report(s))",
      "Yes (alex.sample@example.com)",
      "letter.pdf",
      "January 11, 2027",
    ]) {
      expect(facts).toHaveTextContent(text);
    }
    expect(await screen.findByTestId("proof-body")).toHaveTextContent(
      "Please send the requested documents by February 10, 2027."
    );
    // One click saves the file (jsdom cannot navigate: the anchor's click is observed instead).
    const saved: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      saved.push(this.download);
    });
    fireEvent.click(screen.getByRole("button", { name: "Download the .msg" }));
    const link = await screen.findByTestId("msg-download");
    expect(saved).toEqual([`B000100001-${refA}.msg`]);
    click.mockRestore();
    expect(link).toHaveAttribute("href", `blob:test/${urls.length}`);
    expect(link).toHaveAttribute("download", `B000100001-${refA}.msg`);
    expect(urls.at(-1)?.size).toBe(3);
    expect(screen.getByRole("button", { name: "Print" })).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Back" }));
    expect(await screen.findByTestId("pending-view")).toBeInTheDocument();
  });

  test("not bounced, sent to an address that was not the latest on file", async () => {
    const f = fakes();
    f.gateway.getProof = async () => ({
      ...proof,
      bounced: false,
      bounces: [],
      sentToLatestAddress: false,
      addressOnFileAtSending: "new.address@example.com",
    });
    const { render } = await import("@testing-library/react");
    const { ProofView } = await import("../../../src/taskpane/filing/proof-view");
    render(<ProofView filing={filingFor(f)} correlationRef={refA} />);
    const facts = await screen.findByTestId("proof-facts");
    expect(facts).toHaveTextContent("No delivery failure reported");
    expect(facts).toHaveTextContent("No: the address on file was new.address@example.com");
    // Nothing filed from this pane: the body is in the .msg, not here.
    expect(screen.getByText(/The body is not available here/)).toBeInTheDocument();
  });
});

describe("Read mode", () => {
  test("File this item files the open item from getAsFileAsync", async () => {
    const f = fakes();
    const filing = filingFor(f, async () => mime(refA, "B000100001 Request for documents"));
    f.gateway.getCorrespondence = async () =>
      correspondence(refA, "B000100001", "B000100001 Request for documents");
    const view = renderPane({
      item: { mode: "read", subject: "B000100001", customProperties: { "casemail-ref": refA } },
    });
    view.unmount();
    const { render } = await import("@testing-library/react");
    const { App } = await import("../../../src/taskpane/app");
    render(
      <App
        services={{ ...view.services, gateway: f.gateway as never, filing }}
        locale="en"
        mode="read"
        theme="light"
      />
    );
    fireEvent.click(await screen.findByRole("button", { name: "File this item" }));
    expect(
      await screen.findByText("This message is on its case (Sent via Email).")
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "File this item" })).toBeNull();
    expect(f.rec.uploads).toEqual([refA]);
    expect((await filing.job(refA))?.source).toEqual({
      kind: "open-item",
      itemId: expect.any(String),
    });
  });

  async function openRead(f: ReturnType<typeof fakes>, search: string) {
    window.history.pushState({}, "", `/taskpane.html${search}`);
    const filing = filingFor(f, async () => mime(refA, "B000100001 Request for documents"));
    f.gateway.getCorrespondence = async () =>
      correspondence(refA, "B000100001", "B000100001 Request for documents");
    const view = renderPane({
      item: { mode: "read", subject: "B000100001", customProperties: { "casemail-ref": refA } },
    });
    view.unmount();
    const { render } = await import("@testing-library/react");
    const { App } = await import("../../../src/taskpane/app");
    render(
      <App
        services={{ ...view.services, gateway: f.gateway as never, filing }}
        locale="en"
        mode="read"
        theme="light"
      />
    );
    return filing;
  }

  afterEach(() => window.history.pushState({}, "", "/"));

  test("?action=file (the ribbon's File this item) files on opening, once", async () => {
    const f = fakes();
    await openRead(f, "?action=file");
    expect(
      await screen.findByText("This message is on its case (Sent via Email).")
    ).toBeInTheDocument();
    expect(f.rec.uploads).toEqual([refA]);
  });

  test("?action=proof opens the proof of sending directly", async () => {
    const f = fakes();
    f.gateway.getProof = async () => proof;
    await openRead(f, "?action=proof");
    expect(await screen.findByTestId("proof-facts")).toHaveTextContent("ab".repeat(32));
    expect(f.rec.uploads).toEqual([]);
  });

  test("paneAction reads only the two known actions", () => {
    expect(paneAction("?action=file")).toBe("file");
    expect(paneAction("?action=proof&x=1")).toBe("proof");
    expect(paneAction("?action=delete")).toBeNull();
    expect(paneAction("")).toBeNull();
  });
});
