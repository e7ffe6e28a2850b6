import { createOfficeShim } from "../../src/workbench/office-shim";
import {
  htmlToText,
  parseAddressList,
  SimulatedItem,
  formatAddressList,
} from "../../src/workbench/simulated-item";

type Fn = (...args: unknown[]) => void;
/** The compose facade, typed loosely: the shim's mailbox.item is compose or read by mode. */
type ComposeFacade = {
  subject: { getAsync: Fn };
  to: { getAsync: Fn };
  sessionData: { getAsync: Fn };
};
const compose = (office: ReturnType<typeof createOfficeShim>) =>
  office.context.mailbox.item as unknown as ComposeFacade;

type Result = { status: string; value: unknown; error: { code: number; name: string } | null };
function call(fn: (cb: (r: Result) => void) => void): Promise<Result> {
  return new Promise((resolve) => fn(resolve));
}

describe("simulated item", () => {
  test("address lists parse and format both ways", () => {
    const list = parseAddressList('Alex <alex@example.com>; b@example.org,\n"C D" <c@example.net>');
    expect(list).toEqual([
      { emailAddress: "alex@example.com", displayName: "Alex" },
      { emailAddress: "b@example.org", displayName: "b@example.org" },
      { emailAddress: "c@example.net", displayName: "C D" },
    ]);
    expect(formatAddressList(list)).toBe(
      "Alex <alex@example.com>; b@example.org; C D <c@example.net>"
    );
  });

  test("insert goes to the cursor and converts HTML into a text body", () => {
    const item = new SimulatedItem({ body: "Hello world", cursor: 6 });
    item.insert("<p>dear</p><p>x &amp; y</p>", "html");
    expect(item.state.body).toBe("Hello dear\nx & yworld");
    expect(htmlToText("<div>a</div><div><br></div><div>b</div>")).toBe("a\n\nb");
  });
});

describe("Office shim", () => {
  test("answers asynchronously with Office's result shape", async () => {
    const item = new SimulatedItem({ subject: "S" });
    const office = createOfficeShim(item);
    let synchronous = true;
    const pending = call((cb) => compose(office).subject.getAsync(cb));
    synchronous = false;
    const r = await pending;
    expect(synchronous).toBe(false);
    expect(r).toEqual({ status: "succeeded", value: "S", error: null });
  });

  test("configured failures come back with their code", async () => {
    const office = createOfficeShim(new SimulatedItem(), {
      failures: { "to.getAsync": { code: 9041, name: "NetworkError", message: "x" } },
    });
    const r = await call((cb) => compose(office).to.getAsync(cb));
    expect(r.status).toBe("failed");
    expect(r.error?.code).toBe(9041);
  });

  test("RecipientsChanged fires on recipient edits only, and stops after removal", async () => {
    const item = new SimulatedItem();
    const office = createOfficeShim(item);
    const facade = office.context.mailbox.item as unknown as {
      addHandlerAsync: (t: string, h: () => void, cb: (r: Result) => void) => void;
      removeHandlerAsync: (t: string, cb: (r: Result) => void) => void;
    };
    let events = 0;
    await call((cb) => facade.addHandlerAsync("olkRecipientsChanged", () => events++, cb));
    item.setRecipients("cc", [{ emailAddress: "x@example.com", displayName: "x" }]);
    item.update({ subject: "no event" }, "subject");
    expect(events).toBe(1);
    await call((cb) => facade.removeHandlerAsync("olkRecipientsChanged", cb));
    item.setRecipients("to", []);
    expect(events).toBe(1);
  });

  test("session data reports a missing key as Office does (9057)", async () => {
    const office = createOfficeShim(new SimulatedItem());
    const r = await call((cb) => compose(office).sessionData.getAsync("k", cb));
    expect(r.error?.code).toBe(9057);
  });

  test("read mode gives headers with the stamp and base64 MIME", async () => {
    const item = new SimulatedItem({
      mode: "read",
      subject: "Subj",
      to: [{ emailAddress: "a@example.com", displayName: "A" }],
      internetHeaders: { "x-casemail-ref": "cm-1" },
      body: "Body",
    });
    const office = createOfficeShim(item);
    const read = office.context.mailbox.item as unknown as {
      getAllInternetHeadersAsync: (cb: (r: Result) => void) => void;
      getAsFileAsync: (cb: (r: Result) => void) => void;
    };
    const headers = await call((cb) => read.getAllInternetHeadersAsync(cb));
    expect(String(headers.value)).toContain("x-casemail-ref: cm-1");
    const file = await call((cb) => read.getAsFileAsync(cb));
    const mime = Buffer.from(String(file.value), "base64").toString("utf8");
    expect(mime).toContain("Subject: Subj");
    expect(mime.endsWith("Body\r\n")).toBe(true);
  });

  test("requirement sets compare versions numerically", () => {
    const office = createOfficeShim(new SimulatedItem(), { requirementSets: { Mailbox: "1.14" } });
    expect(office.context.requirements.isSetSupported("Mailbox", "1.8")).toBe(true);
    expect(office.context.requirements.isSetSupported("Mailbox", "1.15")).toBe(false);
    expect(office.context.requirements.isSetSupported("DialogApi", "1.1")).toBe(false);
  });
});
