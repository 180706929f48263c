/**
 * Shell scripts that read and write files on the server through the hidden
 * terminal. The content travels as base64 in a here-document; every value
 * is an argument quoted with shellQuote, never spliced into script text.
 */

import { base64Encode } from './encoding';
import { shellQuote, shellQuotePath } from './shell';

/** Exit codes of the write script, each mapped to a reason by the caller. */
export const WRITE_EXIT = {
  invalidPath: 64,
  failed: 65,
  notAFile: 66,
  transfer: 71,
  verify: 72,
  locked: 75,
  sudo: 77,
  noHome: 78
} as const;

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

/**
 * Commit script, run as `sh -c SCRIPT sh PATH SHA MODE BACKUP UMASK STAMP`
 * (under `sudo -n` when asked) with the content as base64 on stdin. Under a
 * lock on the directory: a temp file in the same directory, created with
 * its final mode and checked against the SHA (one hashing run also tells
 * whether the old file already has this content); a hard-link backup of
 * the old file; a rename; a read-back. Few processes: this runs on every
 * apply.
 */
const COMMIT = [
  'p=$1 want=$2 mode=$3 backup=$4 mask=$5 ts=$6 keep=',
  'if command -v sha256sum >/dev/null 2>&1; then H=sha256sum; elif command -v shasum >/dev/null 2>&1; then H="shasum -a 256"; else H="openssl dgst -sha256 -r"; fi',
  'fail() { echo "$2" >&2; exit "$1"; }',
  `case $p in /*) ;; *) fail ${WRITE_EXIT.invalidPath} "$p is not an absolute path." ;; esac`,
  // Replace a symlink's target, not the link (e.g. /etc/krb5.conf managed elsewhere).
  'if [ -L "$p" ]; then t=$(readlink -f -- "$p" && echo .); case $t in ?*.) p=${t%??} ;; esac; fi',
  'dir=${p%/*}; base=${p##*/}; [ -n "$dir" ] || dir=/',
  `if [ -e "$p" ] && [ ! -f "$p" ]; then fail ${WRITE_EXIT.notAFile} "$p exists and is not a regular file."; fi`,
  // New directories are private unless the file itself is meant to be readable by others.
  'case ${mode:-644} in *00) du=077 ;; *) du=022 ;; esac',
  `[ -d "$dir" ] || (umask $du && mkdir -p -- "$dir") || fail ${WRITE_EXIT.failed} "Cannot create the directory $dir."`,
  'if command -v flock >/dev/null 2>&1; then',
  `  exec 9<"$dir" && flock -w 30 9 || fail ${WRITE_EXIT.locked} "Another writer keeps $dir locked."`,
  'else',
  '  l="$dir/.skr-lock" n=0',
  '  until mkdir "$l" 2>/dev/null; do',
  '    if [ -n "$(find "$l" -maxdepth 0 -mmin +2 2>/dev/null)" ]; then rmdir "$l" 2>/dev/null; continue; fi',
  `    n=$((n + 1)); [ $n -lt 30 ] || fail ${WRITE_EXIT.locked} "Another writer keeps $l."; sleep 1`,
  '  done',
  '  trap \'rmdir "$l" 2>/dev/null\' EXIT',
  'fi',
  "trap 'exit 143' HUP INT TERM",
  // Temp files of writers that were killed; only a lock holder gets here.
  'for f in "$dir/.$base".skr-tmp.*; do [ -e "$f" ] && rm -f -- "$f"; done',
  'if [ -z "$mode" ] && [ -f "$p" ]; then',
  `  mode=$(stat -c %a -- "$p" 2>/dev/null || stat -f %Lp -- "$p") || fail ${WRITE_EXIT.failed} "Cannot read $p."; keep=1`,
  'fi',
  'mode=${mode:-644}; [ -n "$mask" ] || mask=$(printf %o $((0777 & ~0$mode)))',
  'tmp="$dir/.$base.skr-tmp.$$"',
  // Created with its final mode (umask), so it is never readable by more people.
  `umask "$mask" && base64 -d >"$tmp" || { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "Cannot write in $dir."; }`,
  'case $mode in ????) chmod "$mode" "$tmp" ;; esac',
  'if [ -f "$p" ]; then sums=$($H - "$p" <"$tmp"); else sums=$($H <"$tmp"); fi',
  `case $sums in "$want "*) ;; *) rm -f -- "$tmp"; fail ${WRITE_EXIT.transfer} 'The content arrived damaged; nothing was written.' ;; esac`,
  "nl='\n'",
  // sha256sum escapes names with a backslash or newline by a leading '\\'.
  'case $sums in *"$nl$want "* | *"$nl\\\\$want "*)',
  '  rm -f -- "$tmp"',
  '  if [ -n "$keep" ] || [ "$(stat -c %a -- "$p" 2>/dev/null || stat -f %Lp -- "$p")" = "$mode" ]; then printf \'unchanged\\0%s\\0\\0\' "$p"; exit 0; fi',
  `  chmod "$mode" "$p" || fail ${WRITE_EXIT.failed} "Cannot change the mode of $p."`,
  '  printf \'mode\\0%s\\0\\0\' "$p"; exit 0 ;;',
  'esac',
  'if [ -f "$p" ] && [ ! -O "$p" ]; then chown "$(stat -c %u:%g -- "$p" 2>/dev/null || stat -f %u:%g -- "$p")" "$tmp" 2>/dev/null; fi',
  'b=',
  'if [ -f "$p" ] && [ "$backup" = 1 ]; then',
  '  b="$p.bak-$ts" n=1',
  '  while [ -e "$b" ]; do n=$((n + 1)); b="$p.bak-$ts.$n"; done',
  `  ln -- "$p" "$b" 2>/dev/null || cp -p -- "$p" "$b" || { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "Cannot back up $p."; }`,
  'fi',
  `mv -f -- "$tmp" "$p" || { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "Cannot replace $p."; }`,
  `case $($H <"$p") in "$want "*) ;; *) fail ${WRITE_EXIT.verify} "$p does not read back as written." ;; esac`,
  'printf \'written\\0%s\\0%s\\0\' "$p" "$b"'
].join('\n');

export interface IWriteItem {
  path: string;
  /** The file's bytes (UTF-8 of the text). */
  content: Uint8Array;
  /** Lower-case hex SHA-256 of `content`. */
  sha256: string;
  /** Octal mode, e.g. 0o600; undefined keeps the old mode (new files: 0644). */
  mode?: number;
  backup: boolean;
  sudo: boolean;
}

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
  for (const item of items) {
    if (!/^[0-9a-f]{64}$/.test(item.sha256)) {
      throw new Error('Invalid SHA-256.');
    }
    const mode = item.mode;
    if (
      mode !== undefined &&
      !(Number.isInteger(mode) && mode >= 0 && mode <= 0o7777)
    ) {
      throw new Error(`Invalid file mode ${mode}.`);
    }
    const args = [
      shellQuotePath(item.path),
      item.sha256,
      mode === undefined ? "''" : mode.toString(8),
      item.backup ? '1' : '0',
      mode === undefined ? "''" : (0o777 & ~mode).toString(8),
      stamp
    ].join(' ');
    // Without sudo the commit runs in a subshell (a fork, no new sh).
    const run = item.sudo
      ? `sudo -n sh -c ${shellQuote(COMMIT)} sh ${args}`
      : `(skr_commit ${args})`;
    out.push(
      `${run} <<'${DATA_END}' || exit $?\n` +
        base64Lines(item.content) +
        DATA_END
    );
  }
  if (items.some(i => !i.sudo)) {
    out.unshift(`skr_commit() {\n${COMMIT}\n}`);
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
