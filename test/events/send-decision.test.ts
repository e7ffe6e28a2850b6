import type { CaseRecord } from "../../src/domain/case-record";
import type { MessageDraft } from "../../src/domain/message-draft";
import { findingText } from "../../src/i18n/messages/domain";
import {
  decideAfterError,
  decideSend,
  decideStampFailed,
  openPaneCommandId,
  type CaseState,
  type SendCapabilities,
  type SendInput,
} from "../../src/events/send-decision";
import {
  allCapabilities,
  caseRecord,
  compliantDraft,
  noCapabilities,
  now,
  office,
  policy,
} from "./support";

function input(overrides: Partial<SendInput> = {}, record: CaseRecord = caseRecord()): SendInput {
  return {
    locale: "en",
    capabilities: allCapabilities,
    draft: compliantDraft(),
    caseNumber: record.caseNumber,
    caseState: { kind: "loaded", caseRecord: record, source: "session" },
    offices: [office],
    policy,
    now,
    defaultTimeZone: "UTC",
    ...overrides,
  };
}

describe("decideSend: a compliant message", () => {
  it("allows it with no dialog", () => {
    const d = decideSend(input());
    expect(d.outcome).toBe("compliant");
    expect(d.completion).toEqual({ allowEvent: true });
    expect(d.findings.filter((f) => f.severity === "block")).toEqual([]);
  });
});

// One row per rule: what breaks it, and the finding code that must stop the message.
const ruleCases: Array<{
  name: string;
  record?: CaseRecord;
  draft: Partial<MessageDraft>;
  code: string;
}> = [
  {
    name: "R1 no consent to email blocks (post is the method)",
    record: caseRecord({
      addresses: [
        {
          email: "ana.silva@example.com",
          consent: null,
          recordedAt: "2026-01-10T10:00:00Z",
          supersededAt: null,
        },
      ],
    }),
    draft: {},
    code: "R1.no-consent",
  },
  {
    name: "R2 mail to the applicant while a representative with email is on file blocks",
    record: caseRecord({
      representative: {
        name: "M. Tremblay",
        imm5476Signed: true,
        email: "tremblay@lawfirm.example.net",
        recordedAt: "2026-02-01T10:00:00Z",
      },
    }),
    draft: {},
    code: "R2.applicant-addressed",
  },
  {
    name: "R3 a near miss of the address on file blocks and names it",
    draft: { to: [{ address: "ana.silav@example.com" }] },
    code: "R3.near-miss",
  },
  {
    name: "R3 another outside recipient in Bcc blocks",
    draft: { bcc: [{ address: "someone@elsewhere.example.net" }] },
    code: "R3.outside-recipient",
  },
  {
    name: "R4 a deadline below the minimum blocks",
    draft: { deadline: "2026-03-09", bodyText: "Please reply by March 9, 2026." },
    code: "R4.deadline-too-soon",
  },
  {
    name: "R5 a personal mailbox as sender blocks",
    draft: { from: "officer.jones@example.org" },
    code: "R5.wrong-sender",
  },
  {
    name: "R11 a read receipt requested blocks",
    draft: { readReceiptRequested: true },
    code: "R11.read-receipt",
  },
];

describe.each(ruleCases)("decideSend: $name", ({ record, draft, code }) => {
  const d = decideSend(input({ draft: compliantDraft(draft) }, record ?? caseRecord()));
  const finding = d.findings.find((f) => f.code === code);

  it("stops the message with the finding", () => {
    expect(finding?.severity).toBe("block");
    expect(d.outcome).toBe("blocked");
    expect(d.completion.allowEvent).toBe(false);
    // A rule break is a real stop, not an "are you sure" prompt.
    expect(d.completion.sendModeOverride).toBeUndefined();
  });

  it("names the problem and its fix in the dialog, within 500 characters", () => {
    const text = findingText(finding!, "en");
    const message = d.completion.errorMessage ?? "";
    expect(message).toContain("B012345678");
    expect(message).toContain(text.fix);
    expect(message.length).toBeLessThanOrEqual(500);
    expect((d.completion.errorMessageMarkdown ?? "").length).toBeLessThanOrEqual(500);
  });

  it("offers Take Action that opens the pane on the failing check", () => {
    expect(d.completion.commandId).toBe(openPaneCommandId);
    expect((d.completion.cancelLabel ?? "").length).toBeLessThanOrEqual(20);
    const focus = JSON.parse(d.completion.contextData ?? "{}") as { rule: string; code: string };
    expect(focus.code).toBe(d.findings.find((f) => f.severity === "block")?.code);
  });
});

describe("decideSend: the dialog follows the client and the officer's language", () => {
  const broken = compliantDraft({ from: "officer.jones@example.org" });

  it("uses Markdown (bold heading, list items ended by \\r) only where Mailbox 1.15 is supported", () => {
    const with115 = decideSend(input({ draft: broken }));
    expect(with115.completion.errorMessageMarkdown).toContain("**");
    expect(with115.completion.errorMessageMarkdown).toContain("\n\n- ");
    expect(with115.completion.errorMessageMarkdown).toMatch(/\r$/);
    const without = decideSend(
      input({ draft: broken, capabilities: { ...allCapabilities, markdown: false } })
    );
    expect(without.completion.errorMessageMarkdown).toBeUndefined();
    expect(without.completion.errorMessage).toContain("officer.jones@example.org");
  });

  it("leaves out cancelLabel and commandId below Mailbox 1.14", () => {
    const d = decideSend(input({ draft: broken, capabilities: noCapabilities }));
    expect(d.completion.allowEvent).toBe(false);
    expect(d.completion.cancelLabel).toBeUndefined();
    expect(d.completion.commandId).toBeUndefined();
    expect(d.completion.contextData).toBeUndefined();
  });

  it("writes in French for a French Outlook", () => {
    const d = decideSend(input({ draft: broken, locale: "fr" }));
    expect(d.completion.errorMessage).toContain("CaseMail a arrêté ce message");
    expect(d.completion.cancelLabel).toBe("Ouvrir CaseMail");
  });

  it("keeps many problems within 500 characters, saying how many more there are", () => {
    const crowded = compliantDraft({
      from: "officer.jones@example.org",
      readReceiptRequested: true,
      deadline: null,
      cc: Array.from({ length: 8 }, (_, i) => ({ address: `outsider${i}@elsewhere.example.net` })),
    });
    const d = decideSend(input({ draft: crowded }));
    const blocking = d.findings.filter((f) => f.severity === "block");
    expect(blocking.length).toBeGreaterThan(5);
    for (const text of [d.completion.errorMessage, d.completion.errorMessageMarkdown]) {
      expect(text).toBeDefined();
      expect(text!.length).toBeLessThanOrEqual(500);
      expect(text).toMatch(/And \d+ more: open CaseMail/);
    }
  });
});

describe("decideSend: no case linked", () => {
  const noCase = (draft: Partial<MessageDraft>, overrides: Partial<SendInput> = {}) =>
    decideSend(
      input({
        caseNumber: null,
        caseState: { kind: "unavailable", reason: "network" },
        draft: compliantDraft({ purpose: null, deadline: null, ...draft }),
        ...overrides,
      })
    );

  it("lets internal-only mail go (no outside recipient)", () => {
    const d = noCase({ to: [{ address: "colleague@example.org" }] });
    expect(d.outcome).toBe("internal-only");
    expect(d.completion).toEqual({ allowEvent: true });
  });

  it("asks the officer under the prompt policy, naming the outside address", () => {
    const d = noCase({});
    expect(d.outcome).toBe("no-case");
    expect(d.completion.allowEvent).toBe(false);
    expect(d.completion.sendModeOverride).toBe("promptUser");
    expect(d.completion.errorMessage).toContain("ana.silva@example.com");
  });

  it("lets it go under the prompt policy where the client cannot prompt", () => {
    expect(noCase({}, { capabilities: noCapabilities }).completion).toEqual({ allowEvent: true });
  });

  it("blocks under the block policy, with no send-anyway option", () => {
    const d = noCase({}, { policy: { ...policy, noCaseLinked: "block" } });
    expect(d.completion.allowEvent).toBe(false);
    expect(d.completion.sendModeOverride).toBeUndefined();
    expect(d.completion.errorMessage).toContain("link the case");
    expect(d.completion.commandId).toBe(openPaneCommandId);
  });
});

describe("decideSend: the case cannot be had", () => {
  const unavailable = (
    reason: "timeout" | "network" | "sign-in" | "server",
    caps?: SendCapabilities
  ) =>
    decideSend(
      input({
        caseState: { kind: "unavailable", reason } as CaseState,
        ...(caps ? { capabilities: caps } : {}),
      })
    );

  it.each(["timeout", "network", "sign-in", "server"] as const)(
    "gateway %s: prompts with the reason, never a hard block",
    (reason) => {
      const d = unavailable(reason);
      expect(d.outcome).toBe("unreachable");
      expect(d.completion.allowEvent).toBe(false);
      expect(d.completion.sendModeOverride).toBe("promptUser");
      expect(d.completion.errorMessage).toContain("B012345678");
      expect(d.completion.errorMessage).toContain("checked the address on file");
    }
  );

  it("gateway down on a client that cannot prompt: the message goes", () => {
    expect(unavailable("timeout", noCapabilities).completion).toEqual({ allowEvent: true });
  });

  it("an unknown case number blocks: the officer must correct the link", () => {
    const d = decideSend(input({ caseState: { kind: "not-found" } }));
    expect(d.outcome).toBe("case-not-found");
    expect(d.completion.allowEvent).toBe(false);
    expect(d.completion.sendModeOverride).toBeUndefined();
    expect(d.completion.errorMessage).toContain("was not found");
  });
});

describe("decideSend: a check that throws", () => {
  it("prompts instead of leaving the event open or blocking for good", () => {
    const broken = { ...compliantDraft(), to: null } as unknown as MessageDraft;
    const d = decideSend(input({ draft: broken }));
    expect(d.outcome).toBe("check-failed");
    expect(d.completion.sendModeOverride).toBe("promptUser");
    expect(d.completion.errorMessage).toContain("could not finish its checks");
  });

  it("decideAfterError and decideStampFailed allow where no prompt is possible", () => {
    expect(decideAfterError("en", noCapabilities).completion).toEqual({ allowEvent: true });
    expect(decideStampFailed("fr", allCapabilities).completion.errorMessage).toContain(
      "classement"
    );
  });
});
