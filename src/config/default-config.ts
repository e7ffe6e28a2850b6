/** The embedded configuration: what runs when there is no config.json (local development, demos). */
import { configSchema, type CasemailConfig } from "./schema";

export const defaultConfig: CasemailConfig = configSchema.parse({});
