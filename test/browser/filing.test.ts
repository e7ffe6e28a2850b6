/**
 * Filing end to end in Chromium: compose -> link -> Send in the workbench (its copy lands in the
 * simulated Graph's Sent Items) -> Pending filing -> File all -> Proof of sending, against the real
 * gateway (SQLite, demo data, development issuer); then the filed `.msg` is read back from the
 * gateway and opened with @kenjiuno/msgreader, an independent reader.
 */
import MsgReader from "@kenjiuno/msgreader";
import { createHash } from "node:crypto";
import type { FrameLocator, Page } from "playwright-core";
import { staticTokenProvider } from "../../src/auth/token-provider";
import { createGatewayClient } from "../../src/gateway/client";
import type { SimulatedGraph } from "../../src/workbench/simulated-graph";
import { hasChromium, type Workbench } from "./harness";
import { axeViolations, openWorkbenchSession, type WorkbenchSession } from "./workbench-session";

const maybe = hasChromium ? describe : describe.skip;
if (!hasChromium) console.warn("filing browser test skipped: /usr/bin/chromium is not installed");

maybe("filing in the workbench", () => {
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

  test("compose -> send -> Pending -> File all -> Proof, and the .msg reads back", async () => {
    const subject = "Request for documents B000100001";
    await page.goto(wb.url({ subject, graph: graph.url }));
    await page.fill("#to", "alex.sample@example.com");
    await page.press("#to", "Tab");
    await pane
      .getByLabel("Purpose", { exact: true })
      .selectOption("documents", { timeout: 20_000 });
    await pane.getByRole("button", { name: "Insert template" }).click();
    await pane.locator('[data-rule="R4"][data-status="pass"]').waitFor({ timeout: 10_000 });
    await pane.getByRole("button", { name: "Link this message to the case" }).click();
    await pane.getByTestId("link-state").waitFor({ timeout: 10_000 });
    const ref = /casemail-ref: (cm-[0-9a-f-]{36})/.exec(
      await page.locator("#stamp").innerText()
    )?.[1];
    expect(ref).toBeDefined();

    await page.click("#send");
    await page.waitForFunction(
      () =>
        /Copy in the simulated Sent Items\./.test(
          document.getElementById("send-result")?.textContent ?? ""
        ),
      undefined,
      { timeout: 30_000 }
    );
    expect(await page.locator("#send-result").innerText()).toMatch(/^Sent\./);
    const copies = graph.messages("casework.east@example.org");
    expect(copies).toHaveLength(1);
    expect(new TextDecoder().decode(copies[0]?.mime)).toContain(`x-casemail-ref: ${ref}`);

    // The pane reloads on the sent item; its work queues open on Pending filing.
    await pane.getByRole("button", { name: "Work queues" }).click({ timeout: 20_000 });
    const row = pane.locator(`[data-testid="pending-row"][data-ref="${ref}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getByTestId("pending-state").innerText()).toBe("pending");
    await pane.getByRole("button", { name: "File all" }).click();
    await pane
      .getByTestId("filing-progress")
      .getByText("1 filed, 0 still pending.")
      .waitFor({ timeout: 30_000 });
    expect(await row.getByTestId("pending-state").innerText()).toBe("filed");
    expect(await axeViolations(page)).toEqual([]);

    await row.getByRole("button", { name: "Proof of sending for B000100001" }).click();
    const facts = pane.getByTestId("proof-facts");
    await facts.waitFor({ timeout: 20_000 });
    const proofText = await facts.innerText();
    expect(proofText).toContain(subject);
    expect(proofText).toContain("alex.sample@example.com");
    expect(proofText).toContain("No delivery failure reported");
    expect(proofText).toContain("Yes (alex.sample@example.com)");
    const sha = /\b[0-9a-f]{64}\b/.exec(proofText)?.[0];
    expect(sha).toBeDefined();
    // Printed, the page is the proof alone: no pane title, navigation or buttons.
    await page.emulateMedia({ media: "print" });
    expect(await pane.locator("nav").isHidden()).toBe(true);
    expect(await pane.getByRole("button", { name: "Print" }).isHidden()).toBe(true);
    expect(await facts.isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await pane.locator("nav").isVisible()).toBe(true);
    await pane.getByRole("button", { name: "Download the .msg" }).click();
    expect(await pane.getByTestId("msg-download").getAttribute("href")).toMatch(/^blob:/);
    expect(await axeViolations(page)).toEqual([]);

    // The gateway holds the .msg the proof names; an independent reader opens it.
    const client = createGatewayClient({
      baseUrl: wb.gatewayUrl,
      tokenProvider: staticTokenProvider({ gateway: wb.token }),
    });
    const msg = await client.getEDocument(ref as string);
    expect(createHash("sha256").update(msg).digest("hex")).toBe(sha);
    const copy = msg.slice();
    const data = new MsgReader(new DataView(copy.buffer)).getFileData();
    expect(data.subject).toBe(subject);
    expect((data.recipients ?? []).map((r) => r.smtpAddress ?? r.email ?? "").join(" ")).toContain(
      "alex.sample@example.com"
    );
    expect((await client.getCorrespondence(ref as string)).status).toBe("filed");
  }, 180_000);
});
