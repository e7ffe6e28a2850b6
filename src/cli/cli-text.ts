/**
 * Text of the command line itself. The command line is an operator's tool and speaks English;
 * findings it prints carry both catalogues' messages.
 */
export const cliText = {
  usage: (names: string[]): string =>
    [
      "Usage: casemail <command> [options]",
      "",
      "Commands:",
      ...names.map((n) => `  ${n}`),
      "",
    ].join("\n"),
  unknownCommand: (name: string, names: string[]): string =>
    `casemail: unknown command "${name}". Commands: ${names.join(", ")}.`,
  crashed: (message: string): string => `casemail: unexpected error: ${message}`,
};
