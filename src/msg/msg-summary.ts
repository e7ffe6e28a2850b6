/**
 * Reads back the essentials of a `.msg` (ours or Outlook's) for `msg inspect` and the filing
 * pipeline's checks: subject, sender, recipients, dates, header count, body lengths and
 * attachments (embedded messages flagged). Throws `MsgConversionError` for a non-`.msg` input.
 */
import * as CFB from "cfb";
import { dateFromFileTime, hex8 } from "./bytes";
import { MsgConversionError } from "./errors";
import { Prop, PropType, tag } from "./property-tags";

export interface MsgSummary {
  subject?: string;
  messageClass?: string;
  sender?: { name?: string; address?: string; smtpAddress?: string; addressType?: string };
  recipients: Array<{
    type: "to" | "cc" | "bcc" | "unknown";
    name?: string;
    address?: string;
    smtpAddress?: string;
    addressType?: string;
  }>;
  clientSubmitTime?: string;
  deliveryTime?: string;
  messageId?: string;
  headerCount: number;
  bodyLength: { text: number; html: number };
  attachments: Array<{
    name?: string;
    mimeType?: string;
    size: number;
    embedded: boolean;
    /** The attachment's bytes (by value) or, for an embedded message, undefined. */
    content?: Uint8Array;
    message?: MsgSummary;
  }>;
}

type Props = Map<number, Uint8Array | number | bigint>;

export function readMsgSummary(file: Uint8Array): MsgSummary {
  let container: CFB.CFB$Container;
  try {
    container = CFB.parse(file);
  } catch (cause) {
    throw new MsgConversionError("not-a-message", "the input is not a compound file", { cause });
  }
  const root = container.FullPaths[0] ?? "";
  const streams = new Map<string, Uint8Array>();
  container.FullPaths.forEach((p, i) => {
    const e = container.FileIndex[i];
    if (e?.type === 2) streams.set(p.slice(root.length), toBytes(e.content));
  });
  if (!streams.has("__properties_version1.0")) {
    throw new MsgConversionError("not-a-message", "the compound file has no message properties");
  }
  return summarize(streams, "", 32);
}

function toBytes(content: unknown): Uint8Array {
  if (content instanceof Uint8Array) return content;
  if (Array.isArray(content)) return Uint8Array.from(content as number[]);
  return new Uint8Array(0);
}

function readProps(streams: Map<string, Uint8Array>, prefix: string, headerSize: number): Props {
  const props: Props = new Map();
  const stream = streams.get(`${prefix}__properties_version1.0`);
  if (stream === undefined) return props;
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  for (let off = headerSize; off + 16 <= stream.length; off += 16) {
    const t = view.getUint32(off, true);
    const type = t & 0xffff;
    if (type === PropType.Unicode || type === PropType.Binary) {
      const s = streams.get(`${prefix}__substg1.0_${hex8(t)}`);
      if (s !== undefined) props.set(t, s);
    } else if (type === PropType.SysTime) {
      props.set(t, view.getBigUint64(off + 8, true));
    } else {
      props.set(t, view.getInt32(off + 8, true));
    }
  }
  return props;
}

function str(props: Props, id: number): string | undefined {
  const v = props.get(tag(id, PropType.Unicode));
  if (!(v instanceof Uint8Array)) return undefined;
  let s = "";
  const view = new DataView(v.buffer, v.byteOffset, v.byteLength);
  for (let i = 0; i + 1 < v.length; i += 2) s += String.fromCharCode(view.getUint16(i, true));
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 0) end--;
  return s.slice(0, end);
}

function int(props: Props, id: number): number | undefined {
  const v = props.get(tag(id, PropType.Int32));
  return typeof v === "number" ? v : undefined;
}

function time(props: Props, id: number): string | undefined {
  const v = props.get(tag(id, PropType.SysTime));
  return typeof v === "bigint" ? dateFromFileTime(v).toISOString() : undefined;
}

function bin(props: Props, id: number): Uint8Array | undefined {
  const v = props.get(tag(id, PropType.Binary));
  return v instanceof Uint8Array ? v : undefined;
}

function childIndexes(streams: Map<string, Uint8Array>, prefix: string, kind: string): string[] {
  const found = new Set<string>();
  const re = new RegExp(
    `^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(__${kind}_version1\\.0_#[0-9A-Fa-f]{8})/`
  );
  for (const p of streams.keys()) {
    const m = re.exec(p);
    if (m !== null) found.add(m[1] as string);
  }
  return [...found].sort();
}

function summarize(
  streams: Map<string, Uint8Array>,
  prefix: string,
  headerSize: number
): MsgSummary {
  const props = readProps(streams, prefix, headerSize);
  const headers = str(props, Prop.TransportMessageHeaders) ?? "";
  const recipients = childIndexes(streams, prefix, "recip").map((r) => {
    const rp = readProps(streams, `${prefix}${r}/`, 8);
    const t = int(rp, Prop.RecipientType);
    return {
      type:
        t === 1
          ? ("to" as const)
          : t === 2
            ? ("cc" as const)
            : t === 3
              ? ("bcc" as const)
              : ("unknown" as const),
      name: str(rp, Prop.DisplayName),
      address: str(rp, Prop.EmailAddress),
      smtpAddress: str(rp, Prop.SmtpAddress),
      addressType: str(rp, Prop.AddressType),
    };
  });
  const attachments = childIndexes(streams, prefix, "attach").map((a) => {
    const ap = readProps(streams, `${prefix}${a}/`, 8);
    const embedded = int(ap, Prop.AttachMethod) === 5;
    const content = bin(ap, Prop.AttachDataBinary);
    return {
      name:
        str(ap, Prop.AttachLongFilename) ??
        str(ap, Prop.AttachFilename) ??
        str(ap, Prop.DisplayName),
      mimeType: str(ap, Prop.AttachMimeTag),
      size: content?.length ?? int(ap, Prop.AttachSize) ?? 0,
      embedded,
      ...(content !== undefined ? { content } : {}),
      ...(embedded
        ? { message: summarize(streams, `${prefix}${a}/__substg1.0_3701000D/`, 24) }
        : {}),
    };
  });
  const html = bin(props, Prop.Html);
  return {
    subject: str(props, Prop.Subject),
    messageClass: str(props, Prop.MessageClass),
    sender: {
      name: str(props, Prop.SenderName),
      address: str(props, Prop.SenderEmailAddress),
      smtpAddress: str(props, Prop.SenderSmtpAddress),
      addressType: str(props, Prop.SenderAddressType),
    },
    recipients,
    clientSubmitTime: time(props, Prop.ClientSubmitTime),
    deliveryTime: time(props, Prop.MessageDeliveryTime),
    messageId: str(props, Prop.InternetMessageId),
    headerCount:
      headers === "" ? 0 : headers.split(/\r?\n/).filter((l) => /^[^\s:]+:/.test(l)).length,
    bodyLength: { text: (str(props, Prop.Body) ?? "").length, html: html?.length ?? 0 },
    attachments,
  };
}
