/**
 * The follow-up views as officers use them, on the real follow-up services and the pane's real
 * gateway client (jsdom's XMLHttpRequest, CORS) against the REAL gateway in a child process; the
 * Office shim stands in for Office.js (the new message form). Each action is checked in the
 * gateway's own state afterwards.
 */
import "../filing/jsdom-globals";
import "@testing-library/jest-dom";
import { randomUUID } from "node:crypto";
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { staticTokenProvider } from "../../../src/auth/token-provider";
import { defaultPolicy } from "../../../src/domain/policy";
import type { Purpose } from "../../../src/domain/message-draft";
import { MemoryJobStore } from "../../../src/filing/job-store";
import { createGatewayClient, type GatewayClient } from "../../../src/gateway/client";
import { App } from "../../../src/taskpane/app";
import { createPaneFiling } from "../../../src/taskpane/filing/pane-filing";
import { ProofView } from "../../../src/taskpane/filing/proof-view";
import { createBrowserFollowups } from "../../../src/taskpane/followups/browser-followups";
import { takePurposeHint } from "../../../src/taskpane/followups/purpose-hint";
import { PaneTextProvider } from "../../../src/taskpane/pane-text";
import type { PaneServices } from "../../../src/taskpane/services";
import { createOfficeShim } from "../../../src/workbench/office-shim";
import { SimulatedItem } from "../../../src/workbench/simulated-item";
import { addr } from "../render-pane";
import { startGatewayProcess, type GatewayProcess } from "./gateway-process";

// A child gateway to start, and Fluent's first renders under jsdom, on a shared machine.
jest.setTimeout(60_000);

const today = "2027-03-01";
const zones: Record<string, string> = {
  "office-east": "America/Toronto",
  "office-west": "America/Vancouver",
};

let gp: GatewayProcess;
const clients: Record<string, GatewayClient> = {};
let forms: unknown[] = [];

beforeAll(async () => {
  gp = await startGatewayProcess(["officer-a", "officer-b"]);
  for (const [officer, token] of Object.entries(gp.tokens)) {
    clients[officer] = createGatewayClient({
      baseUrl: gp.url,
      tokenProvider: staticTokenProvider({ gateway: token }),
      timeoutMs: 15_000,
    });
  }
});
afterAll(async () => {
  await gp?.stop();
});
beforeEach(() => {
  forms = [];
  (globalThis as { Office?: unknown }).Office = createOfficeShim(
    new SimulatedItem({ from: addr("casework.east@example.org") }),
    { onNewMessageForm: (m) => forms.push(m) }
  );
});

function services(client: GatewayClient): PaneServices {
  return {
    gateway: client,
    policy: defaultPolicy,
    caseNumberPattern: "[A-Z][0-9]{9}",
    caseNumberExample: "B012345678",
    today: () => today,
    newCorrelationRef: () => `cm-${randomUUID()}`,
    followups: createBrowserFollowups({
      gateway: client,
      today: () => today,
      officeTimeZone: (officeId) => zones[officeId],
    }),
  };
}

async function openQueue(client: GatewayClient, tab: string, locale: "en" | "fr" = "en") {
  render(<App services={services(client)} locale={locale} mode="none" theme="light" />);
  fireEvent.click(await screen.findByRole("button", { name: tab }));
}

async function sent(
  client: GatewayClient,
  o: {
    caseNumber: string;
    purpose: Purpose;
    recipient: string;
    language: "en" | "fr";
    deadline?: string | null;
    sentTo?: string | null;
  }
): Promise<string> {
  const id = `cm-${randomUUID()}`;
  await client.recordPendingCorrespondence({
    id,
    caseNumber: o.caseNumber,
    purpose: o.purpose,
    deadline: o.deadline ?? null,
    expectedRecipient: o.recipient,
    language: o.language,
    subject: `${o.caseNumber} ${o.purpose}`,
  });
  if (o.sentTo !== null) {
    await client.recordSending(id, {
      sentAt: "2027-01-11T15:00:00Z",
      from: "casework.east@example.org",
      to: [o.sentTo ?? o.recipient],
      subject: `${o.caseNumber} ${o.purpose}`,
    });
  }
  return id;
}

const rowOf = (testId: string, attribute: string, value: string) =>
  screen.queryAllByTestId(testId).find((r) => r.getAttribute(attribute) === value);

describe("Overdue responses", () => {
  test("the officer picks the choices, reads the French note, adds it; the row leaves", async () => {
    const a = clients["officer-a"]!;
    const id = await sent(a, {
      caseNumber: "B000100002",
      purpose: "documents",
      deadline: "2027-02-10",
      recipient: "camille.exemple@example.net",
      language: "fr",
    });
    await openQueue(a, "Overdue responses");
    await waitFor(() => expect(rowOf("overdue-row", "data-ref", id)).toBeDefined());
    const row = rowOf("overdue-row", "data-ref", id)!;
    expect(row).toHaveTextContent("B000100002: Request for documents");
    expect(row).toHaveTextContent("Deadline February 10, 2027");
    expect(row).toHaveTextContent("Sent to camille.exemple@example.net");

    fireEvent.click(within(row).getByRole("button", { name: "No response…" }));
    expect(within(row).getByText("Pick both choices to see the note.")).toBeInTheDocument();
    const save = within(row).getByRole("button", { name: "Add the note to B000100002" });
    expect(save).toBeDisabled();
    fireEvent.click(within(row).getByLabelText("abandoned"));
    fireEvent.click(within(row).getByLabelText("requested more time to provide the information"));
    // The pane is English; the note is in the case's language.
    expect(within(row).getByText("The note, in the case's language (French)")).toBeInTheDocument();
    const preview = within(row).getByTestId("r9-preview");
    expect(preview).toHaveAttribute("lang", "fr-CA");
    expect(preview).toHaveTextContent(
      "Un courriel a été envoyé au demandeur dans le but d’obtenir des documents supplémentaires. Le demandeur a également été informé qu’à défaut de fournir les documents requis, sa demande pourrait être abandonnée. Le demandeur a demandé un délai supplémentaire pour fournir les renseignements demandés."
    );
    expect(save).toBeEnabled();
    fireEvent.click(save);

    expect(
      await screen.findByText("B000100002: the no-response note is on the case.")
    ).toBeInTheDocument();
    expect(rowOf("overdue-row", "data-ref", id)).toBeUndefined();
    const notes = (await a.listCaseNotes("B000100002")).filter((n) => n.correspondenceId === id);
    expect(notes).toEqual([expect.objectContaining({ kind: "no-response" })]);
    expect(notes[0]!.text).toBe(preview.textContent);
    expect((await a.getCorrespondence(id)).followedUpAt).not.toBeNull();
  });

  test("Response received records the response and the row leaves (French pane)", async () => {
    const a = clients["officer-a"]!;
    const id = await sent(a, {
      caseNumber: "B000100001",
      purpose: "interview",
      deadline: "2027-02-01",
      recipient: "alex.sample@example.com",
      language: "en",
    });
    await openQueue(a, "Files de travail", "fr");
    fireEvent.click(await screen.findByRole("button", { name: "Réponses en retard" }));
    await waitFor(() => expect(rowOf("overdue-row", "data-ref", id)).toBeDefined());
    const row = rowOf("overdue-row", "data-ref", id)!;
    expect(row).toHaveTextContent("B000100001 : Convocation à une entrevue");
    fireEvent.click(within(row).getByRole("button", { name: "Réponse reçue" }));
    expect(await screen.findByText("B000100001 : la réponse est consignée.")).toBeInTheDocument();
    expect(rowOf("overdue-row", "data-ref", id)).toBeUndefined();
    expect((await a.getCorrespondence(id)).status).toBe("responded");
  });
});

describe("Transfers", () => {
  test("Write the notice opens a new message to the applicant, in French, with the case number", async () => {
    const b = clients["officer-b"]!;
    await openQueue(b, "Transfers");
    await waitFor(() => expect(screen.getAllByTestId("transfer-row").length).toBeGreaterThan(0));
    const row = screen
      .getAllByTestId("transfer-row")
      .find((r) => r.textContent?.startsWith("B000100010"))!;
    expect(row).toHaveTextContent(
      "B000100010: transferred from Eastern Processing Office to Western Processing Office on November 20, 2026"
    );
    expect(row).toHaveTextContent("The notice goes to the applicant, sacha.modele@example.com.");
    expect(row).toHaveTextContent("Written in French.");
    fireEvent.click(within(row).getByRole("button", { name: "Write the notice for B000100010" }));

    expect(forms).toHaveLength(1);
    const form = forms[0] as { toRecipients: string[]; subject: string; htmlBody: string };
    expect(form.toRecipients).toEqual(["sacha.modele@example.com"]);
    expect(form.subject).toBe("Transfert de votre dossier - demande B000100010");
    expect(form.htmlBody).toContain("Bureau de traitement de l&#39;Est");
    // The compose pane on the new form finds the purpose, once.
    expect(takePurposeHint("B000100010")).toBe("transfer");
    expect(takePurposeHint("B000100010")).toBeNull();
    expect(within(row).getByText(/the notice opened in a new message/)).toBeInTheDocument();
  });

  test("a notice already sent is recorded when the list loads; the row is gone", async () => {
    const b = clients["officer-b"]!;
    await clients["officer-a"]!.createTransfer("B000100012", {
      toOfficeId: "office-west",
      reason: "processing",
    });
    const ref = await sent(b, {
      caseNumber: "B000100012",
      purpose: "transfer",
      recipient: "jamie.trial@example.com",
      language: "en",
    });
    await openQueue(b, "Transfers");
    expect(await screen.findByTestId("transfers-reconciled")).toHaveTextContent(
      "1 transfer notices already sent were recorded"
    );
    expect(
      screen.queryAllByTestId("transfer-row").map((r) => r.textContent?.slice(0, 10))
    ).not.toContain("B000100012");
    const transfers = await b.listCaseTransfers("B000100012");
    expect(transfers).toEqual([
      expect.objectContaining({ notified: true, noticeCorrespondenceId: ref }),
    ]);
  });
});

describe("Reconsideration from the proof of sending", () => {
  function renderProof(client: GatewayClient, ref: string, locale: "en" | "fr" = "en") {
    const filing = createPaneFiling({
      gateway: client,
      // The proof reads no sent copy here (no filing job): Graph is never called.
      graph: {
        findCaseLinkedSentItems: () => Promise.reject(new Error("not in this test")),
        getMime: () => Promise.reject(new Error("not in this test")),
      },
      store: new MemoryJobStore(),
      openItemMime: () => Promise.reject(new Error("not in this test")),
      sha256Hex: async () => "0".repeat(64),
      timeZone: "America/Toronto",
      limitBytes: 4_000_000,
    });
    render(
      <FluentProvider theme={webLightTheme}>
        <PaneTextProvider locale={locale}>
          <ProofView
            filing={filing}
            correlationRef={ref}
            followups={services(client).followups ?? null}
          />
        </PaneTextProvider>
      </FluentProvider>
    );
  }

  test("old address: the error is shown, reopen preselected; empty reasons refused; the note saved and listed", async () => {
    const a = clients["officer-a"]!;
    const ref = await sent(a, {
      caseNumber: "B000100007",
      purpose: "documents",
      deadline: "2027-02-10",
      recipient: "morgan.specimen@example.org",
      sentTo: "morgan.old@example.com",
      language: "en",
    });
    renderProof(a, ref);
    expect(await screen.findByText("No notes.")).toBeInTheDocument();
    fireEvent.click(screen.getByRole("button", { name: "Record a reconsideration decision" }));
    const form = await screen.findByTestId("reconsideration-form");
    expect(within(form).getByTestId("recon-findings")).toHaveTextContent(
      "The message went to morgan.old@example.com, but the latest address on file at the time was morgan.specimen@example.org: it went to an old address."
    );
    expect(form).toHaveTextContent(
      "The department made an error: under R13 the application is reopened."
    );
    expect(within(form).getByLabelText("Reopen the application")).toBeChecked();

    fireEvent.click(
      within(form).getByRole("button", { name: "Save the decision to the case file" })
    );
    expect(
      await within(form).findByText("Enter the reasons for the decision.")
    ).toBeInTheDocument();
    expect((await a.getProof(ref)).notes).toEqual([]);

    fireEvent.change(within(form).getByLabelText(/Reasons for the decision/), {
      target: { value: "The applicant gave a new address on June 1, 2026." },
    });
    fireEvent.change(within(form).getByLabelText("Supporting documents, one per line"), {
      target: { value: "Address change form\nProof of sending" },
    });
    expect(within(form).getByTestId("recon-preview")).toHaveTextContent(
      "Decision: the application is reopened, because the department made an error (the email was sent to an old address)"
    );
    fireEvent.click(
      within(form).getByRole("button", { name: "Save the decision to the case file" })
    );

    expect(
      await screen.findByText("The reconsideration decision is on the case file.")
    ).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId("proof-note")).toHaveLength(1));
    const listed = screen.getByTestId("proof-note");
    expect(listed).toHaveAttribute("data-kind", "reconsideration");
    expect(listed).toHaveTextContent("Reconsideration decision (R13)");
    expect(listed).toHaveTextContent("Supporting documents: Address change form; Proof of sending");
    const notes = (await a.getProof(ref)).notes;
    expect(notes).toEqual([
      expect.objectContaining({ kind: "reconsideration", correspondenceId: ref }),
    ]);
  });

  test("sent correctly: no error shown, not reopened preselected", async () => {
    const a = clients["officer-a"]!;
    const good = await sent(a, {
      caseNumber: "B000100001",
      purpose: "documents",
      deadline: "2027-02-10",
      recipient: "alex.sample@example.com",
      language: "en",
    });
    renderProof(a, good);
    fireEvent.click(
      await screen.findByRole("button", { name: "Record a reconsideration decision" })
    );
    const form = await screen.findByTestId("reconsideration-form");
    expect(form).toHaveTextContent(
      "The message was sent to alex.sample@example.com, the latest address on file at the time."
    );
    expect(form).toHaveTextContent("The record shows no error by the department.");
    expect(within(form).getByLabelText("Do not reopen the application")).toBeChecked();
  });

  test("never sent, French pane: the error is named and reopen preselected", async () => {
    const a = clients["officer-a"]!;
    const never = await sent(a, {
      caseNumber: "B000100002",
      purpose: "documents",
      deadline: "2027-02-10",
      recipient: "camille.exemple@example.net",
      language: "fr",
      sentTo: null,
    });
    renderProof(a, never, "fr");
    fireEvent.click(
      await screen.findByRole("button", { name: "Consigner une décision de réexamen" })
    );
    const form = await screen.findByTestId("reconsideration-form");
    expect(form).toHaveTextContent(
      "Selon le dossier, ce message n’a jamais été envoyé (état pending)."
    );
    expect(form).toHaveTextContent("Le ministère a commis une erreur");
    expect(within(form).getByLabelText("Rouvrir la demande")).toBeChecked();
  });
});
