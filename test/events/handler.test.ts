import {
  encodeHandoff,
  encodeHandoffForCustomProperty,
  handoffKey,
} from "../../src/events/handoff";
import {
  handleSend,
  runSendEvent,
  type CaseFetchResult,
  type CaseSource,
  type SendEnvironment,
} from "../../src/events/send-handler";
import { handleItemChanged } from "../../src/events/change-handler";
import {
  officeSendItemPort,
  sendCapabilities,
  showStatus,
  statusNotificationKey,
} from "../../src/office/compose-events";
import { correlationHeader, correlationProperty } from "../../src/office/correlation";
import { formatLongDate } from "../../src/domain/long-date";
import type { CaseRecord } from "../../src/domain/case-record";
import { caseRecord, deadline, now, settings } from "./support";
import {
  addresses,
  installOutlookMock,
  recordingEvent,
  uninstallOutlookMock,
  type MockOptions,
} from "./outlook-mock";

const ref = "cm-0f8fad5b-d9cb-469f-a165-70867728950e";
const body = `Please send the documents by ${formatLongDate(deadline, "en")}.`;

function link(snapshot: CaseRecord | null = caseRecord(), snapshotAt = "2026-03-04T17:00:00Z") {
  return {
    caseNumber: "B012345678",
    purpose: "documents" as const,
    deadline,
    snapshot,
    snapshotAt: snapshot === null ? null : snapshotAt,
  };
}

/** A compliant compose item with the pane's link in session data and the property. */
function compliantItem(
  overrides: MockOptions["state"] = {},
  rest: Omit<MockOptions, "state"> = {}
) {
  return installOutlookMock({
    state: {
      to: addresses("ana.silva@example.com"),
      subject: "B012345678: documents requested",
      body,
      session: { [handoffKey]: encodeHandoff(link()) },
      customProperties: { [handoffKey]: encodeHandoffForCustomProperty(link()) },
      ...overrides,
    },
    ...rest,
  });
}

function fakeCases(answer: (caseNumber: string, signal?: AbortSignal) => Promise<CaseFetchResult>) {
  const calls: string[] = [];
  const source: CaseSource = {
    fetchCase: (caseNumber, signal) => {
      calls.push(caseNumber);
      return answer(caseNumber, signal);
    },
  };
  return { source, calls };
}

function env(overrides: Partial<SendEnvironment> = {}): SendEnvironment {
  return {
    item: officeSendItemPort,
    cases: null,
    readReceiptProbe: null,
    locale: "en",
    capabilities: sendCapabilities(),
    settings,
    now: () => now,
    newCorrelationRef: () => ref,
    ...overrides,
  };
}

afterEach(uninstallOutlookMock);

describe("OnMessageSend with the pane's snapshot at hand", () => {
  it("allows a compliant message without calling the gateway, after stamping the reference", async () => {
    const { state } = compliantItem();
    const cases = fakeCases(async () => ({ kind: "not-found" }));
    const decision = await handleSend(env({ cases: cases.source }));
    expect(decision.completion).toEqual({ allowEvent: true });
    expect(cases.calls).toEqual([]);
    expect(state.customProperties[correlationProperty]).toBe(ref);
    expect(state.headers[correlationHeader]).toBe(ref);
  });

  it("keeps the reference the pane already stamped", async () => {
    const existing = "cm-7c9e6679-7425-40de-944b-e07fc1f90ae7";
    const { state } = compliantItem({
      customProperties: {
        [handoffKey]: encodeHandoffForCustomProperty(link()),
        [correlationProperty]: existing,
      },
    });
    await handleSend(env());
    expect(state.customProperties[correlationProperty]).toBe(existing);
    expect(state.headers[correlationHeader]).toBe(existing);
  });

  it("uses the custom property when session data is gone (a reopened draft)", async () => {
    const { state } = compliantItem({ session: {} });
    const cases = fakeCases(async () => ({ kind: "not-found" }));
    const decision = await handleSend(env({ cases: cases.source }));
    expect(decision.outcome).toBe("compliant");
    expect(cases.calls).toEqual([]);
    expect(state.customProperties[correlationProperty]).toBe(ref);
  });

  it("blocks a near-miss recipient with the address on file, and stamps nothing", async () => {
    const { state } = compliantItem({ to: addresses("ana.silav@example.com") });
    const decision = await handleSend(env());
    expect(decision.outcome).toBe("blocked");
    expect(decision.completion.errorMessage).toContain("ana.silva@example.com");
    expect(decision.completion.errorMessageMarkdown).toBeDefined();
    expect(state.customProperties[correlationProperty]).toBeUndefined();
  });

  it("leaves Markdown out on a Mailbox 1.14 client and Take Action out on 1.12", async () => {
    compliantItem({ from: "officer.jones@example.org" }, { mailbox: "1.14" });
    const on114 = await handleSend(env());
    expect(on114.completion.errorMessageMarkdown).toBeUndefined();
    expect(on114.completion.commandId).toBe("msgComposeOpenPaneButton");
    uninstallOutlookMock();
    compliantItem({ from: "officer.jones@example.org" }, { mailbox: "1.12" });
    const on112 = await handleSend(env());
    expect(on112.completion.allowEvent).toBe(false);
    expect(on112.completion.commandId).toBeUndefined();
  });

  it("answers in French for a French Outlook", async () => {
    compliantItem({ from: "officer.jones@example.org" }, { language: "fr-CA" });
    const decision = await handleSend(env({ locale: "fr" }));
    expect(decision.completion.errorMessage).toContain("CaseMail a arrêté ce message");
  });
});

describe("OnMessageSend when the pane left no snapshot", () => {
  it("no custom property, case number in the subject: fetches the case once and decides", async () => {
    compliantItem({ session: {}, customProperties: {} });
    const cases = fakeCases(async () => ({ kind: "found", caseRecord: caseRecord() }));
    const decision = await handleSend(env({ cases: cases.source }));
    expect(cases.calls).toEqual(["B012345678"]);
    // Without the pane's purpose the deadline rule cannot apply, so it warns; nothing blocks.
    expect(decision.outcome).toBe("compliant");
    expect(decision.findings.map((f) => f.code)).toContain("R4.purpose-unknown");
  });

  it("a stalled gateway: the decision comes within the time-out, as a prompt", async () => {
    compliantItem({ session: {}, customProperties: {} });
    let aborted = false;
    const cases = fakeCases(
      (_n, signal) =>
        new Promise<CaseFetchResult>(() => {
          signal?.addEventListener("abort", () => (aborted = true));
        })
    );
    const started = Date.now();
    const decision = await handleSend(
      env({ cases: cases.source, settings: { ...settings, gatewayTimeoutMs: 150 } })
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(140);
    expect(elapsed).toBeLessThan(1500);
    expect(aborted).toBe(true);
    expect(decision.outcome).toBe("unreachable");
    expect(decision.completion.sendModeOverride).toBe("promptUser");
    expect(decision.completion.errorMessage).toContain("did not answer in time");
  });

  it("an old snapshot is refreshed; if the gateway fails, the old snapshot still decides", async () => {
    const old = link(caseRecord(), "2026-03-01T09:00:00Z");
    compliantItem({ session: { [handoffKey]: encodeHandoff(old) } });
    const cases = fakeCases(async () => ({ kind: "unavailable", reason: "network" }));
    const decision = await handleSend(env({ cases: cases.source }));
    expect(cases.calls).toEqual(["B012345678"]);
    expect(decision.outcome).toBe("compliant");
  });

  it("a snapshot a few minutes ahead is clock skew; an hour ahead is not trusted", async () => {
    const skewed = (at: string) => {
      uninstallOutlookMock();
      compliantItem({ session: { [handoffKey]: encodeHandoff(link(caseRecord(), at)) } });
      return fakeCases(async () => ({ kind: "found", caseRecord: caseRecord() }));
    };
    const minutes = skewed("2026-03-04T18:02:00Z");
    await handleSend(env({ cases: minutes.source }));
    expect(minutes.calls).toEqual([]);
    const hour = skewed("2026-03-04T19:00:00Z");
    await handleSend(env({ cases: hour.source }));
    expect(hour.calls).toEqual(["B012345678"]);
  });

  it("a fresher address from the gateway overrides the old snapshot", async () => {
    const old = link(caseRecord(), "2026-03-01T09:00:00Z");
    compliantItem({ session: { [handoffKey]: encodeHandoff(old) } });
    const moved = caseRecord({
      addresses: [
        {
          email: "ana.silva@example.com",
          consent: "application-form",
          recordedAt: "2026-01-10T10:00:00Z",
          supersededAt: "2026-03-02T10:00:00Z",
        },
        {
          email: "ana.new@example.net",
          consent: "applicant-initiated",
          recordedAt: "2026-03-02T10:00:00Z",
          supersededAt: null,
        },
      ],
    });
    const cases = fakeCases(async () => ({ kind: "found", caseRecord: moved }));
    const decision = await handleSend(env({ cases: cases.source }));
    expect(decision.outcome).toBe("blocked");
    expect(decision.completion.errorMessage).toContain("ana.new@example.net");
  });

  it("a case the gateway does not know blocks", async () => {
    compliantItem({ session: {}, customProperties: {} });
    const cases = fakeCases(async () => ({ kind: "not-found" }));
    const decision = await handleSend(env({ cases: cases.source }));
    expect(decision.outcome).toBe("case-not-found");
  });

  it("no gateway configured at all: prompts rather than blocks", async () => {
    compliantItem({ session: {}, customProperties: {} });
    const decision = await handleSend(env({ cases: null }));
    expect(decision.outcome).toBe("unreachable");
    expect(decision.completion.sendModeOverride).toBe("promptUser");
  });

  it("no case linked and an outside recipient: prompts under the default policy", async () => {
    compliantItem({ session: {}, customProperties: {}, subject: "Hello" });
    const decision = await handleSend(env());
    expect(decision.outcome).toBe("no-case");
    expect(decision.completion.sendModeOverride).toBe("promptUser");
  });
});

describe("OnMessageSend: read receipt (R11) through the probe", () => {
  it("blocks when Graph says a read receipt is requested", async () => {
    compliantItem();
    const decision = await handleSend(
      env({ readReceiptProbe: { isReadReceiptRequested: async () => true } })
    );
    expect(decision.findings.map((f) => f.code)).toContain("R11.read-receipt");
    expect(decision.outcome).toBe("blocked");
  });

  it("a probe that hangs counts as unknown within the time-out", async () => {
    compliantItem();
    const decision = await handleSend(
      env({
        settings: { ...settings, gatewayTimeoutMs: 100 },
        readReceiptProbe: { isReadReceiptRequested: () => new Promise(() => undefined) },
      })
    );
    expect(decision.outcome).toBe("compliant");
    expect(decision.findings.map((f) => f.code)).toContain("R11.read-receipt-unknown");
  });
});

describe("OnMessageSend: failures inside the handler still complete the event", () => {
  it("a check that throws: one completion, a prompt", async () => {
    compliantItem();
    const event = recordingEvent();
    const throwing = {
      ...officeSendItemPort,
      readHandoff: async () => {
        throw new Error("boom");
      },
    };
    await runSendEvent(event, env({ item: throwing }));
    expect(event.completions).toHaveLength(1);
    expect(event.completions[0]).toMatchObject({
      allowEvent: false,
      sendModeOverride: "promptUser",
    });
  });

  it("a read that never answers: the watchdog completes the event", async () => {
    compliantItem();
    const event = recordingEvent();
    const hanging = { ...officeSendItemPort, readDraft: () => new Promise<never>(() => undefined) };
    const started = Date.now();
    await runSendEvent(event, env({ item: hanging }), 200);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(event.completions).toEqual([
      expect.objectContaining({ allowEvent: false, sendModeOverride: "promptUser" }),
    ]);
  });

  it("the reference cannot be stamped: the officer is told and asked", async () => {
    const { state } = compliantItem({}, { fail: ["customProperties.saveAsync"] });
    const decision = await handleSend(env());
    expect(decision.completion.allowEvent).toBe(false);
    expect(decision.completion.sendModeOverride).toBe("promptUser");
    expect(decision.completion.errorMessage).toContain("could not mark this message for filing");
    expect(state.customProperties[correlationProperty]).toBeUndefined();
  });

  it("a compliant message completes the real event with allowEvent", async () => {
    compliantItem();
    const event = recordingEvent();
    await runSendEvent(event, env());
    expect(event.completions).toEqual([{ allowEvent: true }]);
  });
});

describe("OnMessageRecipientsChanged / OnMessageFromChanged: the info bar", () => {
  const changeEnv = () => ({
    item: officeSendItemPort,
    show: (text: string) => showStatus("info", text),
    locale: "en" as const,
    settings,
    now: () => now,
  });

  it("says the checks pass, and completes the event", async () => {
    const { state } = compliantItem();
    const event = recordingEvent();
    const summary = await handleItemChanged(event, changeEnv());
    expect(summary?.state).toBe("ready");
    expect(state.notifications[statusNotificationKey]?.message).toContain("the checks pass");
    expect(state.notifications[statusNotificationKey]?.type).toBe("informationalMessage");
    expect(event.completions).toHaveLength(1);
  });

  it("counts the problems and gives the first fix, within 150 characters", async () => {
    const { state } = compliantItem({
      from: "officer.jones@example.org",
      cc: addresses("outsider@elsewhere.example.net"),
    });
    const summary = await handleItemChanged(recordingEvent(), changeEnv());
    expect(summary?.state).toBe("blocked");
    const message = state.notifications[statusNotificationKey]?.message ?? "";
    expect(message).toMatch(/^CaseMail, case B012345678: 2 problem\(s\)/);
    expect(message.length).toBeLessThanOrEqual(150);
  });

  it("says no case is linked when there is none", async () => {
    const { state } = compliantItem({ session: {}, customProperties: {}, subject: "Hello" });
    await handleItemChanged(recordingEvent(), changeEnv());
    expect(state.notifications[statusNotificationKey]?.message).toContain("no case is linked");
  });

  it("without a snapshot it says the check happens at send, never calling the gateway", async () => {
    const { state } = compliantItem({ session: {}, customProperties: {} });
    await handleItemChanged(recordingEvent(), changeEnv());
    expect(state.notifications[statusNotificationKey]?.message).toContain("checked when you send");
  });

  it("completes the event even when the item cannot be read", async () => {
    compliantItem();
    const event = recordingEvent();
    const summary = await handleItemChanged(event, {
      ...changeEnv(),
      item: { ...officeSendItemPort, readDraft: () => Promise.reject(new Error("gone")) },
    });
    expect(summary).toBeNull();
    expect(event.completions).toHaveLength(1);
  });
});
