import {
  clearNotification,
  getBodyText,
  getBodyType,
  getCustomProperty,
  getFrom,
  getInternetHeaders,
  getRecipients,
  getSessionData,
  getSubject,
  insertInBody,
  onRecipientsChanged,
  saveItem,
  setBody,
  setCustomProperty,
  setRecipients,
  setSessionData,
  setSubject,
  showNotification,
} from "../../src/office/compose-item";
import {
  correlationHeader,
  correlationProperty,
  isCorrelationRef,
  newCorrelationRef,
  readCorrelationRef,
  stampCorrelationRef,
} from "../../src/office/correlation";
import { installOutlookMock } from "./office-mock";

const networkError = { code: 9041, name: "NetworkError", message: "network" };

describe("compose adapters", () => {
  test("read the sender, recipients, subject and body as typed values", async () => {
    installOutlookMock();
    expect(await getFrom()).toEqual({ ok: true, value: "casework.east@example.org" });
    expect(await getRecipients("to")).toEqual({
      ok: true,
      value: [{ address: "a@example.com", displayName: "A" }],
    });
    expect(await getRecipients("cc")).toEqual({ ok: true, value: [] });
    expect(await getSubject()).toEqual({ ok: true, value: "RE: B000100001" });
    expect(await getBodyText()).toEqual({ ok: true, value: "Hello" });
    expect(await getBodyType()).toEqual({ ok: true, value: "html" });
  });

  test("a failed call becomes a typed error carrying the Office code", async () => {
    installOutlookMock({ fail: { "to.getAsync": networkError, "cc.setAsync": networkError } });
    expect(await getRecipients("to")).toEqual({ ok: false, error: networkError });
    const set = await setRecipients("cc", [{ address: "x@example.com" }]);
    expect(set).toEqual({ ok: false, error: networkError });
  });

  test("an API missing on the client is NotSupported, not a throw", async () => {
    const { mock } = installOutlookMock();
    mock.context.mailbox.item.internetHeaders = undefined;
    const r = await getInternetHeaders(["x-casemail-ref"]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.name).toBe("NotSupported");
  });

  test("set recipients, subject and body, and insert at the cursor", async () => {
    const { state } = installOutlookMock();
    expect((await setRecipients("to", [{ address: "b@example.com" }])).ok).toBe(true);
    expect(state.to).toEqual([{ emailAddress: "b@example.com", displayName: "b@example.com" }]);
    await setSubject("New");
    expect(state.subject).toBe("New");
    await setBody("<p>x</p>", "html");
    await insertInBody("<p>y</p>", "html");
    expect(state.body).toBe("<p>x</p><p>y</p>");
  });

  test("RecipientsChanged handler is added and removed", async () => {
    const { state } = installOutlookMock();
    let calls = 0;
    const r = await onRecipientsChanged(() => calls++);
    expect(r.ok).toBe(true);
    state.handler?.();
    expect(calls).toBe(1);
    if (r.ok) await r.value();
    expect(state.handler).toBeNull();
  });

  test("custom properties are saved, session data reads a missing key as null", async () => {
    const { state } = installOutlookMock();
    expect((await setCustomProperty("k", "v")).ok).toBe(true);
    expect(state.customProperties.k).toBe("v");
    expect(await getCustomProperty("k")).toEqual({ ok: true, value: "v" });
    expect(await getSessionData("absent")).toEqual({ ok: true, value: null });
    await setSessionData("present", "1");
    expect(await getSessionData("present")).toEqual({ ok: true, value: "1" });
  });

  test("notifications are replaced and cleared; save gives the draft id", async () => {
    const { state } = installOutlookMock();
    await showNotification("casemail", "info", "Linked");
    expect(state.notifications.casemail).toMatchObject({
      type: "informationalMessage",
      message: "Linked",
      persistent: false,
    });
    await clearNotification("casemail");
    expect(state.notifications.casemail).toBeUndefined();
    expect(await saveItem()).toEqual({ ok: true, value: "AAMkDraft1" });
  });
});

describe("correlation reference", () => {
  test("is an opaque cm-<uuid>", () => {
    const ref = newCorrelationRef();
    expect(isCorrelationRef(ref)).toBe(true);
    expect(isCorrelationRef("cm-alex.sample@example.com")).toBe(false);
  });

  test("is stamped as custom property and x-casemail-ref header", async () => {
    const { state } = installOutlookMock();
    const ref = "cm-12345678-1234-4234-8234-123456789abc";
    expect(await stampCorrelationRef(ref)).toEqual({
      ok: true,
      value: { property: true, header: true },
    });
    expect(state.customProperties[correlationProperty]).toBe(ref);
    expect(state.headers[correlationHeader]).toBe(ref);
    expect(await readCorrelationRef()).toEqual({ ok: true, value: ref });
  });

  test("a refused header still leaves the property, and says so", async () => {
    const { state } = installOutlookMock({ fail: { "internetHeaders.setAsync": networkError } });
    const ref = "cm-12345678-1234-4234-8234-123456789abc";
    expect(await stampCorrelationRef(ref)).toEqual({
      ok: true,
      value: { property: true, header: false },
    });
    expect(state.customProperties[correlationProperty]).toBe(ref);
    expect(state.headers[correlationHeader]).toBeUndefined();
  });

  test("a refused property save fails the stamp with its code", async () => {
    installOutlookMock({ fail: { "customProperties.saveAsync": networkError } });
    const r = await stampCorrelationRef("cm-12345678-1234-4234-8234-123456789abc");
    expect(r).toEqual({ ok: false, error: networkError });
  });
});
