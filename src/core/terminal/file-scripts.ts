/**
 * Shell scripts that read and write files on the server through the hidden
 * terminal. The content travels as base64 in a here-document; every value
 * is an argument quoted with shellQuote, never spliced into script text.
 */

import { base64Encode } from './encoding';
import { CHECK_SCRIPT, COMMIT_SCRIPT, WRITE_EXIT } from './commit-script';
import { shellQuote, shellQuotePath } from './shell';

export { WRITE_EXIT };

/** Exit code of the read script when the file does not exist. */
export const READ_MISSING = 44;

/** A path we can write: absolute, or `~/...` for the home directory. */
export function validateFilePath(path: string): string | null {
  if (path === '' || path.indexOf('\0') !== -1) {
    return 'Enter a file path (no NUL characters).';
  }
  if (!path.startsWith('/') && !path.startsWith('~/')) {
    return `'${path}' is not an absolute path: start it with / or ~/.`;
  }
  if (path.endsWith('/') || path === '~/') {
    return `'${path}' names a directory, not a file.`;
  }
  return null;
}

function homeCheck(path: string): string {
  return path.startsWith('~/')
    ? `[ -n "\${HOME:-}" ] || { echo 'HOME is not set on the server.' >&2; exit ${WRITE_EXIT.noHome}; }\n`
    : '';
}

/** Prints the file, or exits READ_MISSING when there is none. */
export function readScript(path: string): string {
  return (
    homeCheck(path) +
    `p=${shellQuotePath(path)}\n` +
    'if [ -f "$p" ]; then exec cat -- "$p"; fi\n' +
    `if [ -e "$p" ]; then echo "$p is not a regular file." >&2; exit ${WRITE_EXIT.notAFile}; fi\n` +
    `exit ${READ_MISSING}\n`
  );
}

export interface IWriteItem {
  path: string;
  /** The file's bytes (UTF-8 of the text). */
  content: Uint8Array;
  /** Lower-case hex SHA-256 of `content`. */
  sha256: string;
  /** Octal mode, e.g. 0o600; undefined keeps the old mode (new files: 0644). */
  mode?: number;
  backup: boolean;
  /** Backups of this file kept, newest first (default DEFAULT_KEEP_BACKUPS; 0: none made). */
  keepBackups?: number;
  sudo: boolean;
  /**
   * SHA-256 of the content the new one was made from (null: there was no
   * file); when the file holds neither that nor the new content, nothing
   * is written (exit `changed`). Undefined skips the check.
   */
  expect?: string | null;
}

/** How many backups of each file a write keeps unless told otherwise. */
export const DEFAULT_KEEP_BACKUPS = 5;

/** `YYYYMMDDTHHMMSSZ`, the backup suffix. */
export function backupStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Lines of base64 in a here-document; '_' is not base64, so the end line cannot occur in it. */
const DATA_END = 'SKR_DATA_END';

function base64Lines(bytes: Uint8Array): string {
  const b64 = base64Encode(bytes);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) {
    lines.push(b64.slice(i, i + 76));
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}

function sha(hex: string): string {
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new Error('Invalid SHA-256.');
  }
  return hex;
}

function expectArg(item: IWriteItem): string {
  if (item.expect === undefined) {
    return "''";
  }
  return item.expect === null ? '-' : sha(item.expect);
}

/**
 * One command writing the files in order; it stops at the first failure
 * (exit code from WRITE_EXIT) after printing the outcomes of those written.
 */
export function writeScript(items: readonly IWriteItem[], now: Date): string {
  const stamp = backupStamp(now);
  const out: string[] = [];
  if (items.some(i => i.path.startsWith('~/'))) {
    out.push(homeCheck('~/').trimEnd());
  }
  if (items.some(i => i.sudo)) {
    out.push(
      `sudo -n true 2>/dev/null || { echo 'sudo needs a password here (sudo -n failed).' >&2; exit ${WRITE_EXIT.sudo}; }`
    );
  }
  const checked = items.filter(i => i.expect !== undefined);
  for (const item of items.length > 1 ? checked : []) {
    const args = `${shellQuotePath(item.path)} ${sha(item.sha256)} ${expectArg(item)}`;
    out.push(
      `${item.sudo ? 'sudo -n ' : ''}sh -c ${shellQuote(CHECK_SCRIPT)} sh ${args} || exit $?`
    );
  }
  for (const item of items) {
    const mode = item.mode;
    if (
      mode !== undefined &&
      !(Number.isInteger(mode) && mode >= 0 && mode <= 0o7777)
    ) {
      throw new Error(`Invalid file mode ${mode}.`);
    }
    const keep = item.keepBackups ?? DEFAULT_KEEP_BACKUPS;
    if (!(Number.isInteger(keep) && keep >= 0 && keep <= 1000)) {
      throw new Error(`Invalid number of backups ${keep}.`);
    }
    const args = [
      shellQuotePath(item.path),
      sha(item.sha256),
      mode === undefined ? "''" : mode.toString(8),
      item.backup ? '1' : '0',
      stamp,
      expectArg(item),
      item.sudo ? '1' : '0',
      String(keep)
    ].join(' ');
    // Without sudo the commit runs in a subshell (a fork, no new sh).
    const run = item.sudo
      ? `sudo -n sh -c ${shellQuote(COMMIT_SCRIPT)} sh ${args}`
      : `(skr_commit ${args})`;
    out.push(
      `${run} <<'${DATA_END}' || exit $?\n` +
        base64Lines(item.content) +
        DATA_END
    );
  }
  if (items.some(i => !i.sudo)) {
    out.unshift(`skr_commit() {\n${COMMIT_SCRIPT}\n}`);
  }
  return out.join('\n') + '\n';
}

export interface IWriteOutcome {
  status: 'written' | 'mode' | 'unchanged';
  path: string;
  backupPath: string | null;
}

/** Reads the NUL-separated outcomes the write script prints, one per file written. */
export function parseWriteOutput(stdout: string): IWriteOutcome[] {
  const fields = stdout.split('\0');
  const out: IWriteOutcome[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [status, path, backup] = fields.slice(i, i + 3);
    if (
      (status !== 'written' && status !== 'mode' && status !== 'unchanged') ||
      !path
    ) {
      throw new Error(
        `Unexpected answer from the write script: ${JSON.stringify(stdout)}`
      );
    }
    out.push({ status, path, backupPath: backup ? backup : null });
  }
  if (fields[fields.length - 1] !== '' || (fields.length - 1) % 3 !== 0) {
    throw new Error(
      `Unexpected answer from the write script: ${JSON.stringify(stdout)}`
    );
  }
  return out;
}
