/**
 * Bounce -> resend end to end in Chromium (F4, R10): compose and send to the address on file in
 * the workbench (the copy lands in the simulated Graph's Sent Items), the applicant's address
 * changes at the gateway, a real delivery report (a fixture rewritten to name the message) lands in
 * the generic mailbox's Inbox, and Work queues -> Bounces -> "Resend to the current address" opens
 * a new compose form with the current address and the original subject and body, on which the
 * pane links the case from the subject and the recipient rule (R3) passes. axe-core checks the
 * Bounces queue. Then the workbench's own "Bounce the last sent message" (what `npm start` offers)
 * for an address that did not change: tied, and "Post required" noted once.
 */
import type { FrameLocator, Page } from "playwright-core";
import { staticTokenProvider } from "../../src/auth/token-provider";
import { createGatewayClient } from "../../src/gateway/client";
import type { CaseResource } from "../../src/gateway/contract";
import { importCase } from "../../src/server/seed/case-import";
import { demoCases } from "../../src/server/seed/demo-data";
import type { SimulatedGraph } from "../../src/workbench/simulated-graph";
import { dropReport, eastMailbox, rewrittenReport } from "../taskpane/followups/bounce-world";
import { hasChromium, type Workbench } from "./harness";
import { axeViolations, openWorkbenchSession, type WorkbenchSession } from "./workbench-session";

const maybe = hasChromium ? describe : describe.skip;
if (!hasChromium) console.warn("bounce browser test skipped: /usr/bin/chromium is not installed");

const caseNumber = "B000100012";
const oldAddress = "jamie.trial@example.com";
const newAddress = "jamie.new@example.net";

maybe("bounce -> resend in the workbench", () => {
  let session: WorkbenchSession;
  let wb: Workbench;
  let graph: SimulatedGraph;
  let page: Page;
  let pane: FrameLocator;

  beforeAll(async () => {
    session = await openWorkbenchSession();
    ({ wb, graph, page, pane } = session);
  }, 300_000);

  afterAll(async () => {
    await session?.close();
  });

  /** A document request to `address` for `forCase`, linked and sent; its reference and body. */
  async function composeLinkAndSend(
    forCase: string,
    address: string,
    beforeSend: () => Promise<void> = async () => {}
  ): Promise<{ ref: string | undefined; body: string }> {
    await page.goto(wb.url({ subject: `Request for documents ${forCase}`, graph: graph.url }));
    await page.fill("#to", address);
    await page.press("#to", "Tab");
    await pane
      .getByLabel("Purpose", { exact: true })
      .selectOption("documents", { timeout: 20_000 });
    await pane.getByRole("button", { name: "Insert template" }).click();
    await pane.locator('[data-rule="R3"][data-status="pass"]').waitFor({ timeout: 10_000 });
    await pane.getByRole("button", { name: "Link this message to the case" }).click();
    await pane.getByTestId("link-state").waitFor({ timeout: 10_000 });
    const ref = /casemail-ref: (cm-[0-9a-f-]{36})/.exec(
      await page.locator("#stamp").innerText()
    )?.[1];
    const body = await page.locator("#body").inputValue();
    await beforeSend();
    await page.click("#send");
    await page.waitForFunction(
      () =>
        /Copy in the simulated Sent Items\./.test(
          document.getElementById("send-result")?.textContent ?? ""
        ),
      undefined,
      { timeout: 30_000 }
    );
    return { ref, body };
  }

  test("the report is tied, and the resend opens a compose form the pane links and passes", async () => {
    const subject = `Request for documents ${caseNumber}`;
    const { ref, body: sentBody } = await composeLinkAndSend(caseNumber, oldAddress);
    expect(ref).toBeDefined();
    expect(sentBody.length).toBeGreaterThan(40);
    const [copy] = graph.messages(eastMailbox);
    expect(copy?.internetMessageId).toBeTruthy();

    // The applicant gives a new address after the message left (the case system's update).
    const demo = demoCases.find((c) => c.record.caseNumber === caseNumber)!.record;
    const changed: CaseResource = {
      ...demo,
      addresses: [
        { ...demo.addresses[0]!, supersededAt: new Date().toISOString() },
        {
          email: newAddress,
          consent: "applicant-initiated",
          recordedAt: new Date().toISOString(),
          supersededAt: null,
        },
      ],
    };
    await wb.db.transaction((tx) => importCase(tx, changed));

    // The old address bounces: the report returns the message's headers (reference, Message-ID).
    dropReport(
      graph,
      await rewrittenReport("lhost-postfix-04.eml", {
        address: oldAddress,
        ref: ref as string,
        messageId: copy!.internetMessageId!,
      }),
      new Date()
    );

    await pane.getByRole("button", { name: "Work queues" }).click({ timeout: 20_000 });
    await pane.getByRole("button", { name: "Bounces", exact: true }).click();
    const row = pane.locator(`[data-testid="bounce-row"][data-case="${caseNumber}"]`);
    await row.waitFor({ timeout: 20_000 });
    const rowText = await row.innerText();
    expect(rowText).toContain(`Bounced address: ${oldAddress}`);
    expect(rowText).toContain("Status 5.1.1: unknown recipient");
    expect(rowText).toContain(`Next step: resend to the current address, ${newAddress}.`);
    expect(await axeViolations(page, "pane")).toEqual([]);

    // Recorded at the gateway: the bounce, and the correspondence's status.
    const client = createGatewayClient({
      baseUrl: wb.gatewayUrl,
      tokenProvider: staticTokenProvider({ gateway: wb.token }),
    });
    expect((await client.getCorrespondence(ref as string)).status).toBe("bounced");
    expect(
      (await client.listCaseBounces(caseNumber)).filter((b) => b.correspondenceId === ref)
    ).toEqual([expect.objectContaining({ address: oldAddress, statusCode: "5.1.1" })]);

    await row.getByRole("button", { name: "Resend to the current address" }).click();
    await page.waitForFunction(
      () => document.getElementById("send-result")?.textContent === "A new message form opened.",
      undefined,
      { timeout: 20_000 }
    );
    expect(await page.locator("#to").inputValue()).toBe(newAddress);
    expect(await page.locator("#subject").inputValue()).toBe(subject);
    const resentBody = await page.locator("#body").inputValue();
    // The original body, as the new form received it (HTML reduced to text by the workbench).
    const firstLine = sentBody
      .split("\n")
      .find((l) => l.trim().length > 20)!
      .trim();
    expect(resentBody).toContain(firstLine);

    // The pane reopens on the new form: the case comes from the subject, the recipient passes.
    await pane.getByTestId("case-summary").waitFor({ timeout: 20_000 });
    expect(await pane.getByTestId("address-on-file").innerText()).toContain(newAddress);
    await pane.locator('[data-rule="R3"][data-status="pass"]').waitFor({ timeout: 20_000 });

    const notes = (await client.listCaseNotes(caseNumber)).filter(
      (n) => n.kind === "bounce" && n.correspondenceId === ref
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]?.text).toContain(newAddress);

    // Back in the queue, the row is done (state from the gateway, in a freshly loaded pane).
    await pane.getByRole("button", { name: "Work queues" }).click({ timeout: 20_000 });
    await pane.getByRole("button", { name: "Bounces", exact: true }).click();
    await row.getByTestId("bounce-done").waitFor({ timeout: 20_000 });
    expect(await row.getByTestId("bounce-done").innerText()).toBe(
      "Done: the resend note is on the case."
    );
    expect(await axeViolations(page, "pane")).toEqual([]);
  }, 240_000);
  test("the workbench's Bounce button: the report is tied and Post required is noted", async () => {
    const postCase = "B000100001";
    const address = "alex.sample@example.com";
    const { ref } = await composeLinkAndSend(postCase, address, async () => {
      expect(await page.locator("#bounce").isDisabled()).toBe(true);
    });
    await page.click("#bounce");
    await page.waitForFunction(
      () => /delivery report is in/.test(document.getElementById("send-result")?.textContent ?? ""),
      undefined,
      { timeout: 10_000 }
    );

    await pane.getByRole("button", { name: "Work queues" }).click({ timeout: 20_000 });
    await pane.getByRole("button", { name: "Bounces", exact: true }).click();
    const row = pane.locator(`[data-testid="bounce-row"][data-case="${postCase}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain(`Bounced address: ${address}`);
    await row.getByRole("button", { name: "Post required" }).click();
    await row.getByText("Done: post required, noted on the case.").waitFor({ timeout: 10_000 });

    const client = createGatewayClient({
      baseUrl: wb.gatewayUrl,
      tokenProvider: staticTokenProvider({ gateway: wb.token }),
    });
    const notes = await client.listCaseNotes(postCase);
    expect(notes.filter((n) => n.kind === "bounce" && n.correspondenceId === ref)).toHaveLength(1);
  }, 180_000);
});
