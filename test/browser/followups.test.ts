/**
 * The follow-ups end to end in Chromium, in the workbench (the real pane bundle on the Office shim,
 * the real gateway, the simulated Graph): Transfers -> Write the notice -> the new message form
 * opens with the notice and the transfer purpose preselected -> link -> Send -> Pending filing ->
 * File all -> the transfer is notified and leaves the list; and the Overdue responses R9 note.
 * axe-core checks both queues. Skipped where /usr/bin/chromium is absent.
 */
import { randomUUID } from "node:crypto";
import type { FrameLocator, Page } from "playwright-core";
import { staticTokenProvider } from "../../src/auth/token-provider";
import { createGatewayClient, type GatewayClient } from "../../src/gateway/client";
import type { SimulatedGraph } from "../../src/workbench/simulated-graph";
import { hasChromium, type Workbench } from "./harness";
import { axeViolations, openWorkbenchSession, type WorkbenchSession } from "./workbench-session";

const maybe = hasChromium ? describe : describe.skip;
if (!hasChromium)
  console.warn("follow-ups browser test skipped: /usr/bin/chromium is not installed");

maybe("follow-ups in the workbench", () => {
  let session: WorkbenchSession;
  let wb: Workbench;
  let graph: SimulatedGraph;
  let page: Page;
  let pane: FrameLocator;
  let client: GatewayClient;

  beforeAll(async () => {
    session = await openWorkbenchSession();
    ({ wb, graph, page, pane } = session);
    client = createGatewayClient({
      baseUrl: wb.gatewayUrl,
      tokenProvider: staticTokenProvider({ gateway: wb.token }),
    });
  }, 300_000);

  afterAll(async () => {
    await session?.close();
  });

  test("Transfers: write the notice, send it, file it; the transfer is notified", async () => {
    // The case system moves B000100006 from the western office to officer A's (eastern) office.
    const transferId = randomUUID();
    await wb.db.run("UPDATE cases SET office_id = $2 WHERE case_number = $1", [
      "B000100006",
      "office-east",
    ]);
    await wb.db.run(
      `INSERT INTO transfers (id, case_number, from_office_id, to_office_id, reason, transferred_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        transferId,
        "B000100006",
        "office-west",
        "office-east",
        "processing",
        new Date().toISOString(),
      ]
    );

    await page.goto(wb.url({ graph: graph.url }));
    await pane.getByRole("button", { name: "Work queues" }).click({ timeout: 20_000 });
    await pane.getByRole("button", { name: "Transfers", exact: true }).click();
    const row = pane.locator(`[data-testid="transfer-row"][data-transfer="${transferId}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain(
      "The notice goes to the applicant, luis.ejemplo@example.com."
    );
    expect(await axeViolations(page, "pane")).toEqual([]);
    await row.getByRole("button", { name: "Write the notice for B000100006" }).click();

    // As in Outlook: the new form replaces the item and the pane reopens on it.
    await page.waitForFunction(
      () =>
        /A new message form opened\./.test(
          document.getElementById("send-result")?.textContent ?? ""
        ),
      undefined,
      { timeout: 20_000 }
    );
    const purpose = pane.getByLabel("Purpose", { exact: true });
    await page.waitForFunction(
      () => {
        const frame = document.getElementById("pane") as HTMLIFrameElement | null;
        const select = frame?.contentDocument?.querySelector("select");
        return select?.value === "transfer";
      },
      undefined,
      { timeout: 30_000 }
    );
    expect(await purpose.inputValue()).toBe("transfer");
    expect(await page.inputValue("#to")).toBe("luis.ejemplo@example.com");
    await pane.getByRole("button", { name: "Link this message to the case" }).click();
    await pane.getByTestId("link-state").waitFor({ timeout: 10_000 });
    const ref = /casemail-ref: (cm-[0-9a-f-]{36})/.exec(
      await page.locator("#stamp").innerText()
    )?.[1];
    expect(ref).toBeDefined();
    expect((await client.getCorrespondence(ref!)).purpose).toBe("transfer");

    await page.click("#send");
    await page.waitForFunction(
      () =>
        /Copy in the simulated Sent Items\./.test(
          document.getElementById("send-result")?.textContent ?? ""
        ),
      undefined,
      { timeout: 30_000 }
    );
    // Not yet on file: still to notify.
    expect((await client.listTransferredNotNotified()).map((t) => t.id)).toContain(transferId);

    // The pane reopens on the sent item (read mode) before its queues are used.
    await pane.getByTestId("read-view").waitFor({ timeout: 20_000 });
    await pane.getByRole("button", { name: "Work queues" }).click({ timeout: 20_000 });
    const pending = pane.locator(`[data-testid="pending-row"][data-ref="${ref}"]`);
    await pending.waitFor({ timeout: 20_000 });
    await pane.getByRole("button", { name: "File all" }).click();
    await pane
      .getByTestId("filing-progress")
      .getByText("1 filed, 0 still pending.")
      .waitFor({ timeout: 30_000 });

    const transfers = await client.listCaseTransfers("B000100006");
    expect(transfers.find((t) => t.id === transferId)).toMatchObject({
      notified: true,
      noticeCorrespondenceId: ref,
    });
    await pane.getByRole("button", { name: "Transfers", exact: true }).click();
    await pane
      .getByTestId("queue-empty")
      .getByText("No transferred case waits for its notice.")
      .waitFor({ timeout: 20_000 });
  }, 240_000);

  test("Overdue responses: the R9 note in the case's language, on one confirmation", async () => {
    // A French case's request for documents, sent, its deadline passed.
    const ref = `cm-${randomUUID()}`;
    await client.recordPendingCorrespondence({
      id: ref,
      caseNumber: "B000100002",
      purpose: "documents",
      deadline: "2026-01-15",
      expectedRecipient: "camille.exemple@example.net",
      language: "fr",
      subject: "Demande de documents B000100002",
    });
    await client.recordSending(ref, {
      sentAt: "2025-12-10T15:00:00Z",
      from: "casework.east@example.org",
      to: ["camille.exemple@example.net"],
      subject: "Demande de documents B000100002",
    });

    await page.goto(wb.url({ graph: graph.url }));
    await pane.getByRole("button", { name: "Work queues" }).click({ timeout: 20_000 });
    await pane.getByRole("button", { name: "Overdue responses" }).click();
    const row = pane.locator(`[data-testid="overdue-row"][data-ref="${ref}"]`);
    await row.waitFor({ timeout: 20_000 });
    await row.getByRole("button", { name: "No response…" }).click();
    await row.getByLabel("refused").check();
    await row.getByLabel("did not comply").check();
    const preview = row.getByTestId("r9-preview");
    expect(await preview.innerText()).toContain("sa demande pourrait être rejetée");
    expect(await axeViolations(page, "pane")).toEqual([]);
    await row.getByRole("button", { name: "Add the note to B000100002" }).click();
    await pane
      .getByText("B000100002: the no-response note is on the case.")
      .waitFor({ timeout: 20_000 });
    expect(await row.count()).toBe(0);
    expect((await client.getCorrespondence(ref)).followedUpAt).not.toBeNull();
  }, 120_000);
});
