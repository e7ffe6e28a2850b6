/** The rules engine's view of a configuration. */
import type { Office } from "../domain/case-record";
import type { Policy } from "../domain/policy";
import type { CasemailConfig } from "./schema";

export function policyFromConfig(config: CasemailConfig): Policy {
  return {
    internalDomains: config.internalDomains,
    deadlineDays: config.deadlines.minimumDays,
    deadlineDaysByCountry: config.deadlines.byCountry,
    holidays: config.holidays,
    noCaseLinked: config.noCaseLinked,
  };
}

/** The office that holds a case, or null when the configuration does not know it. */
export function findOffice(config: CasemailConfig, officeId: string): Office | null {
  return config.offices.find((o) => o.id === officeId) ?? null;
}
