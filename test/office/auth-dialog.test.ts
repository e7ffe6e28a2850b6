import { OfficeMockObject } from "office-addin-mock";
import { signInWithOfficeDialog } from "../../src/office/auth-dialog";

type Handler = (arg: { message?: string; error?: number }) => void;

/** An Office global whose dialog replies with `reply` (a message, or a close event). */
function installOffice(reply: { message: string } | { closed: number } | { openError: number }) {
  const opened: string[] = [];
  let closed = 0;
  const mock = new OfficeMockObject({
    host: "outlook",
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { DialogMessageReceived: "message", DialogEventReceived: "event" },
    context: {
      ui: {
        displayDialogAsync(url: string, _options: unknown, callback: (r: unknown) => void) {
          opened.push(url);
          if ("openError" in reply) {
            callback({ status: "failed", error: { code: reply.openError } });
            return;
          }
          const handlers: Record<string, Handler> = {};
          callback({
            status: "succeeded",
            value: {
              addEventHandler: (type: string, handler: Handler) => (handlers[type] = handler),
              close: () => closed++,
            },
          });
          setTimeout(() => {
            if ("message" in reply) handlers["message"]?.({ message: reply.message });
            else handlers["event"]?.({ error: reply.closed });
          }, 0);
        },
      },
    },
  });
  (globalThis as unknown as { Office: unknown }).Office = mock;
  return { opened, closedCount: () => closed };
}

describe("sign-in dialog adapter", () => {
  it("opens the page with the scopes and resolves with the token sent back", async () => {
    const office = installOffice({
      message: JSON.stringify({ kind: "token", accessToken: "abc", expiresAt: 123 }),
    });
    await expect(
      signInWithOfficeDialog("https://addin.example.com/auth-dialog.html", [
        "Mail.Read",
        "User.Read",
      ])
    ).resolves.toEqual({ accessToken: "abc", expiresAt: 123 });
    expect(office.opened).toEqual([
      "https://addin.example.com/auth-dialog.html?scopes=Mail.Read%20User.Read",
    ]);
    expect(office.closedCount()).toBe(1);
  });

  it("rejects with the page's error code", async () => {
    installOffice({ message: JSON.stringify({ kind: "error", code: "consent_required" }) });
    await expect(signInWithOfficeDialog("https://a.example.com/d.html", [])).rejects.toMatchObject({
      code: "consent_required",
    });
  });

  it("rejects a message that is not ours", async () => {
    installOffice({ message: "<html>" });
    await expect(signInWithOfficeDialog("https://a.example.com/d.html", [])).rejects.toMatchObject({
      code: "bad-message",
    });
  });

  it("rejects when the officer closes the dialog, or it cannot open", async () => {
    installOffice({ closed: 12006 });
    await expect(signInWithOfficeDialog("https://a.example.com/d.html", [])).rejects.toMatchObject({
      code: "closed-12006",
    });
    installOffice({ openError: 12007 });
    await expect(signInWithOfficeDialog("https://a.example.com/d.html", [])).rejects.toMatchObject({
      code: "open-12007",
    });
  });
});
