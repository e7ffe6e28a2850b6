/** The small pure pieces: code extraction, inferred codes and the user-unknown refinement. */
import { BOUNCE_REASONS } from "../../src/dsn";
import { allAreas } from "../../src/i18n";
import { dsnMessages } from "../../src/i18n/messages/dsn";
import { parseDsnFields } from "../../src/dsn/delivery-status";
import { refineUserUnknown, reasonFromText, smtpStageIn } from "../../src/dsn/reason";
import { bestEnhancedCode, inferredStatus, replyCodeIn } from "../../src/dsn/status-code";

describe("status codes in text", () => {
  it("finds enhanced codes but not pieces of IP addresses or versions", () => {
    expect(bestEnhancedCode("host [192.0.2.153] said: 550 5.1.1 <a@b.example>")).toBe("5.1.1");
    expect(bestEnhancedCode("Exim 4.5.2.1 at 203.0.113.22")).toBe("");
    expect(bestEnhancedCode("550-5.7.26 Unauthenticated")).toBe("5.7.26");
    // A specific code wins over a generic one that comes first.
    expect(bestEnhancedCode("5.0.0 relay said 5.2.2 mailbox full")).toBe("5.2.2");
  });

  it("finds reply codes but not ports, dates or addresses", () => {
    expect(replyCodeIn("smtp; 550 5.1.1 User unknown")).toBe("550");
    expect(replyCodeIn("550-5.7.1 blocked")).toBe("550");
    expect(replyCodeIn("connect to 192.0.2.7:25 at 2026-12-04")).toBe("");
    expect(replyCodeIn("Remote host said: 452 4.3.2 try later")).toBe("452");
  });

  it("infers x.0.9NN codes from the class and the temporary flag", () => {
    expect(inferredStatus("userunknown", false)).toBe("5.0.911");
    expect(inferredStatus("mailboxfull", true)).toBe("4.0.922");
    expect(inferredStatus("expired", true)).toBe("4.0.947");
  });
});

describe("classes from wording", () => {
  it("orders specific causes before the broad ones", () => {
    expect(reasonFromText("552 Error: disk quota exceeded")).toBe("mailboxfull");
    expect(reasonFromText("Recipient address rejected: Reverse DNS validation failed")).toBe(
      "requireptr"
    );
    expect(reasonFromText("550 5.7.26 Unauthenticated email ... DMARC policy")).toBe("authfailure");
    expect(reasonFromText("Host or domain name not found")).toBe("hostunknown");
    expect(reasonFromText("Relay access denied")).toBe("norelaying");
    expect(reasonFromText("thank you")).toBeUndefined();
  });

  it("treats a bare 'user unknown' as a filter's verdict unless something backs it", () => {
    expect(refineUserUnknown("550 User unknown", "5.1.1", "")).toBe("userunknown");
    expect(refineUserUnknown("550 User unknown", "", "rcpt")).toBe("userunknown");
    expect(refineUserUnknown("550 User unknown", "5.0.0", "data")).toBe("filtered");
    expect(refineUserUnknown("550 5.7.1 User unknown", "5.7.1", "")).toBe("filtered");
    expect(refineUserUnknown("User x not listed in Domino Directory", "", "")).toBe("userunknown");
  });

  it("reads the SMTP stage from the common wordings", () => {
    expect(smtpStageIn("User unknown (in reply to RCPT TO command)")).toBe("rcpt");
    expect(smtpStageIn("550 Unknown user (in reply to end of DATA command)")).toBe("data");
    expect(smtpStageIn("SMTP error from remote mail server after RCPT TO:<a@b>:")).toBe("rcpt");
    expect(smtpStageIn("no stage here")).toBe("");
  });
});

describe("delivery-status fields", () => {
  it("reads folded fields, Action before Final-Recipient, and source routes", () => {
    const fields = parseDsnFields(
      [
        "Reporting-MTA: dns; mx.example.org",
        "",
        "Action: failed",
        "Final-Recipient: rfc822; a@example.org",
        "Status: 5.1.1 (bad mailbox)",
        "Diagnostic-Code: smtp; 550 5.1.1",
        "  user unknown",
        "",
        "Final-Recipient: rfc822; @relay.example:b@example.net",
        "Action: delayed",
        "Status: 4.4.1",
      ].join("\n")
    );
    expect(fields.reportingMta).toBe("mx.example.org");
    expect(fields.recipients.map((r) => [r.finalRecipient, r.action, r.status])).toEqual([
      ["a@example.org", "failed", "5.1.1"],
      ["b@example.net", "delayed", "4.4.1"],
    ]);
    expect(fields.recipients[0]?.diagnostic).toBe("550 5.1.1 user unknown");
  });
});

describe("officer-facing labels", () => {
  it("name every class and kind in English and French", () => {
    const kinds = ["failure", "delay", "delivered", "not-a-report"];
    for (const locale of ["en", "fr"] as const) {
      const table = dsnMessages[locale] as Record<string, string>;
      for (const r of BOUNCE_REASONS)
        expect([r, table[`reason.${r}`]?.length ?? 0]).not.toEqual([r, 0]);
      for (const k of kinds) expect(table[`kind.${k}`]).toBeTruthy();
    }
    expect(allAreas.dsn).toBe(dsnMessages);
  });
});
