/**
 * The deployment's rules settings as the engine needs them (built from config.json by
 * `policyFromConfig`): which domains are internal (R3), the minimum response days (R4) and what the
 * send check does with a message that has no case linked.
 */
import type { DeadlinePurpose } from "./message-draft";

export type DeadlineDays = Readonly<Record<DeadlinePurpose, number>>;

export interface Policy {
  /** Domains of the department (and their subdomains) that may see a message beside the applicant. */
  internalDomains: readonly string[];
  /** Minimum days to respond, by purpose. */
  deadlineDays: DeadlineDays;
  /** Stricter or looser minimums for a country of residence (ISO 3166-1 alpha-2, upper case). */
  deadlineDaysByCountry: Readonly<Record<string, Partial<DeadlineDays>>>;
  /** Days that are not business days beside weekends (YYYY-MM-DD). */
  holidays: readonly string[];
  /** The send check for a message with no case linked: refuse it, or ask the officer. */
  noCaseLinked: "block" | "prompt";
}

export const defaultPolicy: Policy = {
  internalDomains: [],
  deadlineDays: { documents: 30, interview: 30 },
  deadlineDaysByCountry: {},
  holidays: [],
  noCaseLinked: "prompt",
};
