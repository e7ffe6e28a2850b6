/**
 * Where the pane finds its gateway and token. In Outlook: the gateway URL of the embedded
 * configuration and tokens from the auth provider; in the workbench: the values the workbench
 * page hands over (its gateway and a development token). Validated with zod.
 */
import { z } from "zod";

export const paneSettingsSchema = z.object({
  gatewayUrl: z.url().nullable(),
  /** Development only (workbench); never set in a production build. */
  devToken: z.string().min(1).nullable(),
  caseNumberPattern: z.string().min(1).optional(),
  /** Microsoft Graph's base URL; the workbench hands over its simulated Graph. */
  graphUrl: z.url().optional(),
});

export type PaneSettings = z.infer<typeof paneSettingsSchema>;

/** What the workbench puts on `window` before the pane bundle runs. */
export interface WorkbenchHandOver {
  gatewayUrl?: string;
  devToken?: string;
  graphUrl?: string;
}

export function readPaneSettings(
  win: { casemailWorkbench?: WorkbenchHandOver },
  configuredGatewayUrl: string | null
): PaneSettings {
  const bench = win.casemailWorkbench;
  const parsed = paneSettingsSchema.safeParse({
    gatewayUrl: bench?.gatewayUrl ?? configuredGatewayUrl,
    devToken: bench?.devToken ?? null,
    ...(bench?.graphUrl ? { graphUrl: bench.graphUrl } : {}),
  });
  return parsed.success ? parsed.data : { gatewayUrl: null, devToken: null };
}
