/**
 * What the workbench browser tests open before their first step: the workbench (build, static
 * server, gateway), the simulated Graph, Chromium with one page at a tall viewport, and the pane's
 * frame; and the axe-core scan they end with.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { startSimulatedGraph, type SimulatedGraph } from "../../src/workbench/simulated-graph";
import { launchChromium, startWorkbench, type Workbench } from "./harness";

export interface WorkbenchSession {
  wb: Workbench;
  graph: SimulatedGraph;
  browser: Browser;
  page: Page;
  pane: FrameLocator;
  close(): Promise<void>;
}

export async function openWorkbenchSession(): Promise<WorkbenchSession> {
  const wb = await startWorkbench(process.env.CASEMAIL_BROWSER_BUILD_DIR);
  const graph = await startSimulatedGraph();
  const browser = await launchChromium();
  // axe-core/playwright needs a page from an explicit context.
  const context = await browser.newContext({ viewport: { width: 1280, height: 1500 } });
  const page = await context.newPage();
  return {
    wb,
    graph,
    browser,
    page,
    pane: page.frameLocator("#pane"),
    close: async () => {
      await browser.close();
      await graph.close();
      await wb.close();
    },
  };
}

/** WCAG 2.1 AA violations of the whole page, or of the pane's frame only. */
export async function axeViolations(
  page: Page,
  scope: "page" | "pane" = "page"
): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (scope === "pane") builder = builder.include("#pane");
  const result = await builder.withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  if (scope === "pane") {
    // The frame was scanned: some passing node's target starts with the frame's selector.
    expect(result.passes.some((p) => p.nodes.some((n) => n.target.length > 1))).toBe(true);
  }
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`
  );
}
