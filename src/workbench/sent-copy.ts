/**
 * What Exchange would put in Sent Items when the workbench's Send goes through: the simulated
 * item's MIME (with the `x-casemail-ref` header the pane stamped) posted to the simulated Graph,
 * which files it under the add-in's custom-properties property. Development only.
 */
import type { SimAddress, SimItemState } from "./simulated-item";

function addressHeader(list: readonly SimAddress[]): string {
  return list.map((a) => `"${a.displayName.replace(/"/g, "")}" <${a.emailAddress}>`).join(", ");
}

/** RFC 2047 for a non-ASCII subject, so every MIME reader sees the same text. */
function encodedWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `=?UTF-8?B?${btoa(binary)}?=`;
}

export function sentCopyMime(state: SimItemState, sentAt: Date, messageId: string): string {
  const headers = [
    `From: ${addressHeader([state.from])}`,
    `To: ${addressHeader(state.to)}`,
    ...(state.cc.length ? [`Cc: ${addressHeader(state.cc)}`] : []),
    `Subject: ${encodedWord(state.subject)}`,
    `Date: ${sentAt.toUTCString()}`,
    `Message-ID: ${messageId}`,
    ...Object.entries(state.internetHeaders).map(([k, v]) => `${k}: ${v}`),
    "MIME-Version: 1.0",
    `Content-Type: text/${state.bodyType === "html" ? "html" : "plain"}; charset=utf-8`,
    "Content-Transfer-Encoding: 8bit",
  ];
  return `${headers.join("\r\n")}\r\n\r\n${state.body.replace(/\r?\n/g, "\r\n")}\r\n`;
}

export function toBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The Message-ID the sent copy carries (delivery reports quote it back). */
export function sentCopyMessageId(state: SimItemState): string {
  return `<${state.itemId ?? "sim"}@workbench.invalid>`;
}

/** Posts the sent copy to the simulated Graph (`graphUrl` ends in `/v1.0`); false without a ref. */
export async function postSentCopy(
  graphUrl: string,
  state: SimItemState,
  sentAt: Date,
  fetcher: typeof fetch = fetch
): Promise<boolean> {
  const ref = state.customProperties["casemail-ref"];
  if (ref === undefined) return false;
  const messageId = sentCopyMessageId(state);
  const origin = new URL(graphUrl).origin;
  const response = await fetcher(`${origin}/_sim/sent`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      mailbox: state.from.emailAddress,
      mime: toBase64(sentCopyMime(state, sentAt, messageId)),
      ref,
      sentDateTime: sentAt.toISOString(),
      internetMessageId: messageId,
    }),
  });
  return response.ok;
}
