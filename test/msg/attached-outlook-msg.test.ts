/**
 * A `.msg` Outlook saved, attached to a message, becomes an embedded message of ours: readers see
 * a message (with its own attachments and nested message), and its named properties keep their
 * names through the remapping into our file's map.
 */
import * as CFB from "cfb";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { mimeToMsg, readMsgSummary } from "../../src/msg";
import { readNamedPropertyMap, type NamedPropertyKey } from "../../src/msg/named-properties";
import { mail } from "./generated-messages";
import { readWithMsgReader } from "./readers";

const FIXTURE = path.resolve(__dirname, "../../../shared/fixtures/outlook-msg/msgInMsg.msg");
const maybe = existsSync(FIXTURE) ? describe : describe.skip;
if (!existsSync(FIXTURE)) console.warn(`attached Outlook .msg: ${FIXTURE} is absent; skipped`);

function stream(c: CFB.CFB$Container, p: string): Uint8Array {
  const e = CFB.find(c, p);
  return e === null ? new Uint8Array(0) : new Uint8Array(e.content as ArrayLike<number>);
}

function namesOf(c: CFB.CFB$Container) {
  return readNamedPropertyMap(
    stream(c, "/__nameid_version1.0/__substg1.0_00020102"),
    stream(c, "/__nameid_version1.0/__substg1.0_00030102"),
    stream(c, "/__nameid_version1.0/__substg1.0_00040102")
  );
}

/** Named properties used by a property stream, by name, with their value bytes. */
function namedValues(props: Uint8Array, header: number, names: Map<number, NamedPropertyKey>) {
  const out = new Map<string, string>();
  const view = new DataView(props.buffer, props.byteOffset, props.byteLength);
  for (let off = header; off + 16 <= props.length; off += 16) {
    const t = view.getUint32(off, true);
    if (t >>> 16 < 0x8000) continue;
    const key = names.get(t >>> 16);
    if (key === undefined) throw new Error("unnamed named property");
    const guid = Buffer.from(key.guid).toString("hex");
    const name = key.kind === "id" ? `${guid}/${key.id}` : `${guid}/${key.name}`;
    out.set(
      `${name}/${t & 0xffff}`,
      Buffer.from(props.subarray(off + 8, off + 16)).toString("hex")
    );
  }
  return out;
}

maybe("an attached Outlook .msg (msgInMsg.msg)", () => {
  let original: Uint8Array;
  let ours: Uint8Array;
  beforeAll(async () => {
    original = new Uint8Array(readFileSync(FIXTURE));
    const c = mail({
      name: "attach-outlook-msg",
      subject: "Forwarding Outlook's item",
      text: "See the attached item\r\n",
      messages: [
        {
          message: mail({ name: "unused", subject: "I have attachments!" }),
          name: "msgInMsg.msg",
          asMsg: original,
        },
      ],
    });
    ours = await mimeToMsg(c.mime);
  });

  test("msgreader reads it as a message with its own attachments", () => {
    const { data } = readWithMsgReader(ours);
    const att = (data.attachments ?? [])[0];
    expect(att?.innerMsgContent).toBe(true);
    expect(att?.innerMsgContentFields?.subject).toBe("I have attachments!");
    const inner = att?.innerMsgContentFields?.attachments ?? [];
    expect(inner.map((a) => a.fileName ?? a.name).sort()).toEqual(
      (readWithMsgReader(original).data.attachments ?? []).map((a) => a.fileName ?? a.name).sort()
    );
  });

  test("our summary sees the nested message two levels down", () => {
    const s = readMsgSummary(ours);
    const embedded = s.attachments[0]?.message;
    expect(embedded?.subject).toBe("I have attachments!");
    expect(embedded?.attachments.some((a) => a.embedded && a.message?.subject !== undefined)).toBe(
      true
    );
  });

  test("named properties keep their names and values after remapping", () => {
    const src = CFB.parse(original);
    const dst = CFB.parse(ours);
    const before = namedValues(stream(src, "/__properties_version1.0"), 32, namesOf(src));
    const after = namedValues(
      stream(dst, "/__attach_version1.0_#00000000/__substg1.0_3701000D/__properties_version1.0"),
      24,
      namesOf(dst)
    );
    expect(before.size).toBeGreaterThan(5);
    expect(after).toEqual(before);
  });
});
