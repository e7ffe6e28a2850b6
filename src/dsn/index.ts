/** Delivery reports (bounces) to recipients, status codes and the original's correlation. */
export { parseDeliveryReport, analyse, emptyReport, type RawReport } from "./parse-report";
export { reportLine, type ReportLine } from "./report-line";
export { isPermanentAddressFailure } from "./reason";
export type * from "./types";
export { BOUNCE_REASONS } from "./types";
