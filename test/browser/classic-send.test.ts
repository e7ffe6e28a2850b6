/**
 * The workbench's Send with "Classic Outlook on Windows (no DOM)": the built events.js runs in a
 * dedicated worker (no window, no document, no localStorage), as the JavaScript-only runtime runs
 * it, against the workbench's simulated item; one message is allowed, one is stopped.
 */
import type { Browser, Page } from "playwright-core";
import { hasChromium, launchChromium, startWorkbench, type Workbench } from "./harness";

const maybe = hasChromium ? describe : describe.skip;
if (!hasChromium) console.warn("classic send test skipped: /usr/bin/chromium is not installed");

maybe("workbench Send in the classic (no DOM) runtime", () => {
  let wb: Workbench;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    wb = await startWorkbench(process.env.CASEMAIL_BROWSER_BUILD_DIR);
    browser = await launchChromium();
    page = await browser.newPage();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await wb?.close();
  });

  async function send(to: string): Promise<string> {
    await page.goto(wb.url({ runtime: "classic" }));
    await page.fill("#to", to);
    await page.dispatchEvent("#to", "change");
    await page.fill("#subject", "A question");
    await page.dispatchEvent("#subject", "input");
    await page.click("#send");
    await page.waitForFunction(
      () => !/^(|Checking…)$/.test(document.getElementById("send-result")?.textContent ?? ""),
      undefined,
      { timeout: 30_000 }
    );
    return page.locator("#send-result").innerText();
  }

  test("an internal message with no case linked goes", async () => {
    expect(await send("colleague@example.org")).toMatch(/^Sent \(classic runtime, no DOM\)\./);
  }, 60_000);

  test("an outside recipient with no case linked is stopped before it leaves", async () => {
    const result = await send("someone@example.com");
    expect(result).toMatch(/^(Outlook asks|Blocked) \(classic runtime, no DOM\): \S/);
  }, 60_000);
});
