/** What the model needs of the server: hidden commands and file access through them. */
import { IDisposable } from '@lumino/disposable';

/** What a hidden command returned: its exact stdout (stderr merged where the command says `2>&1`). */
export interface IRunResult {
  stdout: string;
  exitCode: number;
  /** The command's stderr, when it did not merge it into stdout. */
  stderr?: string;
}

export interface IRunOptions {
  /** Overrides the runner's default timeout. */
  timeoutMs?: number;
  /** Text fed to the command's stdin (otherwise stdin is /dev/null). */
  input?: string;
}

/** Runs shell commands on the server, one at a time, through a hidden terminal. */
export interface ICommandRunner extends IDisposable {
  run(command: string, options?: IRunOptions): Promise<IRunResult>;
}

export interface IWriteOptions {
  /** Octal mode such as 0o600; default: keep the old file's mode, else 0644. */
  mode?: number;
  /** Keep a timestamped copy of the previous file (default true). */
  backup?: boolean;
  /** How many backups of the file stay, newest first (default 5; 0: none is made). */
  keepBackups?: number;
  /** Use `sudo -n` (only for system paths, when allowed). */
  sudo?: boolean;
  /**
   * The text the new content was made from (null: no file). When the file
   * holds something else by the time of the write, nothing is written and
   * the write fails with code `changed`. Undefined: no check.
   */
  before?: string | null;
}

export interface IWriteResult {
  /** Absolute path written (after `~` expansion). */
  path: string;
  /** Backup of the previous content, or null when there was none. */
  backupPath: string | null;
  /** Whether the content differed from what was there. */
  changed: boolean;
}

/** One file of a batch write. */
export interface IWriteRequest extends IWriteOptions {
  path: string;
  content: string;
}

/** Reads and writes files on the server through the command runner. */
export interface IFileAccess {
  /** The file's text, or null when it does not exist. */
  read(path: string): Promise<string | null>;
  write(
    path: string,
    content: string,
    options?: IWriteOptions
  ): Promise<IWriteResult>;
  /**
   * Writes several files in order in one round trip (each as `write` does);
   * every file is checked before the first is written, and it stops at the
   * first failure.
   */
  writeAll(requests: readonly IWriteRequest[]): Promise<IWriteResult[]>;
}
