/** What every subcommand module exports as `command`. */

export interface IIo {
  /** All of standard input, decoded as UTF-8. */
  readStdin(): Promise<string>;
  /** Written only once the whole answer is known, so a failure leaves stdout empty. */
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface ICommand {
  /** Synopsis after the program name, e.g. `parse-klist [--now ISO8601]`. */
  usage: string;
  /** One line for the usage text. */
  summary: string;
  /** Runs with the arguments after the subcommand; resolves to the exit status. */
  run(args: string[], io: IIo): Promise<number>;
}

/** Wrong arguments: the caller prints the message and the usage, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure to report as one clear message, exit status 1. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}
