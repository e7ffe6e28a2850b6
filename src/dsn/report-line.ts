/** The published JSON shape of one parsed report (the CLI's output line, the queues' input). */
import type { DeliveryReport, ReportKind, ReportRecipient } from "./types";

export interface ReportLine {
  file: string;
  kind: ReportKind;
  recipients: Omit<ReportRecipient, "reason">[];
  original: { ref: string; messageId: string; subject: string };
}

export function reportLine(file: string, report: DeliveryReport): ReportLine {
  return {
    file,
    kind: report.kind,
    recipients: report.recipients.map((r) => ({
      address: r.address,
      status: r.status,
      action: r.action,
      replyCode: r.replyCode,
      diagnostic: r.diagnostic,
      remoteHost: r.remoteHost,
      permanent: r.permanent,
    })),
    original: {
      ref: report.original.ref,
      messageId: report.original.messageId,
      subject: report.original.subject,
    },
  };
}
