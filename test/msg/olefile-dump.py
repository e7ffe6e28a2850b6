"""Independent reader for the tests: reads .msg files with olefile (python3-olefile) and prints
JSON per file: root CLSID, stream names, and the message properties the tests compare.
Usage: python3 olefile-dump.py FILE...   (uses only olefile and the standard library)."""
import datetime
import hashlib
import json
import struct
import sys

import olefile


def props(ole, prefix, header):
    path = prefix + "__properties_version1.0"
    out = {}
    if not ole.exists(path):
        return out
    data = ole.openstream(path).read()
    for off in range(header, len(data) - 15, 16):
        tag, _flags = struct.unpack_from("<II", data, off)
        ptype = tag & 0xFFFF
        if ptype in (0x001F, 0x0102):
            name = prefix + "__substg1.0_%08X" % tag
            if ole.exists(name):
                raw = ole.openstream(name).read()
                out[tag] = raw.decode("utf-16-le").rstrip("\x00") if ptype == 0x001F else raw
        elif ptype == 0x0040:
            (ticks,) = struct.unpack_from("<Q", data, off + 8)
            when = datetime.datetime(1601, 1, 1, tzinfo=datetime.timezone.utc) + datetime.timedelta(microseconds=ticks // 10)
            out[tag] = when.isoformat().replace("+00:00", "Z")
        elif ptype in (0x0003, 0x000B):
            (value,) = struct.unpack_from("<i", data, off + 8)
            out[tag] = value
        elif ptype == 0x000D:
            out[tag] = "object"
    return out


def children(ole, prefix, kind):
    depth = prefix.count("/")
    names = set()
    for entry in ole.listdir(streams=True, storages=True):
        if len(entry) > depth and "/".join(entry[:depth]) + ("/" if depth else "") == prefix:
            if entry[depth].startswith("__%s_version1.0_#" % kind):
                names.add(entry[depth])
    return sorted(names)


def message(ole, prefix, header):
    p = props(ole, prefix, header)
    html = p.get(0x10130102)
    recipients = []
    for r in children(ole, prefix, "recip"):
        rp = props(ole, prefix + r + "/", 8)
        recipients.append({
            "type": rp.get(0x0C150003),
            "email": rp.get(0x3003001F),
            "smtp": rp.get(0x39FE001F),
            "addressType": rp.get(0x3002001F),
            "name": rp.get(0x3001001F),
        })
    attachments = []
    for a in children(ole, prefix, "attach"):
        ap = props(ole, prefix + a + "/", 8)
        data = ap.get(0x37010102)
        inner = prefix + a + "/__substg1.0_3701000D/"
        embedded = ole.exists(inner[:-1]) and ole.get_type(inner[:-1]) == olefile.STGTY_STORAGE
        attachments.append({
            "name": ap.get(0x3707001F),
            "shortName": ap.get(0x3704001F),
            "mimeType": ap.get(0x370E001F),
            "contentId": ap.get(0x3712001F),
            "hidden": ap.get(0x7FFE000B),
            "method": ap.get(0x37050003),
            "size": ap.get(0x0E200003),
            "sha256": hashlib.sha256(data).hexdigest() if isinstance(data, bytes) else None,
            "embedded": message(ole, inner, 24) if embedded else None,
        })
    return {
        "messageClass": p.get(0x001A001F),
        "subject": p.get(0x0037001F),
        "senderEmail": p.get(0x0C1F001F),
        "senderSmtp": p.get(0x5D01001F),
        "senderAddressType": p.get(0x0C1E001F),
        "representingEmail": p.get(0x0065001F),
        "messageId": p.get(0x1035001F),
        "inReplyTo": p.get(0x1042001F),
        "submitTime": p.get(0x00390040),
        "deliveryTime": p.get(0x0E060040),
        "importance": p.get(0x00170003),
        "flags": p.get(0x0E070003),
        "storeSupportMask": p.get(0x340D0003),
        "text": p.get(0x1000001F),
        "html": html.decode("utf-8", "replace") if isinstance(html, bytes) else None,
        "recipients": recipients,
        "attachments": attachments,
    }


def dump(path):
    ole = olefile.OleFileIO(path)
    streams = ["/".join(e) for e in ole.listdir(streams=True, storages=False)]
    result = {
        "clsid": ole.root.clsid,
        "majorVersion": ole.dll_version,
        "sectorSize": ole.sector_size,
        "streams": streams,
        "message": message(ole, "", 32),
    }
    ole.close()
    return result


if __name__ == "__main__":
    json.dump({p: dump(p) for p in sys.argv[1:]}, sys.stdout)
