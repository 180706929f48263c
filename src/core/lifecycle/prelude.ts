/**
 * The start of every on-start script: fixed paths, logging with a prefix and
 * the step name, the failure message, and the helpers the steps share.
 * Bash, `set -euo pipefail`; shellcheck-clean (test/lifecycle checks it).
 */
import { shellQuote } from '../terminal/shell';
import { LifecyclePlatform, layoutOf } from './options';

/** Studio runs the script as the user: their own steps need no sudo. */
const AS_SELF = String.raw`  if [ "$(id -u "$u")" = "$(id -u)" ]; then (umask 022; "$@"); return; fi
`;

/** Moves what the image put at a path onto the persistent volume (notebook instances). */
const KEEP = String.raw`# keep LINK DIR: LINK -> DIR; LINK's content moves into an empty DIR, else aside
keep() {
  if [ "$(readlink "$1")" = "$2" ]; then return 0; fi
  if [ -d "$1" ] && [ ! -L "$1" ] && [ -z "$(ls -A "$2")" ]; then
    cp -a "$1/." "$2/"; rm -rf "$1"; log "moved $1 into $2"
  elif [ -e "$1" ] || [ -L "$1" ]; then
    mv "$1" "$1.bak-$TS"; log "kept the previous $1 as $1.bak-$TS"
  fi
  ln -s "$2" "$1"; log "linked $1 -> $2"
}
`;

/** Names of the helper functions, shipped to `as` so user-side steps can use them. */
export const HELPERS = 'log fail put keep';

export function prelude(
  profileName: string,
  platform: LifecyclePlatform = 'notebook'
): string {
  const studio = platform === 'studio';
  const layout = layoutOf(platform);
  const name = shellQuote(profileName).replace(/\n/g, ' ');
  const runs = studio
    ? `Runs as ${layout.user} at every start of a Studio JupyterLab space (sudo only where
# root is needed)`
    : "Runs as root at every start (the env's Python as its owner)";
  return String.raw`#!/bin/bash
# SageMaker on-start script for the profile ${name} (sparkmagic-kerberos lifecycle).
# ${runs}; safe to rerun.
set -euo pipefail
U=${layout.user}
H=${layout.home}
E=${layout.env}
P=${layout.state}
X=$E/share/jupyter/labextensions/jupyterlab-sparkmagic-kerberos/package.json
S=$E/share/jupyter/lab/settings/overrides.d/jupyterlab-sparkmagic-kerberos.json
${studio ? '' : 'J=/etc/profile.d/jupyter-env.sh\nBG=/var/log/sparkmagic-kerberos.log\n'}TS=$(date +%Y%m%d%H%M%S)
STEP=start
T=$(mktemp -d)
chmod 755 "$T"
log() { echo "[sparkmagic-kerberos] $STEP: $*"; }
step() { STEP=$1; shift; log "$*"; }
fail() { log "ERROR: $*" >&2; exit 1; }
bye() {
  local rc=$?
  rm -rf "$T"
  if [ $rc != 0 ]; then echo "[sparkmagic-kerberos] FAILED in step $STEP (exit $rc); files in place were left as they were" >&2; fi
}
trap bye EXIT
# put FILE MODE <TEXT: synced temp renamed over FILE (or its target)
put() {
  local f=$1 t s
  if [ -L "$f" ]; then f=$(readlink -f -- "$1") || fail "cannot follow $1"; fi
  t=$(mktemp "$f.XXXXXX")
  cat >"$t"
  chmod "$2" "$t"
  if cmp -s "$t" "$f"; then rm -f "$t"; chmod "$2" "$f"; log "unchanged: $f"; return 0; fi
  if [ -e "$f" ]; then cp -p "$f" "$f.bak-$TS"; fi
  s=$(sha256sum <"$t")
  { sync -- "$t" 2>/dev/null && mv -f "$t" "$f" && sync -- "${'$'}{f%/*}" 2>/dev/null; } || fail "cannot write $f"
  [ "$(sha256sum <"$f")" = "$s" ] || fail "read-back of $f differs"
  log "wrote $f"
}
${studio ? '' : KEEP}# as USER FUNC ARGS: FUNC run as USER (root never writes through user links)
as() {
  local u=$1; shift
${studio ? AS_SELF : ''}  sudo -u "$u" -H -- bash -c "set -euo pipefail; umask 022; $(declare -p U H E P X S T TS STEP); $(declare -f ${studio ? 'log fail put' : HELPERS} "$1"); \"\$@\"" as "$@"
}
`;
}
