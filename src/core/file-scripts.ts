/**
 * Shell scripts that read and write files on the server through the hidden
 * terminal. The content travels as the command's stdin; every value is an
 * argument quoted with shellQuote, never spliced into script text.
 */

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

const HASH =
  'h() { set -- $(sha256sum 2>/dev/null || shasum -a 256 2>/dev/null || openssl dgst -sha256 -r); echo "$1"; }';

/**
 * Commit script, run as `sh -c SCRIPT sh PATH SHA MODE BACKUP` (under
 * `sudo -n` when asked) with the new content on stdin. Under a lock on the
 * directory: nothing to do if the file already has this content; else a
 * temp file in the same directory created with the final mode, checked
 * against the SHA, a hard-link backup of the old file, a rename, and a
 * read-back. Few processes: this runs on every apply.
 */
const COMMIT = [
  'p=$1 want=$2 mode=$3 backup=$4',
  HASH,
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
  'omode=',
  'if [ -f "$p" ]; then',
  `  [ -n "$mode" ] || omode=$(stat -c %a -- "$p" 2>/dev/null || stat -f %Lp -- "$p") || fail ${WRITE_EXIT.failed} "Cannot read $p."`,
  `  old=$(h <"$p") || fail ${WRITE_EXIT.failed} "Cannot read $p."`,
  '  if [ "$old" = "$want" ]; then',
  '    if [ -z "$mode" ] || [ "$(stat -c %a -- "$p" 2>/dev/null || stat -f %Lp -- "$p")" = "$mode" ]; then printf \'unchanged\\0%s\\0\\0\' "$p"; exit 0; fi',
  `    chmod "$mode" "$p" || fail ${WRITE_EXIT.failed} "Cannot change the mode of $p."`,
  '    printf \'mode\\0%s\\0\\0\' "$p"; exit 0',
  '  fi',
  'fi',
  'nmode=${mode:-${omode:-644}}',
  'tmp="$dir/.$base.skr-tmp.$$"',
  // Created with its final mode (umask), so it is never readable by more people.
  `umask "$(printf %o $((0777 & ~0$nmode)))" && cat >"$tmp" || { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "Cannot write in $dir."; }`,
  'case $nmode in ????) chmod "$nmode" "$tmp" ;; esac',
  `[ "$(h <"$tmp")" = "$want" ] || { rm -f -- "$tmp"; fail ${WRITE_EXIT.transfer} 'The content arrived damaged; nothing was written.'; }`,
  'if [ -f "$p" ] && [ ! -O "$p" ]; then chown "$(stat -c %u:%g -- "$p" 2>/dev/null || stat -f %u:%g -- "$p")" "$tmp" 2>/dev/null; fi',
  'b=',
  'if [ -f "$p" ] && [ "$backup" = 1 ]; then',
  '  ts=$(date -u +%Y%m%dT%H%M%SZ); b="$p.bak-$ts" n=1',
  '  while [ -e "$b" ]; do n=$((n + 1)); b="$p.bak-$ts.$n"; done',
  `  ln -- "$p" "$b" 2>/dev/null || cp -p -- "$p" "$b" || { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "Cannot back up $p."; }`,
  'fi',
  `mv -f -- "$tmp" "$p" || { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "Cannot replace $p."; }`,
  `[ "$(h <"$p")" = "$want" ] || fail ${WRITE_EXIT.verify} "$p does not read back as written."`,
  'printf \'written\\0%s\\0%s\\0\' "$p" "$b"'
].join('\n');

export interface IWriteScriptOptions {
  /** Lower-case hex SHA-256 of the UTF-8 content. */
  sha256: string;
  /** Octal mode, e.g. 0o600; undefined keeps the old mode (new files: 0644). */
  mode?: number;
  backup: boolean;
  sudo: boolean;
}

/** The command that writes stdin to `path`; see COMMIT for the steps. */
export function writeScript(
  path: string,
  options: IWriteScriptOptions
): string {
  if (!/^[0-9a-f]{64}$/.test(options.sha256)) {
    throw new Error('Invalid SHA-256.');
  }
  const mode = options.mode;
  if (
    mode !== undefined &&
    !(Number.isInteger(mode) && mode >= 0 && mode <= 0o7777)
  ) {
    throw new Error(`Invalid file mode ${mode}.`);
  }
  const args = [
    shellQuotePath(path),
    options.sha256,
    mode === undefined ? "''" : mode.toString(8),
    options.backup ? '1' : '0'
  ].join(' ');
  const sudo = options.sudo
    ? `sudo -n true 2>/dev/null || { echo 'sudo needs a password here (sudo -n failed).' >&2; exit ${WRITE_EXIT.sudo}; }\n`
    : '';
  return (
    homeCheck(path) +
    sudo +
    `exec ${options.sudo ? 'sudo -n ' : ''}sh -c ${shellQuote(COMMIT)} sh ${args}\n`
  );
}

export interface IWriteOutcome {
  status: 'written' | 'mode' | 'unchanged';
  path: string;
  backupPath: string | null;
}

/** Reads the NUL-separated status the write script prints. */
export function parseWriteOutput(stdout: string): IWriteOutcome {
  const [status, path, backup] = stdout.split('\0');
  if (
    (status !== 'written' && status !== 'mode' && status !== 'unchanged') ||
    !path
  ) {
    throw new Error(
      `Unexpected answer from the write script: ${JSON.stringify(stdout)}`
    );
  }
  return { status, path, backupPath: backup ? backup : null };
}
