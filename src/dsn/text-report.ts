/**
 * The human-readable part of a bounce, for the many servers that send no RFC 3464 fields
 * (qmail, Exim, Exchange 2003, Domino, Gmail's old notices...) and for diagnostics that the
 * fields leave out. The approach is structural rather than per vendor: cut the text where the
 * returned message starts, then give each recipient address the lines that follow it.
 */
import { toLines } from "./header-block";

export interface TextRecipient {
  address: string;
  /** The lines that describe this recipient's failure, joined with single spaces. */
  diagnostic: string;
}

export interface NoticeText {
  /** The notice proper, without the returned message. */
  notice: string;
  /** The returned message's text (headers, maybe body), "" when the notice has none inline. */
  returned: string;
}

// Lines that announce the copy of the original message, in the wordings of the common servers.
const RETURNED_MARKERS: readonly RegExp[] = [
  /^\s*[-=*_]{2,}.{0,20}(?:original message|copy of (?:the|your) message|header of the original|returned message|below this line|undelivered message|original mail|message headers|rfc822|unsent message|original headers)/i,
  /^\s*(?:message headers follow|original message follows|original message headers|included is a copy of the message header|below is a copy of the original message|the original message headers (?:are|follow)|a copy of the original message|original message header|-+\s*original message\s*-*)\b/i,
  /^\s*-+\s*(?:original message|server message end)\s*$/i,
  /^\s*original message:?\s*$/i,
  /^\s*(?:en-têtes du message d'origine|message d'origine)\s*:?\s*$/i,
];
const HEADER_START =
  /^(?:Received|Return-Path|DKIM-Signature|X-Received|ARC-Seal|ARC-Message-Signature|X-Google-Smtp-Source|Authentication-Results):/i;

export function splitNotice(text: string): NoticeText {
  const lines = toLines(text.length > 200_000 ? text.slice(0, 200_000) : text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (RETURNED_MARKERS.some((r) => r.test(line)) || (i > 0 && HEADER_START.test(line))) {
      return {
        notice: lines.slice(0, i).join("\n"),
        returned: lines.slice(HEADER_START.test(line) ? i : i + 1).join("\n"),
      };
    }
  }
  return { notice: lines.join("\n"), returned: "" };
}

const ADDRESS =
  /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+/g;
// An address right after these words is the sender, not a recipient.
const SENDER_BEFORE =
  /(?:mail from|envelope-from|from|sender|reply-to|return-path|contact|mailto|sent by)\s*:?\s*<?\s*$/i;
// Header-like lines in the notice ("To: x", "From: y") quote the original, not the failure.
const QUOTED_HEADER = /^\s*(?:to|cc|bcc|from|sender|reply-to|subject|date|sent|message-id)\s*:/i;
const DECORATION = /^\s*(?:[-=*_#~]{3,}.*|[-=*_#~]+)\s*$/;

export function addressesIn(line: string): { address: string; index: number }[] {
  const found: { address: string; index: number }[] = [];
  // The address pattern is costly to try at every position; most lines have no "@" at all.
  if (!line.includes("@")) return found;
  for (const m of line.slice(0, 2000).matchAll(ADDRESS)) {
    const address = m[0].replace(/^[.'=]+|[.]+$/g, "");
    const index = m.index ?? 0;
    if (SENDER_BEFORE.test(line.slice(Math.max(0, index - 24), index))) continue;
    found.push({ address, index });
  }
  return found;
}

/**
 * Recipients named in the notice with their descriptions. `exclude` holds lower-case addresses
 * that cannot be failed recipients (the report's own From and To, the original sender).
 */
export function textRecipients(
  notice: string,
  exclude: ReadonlySet<string>,
  headingsOnly = false
): TextRecipient[] {
  const lines = toLines(notice).slice(0, 400);
  const blocks = new Map<string, { address: string; lines: string[] }>();
  let current: { address: string; lines: string[] } | undefined;
  for (const line of lines) {
    if (DECORATION.test(line)) continue;
    const candidates = QUOTED_HEADER.test(line)
      ? []
      : addressesIn(line).filter((a) => !exclude.has(a.address.toLowerCase()));
    const first = candidates.find(
      (c) => !headingsOnly || line.slice(0, c.index).replace(/[<>"'(\s]/g, "") === ""
    );
    if (first !== undefined) {
      const key = first.address.toLowerCase();
      let block = blocks.get(key);
      if (block === undefined && current !== undefined && !startsWithAddress(line, first.index)) {
        // An address inside a description line ("550 unknown user <x>") that is not the one
        // being described: keep the line with the current recipient.
        current.lines.push(withoutAddresses(line));
        continue;
      }
      if (block === undefined) {
        block = { address: first.address, lines: [] };
        blocks.set(key, block);
      }
      current = block;
      const rest = withoutAddresses(line);
      if (rest !== "") current.lines.push(rest);
      continue;
    }
    if (current !== undefined && line.trim() !== "") current.lines.push(line.trim());
  }
  return [...blocks.values()].map((b) => ({
    address: b.address,
    diagnostic: collapse(b.lines.slice(0, 30).join(" ")),
  }));
}

/** A description line that names the address only after a good deal of text is not a heading. */
function startsWithAddress(line: string, index: number): boolean {
  const before = line.slice(0, index).replace(/[<>"'(\s]/g, "");
  return before.length <= 24;
}

function withoutAddresses(line: string): string {
  if (!line.includes("@")) return line.trim();
  return line
    .replace(ADDRESS, " ")
    .replace(/<\s*(?:mailto:\s*)?>/g, " ")
    .replace(/^[\s:;<>"',]+/, "")
    .trim();
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** "mx.example.org [192.0.2.1]" and the like: the remote host named in a description. */
export function remoteHostIn(text: string): string {
  const m =
    /([A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+)\.?\s?\[(?:\d{1,3}\.){3}\d{1,3}\]/.exec(
      text.slice(0, 1500)
    ) ?? /\bhost:?\s+([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/i.exec(text.slice(0, 1500));
  const host = m?.[1] ?? "";
  return /[A-Za-z]/.test(host) ? host : "";
}

/** Wording that says the server is still trying. */
export function soundsDelayed(text: string): boolean {
  return /remise (?:est )?retardée|retardé|has been delayed|is delayed|delivery (?:is )?delayed|will be retried|warning message only|temporary failure report|still trying|will continue (?:trying|to try)|has not yet been delivered|not been delivered yet|delivery status notification \(delay\)/i.test(
    text.slice(0, 8000)
  );
}

/** Wording that says the message was delivered (success DSNs without fields). */
export function soundsDelivered(text: string): boolean {
  return /(?:was|has been) (?:successfully )?(?:delivered|relayed)|delivery (?:to the following recipients? )?(?:was )?successful|delivery status notification \(success\)/i.test(
    text.slice(0, 8000)
  );
}
