/**
 * @jest-environment node
 *
 * The pane's follow-up services against the REAL gateway on loopback (SQLite, and PostgreSQL with
 * DATABASE_URL): the R9 note in the case's language and the overdue list after it; the response
 * recorded; the R12 notice (template, recipient) and the transfer notified once the notice is
 * filed through the pane's real filing service (simulated Graph, real `.msg` writer), or found sent
 * when the list loads; the R13 error detection and decision note. Each reads the gateway's state.
 */
import { randomUUID } from "node:crypto";
import { staticTokenProvider } from "../../../src/auth/token-provider";
import { MemoryJobStore } from "../../../src/filing/job-store";
import { createGatewayClient, type GatewayClient } from "../../../src/gateway/client";
import type { Purpose } from "../../../src/domain/message-draft";
import { sha256Hex } from "../../../src/gateway/digest";
import { customPropertiesId, GraphClient } from "../../../src/graph/graph-client";
import { translator } from "../../../src/i18n/catalog";
import { followupMessages } from "../../../src/i18n/messages/followups";
import { createPaneFiling } from "../../../src/taskpane/filing/pane-filing";
import {
  createPaneFollowups,
  type NewMessageForm,
  type PaneFollowups,
} from "../../../src/taskpane/followups/pane-followups";
import { startSimulatedGraph, type SimulatedGraph } from "../../../src/workbench/simulated-graph";
import { engines } from "../../gateway/real-gateway";

jest.setTimeout(120_000);

const addinId = "6f1b1a36-7a5e-4b5e-9d2f-0c2d6f3e9a11";
const today = "2027-03-01";
const zones: Record<string, string> = {
  "office-east": "America/Toronto",
  "office-west": "America/Vancouver",
};

const newRef = () => `cm-${randomUUID()}`;

interface Harness {
  followups: PaneFollowups;
  client: GatewayClient;
  forms: NewMessageForm[];
  hints: { caseNumber: string; purpose: Purpose }[];
}

function harness(client: GatewayClient): Harness {
  const forms: NewMessageForm[] = [];
  const hints: Harness["hints"] = [];
  const followups = createPaneFollowups({
    gateway: client,
    today: () => today,
    timeZone: (officeId) => zones[officeId] ?? "UTC",
    openNewMessage: (form) => {
      forms.push(form);
      return { ok: true };
    },
    purposeHint: (caseNumber, purpose) => hints.push({ caseNumber, purpose }),
  });
  return { followups, client, forms, hints };
}

/** A correspondence recorded at compose time and, unless `sent` is false, sent. */
async function correspondence(
  client: GatewayClient,
  options: {
    caseNumber: string;
    purpose: Purpose;
    recipient: string;
    language: "en" | "fr";
    deadline?: string | null;
    sentTo?: string | null;
    from?: string;
    sentAt?: string;
  }
): Promise<string> {
  const id = newRef();
  await client.recordPendingCorrespondence({
    id,
    caseNumber: options.caseNumber,
    purpose: options.purpose,
    deadline: options.deadline ?? null,
    expectedRecipient: options.recipient,
    language: options.language,
    subject: `${options.caseNumber} ${options.purpose}`,
  });
  if (options.sentTo !== null) {
    await client.recordSending(id, {
      sentAt: options.sentAt ?? "2027-01-11T15:00:00Z",
      from: options.from ?? "casework.east@example.org",
      to: [options.sentTo ?? options.recipient],
      subject: `${options.caseNumber} ${options.purpose}`,
    });
  }
  return id;
}

for (const engine of engines()) {
  (engine.available ? describe : describe.skip)(`pane follow-ups (${engine.name})`, () => {
    let gw: Awaited<ReturnType<typeof engine.start>>;
    let east: Harness;
    let west: Harness;

    const clientFor = async (officerId: string) =>
      createGatewayClient({
        baseUrl: gw.url,
        tokenProvider: staticTokenProvider({ gateway: await gw.mintToken({ officerId }) }),
        timeoutMs: 10_000,
      });

    beforeAll(async () => {
      gw = await engine.start();
      east = harness(await clientFor("officer-a"));
      west = harness(await clientFor("officer-b"));
    });
    afterAll(async () => {
      await gw?.cleanup();
    });

    describe("Overdue responses (R9)", () => {
      test("the note is saved in the case's language, the row leaves, followedUpAt is set", async () => {
        // B000100002 is a French case; the officer's pane may well be in English.
        const id = await correspondence(east.client, {
          caseNumber: "B000100002",
          purpose: "documents",
          deadline: "2027-02-10",
          recipient: "camille.exemple@example.net",
          language: "fr",
        });
        const rows = await east.followups.listOverdue();
        const row = rows.find((r) => r.correspondence.id === id);
        expect(row).toMatchObject({
          purpose: "documents",
          recipient: "camille.exemple@example.net",
        });

        expect(
          east.followups.previewNoResponse(row!, { outcome: "refused", response: null })
        ).toEqual({ ok: false, error: { code: "choices-required" } });
        const saved = await east.followups.addNoResponseNote(row!, {
          outcome: "refused",
          response: "did-not-comply",
        });
        // The bulletin's French sentence, word for word, with the choices made.
        const expected =
          "Un courriel a été envoyé au demandeur dans le but d’obtenir des documents supplémentaires. " +
          "Le demandeur a également été informé qu’à défaut de fournir les documents requis, sa demande " +
          "pourrait être rejetée. Le demandeur a omis de se conformer à la demande.";
        expect(saved).toMatchObject({ ok: true, value: { kind: "no-response", text: expected } });

        const notes = await east.client.listCaseNotes("B000100002");
        expect(notes.filter((n) => n.correspondenceId === id)).toEqual([
          expect.objectContaining({ kind: "no-response", text: expected }),
        ]);
        expect((await east.client.getCorrespondence(id)).followedUpAt).not.toBeNull();
        expect((await east.followups.listOverdue()).map((r) => r.correspondence.id)).not.toContain(
          id
        );
      });

      test("an interview in English, the applicant asked for more time", async () => {
        const id = await correspondence(east.client, {
          caseNumber: "B000100001",
          purpose: "interview",
          deadline: "2027-02-01",
          recipient: "alex.sample@example.com",
          language: "en",
        });
        const row = (await east.followups.listOverdue()).find((r) => r.correspondence.id === id)!;
        const preview = east.followups.previewNoResponse(row, {
          outcome: "abandoned",
          response: "requested-more-time",
        });
        expect(preview).toEqual({
          ok: true,
          value:
            "An email was sent to the applicant to invite them to an interview. The applicant was also informed that failing to attend the interview, their application could be abandoned. The applicant requested more time to provide the information.",
        });
      });

      test("a response received removes the row (status responded); no note is added", async () => {
        const id = await correspondence(east.client, {
          caseNumber: "B000100001",
          purpose: "documents",
          deadline: "2027-02-01",
          recipient: "alex.sample@example.com",
          language: "en",
        });
        const row = (await east.followups.listOverdue()).find((r) => r.correspondence.id === id)!;
        const updated = await east.followups.recordResponse(row);
        expect(updated).toMatchObject({ id, status: "responded" });
        expect(updated.respondedAt).not.toBeNull();
        expect((await east.followups.listOverdue()).map((r) => r.correspondence.id)).not.toContain(
          id
        );
        const notes = await east.client.listCaseNotes("B000100001");
        expect(notes.filter((n) => n.correspondenceId === id)).toEqual([]);
      });

      test("a purpose without standard text gets no R9 note, and nothing is saved", async () => {
        const id = await correspondence(east.client, {
          caseNumber: "B000100001",
          purpose: "general",
          deadline: "2027-02-01",
          recipient: "alex.sample@example.com",
          language: "en",
        });
        const row = (await east.followups.listOverdue()).find((r) => r.correspondence.id === id)!;
        expect(row.purpose).toBeNull();
        const saved = await east.followups.addNoResponseNote(row, {
          outcome: "refused",
          response: "did-not-comply",
        });
        expect(saved).toEqual({ ok: false, error: { code: "no-standard-text" } });
        expect((await east.client.getCorrespondence(id)).followedUpAt).toBeNull();
      });
    });

    describe("Transfers (R12)", () => {
      let graph: SimulatedGraph;
      beforeAll(async () => {
        graph = await startSimulatedGraph();
      });
      afterAll(async () => {
        await graph.close();
      });

      test("the notice: template in French, to the applicant; filing the sent notice marks it notified", async () => {
        const list = await west.followups.listTransfers();
        const row = list.rows.find((r) => r.transfer.caseNumber === "B000100010");
        expect(row).toBeDefined();
        expect(row!.notice).toMatchObject({
          ok: true,
          to: "sacha.modele@example.com",
          recipientKind: "applicant",
          languages: ["fr"],
          subject: "Transfert de votre dossier - demande B000100010",
        });
        if (!row!.notice.ok) throw new Error("no notice");
        expect(row!.notice.body).toContain("Bureau de traitement de l'Est");
        expect(row!.notice.body).toContain("Bureau de traitement de l'Ouest");

        expect(west.followups.writeTransferNotice(row!)).toEqual({ ok: true, value: undefined });
        const form = west.forms.at(-1)!;
        expect(form.to).toEqual(["sacha.modele@example.com"]);
        expect(form.subject).toContain("B000100010");
        expect(form.htmlBody).toContain("<p>");
        expect(west.hints.at(-1)).toEqual({ caseNumber: "B000100010", purpose: "transfer" });

        // The compose pane links the new message (purpose transfer) and the officer sends it.
        const ref = newRef();
        await west.client.recordPendingCorrespondence({
          id: ref,
          caseNumber: "B000100010",
          purpose: "transfer",
          deadline: null,
          expectedRecipient: "sacha.modele@example.com",
          language: "fr",
          subject: form.subject,
        });
        const mailbox = "casework.west@example.org";
        const mime = [
          `From: Bureau de traitement de l'Ouest <${mailbox}>`,
          "To: <sacha.modele@example.com>",
          `Subject: ${form.subject}`,
          `Date: ${new Date().toUTCString()}`,
          `Message-ID: <${ref}@example.org>`,
          `x-casemail-ref: ${ref}`,
          "MIME-Version: 1.0",
          "Content-Type: text/html; charset=utf-8",
          "",
          form.htmlBody,
          "",
        ].join("\r\n");
        graph.addMessage(mailbox, {
          folder: "sentitems",
          mime: new TextEncoder().encode(mime),
          sentDateTime: new Date().toISOString(),
          receivedDateTime: null,
          internetMessageId: `<${ref}@example.org>`,
          extendedProperties: {
            [customPropertiesId(addinId)]: JSON.stringify({ "casemail-ref": ref }),
          },
          isReadReceiptRequested: false,
        });
        // Still open until the notice is filed.
        expect((await west.client.listTransferredNotNotified()).map((t) => t.caseNumber)).toContain(
          "B000100010"
        );

        // The Pending list files it: the filing service records the notice.
        const filing = createPaneFiling({
          gateway: west.client,
          graph: new GraphClient({
            tokenProvider: staticTokenProvider({ graph: "graph-token" }),
            addinId,
            baseUrl: graph.url,
          }),
          store: new MemoryJobStore(),
          openItemMime: () => Promise.reject(new Error("not in this test")),
          sha256Hex,
          timeZone: "America/Vancouver",
          limitBytes: 4_000_000,
        });
        await filing.listPending();
        const jobs = await filing.fileAll();
        expect(jobs.find((j) => j.ref === ref)?.state).toBe("filed");

        const transfers = await west.client.listCaseTransfers("B000100010");
        expect(transfers).toEqual([
          expect.objectContaining({
            caseNumber: "B000100010",
            notified: true,
            noticeCorrespondenceId: ref,
          }),
        ]);
        expect(
          (await west.client.listTransferredNotNotified()).map((t) => t.caseNumber)
        ).not.toContain("B000100010");
      });

      test("a notice sent but not marked (another path) is recorded when the list loads", async () => {
        // B000100006 moves west -> east; officer A (east) must tell the applicant.
        await west.client.createTransfer("B000100006", {
          toOfficeId: "office-east",
          reason: "processing",
        });
        const before = await east.followups.listTransfers();
        const row = before.rows.find((r) => r.transfer.caseNumber === "B000100006")!;
        expect(row.notice).toMatchObject({ ok: true, to: "luis.ejemplo@example.com" });

        // Sent and recorded directly at the gateway, without the filing hook.
        const ref = await correspondence(east.client, {
          caseNumber: "B000100006",
          purpose: "transfer",
          recipient: "luis.ejemplo@example.com",
          language: "en",
          sentAt: new Date().toISOString(),
        });
        const after = await east.followups.listTransfers();
        expect(after.rows.map((r) => r.transfer.caseNumber)).not.toContain("B000100006");
        expect(after.reconciled).toEqual([
          expect.objectContaining({ id: row.transfer.id, noticeCorrespondenceId: ref }),
        ]);
        // Off the gateway's list too.
        expect((await east.client.listTransferredNotNotified()).map((t) => t.id)).not.toContain(
          row.transfer.id
        );
      });

      test("a pending (unsent) notice does not count; a representative gets the notice (R2)", async () => {
        await east.client.createTransfer("B000100005", {
          toOfficeId: "office-west",
          reason: "processing",
        });
        await correspondence(west.client, {
          caseNumber: "B000100005",
          purpose: "transfer",
          recipient: "sam.counsel@example.net",
          language: "en",
          sentTo: null,
        });
        const list = await west.followups.listTransfers();
        const row = list.rows.find((r) => r.transfer.caseNumber === "B000100005");
        expect(row?.notice).toMatchObject({
          ok: true,
          to: "sam.counsel@example.net",
          recipientKind: "representative",
        });
        expect(list.reconciled.map((t) => t.caseNumber)).not.toContain("B000100005");
      });

      test("no email consent: no notice can be written", async () => {
        await east.client.createTransfer("B000100003", {
          toOfficeId: "office-west",
          reason: "processing",
        });
        const row = (await west.followups.listTransfers()).rows.find(
          (r) => r.transfer.caseNumber === "B000100003"
        )!;
        expect(row.notice).toEqual({ ok: false, error: { code: "no-email-consent" } });
        expect(west.followups.writeTransferNotice(row)).toEqual({
          ok: false,
          error: { code: "no-email-consent" },
        });
      });
    });

    describe("Reconsideration (R13)", () => {
      const form = { reasons: "Checked the record.", documents: "", reopen: true };

      test("never sent: the department's error; reopened; the note is saved with the correspondence", async () => {
        const id = await correspondence(east.client, {
          caseNumber: "B000100002",
          purpose: "documents",
          deadline: "2027-02-10",
          recipient: "camille.exemple@example.net",
          language: "fr",
          sentTo: null,
        });
        const context = east.followups.reconsideration(await east.client.getProof(id));
        expect(context).toMatchObject({ notSent: true, oldAddress: false, error: "not-sent" });
        const saved = await east.followups.saveReconsideration(context, {
          reasons: "Le courriel n'a jamais quitté la boîte générique.",
          documents: "Preuve d'envoi absente\n\nRelevé du système",
          reopen: true,
        });
        expect(saved.ok).toBe(true);
        const proof = await east.client.getProof(id);
        expect(proof.notes).toEqual([
          expect.objectContaining({ kind: "reconsideration", correspondenceId: id }),
        ]);
        const text = proof.notes[0]!.text;
        expect(text).toContain("Décision : la demande est rouverte");
        expect(text).toContain("(le courriel n’a pas été envoyé)");
        expect(text).toContain(
          "Documents justificatifs : Preuve d'envoi absente; Relevé du système"
        );
      });

      test("sent to an old address: the department's error (old address)", async () => {
        const id = await correspondence(east.client, {
          caseNumber: "B000100007",
          purpose: "documents",
          deadline: "2027-02-10",
          recipient: "morgan.specimen@example.org",
          sentTo: "morgan.old@example.com",
          language: "en",
        });
        const context = east.followups.reconsideration(await east.client.getProof(id));
        expect(context).toMatchObject({
          notSent: false,
          oldAddress: true,
          error: "old-address",
          sentTo: "morgan.old@example.com",
          addressOnFile: "morgan.specimen@example.org",
          // 15:00 UTC is 10:00 in Toronto, the same day.
          emailDate: "2027-01-11",
        });
        const preview = east.followups.previewReconsideration(context, form);
        expect(preview.ok && preview.value).toContain(
          "the department made an error (the email was sent to an old address)"
        );
      });

      test("sent correctly: no error; not reopened is recorded as such", async () => {
        const id = await correspondence(east.client, {
          caseNumber: "B000100001",
          purpose: "documents",
          deadline: "2027-02-10",
          recipient: "alex.sample@example.com",
          language: "en",
          sentAt: "2027-01-12T03:30:00Z",
        });
        const context = east.followups.reconsideration(await east.client.getProof(id));
        expect(context).toMatchObject({ notSent: false, oldAddress: false, error: null });
        // 03:30 UTC is the evening before in Toronto: the office's date.
        expect(context.emailDate).toBe("2027-01-11");
        const saved = await east.followups.saveReconsideration(context, {
          ...form,
          reopen: false,
        });
        expect(saved.ok && saved.value.text).toContain(
          "the email of January 11, 2027 was not received.\nDecision: the application is not reopened."
        );
      });

      test("empty reasons: a translated error, and nothing is saved", async () => {
        const id = await correspondence(east.client, {
          caseNumber: "B000100001",
          purpose: "documents",
          deadline: "2027-02-10",
          recipient: "alex.sample@example.com",
          language: "en",
        });
        const context = east.followups.reconsideration(await east.client.getProof(id));
        const saved = await east.followups.saveReconsideration(context, {
          reasons: "  \n ",
          documents: "A letter",
          reopen: false,
        });
        expect(saved).toEqual({ ok: false, error: { code: "reasons-required" } });
        if (saved.ok) throw new Error("saved");
        expect(translator(followupMessages, "en")(`error.${saved.error.code}`)).toBe(
          "Enter the reasons for the decision."
        );
        expect(translator(followupMessages, "fr")(`error.${saved.error.code}`)).toBe(
          "Indiquez les motifs de la décision."
        );
        expect((await east.client.getProof(id)).notes).toEqual([]);
      });
    });
  });
}
