/**
 * Runs first in the workbench's pane and event frames: installs the parent page's Office shim as
 * `window.Office` and hands over the gateway URL and development token, so the real task pane
 * bundle (and events.js) that load next find what they would find in Outlook.
 */
import type { WorkbenchHandOver } from "../taskpane/pane-settings";

export interface WorkbenchParent {
  office: unknown;
  handOver: WorkbenchHandOver;
}

const parentBench = (window.parent as { casemailWorkbenchHost?: WorkbenchParent })
  .casemailWorkbenchHost;
if (parentBench !== undefined) {
  (window as { Office?: unknown }).Office = parentBench.office;
  (window as { casemailWorkbench?: WorkbenchHandOver }).casemailWorkbench = parentBench.handOver;
}
