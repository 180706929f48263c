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
  staging: 70,
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
  'h() { if command -v sha256sum >/dev/null 2>&1; then sha256sum | cut -c1-64; ' +
  'elif command -v shasum >/dev/null 2>&1; then shasum -a 256 | cut -c1-64; ' +
  'else openssl dgst -sha256 -r | cut -c1-64; fi; }';

/**
 * Commit script, run as `sh -c SCRIPT sh PATH SHA MODE BACKUP` (under
 * `sudo -n` when asked) with the new content on stdin:
 * stage and check the bytes, lock the directory, then temp file in the same
 * directory, mode and owner, hard-link backup, rename, read back.
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
  'umask 077',
  `stage=$(mktemp "\${TMPDIR:-/tmp}/sparkmagic-kerberos-stage.XXXXXXXX") || fail ${WRITE_EXIT.staging} 'Cannot create a staging file in the temporary directory.'`,
  "trap 'rm -f \"$stage\"' EXIT; trap 'exit 143' HUP INT TERM",
  `cat >"$stage" && [ "$(h <"$stage")" = "$want" ] || fail ${WRITE_EXIT.transfer} 'The content arrived damaged; nothing was written.'`,
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
  '  trap \'rm -f "$stage"; rmdir "$l" 2>/dev/null\' EXIT',
  'fi',
  // Temp files of writers that were killed; only a lock holder gets here.
  'rm -f -- "$dir/.$base".skr-tmp.*',
  'old= omode=',
  'if [ -f "$p" ]; then',
  `  old=$(h <"$p") || fail ${WRITE_EXIT.failed} "Cannot read $p."`,
  '  omode=$(stat -c %a -- "$p" 2>/dev/null || stat -f %Lp -- "$p")',
  'fi',
  'nmode=${mode:-${omode:-644}}',
  'if [ -f "$p" ] && [ "$old" = "$want" ]; then',
  '  [ "$omode" = "$nmode" ] && { printf \'unchanged\\0%s\\0\\0\' "$p"; exit 0; }',
  `  chmod "$nmode" "$p" || fail ${WRITE_EXIT.failed} "Cannot change the mode of $p."`,
  '  printf \'mode\\0%s\\0\\0\' "$p"; exit 0',
  'fi',
  'tmp="$dir/.$base.skr-tmp.$$"',
  `cp -- "$stage" "$tmp" && chmod "$nmode" "$tmp" || { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "Cannot write in $dir."; }`,
  'if [ -f "$p" ] && [ "$(id -u)" = 0 ]; then chown "$(stat -c %u:%g -- "$p" 2>/dev/null || stat -f %u:%g -- "$p")" "$tmp"; fi',
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
