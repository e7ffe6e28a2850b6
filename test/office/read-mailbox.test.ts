import {
  displayLanguage,
  displayNewMessageForm,
  isSetSupported,
  itemMode,
  userProfile,
} from "../../src/office/mailbox";
import {
  getAllInternetHeaders,
  getAsFile,
  headerValue,
  itemClass,
} from "../../src/office/read-item";
import { installOutlookMock } from "./office-mock";

describe("read item adapters", () => {
  test("item class, headers and MIME", async () => {
    installOutlookMock({ read: true });
    expect(itemMode()).toBe("read");
    expect(itemClass()).toEqual({ ok: true, value: "IPM.Note" });
    const headers = await getAllInternetHeaders();
    expect(headers.ok).toBe(true);
    if (headers.ok) {
      expect(headerValue(headers.value, "x-casemail-ref")).toBe("cm-0");
      expect(headerValue(headers.value, "subject")).toBe("long folded");
      expect(headerValue(headers.value, "cc")).toBeNull();
    }
    expect(await getAsFile()).toEqual({ ok: true, value: "RnJvbTogYQ==" });
  });

  test("getAsFileAsync missing (before Mailbox 1.14) is NotSupported", async () => {
    const { mock } = installOutlookMock({ read: true });
    mock.context.mailbox.item.getAsFileAsync = undefined;
    const r = await getAsFile();
    expect(!r.ok && r.error.name).toBe("NotSupported");
  });

  test("failure codes pass through", async () => {
    installOutlookMock({
      read: true,
      fail: { getAsFileAsync: { code: 9020, name: "GenericResponseError", message: "x" } },
    });
    const r = await getAsFile();
    expect(!r.ok && r.error.code).toBe(9020);
  });
});

describe("mailbox adapters", () => {
  test("profile, language, requirement sets and mode", () => {
    installOutlookMock({ sets: { Mailbox: "1.8" } });
    expect(userProfile()).toEqual({ emailAddress: "officer@example.org", displayName: "Officer" });
    expect(displayLanguage()).toBe("fr-CA");
    expect(isSetSupported("Mailbox", "1.8")).toBe(true);
    expect(isSetSupported("Mailbox", "1.14")).toBe(false);
    expect(itemMode()).toBe("compose");
  });

  test("displayNewMessageForm passes addresses, subject and body", () => {
    const { state } = installOutlookMock();
    const r = displayNewMessageForm({
      to: [{ address: "x@example.com" }],
      subject: "S",
      htmlBody: "<p>b</p>",
    });
    expect(r.ok).toBe(true);
    expect(state.newForms).toEqual([
      { toRecipients: ["x@example.com"], subject: "S", htmlBody: "<p>b</p>" },
    ]);
  });
});
