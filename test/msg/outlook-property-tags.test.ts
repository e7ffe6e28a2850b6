/**
 * The property tags we write for a simple sent message, against those Outlook itself wrote in
 * ../shared/fixtures/outlook-msg/sent.msg ("Sent time", one To recipient, plain body). Named
 * properties are compared by their names (property set and LID), not their file-local ids.
 * Every difference is listed and explained below; a new difference fails the test.
 */
import * as CFB from "cfb";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { mimeToMsg } from "../../src/msg";
import { readNamedPropertyMap } from "../../src/msg/named-properties";

const SENT = path.resolve(__dirname, "../../../shared/fixtures/outlook-msg/sent.msg");
const maybe = existsSync(SENT) ? describe : describe.skip;
if (!existsSync(SENT)) console.warn(`outlook property tags: ${SENT} is absent; comparison skipped`);

/** Only in Outlook's file, and why we do not write them. */
const ONLY_OUTLOOK_MESSAGE: Record<string, string> = {
  "00710102":
    "PR_CONVERSATION_INDEX: built by Outlook when composing from its own clock and a GUID; MIME carries it only as Thread-Index from Outlook senders",
  "0E0A0102":
    "PR_SENTMAIL_ENTRYID: the Sent Items folder of the sender's store, meaningless outside it",
  "0E1F000B": "PR_RTF_IN_SYNC: goes with the RTF body we do not write",
  "10090102":
    "PR_RTF_COMPRESSED: Outlook's RTF rendition; we write PR_BODY and PR_HTML, which Outlook renders",
  "0E28001F": "PR_PRIMARY_SEND_ACCOUNT: an id of the sender's Outlook profile account, not in MIME",
  "0E29001F": "PR_NEXT_SEND_ACCT: as above",
  "0FF40003": "PR_ACCESS: computed by the store when the item is opened",
  "0FF70003": "PR_ACCESS_LEVEL: as above",
  "300B0102": "PR_SEARCH_KEY: a store-local random key, assigned again when the file is imported",
  "3FF10003": "PR_MESSAGE_LOCALE_ID: the Outlook UI locale of the sender (1041 there), not in MIME",
  "59020003": "PR_INET_MAIL_OVERRIDE_FORMAT: the sender's Outlook send-format options",
  "LID:00062008-8501/0003":
    "PidLidReminderDelta: reminder bookkeeping (we write PidLidReminderSet = false)",
  "LID:00062008-8510/0003": "PidLidSideEffects: Outlook form behaviour flags for its own forms",
  "LID:00062008-8552/0003": "PidLidCurrentVersion: the Outlook build that saved the item",
  "LID:00062008-8554/001F": "PidLidCurrentVersionName: the Outlook version name (15.0)",
  "LID:00062008-8518/0003": "PidLidTaskMode: task bookkeeping, not a task",
  "LID:00062008-8582/000B":
    "an Outlook-internal PSETID_Common flag (0x8582), undocumented in MS-OXPROPS",
  "LID:00062008-85BF/0040": "PidLidValidFlagStringProof: follow-up flag bookkeeping, no flag set",
  "LID:00062008-85EB/0003":
    "an Outlook-internal PSETID_Common number (0x85EB), undocumented in MS-OXPROPS",
};

/** Only in ours, and why we write them. */
const ONLY_OURS_MESSAGE: Record<string, string> = {
  "007D001F":
    "PR_TRANSPORT_MESSAGE_HEADERS: the MIME headers as sent, part of the evidence (Outlook's Sent Items copy has none)",
  "0E1B000B": "PR_HASATTACH: written explicitly rather than left to the store to compute",
  "10160003":
    "PR_NATIVE_BODY_INFO: says which body is the original (plain or HTML) since there is no RTF",
  "1035001F":
    "PR_INTERNET_MESSAGE_ID: from Message-ID; Outlook's copy was saved before the server assigned one",
  "5D01001F": "PR_SENDER_SMTP_ADDRESS: the sender's SMTP address, asked for by the brief",
  "5D02001F": "PR_SENT_REPRESENTING_SMTP_ADDRESS: as above for From",
};

const ONLY_OUTLOOK_RECIPIENT: Record<string, string> = {
  "0FF60102":
    "PR_INSTANCE_KEY: a table-row key the store assigns when it loads the recipient table",
  "6001001F": "the name as typed in Outlook's To box (0x6001), not in MIME",
};
const ONLY_OURS_RECIPIENT: Record<string, string> = {
  "39FE001F":
    "PR_SMTP_ADDRESS: the recipient's SMTP address, asked for by the brief (R3 compares it)",
};

function hex(tag: number) {
  return tag.toString(16).toUpperCase().padStart(8, "0");
}

function tagSet(file: Uint8Array, stream: string, header: number): Set<string> {
  const c = CFB.parse(file);
  const content = (p: string) => {
    const e = CFB.find(c, p);
    return e === null ? new Uint8Array(0) : new Uint8Array(e.content as ArrayLike<number>);
  };
  const names = readNamedPropertyMap(
    content("/__nameid_version1.0/__substg1.0_00020102"),
    content("/__nameid_version1.0/__substg1.0_00030102"),
    content("/__nameid_version1.0/__substg1.0_00040102")
  );
  const data = content(`/${stream}`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const out = new Set<string>();
  for (let off = header; off + 16 <= data.length; off += 16) {
    const t = view.getUint32(off, true);
    const id = t >>> 16;
    const type = hex(t).slice(4);
    if (id < 0x8000) {
      out.add(hex(t));
      continue;
    }
    const key = names.get(id);
    if (key === undefined) throw new Error(`named property ${id.toString(16)} has no name`);
    const set = Array.from(key.guid.subarray(0, 4))
      .reverse()
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("")
      .toUpperCase();
    out.add(
      key.kind === "id"
        ? `LID:${set}-${key.id.toString(16).toUpperCase()}/${type}`
        : `NAME:${set}-${key.name}/${type}`
    );
  }
  return out;
}

const difference = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

maybe("property tags of a simple sent message, ours against Outlook's sent.msg", () => {
  let outlook: Uint8Array;
  let ours: Uint8Array;
  beforeAll(async () => {
    outlook = new Uint8Array(readFileSync(SENT));
    const eml = [
      "From: xmailuser <xmailuser@xmailserver.test>",
      "To: 'xmailuser@xmailserver.test' <xmailuser@xmailserver.test>",
      "Subject: Sent time",
      "Date: Mon, 15 Feb 2021 08:19:04 +0000",
      "Message-ID: <sent-time@xmailserver.test>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Test mail",
      "",
    ].join("\r\n");
    ours = await mimeToMsg(new TextEncoder().encode(eml));
  });

  test("message properties differ only where explained", () => {
    const a = tagSet(outlook, "__properties_version1.0", 32);
    const b = tagSet(ours, "__properties_version1.0", 32);
    expect(difference(a, b)).toEqual(Object.keys(ONLY_OUTLOOK_MESSAGE).sort());
    expect(difference(b, a)).toEqual(Object.keys(ONLY_OURS_MESSAGE).sort());
    // What both write is most of it: class, flags, subject parts, sender, dates, body, mask.
    expect([...a].filter((x) => b.has(x)).length).toBeGreaterThanOrEqual(35);
  });

  test("recipient properties differ only where explained", () => {
    const s = "__recip_version1.0_#00000000/__properties_version1.0";
    const a = tagSet(outlook, s, 8);
    const b = tagSet(ours, s, 8);
    expect(difference(a, b)).toEqual(Object.keys(ONLY_OUTLOOK_RECIPIENT).sort());
    expect(difference(b, a)).toEqual(Object.keys(ONLY_OURS_RECIPIENT).sort());
  });

  test("same root CLSID and the same property header layout", () => {
    const clsid = (f: Uint8Array) => (CFB.parse(f).FileIndex[0] as { clsid: string }).clsid;
    expect(clsid(ours)).toBe(clsid(outlook));
    const header = (f: Uint8Array) => {
      const e = CFB.find(CFB.parse(f), "/__properties_version1.0");
      return Array.from(new Uint8Array(e?.content as ArrayLike<number>).subarray(0, 32));
    };
    // reserved 8, next recipient id 1, next attachment id 0, 1 recipient, 0 attachments, reserved 8
    expect(header(ours)).toEqual(header(outlook));
  });
});
