/** What every subcommand module exports as `command`. */

export interface IIo {
  /** All of standard input, decoded as UTF-8. */
  readStdin(): Promise<string>;
  /** Written only once the whole answer is known, so a failure leaves stdout empty. */
  stdout(text: string): void;
  stderr(text: string): void;
}

/** One `--name` option: its `util.parseArgs` type and its line in `--help`. */
export interface IOption {
  type: 'string' | 'boolean';
  /** Placeholder for the value in the help, e.g. `FILE`; string options only. */
  value?: string;
  help: string;
}

/** Parsed options: a string option's value, `true` for a flag given. */
export type OptionValues = Record<string, string | boolean | undefined>;

export interface ICommand {
  /** Synopsis after the program name, e.g. `parse-klist [--now ISO8601]`. */
  usage: string;
  /** One line for the usage text. */
  summary: string;
  /** Paragraphs `--help` prints after the options. */
  details?: string;
  options: Record<string, IOption>;
  /** Exit statuses of this command beyond 0, 1 and 2, with their meaning. */
  exitStatus?: [string, string][];
  /** Runs with the parsed options; resolves to the exit status. */
  run(values: OptionValues, io: IIo): Promise<number>;
}

/** Wrong arguments: one line, a pointer to `--help`, exit status 2. */
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
