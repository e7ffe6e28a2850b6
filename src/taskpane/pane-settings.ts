/**
 * Where the pane finds its gateway and token. In Outlook: the gateway URL from the page's
 * `<meta name="casemail-gateway">` (set at build time) and tokens from the auth provider; in the
 * workbench: the values the workbench page hands over (a development token). Validated with zod.
 */
import { z } from "zod";

export const paneSettingsSchema = z.object({
  gatewayUrl: z.url().nullable(),
  /** Development only (workbench); never set in a production build. */
  devToken: z.string().min(1).nullable(),
  caseNumberPattern: z.string().min(1).optional(),
});

export type PaneSettings = z.infer<typeof paneSettingsSchema>;

/** What the workbench puts on `window` before the pane bundle runs. */
export interface WorkbenchHandOver {
  gatewayUrl?: string;
  devToken?: string;
}

export function readPaneSettings(doc: Document, win: { casemailWorkbench?: WorkbenchHandOver }) {
  const meta = doc.querySelector('meta[name="casemail-gateway"]')?.getAttribute("content") ?? "";
  const bench = win.casemailWorkbench;
  const parsed = paneSettingsSchema.safeParse({
    gatewayUrl: bench?.gatewayUrl ?? (meta === "" ? null : meta),
    devToken: bench?.devToken ?? null,
  });
  return parsed.success ? parsed.data : { gatewayUrl: null, devToken: null };
}
