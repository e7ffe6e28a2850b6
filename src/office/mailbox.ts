/** The mailbox and host around the item: who the user is, their language, what the client supports. */
import type { Recipient } from "../domain/message-draft";
import { currentItem, isComposeItem, mailbox, office } from "./host";
import { fail, ok, type OfficeResult } from "./result";

export interface UserProfile {
  emailAddress: string;
  displayName: string;
}

export function userProfile(): UserProfile {
  const p = mailbox().userProfile;
  return { emailAddress: p.emailAddress, displayName: p.displayName };
}

/** Outlook's UI language (`fr-CA`, `en-US`); feed it to `localeFromLanguageTag`. */
export function displayLanguage(): string {
  return office().context.displayLanguage ?? "en-US";
}

export function isSetSupported(name: string, version: string): boolean {
  try {
    return office().context.requirements.isSetSupported(name, version);
  } catch {
    return false;
  }
}

export type ItemMode = "compose" | "read" | "none";

export function itemMode(): ItemMode {
  const item = currentItem();
  if (item === null) return "none";
  return isComposeItem(item) ? "compose" : "read";
}

/** Office's theme colours where the client shares them (not every client does). */
export interface OfficeTheme {
  bodyBackgroundColor: string;
  bodyForegroundColor: string;
}

export function officeTheme(): OfficeTheme | null {
  const t = (office().context as { officeTheme?: Partial<OfficeTheme> }).officeTheme;
  if (!t || !t.bodyBackgroundColor || !t.bodyForegroundColor) return null;
  return { bodyBackgroundColor: t.bodyBackgroundColor, bodyForegroundColor: t.bodyForegroundColor };
}

export interface NewMessage {
  to: readonly Recipient[];
  subject: string;
  htmlBody: string;
}

/** Opens a new compose form (for a resend after a bounce or a transfer notice). */
export function displayNewMessageForm(message: NewMessage): OfficeResult<void> {
  try {
    mailbox().displayNewMessageForm({
      toRecipients: message.to.map((r) => r.address),
      subject: message.subject,
      htmlBody: message.htmlBody,
    });
    return ok(undefined);
  } catch (error) {
    return fail("NotSupported", error instanceof Error ? error.message : String(error));
  }
}

/** Resolves once Office.js has initialized (the real library, the shim, or a mock). */
export function whenOfficeReady(): Promise<void> {
  return new Promise((resolve) => {
    void office().onReady(() => resolve());
  });
}
