/**
 * `casemail dsn parse <file.eml>...`: one JSON line per file, in the order given, all in one
 * process (a mailbox's worth of reports must not pay a process start each). Exit 0 when every
 * file was read, 1 when some could not be read (reported on stderr, the others still parsed),
 * 2 for bad arguments. Prints nothing but the parsed fields.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { parseDeliveryReport, reportLine } from "../../dsn";
import type { CliCommand } from "../main";

const usage = [
  "Usage:",
  "  casemail dsn parse <file.eml>...   delivery reports to JSON, one line per file:",
  '    { "file", "kind", "recipients": [{ "address", "status", "action", "replyCode",',
  '      "diagnostic", "remoteHost", "permanent" }], "original": { "ref", "messageId", "subject" } }',
].join("\n");

const argsSchema = z.object({
  sub: z.literal("parse"),
  files: z.array(z.string().min(1, "empty file name")).min(1, "at least one file is required"),
});

export const run: CliCommand = async (argv, io) => {
  const [sub, ...files] = argv;
  const parsed = argsSchema.safeParse({ sub, files });
  if (!parsed.success || files.some((f) => f.startsWith("-"))) {
    io.stderr(usage);
    return 2;
  }
  let unreadable = 0;
  for (const file of parsed.data.files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(file));
    } catch (e) {
      unreadable++;
      io.stderr(`dsn parse: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? "error"}`);
      continue;
    }
    io.stdout(JSON.stringify(reportLine(file, await parseDeliveryReport(bytes))));
  }
  return unreadable > 0 ? 1 : 0;
};
