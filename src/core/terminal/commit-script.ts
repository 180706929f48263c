/**
 * The shell text of one file's commit and of the check before a batch,
 * run by the write script of file-scripts.ts (as `sh -c`, or as a function
 * of the hidden shell). Values arrive as positional arguments only.
 */

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

/** The hash command, picked once per script. */
const HASHER =
  'if command -v sha256sum >/dev/null 2>&1; then H=sha256sum; elif command -v shasum >/dev/null 2>&1; then H="shasum -a 256"; else H="openssl dgst -sha256 -r"; fi';

/**
 * Backup names are `NAME.bak-YYYYMMDDTHHMMSSZ`, then `.2`, `.3`... within
 * one second. `bkey NAME` sets k to a number ordering ours by time then
 * counter, and fails for any other name, so pruning never touches a file
 * we did not make. Names are globbed, never parsed from `ls`.
 */
const BACKUP_KEY = [
  "D='[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z'",
  'bkey() {',
  '  s=${1#"$p".bak-}',
  '  case $s in',
  '    $D) c=1 ;;',
  '    $D.[2-9] | $D.[1-9][0-9] | $D.[1-9][0-9][0-9] | $D.[1-9][0-9][0-9][0-9]) c=${s#*Z.} ;;',
  '    *) return 1 ;;',
  '  esac',
  '  [ -f "$1" ] && [ ! -L "$1" ] || return 1',
  '  s=${s%%Z*}; k=$((${s%T*}${s#*T} * 10000 + c))',
  '}',
  // N passes find the N-th newest key; everything older goes. O(N x count)
  // and no sort, whatever the names hold.
  'prune() {',
  '  t= i=0',
  '  while [ $i -lt "$keepn" ]; do',
  '    m=',
  '    for f in "$p".bak-*; do',
  '      bkey "$f" || continue',
  '      if { [ -z "$t" ] || [ $k -lt $t ]; } && { [ -z "$m" ] || [ $k -gt $m ]; }; then m=$k; fi',
  '    done',
  '    [ -n "$m" ] || return 0',
  '    t=$m i=$((i + 1))',
  '  done',
  '  for f in "$p".bak-*; do',
  '    if bkey "$f" && { [ -z "$t" ] || [ $k -lt $t ]; }; then rm -f -- "$f"; fi',
  '  done',
  '}'
].join('\n');

/**
 * Commit script, run as `sh -c SCRIPT sh PATH SHA MODE BACKUP STAMP EXPECT
 * ROOT KEEP` (under `sudo -n` when asked, then ROOT is 1) with the content
 * as base64 on stdin. EXPECT is the SHA the old file must still have, `-`
 * when there must be none, empty for no check; KEEP is how many backups of
 * the file stay (0: none is made). Under a lock on the directory: the
 * check of EXPECT; a temp file from mktemp in the same directory, checked
 * against the SHA (one hashing run also tells whether the old file already
 * has this content or the expected one); a hard-link backup of the old
 * file, never more readable than the new one; an fsync of the temp file;
 * a rename; a read-back; pruning of old backups; an fsync of the directory,
 * so success is reported only once the new file survives a crash. Few
 * processes: this runs on every apply.
 */
export const COMMIT_SCRIPT = [
  'p=$1 want=$2 mode=$3 backup=$4 ts=$5 expect=$6 asroot=$7 keepn=$8 keep= made=',
  HASHER,
  BACKUP_KEY,
  // A sync without file arguments (old coreutils, BSD, some busybox) flushes
  // everything instead.
  'durable() { sync -- "$@" 2>/dev/null || sync; }',
  'fail() { echo "$2" >&2; exit "$1"; }',
  `case $p in /*) ;; *) fail ${WRITE_EXIT.invalidPath} "$p is not an absolute path." ;; esac`,
  // Replace a symlink's target, not the link (e.g. /etc/krb5.conf managed elsewhere).
  'if [ -L "$p" ]; then t=$(readlink -f -- "$p" && echo .); case $t in ?*.) p=${t%??} ;; esac; fi',
  'dir=${p%/*}; base=${p##*/}; [ -n "$dir" ] || dir=/',
  `if [ -e "$p" ] && [ ! -f "$p" ]; then fail ${WRITE_EXIT.notAFile} "$p exists and is not a regular file."; fi`,
  // New directories are private unless the file itself is meant to be readable by others.
  'case ${mode:-644} in *00) du=077 ;; *) du=022 ;; esac',
  `[ -d "$dir" ] || { (umask $du && mkdir -p -- "$dir") && made=1; } || fail ${WRITE_EXIT.failed} "Cannot create the directory $dir."`,
  // As root, a directory someone else may change could swap the file under us.
  'if [ "$asroot" = 1 ]; then',
  '  ds=$(stat -L -c "%u %a" -- "$dir" 2>/dev/null || stat -L -f "%u %Lp" -- "$dir")',
  `  case $ds in "0 "*) [ $((0\${ds#* } & 022)) = 0 ] ;; *) false ;; esac || fail ${WRITE_EXIT.unsafeDir} "$dir is not owned by root or is writable by others; nothing was written with sudo."`,
  'fi',
  'if command -v flock >/dev/null 2>&1; then',
  `  exec 9<"$dir" && flock -w 30 9 || fail ${WRITE_EXIT.locked} "Another writer keeps $dir locked."`,
  // FILE.lock is filelock's convention: SageMaker's EMR connect holds
  // /etc/krb5.conf.lock while it rewrites /etc/krb5.conf.
  '  if [ -f "$p.lock" ] && [ ! -L "$p.lock" ]; then',
  `    exec 8<"$p.lock" && flock -w 30 8 || fail ${WRITE_EXIT.locked} "Another writer keeps $p.lock."`,
  '  fi',
  'else',
  '  l="$dir/.skr-lock" n=0',
  '  until e=$(mkdir -- "$l" 2>&1); do',
  // No lock there and none made: the file system refuses (full, read-only).
  '    if [ ! -d "$l" ]; then',
  '      e=$(mkdir -- "$l" 2>&1) && break',
  `      [ -d "$l" ] || fail ${WRITE_EXIT.failed} "$e"`,
  '    fi',
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
  // An empty file made meanwhile holds nothing to lose: a Sparkmagic kernel
  // creates an empty config.json when it starts and finds none.
  `  -) [ ! -s "$p" ] || { rm -f -- "$tmp"; fail ${WRITE_EXIT.changed} "$p was created since the content was prepared; nothing was written."; } ;;`,
  `  *) case $sums in *"$nl$expect "* | *"$nl\\\\$expect "*) ;; *) rm -f -- "$tmp"; fail ${WRITE_EXIT.changed} "$p changed since the content was prepared; nothing was written." ;; esac ;;`,
  'esac',
  'if [ -f "$p" ] && [ ! -O "$p" ]; then chown "$(stat -c %u:%g -- "$p" 2>/dev/null || stat -f %u:%g -- "$p")" "$tmp" 2>/dev/null; fi',
  'b=',
  'if [ -f "$p" ] && [ "$backup" = 1 ] && [ "$keepn" -gt 0 ]; then',
  '  b="$p.bak-$ts" n=1',
  // After the newest of this second, so pruning never takes the new one.
  '  for f in "$b"*; do if bkey "$f" && [ $((k % 10000)) -ge $n ]; then n=$((k % 10000 + 1)); fi; done',
  '  [ $n = 1 ] || b="$b.$n"',
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
  // The data must be on disk before the rename makes it the file: else a
  // crash could leave the new name with no content.
  'durable "$tmp" ${b:+"$b"}',
  '[ -L "$tmp" ] && linked',
  `mv -f -- "$tmp" "$p" || { rm -f -- "$tmp"; fail ${WRITE_EXIT.failed} "Cannot replace $p."; }`,
  `case $($H <"$p") in "$want "*) ;; *) fail ${WRITE_EXIT.verify} "$p does not read back as written." ;; esac`,
  '[ "$backup" = 1 ] && prune',
  // The rename lives in the directory; a new directory lives in its parent.
  'durable "$dir" ${made:+"${dir%/*}/"}',
  'printf \'written\\0%s\\0%s\\0\' "$p" "$b"'
].join('\n');

/**
 * Check before a batch, run as `sh -c SCRIPT sh PATH SHA EXPECT`: whether
 * the file is still as expected (or already has the new content), so a
 * changed file found in it stops the batch before any file is written.
 * Each commit checks again under its lock.
 */
export const CHECK_SCRIPT = [
  'p=$1 want=$2 expect=$3',
  HASHER,
  'if [ -L "$p" ]; then t=$(readlink -f -- "$p" && echo .); case $t in ?*.) p=${t%??} ;; esac; fi',
  // As in the commit: where none was expected, an empty file counts as none.
  'if [ -s "$p" ] || { [ -f "$p" ] && [ "$expect" != - ]; }; then s=$($H <"$p"); else s=-; fi',
  `case $s in "$expect" | "$expect "* | "$want "*) ;; *) echo "$p changed since the content was prepared; nothing was written." >&2; exit ${WRITE_EXIT.changed} ;; esac`
].join('\n');
