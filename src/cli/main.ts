/**
 * The `casemail` command line. Each command lives in its own module under `src/cli/commands/` and is
 * loaded only when called, so `casemail msg convert` never pays for the server's dependencies.
 */
import { cliText } from "./cli-text";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A command takes its arguments (after its own name) and returns the process exit code. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

const commands: Record<string, () => Promise<CliCommand>> = {
  check: async () => (await import("./commands/check")).run,
  msg: async () => (await import("./commands/msg")).run,
  start: async () => (await import("./commands/start")).run,
  serve: async () => (await import("./commands/serve")).run,
  token: async () => (await import("./commands/token")).run,
  seed: async () => (await import("./commands/seed")).run,
  "verify-audit": async () => (await import("./commands/verify-audit")).run,
  dsn: async () => (await import("./commands/dsn")).run,
  "validate-manifest": async () => (await import("./commands/validate-manifest")).run,
  "build-manifest": async () => (await import("./commands/build-manifest")).run,
};

export function registeredCommands(): string[] {
  return Object.keys(commands).sort();
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(cliText.usage(registeredCommands()));
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (load === undefined) {
    io.stderr(cliText.unknownCommand(name, registeredCommands()));
    return 2;
  }
  const command = await load();
  return command(rest, io);
}

/** Runs the command line on this process's arguments and sets its exit code. */
export function main(): Promise<void> {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  };
  return runCli(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      io.stderr(cliText.crashed(error instanceof Error ? error.message : String(error)));
      process.exitCode = 70;
    }
  );
}

if (require.main === module) void main();
