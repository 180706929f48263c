/**
 * Typed failures of the terminal channel, so the UI can tell "terminals are
 * off on this server" from "that command hung" from "the server went away".
 */

/** Terminals are disabled on this server, or it refuses to start one. */
export class TerminalsUnavailableError extends Error {
  constructor(message = 'Jupyter terminals are disabled on this server.') {
    super(message);
    this.name = 'TerminalsUnavailableError';
  }
}

/** A command ran longer than its timeout and was stopped. */
export class CommandTimeoutError extends Error {
  constructor(
    readonly command: string,
    readonly timeoutMs: number
  ) {
    super(
      `The command did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped.`
    );
    this.name = 'CommandTimeoutError';
  }
}

/**
 * The terminal or the server went away while a command was pending (socket
 * drop, server restart, terminal shut down, runner disposed). Whether the
 * command ran is unknown; the next command gets a fresh terminal.
 */
export class ChannelClosedError extends Error {
  constructor(message = 'The connection to the Jupyter terminal was lost.') {
    super(message);
    this.name = 'ChannelClosedError';
  }
}

import type { IWriteResult } from './runner-types';

/** A file could not be read or written; `code` says why, `detail` is the shell's message. */
export class FileAccessError extends Error {
  constructor(
    readonly code: FileAccessError.Code,
    message: string,
    readonly detail = '',
    /** Files of the same batch written before the failure. */
    readonly written: IWriteResult[] = [],
    /** The file read or written, as asked for. */
    readonly path = ''
  ) {
    super(detail ? `${message} ${detail}` : message);
    this.name = 'FileAccessError';
  }
}

export namespace FileAccessError {
  export type Code =
    | 'invalid-path'
    | 'no-home'
    | 'permission'
    | 'no-space'
    | 'read-only'
    | 'not-a-file'
    | 'changed'
    | 'unsafe-directory'
    | 'locked'
    | 'transfer'
    | 'verify'
    | 'sudo'
    | 'failed';
}
