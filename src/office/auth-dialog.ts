/**
 * The Office dialog API, as the sign-in fallback where nested app authentication is not supported:
 * the pane opens our sign-in page in a dialog, the page signs in with MSAL's redirect flow and sends
 * the token back with `messageParent`. Both ends are here because both touch Office.js.
 */
import { z } from "zod";
import type { DialogToken } from "../auth/msal-token-provider";

const dialogMessageSchema = z.union([
  z.object({ kind: z.literal("token"), accessToken: z.string().min(1), expiresAt: z.number() }),
  z.object({ kind: z.literal("error"), code: z.string() }),
]);
export type DialogMessage = z.infer<typeof dialogMessageSchema>;

export class AuthDialogError extends Error {
  constructor(readonly code: string) {
    super(`sign-in dialog: ${code}`);
    this.name = "AuthDialogError";
  }
}

/** Opens `pageUrl?scopes=...` in an Office dialog and resolves with the token it sends back. */
export function signInWithOfficeDialog(pageUrl: string, scopes: string[]): Promise<DialogToken> {
  const url = `${pageUrl}?scopes=${encodeURIComponent(scopes.join(" "))}`;
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (opened) => {
      if (opened.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new AuthDialogError(`open-${opened.error.code}`));
        return;
      }
      const dialog = opened.value;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        dialog.close();
        const raw = "message" in arg ? arg.message : "";
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          reject(new AuthDialogError("bad-message"));
          return;
        }
        const message = dialogMessageSchema.safeParse(parsed);
        if (!message.success) reject(new AuthDialogError("bad-message"));
        else if (message.data.kind === "error") reject(new AuthDialogError(message.data.code));
        else resolve({ accessToken: message.data.accessToken, expiresAt: message.data.expiresAt });
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
        // 12006: the officer closed the dialog.
        reject(new AuthDialogError("error" in arg ? `closed-${arg.error}` : "closed"));
      });
    });
  });
}

/** Inside the dialog: hands the result to the pane. */
export function sendToParent(message: DialogMessage): void {
  Office.context.ui.messageParent(JSON.stringify(message));
}

export function whenOfficeReady(): Promise<void> {
  return new Promise((resolve) => {
    void Office.onReady(() => resolve());
  });
}
