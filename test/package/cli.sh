#!/usr/bin/env bash
# The command line as pip gives it: installs WHEEL alone (no index, no other
# package) into a fresh virtualenv and runs its `sparkmagic-kerberos` console
# script: with Node.js on PATH or named by NODE, with none, and with one too old.
#   test/package/cli.sh WHEEL
set -euo pipefail
cd "$(dirname "$0")/../.."
WHEEL=$(realpath "$1")
WORK=$(mktemp -d /tmp/smk-cli.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
VERSION=$(node -p 'require("./package.json").version')
MIN=$(node -p 'require("./package.json").engines.node.match(/\d+/)[0]')
NODE_BIN=$(command -v node)

fail() { echo "[package] cli: $*" >&2; exit 1; }
# run NAME EXPECTED_STATUS CMD...: runs CMD, keeps its stdout/stderr in $WORK/NAME.{out,err}.
run() {
  local name=$1 want=$2 status=0
  shift 2
  "$@" <"${STDIN:-/dev/null}" >"$WORK/$name.out" 2>"$WORK/$name.err" || status=$?
  [ "$status" = "$want" ] ||
    fail "$name: exit $status, wanted $want; stderr: $(cat "$WORK/$name.err")"
}

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q --disable-pip-version-check --no-index --no-deps "$WHEEL"
SMK=$WORK/venv/bin/sparkmagic-kerberos
[ -x "$SMK" ] || fail "the wheel installs no sparkmagic-kerberos script"
export -n NODE

run version 0 "$SMK" --version
[ "$(cat "$WORK/version.out")" = "sparkmagic-kerberos $VERSION" ] ||
  fail "--version printed '$(cat "$WORK/version.out")'"

run help 0 "$SMK" --help
for c in parse-klist explain render-krb5 render-sparkmagic doctor lifecycle emr-step; do
  grep -q "^  $c " "$WORK/help.out" || fail "--help does not list $c"
done
run doctor-help 0 "$SMK" doctor -h
head -1 "$WORK/doctor-help.out" | grep -q '^usage: sparkmagic-kerberos doctor --profile FILE' ||
  fail "doctor -h printed: $(head -3 "$WORK/doctor-help.out")"

# A real answer on stdout, and the CLI's own exit statuses come through.
printf 'kinit: Preauthentication failed while getting initial credentials\n' >"$WORK/kinit.txt"
STDIN=$WORK/kinit.txt run explain 0 "$SMK" explain
grep -q '"code":"WRONG_PASSWORD"' "$WORK/explain.out" || fail "explain printed $(cat "$WORK/explain.out")"
run usage 2 "$SMK" doctor
# The EMR step: a script the wheel carries as a file of its own, with the profile's values.
printf '{"name":"emr","realm":"EC2.INTERNAL","kdcs":["livy-nlb.example.test"],"livyUrl":"https://livy-nlb.example.test:8998","principal":"user1"}' >"$WORK/profile.json"
run emr-step 0 "$SMK" emr-step --profile "$WORK/profile.json"
head -1 "$WORK/emr-step.out" | grep -qx '#!/bin/bash' && grep -qx 'NLB_HOST=livy-nlb.example.test' "$WORK/emr-step.out" &&
  bash -n "$WORK/emr-step.out" || fail "emr-step printed: $(head -3 "$WORK/emr-step.out")"
[ "$(wc -l <"$WORK/usage.err")" = 1 ] || fail "a usage error took more than one line"

# Node.js found through NODE alone, PATH holding only the virtualenv.
run node-env 0 env PATH="$WORK/venv/bin" NODE="$NODE_BIN" "$SMK" --version

# No Node.js: one line naming the minimum version, exit 127, nothing on stdout.
run no-node 127 env PATH="$WORK/venv/bin" "$SMK" --version
grep -q "needs Node.js $MIN or newer" "$WORK/no-node.err" || fail "no-node said: $(cat "$WORK/no-node.err")"
[ "$(wc -l <"$WORK/no-node.err")" = 1 ] && [ ! -s "$WORK/no-node.out" ] || fail "no-node output is not one line on stderr"
run no-node-env 127 env PATH="$WORK/venv/bin" NODE="$WORK/none" "$SMK" --version
grep -q "NODE=$WORK/none is not an executable" "$WORK/no-node-env.err" || fail "bad NODE said: $(cat "$WORK/no-node-env.err")"

# A Node.js older than the minimum is named with its version and refused.
mkdir "$WORK/old"
printf '#!/bin/sh\necho v%s.0.0\n' "$((MIN - 2))" >"$WORK/old/node"
chmod +x "$WORK/old/node"
run old-node 127 env PATH="$WORK/old:$WORK/venv/bin" "$SMK" --version
grep -q "needs Node.js $MIN or newer; $WORK/old/node is v$((MIN - 2)).0.0" "$WORK/old-node.err" ||
  fail "old node said: $(cat "$WORK/old-node.err")"

echo "[package] the wheel's sparkmagic-kerberos runs the CLI with Node.js $("$NODE_BIN" --version) and refuses a missing or older one"
