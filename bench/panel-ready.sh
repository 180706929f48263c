#!/usr/bin/env bash
# The panel-ready benchmark (bench/panel-ready.mjs): app.restored to the panel's first
# actionable state, idle and under CPU load, against the ratio to one klist through
# the same hidden terminal.
#   bench/panel-ready.sh [--kdc-only] [--runs N] [--port P]     (runs 10, port 8940)
# By default against the demo's stack with Spark local (test/stack/stack.sh, its STACK_*
# variables pass through): KDC, Livy and HAProxy. A stack already up at STACK_DIR is
# used and left running; one started here is stopped at exit. --kdc-only: a loopback
# KDC on port 63288 instead (CI's smoke run): the first actionable state needs klist,
# the environment probe and the files check, none of which reach Livy.
set -euo pipefail
# shellcheck source=test/lib.sh
. "$(dirname "$0")/../test/lib.sh" panel-ready
use_venv

kdc_only=0
args=()
for arg in "$@"; do
  if [ "$arg" = --kdc-only ]; then kdc_only=1; else args+=("$arg"); fi
done

if [ "$kdc_only" = 1 ]; then
  work=$(mktemp -d /tmp/bench-panel-ready.XXXXXX)
  at_exit rm -rf "$work"
  kdc_start "$work/kdc" 63288
  cat >"$work/profile.json" <<JSON
{
  "name": "loopback",
  "realm": "EC2.INTERNAL",
  "kdcs": ["127.0.0.1:63288"],
  "adminServer": "127.0.0.1:63290",
  "livyUrl": "https://livy-nlb.example.test:8998",
  "clusterDomain": "",
  "ticketMode": "service",
  "principal": "user1",
  "lifetime": "10h",
  "renewLifetime": "7d",
  "kernels": ["python", "scala", "r"]
}
JSON
  profile=$work/profile.json
  keytab=$work/kdc/user1.keytab
else
  export STACK_SPARK=${STACK_SPARK:-local}
  STACK_DIR=${STACK_DIR:-$ROOT/.work/stack}
  export STACK_DIR
  if [ ! -f "$STACK_DIR/stack.env" ]; then stack_start; fi
  # shellcheck source=/dev/null
  . "$STACK_DIR/stack.env"
  profile=$STACK_PROFILE
  keytab=$STACK_KDC_DIR/user1.keytab
fi
node bench/panel-ready.mjs --profile "$profile" --keytab "$keytab" ${args[@]+"${args[@]}"}
