/**
 * What a receiving server sends back when the workbench's last sent message "bounces": an RFC 3464
 * `multipart/report` to the sender (the office's generic mailbox) with the original's headers,
 * posted to the simulated Graph's Inbox as Exchange files it (message class REPORT.IPM.Note.NDR).
 * It lets `npm start` show the Bounces queue end to end. Development only.
 */
import { sentCopyMessageId, sentCopyMime, toBase64 } from "./sent-copy";
import type { SimItemState } from "./simulated-item";

export interface BounceOptions {
  /** The recipient that fails; the first To by default. */
  recipient?: string;
  /** RFC 3463 enhanced status code: 5.1.1 (unknown user) by default, 4.2.2 (full) is temporary. */
  status?: string;
  reportAt?: Date;
}

const diagnostics: Record<string, string> = {
  "5.1.1": "550 5.1.1 The email account that you tried to reach does not exist",
  "5.2.2": "552 5.2.2 The recipient's mailbox is full",
  "4.2.2": "452 4.2.2 The recipient's mailbox is full, try again later",
};

function headerBlock(mime: string): string {
  const end = mime.indexOf("\r\n\r\n");
  return end < 0 ? mime : mime.slice(0, end + 2);
}

export function deliveryReportMime(
  sent: SimItemState,
  sentAt: Date,
  messageId: string,
  options: BounceOptions = {}
): string {
  const recipient = options.recipient ?? sent.to[0]?.emailAddress ?? "";
  const status = options.status ?? "5.1.1";
  const reportAt = options.reportAt ?? new Date(sentAt.getTime() + 60_000);
  const diagnostic = diagnostics[status] ?? `${status.startsWith("4") ? 450 : 550} ${status}`;
  const boundary = "casemail-workbench-report";
  const domain = recipient.split("@")[1] ?? "example.invalid";
  const lines = [
    `From: Mail Delivery System <MAILER-DAEMON@mx.${domain}>`,
    `To: ${sent.from.emailAddress}`,
    "Subject: Undelivered Mail Returned to Sender",
    `Date: ${reportAt.toUTCString()}`,
    `Message-ID: <report-${reportAt.getTime()}@mx.${domain}>`,
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=us-ascii",
    "",
    `Your message to ${recipient} could not be delivered.`,
    "",
    `--${boundary}`,
    "Content-Type: message/delivery-status",
    "",
    `Reporting-MTA: dns; mx.${domain}`,
    `Arrival-Date: ${sentAt.toUTCString()}`,
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    `Original-Recipient: rfc822; ${recipient}`,
    `Action: ${status.startsWith("4") ? "delayed" : "failed"}`,
    `Status: ${status}`,
    `Remote-MTA: dns; mx.${domain}`,
    `Diagnostic-Code: smtp; ${diagnostic}`,
    "",
    `--${boundary}`,
    "Content-Type: text/rfc822-headers",
    "",
    headerBlock(sentCopyMime(sent, sentAt, messageId)).trimEnd(),
    "",
    `--${boundary}--`,
    "",
  ];
  return lines.join("\r\n");
}

/** Puts the report in the sender's Inbox on the simulated Graph (`graphUrl` ends in `/v1.0`). */
export async function postDeliveryReport(
  graphUrl: string,
  sent: SimItemState,
  sentAt: Date,
  options: BounceOptions = {},
  fetcher: typeof fetch = fetch
): Promise<boolean> {
  const reportAt = options.reportAt ?? new Date();
  const mime = deliveryReportMime(sent, sentAt, sentCopyMessageId(sent), { ...options, reportAt });
  const response = await fetcher(`${new URL(graphUrl).origin}/_sim/inbox`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      mailbox: sent.from.emailAddress,
      mime: toBase64(mime),
      receivedDateTime: reportAt.toISOString(),
      messageClass: "REPORT.IPM.Note.NDR",
    }),
  });
  return response.ok;
}
