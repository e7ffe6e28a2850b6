/**
 * `casemail msg convert <in.eml> <out.msg>` and `casemail msg inspect <file.msg>`.
 * Exit 0 on success, 2 for bad arguments or an input that is not a message, 1 for I/O errors.
 * Never prints message content beyond what `inspect` is asked to show.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";
import { isMsgConversionError, mimeToMsg, readMsgSummary, type MsgSummary } from "../../msg";
import type { CliCommand } from "../main";

const usage = [
  "Usage:",
  "  casemail msg convert <in.eml> <out.msg>   MIME message to Outlook .msg",
  "  casemail msg inspect <file.msg>           summary of a .msg as JSON",
].join("\n");

const path = z.string().min(1, "a file path is required");
const argsSchema = z.discriminatedUnion("sub", [
  z.object({ sub: z.literal("convert"), input: path, output: path }),
  z.object({ sub: z.literal("inspect"), input: path }),
]);

function parseArgs(argv: string[]) {
  const [sub, a, b, ...extra] = argv;
  if (extra.length > 0) return undefined;
  const candidate =
    sub === "convert"
      ? { sub, input: a, output: b }
      : sub === "inspect" && b === undefined
        ? { sub, input: a }
        : { sub };
  const parsed = argsSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The JSON `inspect` prints: content replaced by its size and SHA-256. */
function inspectJson(summary: MsgSummary): unknown {
  return {
    subject: summary.subject,
    messageClass: summary.messageClass,
    sender: summary.sender,
    recipients: summary.recipients,
    dates: { clientSubmitTime: summary.clientSubmitTime, deliveryTime: summary.deliveryTime },
    messageId: summary.messageId,
    headerCount: summary.headerCount,
    bodyLength: summary.bodyLength,
    attachments: summary.attachments.map((a) => ({
      name: a.name,
      mimeType: a.mimeType,
      size: a.size,
      sha256: a.content !== undefined ? sha256(a.content) : undefined,
      embedded: a.embedded,
      ...(a.message !== undefined ? { message: inspectJson(a.message) } : {}),
    })),
  };
}

async function readInput(file: string): Promise<Uint8Array | string> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    return `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? "error"}`;
  }
}

export const run: CliCommand = async (argv, io) => {
  const args = parseArgs(argv);
  if (args === undefined) {
    io.stderr(usage);
    return 2;
  }
  const input = await readInput(args.input);
  if (typeof input === "string") {
    io.stderr(`msg ${args.sub}: ${input}`);
    return 1;
  }
  try {
    if (args.sub === "convert") {
      const msg = await mimeToMsg(input);
      await writeFile(args.output, msg);
      io.stdout(`msg convert: wrote ${msg.length} bytes to ${args.output}`);
      return 0;
    }
    io.stdout(JSON.stringify(inspectJson(readMsgSummary(input)), null, 2));
    return 0;
  } catch (e) {
    if (isMsgConversionError(e)) {
      io.stderr(`msg ${args.sub}: ${args.input} is not usable (${e.code}): ${e.message}`);
      return 2;
    }
    throw e;
  }
};
