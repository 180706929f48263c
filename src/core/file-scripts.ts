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
  changed: 73,
  unsafeDir: 74,
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

/** The hash command, picked once per script. */
const HASHER =
  'if command -v sha256sum >/dev/null 2>&1; then H=sha256sum; elif command -v shasum >/dev/null 2>&1; then H="shasum -a 256"; else H="openssl dgst -sha256 -r"; fi';

/**
 * Commit script, run as `sh -c SCRIPT sh PATH SHA MODE BACKUP STAMP EXPECT
 * ROOT` (under `sudo -n` when asked, then ROOT is 1) with the content
 * as base64 on stdin. EXPECT is the SHA the old file must still have, `-`
 * when there must be none, empty for no check. Under a lock on the
 * directory: the check of EXPECT; a temp file from mktemp in the same
 * directory, checked against the SHA (one hashing run also tells whether
 * the old file already has this content or the expected one); a hard-link
 * backup of the old file, never more readable than the new one; a rename;
 * a read-back. Few processes: this runs on every apply.
 */
const COMMIT = [
  'p=$1 want=$2 mode=$3 backup=$4 ts=$5 expect=$6 asroot=$7 keep=',
  HASHER,
  'fail() { echo "$2" >&2; exit "$1"; }',
  `case $p in /*) ;; *) fail ${WRITE_EXIT.invalidPath} "$p is not an absolute path." ;; esac`,
  // Replace a symlink's target, not the link (e.g. /etc/krb5.conf managed elsewhere).
  'if [ -L "$p" ]; then t=$(readlink -f -- "$p" && echo .); case $t in ?*.) p=${t%??} ;; esac; fi',
  'dir=${p%/*}; base=${p##*/}; [ -n "$dir" ] || dir=/',
  `if [ -e "$p" ] && [ ! -f "$p" ]; then fail ${WRITE_EXIT.notAFile} "$p exists and is not a regular file."; fi`,
  // New directories are private unless the file itself is meant to be readable by others.
  'case ${mode:-644} in *00) du=077 ;; *) du=022 ;; esac',
  `[ -d "$dir" ] || (umask $du && mkdir -p -- "$dir") || fail ${WRITE_EXIT.failed} "Cannot create the directory $dir."`,
  // As root, a directory someone else may change could swap the file under us.
  'if [ "$asroot" = 1 ]; then',
  '  ds=$(stat -L -c "%u %a" -- "$dir" 2>/dev/null || stat -L -f "%u %Lp" -- "$dir")',
  `  case $ds in "0 "*) [ $((0\${ds#* } & 022)) = 0 ] ;; *) false ;; esac || fail ${WRITE_EXIT.unsafeDir} "$dir is not owned by root or is writable by others; nothing was written with sudo."`,
  'fi',
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
  'for f in "$dir/.$base".skr-tmp.*; do if [ -e "$f" ] || [ -L "$f" ]; then rm -f -- "$f"; fi; done',
  'old=',
  'if [ -f "$p" ]; then',
  `  old=$(stat -c %a -- "$p" 2>/dev/null || stat -f %Lp -- "$p") || fail ${WRITE_EXIT.failed} "Cannot read $p."`,
  '  [ -n "$mode" ] || { mode=$old; keep=1; }',
  'fi',
  'mode=${mode:-644}',
  // mktemp creates a fresh name exclusively (mode 0600), so nothing planted
  // in the directory can redirect the write.
  `tmp=$(mktemp -- "$dir/.$base.skr-tmp.XXXXXXXXXX") || fail ${WRITE_EXIT.failed} "Cannot write in $dir."`,
  `linked() { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "The temp file $tmp is a link; nothing was written."; }`,
  '[ -L "$tmp" ] && linked',
  `base64 -d >"$tmp" || { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "Cannot write in $dir."; }`,
  'chmod "$mode" "$tmp"',
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
  // The file must still be the one the new content was made from.
  'case $expect in',
  "  '') ;;",
  `  -) [ ! -f "$p" ] || { rm -f -- "$tmp"; fail ${WRITE_EXIT.changed} "$p was created since the content was prepared; nothing was written."; } ;;`,
  `  *) case $sums in *"$nl$expect "* | *"$nl\\\\$expect "*) ;; *) rm -f -- "$tmp"; fail ${WRITE_EXIT.changed} "$p changed since the content was prepared; nothing was written." ;; esac ;;`,
  'esac',
  'if [ -f "$p" ] && [ ! -O "$p" ]; then chown "$(stat -c %u:%g -- "$p" 2>/dev/null || stat -f %u:%g -- "$p")" "$tmp" 2>/dev/null; fi',
  'b=',
  'if [ -f "$p" ] && [ "$backup" = 1 ]; then',
  '  b="$p.bak-$ts" n=1',
  '  while [ -e "$b" ] || [ -L "$b" ]; do n=$((n + 1)); b="$p.bak-$ts.$n"; done',
  // A hard link keeps the old mode, so it serves only when that mode is no
  // wider than the new one; else a copy with the modes' intersection. `ln`
  // creates the backup's name exclusively either way.
  '  bm=$(printf %o $((0$old & 0$mode & 0777)))',
  '  if [ $((0$old & 0777)) != $((0$bm)) ] || ! ln -- "$p" "$b" 2>/dev/null; then',
  '    bt=$(mktemp -- "$dir/.$base.skr-tmp.XXXXXXXXXX") && cat -- "$p" >"$bt" && chmod "$bm" "$bt" && ln -- "$bt" "$b" ||',
  `      { rm -f -- "$tmp" "$bt"; fail ${WRITE_EXIT.failed} "Cannot back up $p."; }`,
  '    rm -f -- "$bt"',
  '  fi',
  'fi',
  '[ -L "$tmp" ] && linked',
  `mv -f -- "$tmp" "$p" || { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "Cannot replace $p."; }`,
  `case $($H <"$p") in "$want "*) ;; *) fail ${WRITE_EXIT.verify} "$p does not read back as written." ;; esac`,
  'printf \'written\\0%s\\0%s\\0\' "$p" "$b"'
].join('\n');

/**
 * Check before a batch, run as `sh -c SCRIPT sh PATH SHA EXPECT`: whether
 * the file is still as expected (or already has the new content), so a
 * changed file found in it stops the batch before any file is written.
 * Each commit checks again under its lock.
 */
const CHECK = [
  'p=$1 want=$2 expect=$3',
  HASHER,
  'if [ -L "$p" ]; then t=$(readlink -f -- "$p" && echo .); case $t in ?*.) p=${t%??} ;; esac; fi',
  'if [ -f "$p" ]; then s=$($H <"$p"); else s=-; fi',
  `case $s in "$expect" | "$expect "* | "$want "*) ;; *) echo "$p changed since the content was prepared; nothing was written." >&2; exit ${WRITE_EXIT.changed} ;; esac`
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
  /**
   * SHA-256 of the content the new one was made from (null: there was no
   * file); when the file holds neither that nor the new content, nothing
   * is written (exit `changed`). Undefined skips the check.
   */
  expect?: string | null;
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
      `${item.sudo ? 'sudo -n ' : ''}sh -c ${shellQuote(CHECK)} sh ${args} || exit $?`
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
    const args = [
      shellQuotePath(item.path),
      sha(item.sha256),
      mode === undefined ? "''" : mode.toString(8),
      item.backup ? '1' : '0',
      stamp,
      expectArg(item),
      item.sudo ? '1' : '0'
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
