/** The handler's settings from the deployment configuration (embedded in events.js at build). */
import type { CasemailConfig } from "../config/schema";
import { policyFromConfig } from "../config/policy-from-config";
import {
  defaultGatewayTimeoutMs,
  defaultSnapshotMaxAgeMs,
  type SendSettings,
} from "./send-handler";

export function sendSettingsFromConfig(config: CasemailConfig): SendSettings {
  return {
    offices: config.offices,
    policy: policyFromConfig(config),
    // The domain's rule for an office without a time zone: UTC.
    timeZone: "UTC",
    caseNumberPattern: config.caseNumberPattern,
    snapshotMaxAgeMs: defaultSnapshotMaxAgeMs,
    gatewayTimeoutMs: defaultGatewayTimeoutMs,
  };
}
