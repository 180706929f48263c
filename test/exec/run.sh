#!/usr/bin/env bash
# Integration suite of the terminal channel (src/exec): a real Jupyter server
# from the project's virtualenv and a loopback MIT KDC on port 63088.
#
#   test/exec/run.sh [jest args...]      e.g. test/exec/run.sh test/exec/files.spec.ts
#
# Needs: .venv (jupyterlab), node_modules, krb5-kdc + krb5-admin-server + krb5-user.
# Starts the KDC, runs jest, stops the KDC by PID, then fails if any hidden
# terminal shell (or its scratch files) outlived the suite.
set -euo pipefail

# shellcheck source=test/lib.sh
. "$(dirname "$0")/../lib.sh" exec
use_venv

KDC_DIR=$(mktemp -d /tmp/exec-kdc.XXXXXX)
at_exit rm -rf "$KDC_DIR"
kdc_start "$KDC_DIR" 63088
export EXEC_KDC_DIR=$KDC_DIR

# Terminal shells carry JUPYTER_SERVER_ROOT (terminado sets it); one whose
# server is gone (re-parented to PID 1) and that was not there before leaked.
orphan_shells() {
  for p in /proc/[0-9]*; do
    [ "$(awk '{print $4}' "$p/stat" 2>/dev/null)" = 1 ] || continue
    if grep -qa 'JUPYTER_SERVER_ROOT=' "$p/environ" 2>/dev/null; then echo "${p#/proc/}"; fi
  done | sort
}
before=$(orphan_shells)

status=0
npx jest -c jest.integration.config.js -i --silent "$@" || status=$?

sleep 1
left=$(comm -13 <(echo "$before") <(orphan_shells) | grep . || true)
if [ -n "$left" ]; then
  echo "exec: terminal processes outlived their server: $left" >&2
  ps -o pid,ppid,args -p "$(echo "$left" | paste -sd,)" >&2 || true
  status=1
fi
exit "$status"
