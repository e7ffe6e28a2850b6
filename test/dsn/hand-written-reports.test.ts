/** Small reports written here, one per behaviour the bounce queue relies on. */
import { parseDeliveryReport, reportLine } from "../../src/dsn";

interface ReportParts {
  recipientBlocks: string[];
  returned?: string;
  returnedType?: string;
  subject?: string;
  human?: string;
}

/** An RFC 3464 multipart/report with the given per-recipient blocks. */
function multipartReport(p: ReportParts): string {
  const b = "BOUNDARY-42";
  return [
    "From: Mail Delivery System <MAILER-DAEMON@mx.gc.example>",
    "To: <ircc.office@gc.example>",
    `Subject: ${p.subject ?? "Undelivered Mail Returned to Sender"}`,
    "Date: Fri, 4 Dec 2026 10:00:00 -0500",
    "MIME-Version: 1.0",
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
    "",
    `--${b}`,
    "Content-Type: text/plain; charset=us-ascii",
    "",
    p.human ?? "This is the mail system at host mx.gc.example.",
    "",
    `--${b}`,
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.gc.example",
    "Arrival-Date: Fri, 4 Dec 2026 09:59:58 -0500",
    "",
    ...p.recipientBlocks.flatMap((block) => [block, ""]),
    `--${b}`,
    `Content-Type: ${p.returnedType ?? "text/rfc822-headers"}`,
    "",
    p.returned ??
      [
        "From: Immigration Office <ircc.office@gc.example>",
        "To: applicant@example.org",
        "Subject: Request for documents - file B000123456",
        "Message-ID: <original-1@gc.example>",
        "Date: Fri, 4 Dec 2026 09:59:50 -0500",
      ].join("\r\n"),
    "",
    `--${b}--`,
    "",
  ].join("\r\n");
}

describe("RFC 3464 reports", () => {
  it("reads a failed recipient's fields and the original's Message-ID", async () => {
    const report = await parseDeliveryReport(
      multipartReport({
        recipientBlocks: [
          [
            "Final-Recipient: rfc822; applicant@example.org",
            "Original-Recipient: rfc822;applicant@example.org",
            "Action: failed",
            "Status: 5.1.1",
            "Remote-MTA: dns; mx1.example.org",
            "Diagnostic-Code: smtp; 550 5.1.1 <applicant@example.org>: Recipient address",
            "    rejected: User unknown in local recipient table",
          ].join("\r\n"),
        ],
      })
    );
    expect(report.kind).toBe("failure");
    expect(report.recipients).toEqual([
      {
        address: "applicant@example.org",
        status: "5.1.1",
        action: "failed",
        replyCode: "550",
        diagnostic:
          "550 5.1.1 <applicant@example.org>: Recipient address rejected: User unknown in local recipient table",
        remoteHost: "mx1.example.org",
        permanent: true,
        reason: "userunknown",
      },
    ]);
    expect(report.original).toEqual({
      ref: "",
      messageId: "<original-1@gc.example>",
      subject: "Request for documents - file B000123456",
      date: "Fri, 4 Dec 2026 09:59:50 -0500",
    });
  });

  it("tells a full mailbox (not permanent) from an unknown user (permanent)", async () => {
    const report = await parseDeliveryReport(
      multipartReport({
        recipientBlocks: [
          [
            "Final-Recipient: rfc822; full@example.org",
            "Action: failed",
            "Status: 5.2.2",
            "Diagnostic-Code: smtp; 552 5.2.2 Mailbox full",
          ].join("\r\n"),
          [
            "Final-Recipient: rfc822; gone@example.net",
            "Action: failed",
            "Status: 5.1.1",
            "Diagnostic-Code: smtp; 550 5.1.1 No such user",
          ].join("\r\n"),
        ],
      })
    );
    expect(report.recipients.map((r) => [r.address, r.status, r.permanent])).toEqual([
      ["full@example.org", "5.2.2", false],
      ["gone@example.net", "5.1.1", true],
    ]);
  });

  it("reports a delay as a delay, not a failure", async () => {
    const report = await parseDeliveryReport(
      multipartReport({
        subject: "Delayed Mail (still being retried)",
        recipientBlocks: [
          [
            "Final-Recipient: rfc822; slow@example.org",
            "Action: delayed",
            "Status: 4.4.1",
            "Remote-MTA: dns; mx.example.org",
            "Diagnostic-Code: X-Postfix; connect to mx.example.org[192.0.2.7]:25: Connection timed out",
            "Will-Retry-Until: Tue, 8 Dec 2026 10:00:00 -0500",
          ].join("\r\n"),
        ],
      })
    );
    expect(report.kind).toBe("delay");
    expect(report.recipients[0]).toMatchObject({
      address: "slow@example.org",
      action: "delayed",
      status: "4.4.1",
      permanent: false,
    });
  });

  it("reports a success notice as delivered", async () => {
    const report = await parseDeliveryReport(
      multipartReport({
        subject: "Delivery Status Notification (Success)",
        human: "Your message was delivered to the following recipients.",
        recipientBlocks: [
          [
            "Final-Recipient: rfc822; applicant@example.org",
            "Action: delivered",
            "Status: 2.0.0",
            "Remote-MTA: dns; mx1.example.org",
          ].join("\r\n"),
        ],
      })
    );
    expect(report.kind).toBe("delivered");
    expect(report.recipients[0]).toMatchObject({
      action: "delivered",
      status: "2.0.0",
      permanent: false,
    });
  });

  it("prefers CaseMail's x-casemail-ref in the returned headers for correlation", async () => {
    const report = await parseDeliveryReport(
      multipartReport({
        recipientBlocks: [
          "Final-Recipient: rfc822; applicant@example.org\r\nAction: failed\r\nStatus: 5.1.1",
        ],
        returnedType: "message/rfc822",
        returned: [
          "From: ircc.office@gc.example",
          "To: applicant@example.org",
          "Subject: =?utf-8?B?RGVtYW5kZSBkZSBkb2N1bWVudHMgLSBkw6lsYWk=?=",
          "Message-ID: <original-2@gc.example>",
          "x-casemail-ref: cm-7f3a9c21",
          "Date: Fri, 4 Dec 2026 09:59:50 -0500",
          "",
          "Body text that the parser does not need.",
        ].join("\r\n"),
      })
    );
    expect(report.original.ref).toBe("cm-7f3a9c21");
    expect(report.original.messageId).toBe("<original-2@gc.example>");
    expect(report.original.subject).toBe("Demande de documents - délai");
    expect(reportLine("x.eml", report).original).toEqual({
      ref: "cm-7f3a9c21",
      messageId: "<original-2@gc.example>",
      subject: "Demande de documents - délai",
    });
  });

  it("takes a specific code from the diagnostic when Status is only x.0.0", async () => {
    const report = await parseDeliveryReport(
      multipartReport({
        recipientBlocks: [
          [
            "Final-Recipient: rfc822; box@example.org",
            "Action: failed",
            "Status: 5.0.0",
            "Diagnostic-Code: smtp; 550 5.2.2 <box@example.org>... Mailbox Full",
          ].join("\r\n"),
        ],
      })
    );
    expect(report.recipients[0]?.status).toBe("5.2.2");
  });
});

describe("reports without RFC 3464 fields", () => {
  it("reads a qmail notice and infers the status from the reply code and text", async () => {
    const raw = [
      "From: MAILER-DAEMON@mail.gc.example",
      "To: ircc.office@gc.example",
      "Subject: failure notice",
      "",
      "Hi. This is the qmail-send program at mail.gc.example.",
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      "This is a permanent error; I've given up. Sorry it didn't work out.",
      "",
      "<applicant@example.org>:",
      "192.0.2.9 does not like recipient.",
      "Remote host said: 550 sorry, no mailbox here by that name",
      "Giving up on 192.0.2.9.",
      "",
      "--- Below this line is a copy of the message.",
      "",
      "Message-ID: <original-3@gc.example>",
      "Subject: Interview invitation",
      "To: applicant@example.org",
      "",
      "Hello",
    ].join("\n");
    const report = await parseDeliveryReport(raw);
    expect(report.kind).toBe("failure");
    expect(report.recipients).toHaveLength(1);
    expect(report.recipients[0]).toMatchObject({
      address: "applicant@example.org",
      replyCode: "550",
      // No enhanced code in the report: the inferred "user unknown" code (see docs/bounces.md).
      status: "5.0.911",
      permanent: true,
    });
    expect(report.original).toMatchObject({
      messageId: "<original-3@gc.example>",
      subject: "Interview invitation",
    });
  });

  it("falls back to subject and date when the returned headers carry no Message-ID", async () => {
    const raw = [
      "From: postmaster@example.org",
      "Subject: Undeliverable: Interview invitation",
      "",
      "Your message did not reach some or all of the intended recipients.",
      "",
      "applicant@example.org on 2026-12-04",
      "    The recipient's mailbox is full and can't accept messages now.",
      "",
      "Original message headers:",
      "",
      "Subject: Interview invitation",
      "Date: Fri, 4 Dec 2026 09:00:00 -0500",
      "",
    ].join("\r\n");
    const report = await parseDeliveryReport(raw);
    expect(report.recipients[0]).toMatchObject({
      address: "applicant@example.org",
      status: "5.0.922",
      permanent: false,
    });
    expect(report.original).toEqual({
      ref: "",
      messageId: "",
      subject: "Interview invitation",
      date: "Fri, 4 Dec 2026 09:00:00 -0500",
    });
  });

  it("gives not-a-report for an ordinary message", async () => {
    const raw = [
      "From: applicant@example.org",
      "To: ircc.office@gc.example",
      "Subject: Re: Request for documents",
      "",
      "Please find my passport attached. The earlier email was rejected by my phone, sorry.",
    ].join("\r\n");
    const report = await parseDeliveryReport(raw);
    expect(report).toEqual({
      kind: "not-a-report",
      recipients: [],
      original: { ref: "", messageId: "", subject: "", date: "" },
    });
  });
});

describe("Exchange Online reports, as the department's generic mailboxes receive them", () => {
  it("reads a French Office 365 report with an HTML notice", async () => {
    const b = "b1";
    const raw = [
      "From: Microsoft Outlook <postmaster@gcgc.onmicrosoft.com>",
      "To: <bureau.ircc@gc.example>",
      "Subject: =?utf-8?Q?Non_remis=C2=A0:_Demande_de_documents?=",
      "MIME-Version: 1.0",
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
      "",
      `--${b}`,
      "Content-Type: text/html; charset=utf-8",
      "",
      "<html><body><p>La remise a échoué pour ces destinataires ou groupes :</p>",
      '<p><a href="mailto:demandeur@example.org">demandeur@example.org</a><br>',
      "L'adresse de messagerie est introuvable dans le domaine de destination.</p>",
      "</body></html>",
      `--${b}`,
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns;YT2PR01MB1234.CANPRD01.PROD.OUTLOOK.COM",
      "",
      "Final-recipient: RFC822; demandeur@example.org",
      "Action: failed",
      "Status: 5.1.10",
      "Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup",
      "",
      `--${b}`,
      "Content-Type: text/rfc822-headers",
      "",
      "Subject: Demande de documents",
      "Message-ID: <YT2PR01MB9999@CANPRD01.PROD.OUTLOOK.COM>",
      "x-casemail-ref: cm-2f81",
      "",
      `--${b}--`,
      "",
    ].join("\r\n");
    const report = await parseDeliveryReport(raw);
    expect(report.kind).toBe("failure");
    expect(report.recipients).toHaveLength(1);
    expect(report.recipients[0]).toMatchObject({
      address: "demandeur@example.org",
      status: "5.1.10",
      replyCode: "550",
      permanent: true,
    });
    expect(report.original.ref).toBe("cm-2f81");
  });

  it("reads a text-only French notice (no fields) as a report", async () => {
    const raw = [
      "From: postmaster@example.org",
      "Subject: Non remis : Convocation",
      "",
      "Votre message n'a pas pu être remis au destinataire suivant :",
      "",
      "demandeur@example.org",
      "Remote Server returned '550 5.4.1 Recipient address rejected: Access denied'",
      "",
      "En-têtes du message d'origine :",
      "",
      "Subject: Convocation",
      "Message-ID: <m2@gc.example>",
      "",
    ].join("\r\n");
    const report = await parseDeliveryReport(raw);
    expect(report.kind).toBe("failure");
    expect(report.recipients[0]).toMatchObject({
      address: "demandeur@example.org",
      status: "5.4.1",
      permanent: true,
    });
    expect(report.original.messageId).toBe("<m2@gc.example>");
  });

  it("does not take a DMARC refusal for a bad address", async () => {
    const raw = multipartReport({
      recipientBlocks: [
        [
          "Final-Recipient: rfc822; applicant@outlook.example",
          "Action: failed",
          "Status: 5.7.509",
          "Diagnostic-Code: smtp; 550 5.7.509 Access denied, sending domain gc.example does not pass DMARC verification",
        ].join("\r\n"),
      ],
    });
    const report = await parseDeliveryReport(raw);
    expect(report.recipients[0]).toMatchObject({ status: "5.7.509", permanent: false });
    expect(report.recipients[0]?.reason).toBe("authfailure");
  });
});
