#!/usr/bin/env bash
# Doctor timings on the real stack (KDC + Livy + HAProxy as the NLB), healthy and with a
# hung KDC (accepts TCP, never answers), each against a baseline measured in the same
# run: the hand check a user would do (klist + curl --negotiate GET /sessions) for the
# healthy case, a plain kinit against the hung KDC for the other.
#   bench/doctor.sh [RUNS]        (default 5; needs root like test/doctor/run.sh)
set -uo pipefail
# shellcheck source=test/lib.sh
. "$(dirname "$0")/../test/lib.sh" bench
RUNS=${1:-5}
use_venv
export STACK_DIR=$ROOT/.work/stack-doctor-bench
export STACK_NLB_HOST=bench-nlb.example.test STACK_NLB_ADDR=127.0.0.7 STACK_NLB_PTR=ip-10-0-0-7.ec2.internal
export STACK_KDC_PORT=65094 STACK_LIVY_PORT=65097
HUNG_PORT=65099
CLI=$ROOT/lib-cli/cli/main.js

build_cli
WS=$(mktemp -d "${TMPDIR:-/tmp}/doctor-bench.XXXXXX")
at_exit rm -rf "$WS"
stack_start >/dev/null
# shellcheck disable=SC1091
. "$STACK_DIR/stack.env"

mkdir -p "$WS/home/.sparkmagic"
cp "$STACK_PROFILE" "$WS/profile.json"
node "$CLI" render-krb5 --profile "$WS/profile.json" >"$WS/krb5.conf"
node "$CLI" render-sparkmagic --profile "$WS/profile.json" >"$WS/home/.sparkmagic/config.json"
python3 -c "
import json, sys
p = json.load(open('$WS/profile.json')); p['kdcs'] = ['127.0.0.1:$HUNG_PORT']
json.dump(p, open('$WS/profile-hung.json', 'w'))"
node "$CLI" render-krb5 --profile "$WS/profile-hung.json" >"$WS/krb5-hung.conf"
run_env=(env -i "PATH=$PATH" "HOME=$WS/home" "KRB5CCNAME=FILE:$WS/cc" "REQUESTS_CA_BUNDLE=$STACK_CA_BUNDLE")
echo user1pw | "${run_env[@]}" KRB5_CONFIG="$WS/krb5.conf" kinit -S "HTTP/$STACK_NLB_HOST@$STACK_REALM" user1 >/dev/null || exit 1

# A KDC that accepts TCP connections and never answers.
python3 -c "
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', $HUNG_PORT)); s.listen(64); held = []
while True: held.append(s.accept()[0])" &
at_exit kill $!
sleep 0.5

ms() { echo $(($(date +%s%N) / 1000000)); }
# time_of CMD...: wall ms of one run.
time_of() {
  local s
  s=$(ms)
  "$@" >/dev/null 2>&1
  echo $(($(ms) - s))
}
stats() { sort -n | awk '{a[NR]=$1} END {printf "%d %d %d", a[int((NR+1)/2)], a[1], a[NR]}'; }

hand_check() {
  "${run_env[@]}" KRB5_CONFIG="$WS/krb5.conf" sh -c \
    "klist -s && curl -sS --negotiate -u : --cacert '$STACK_CA_BUNDLE' -o /dev/null '$STACK_LIVY_URL/sessions'"
}
doctor() { "${run_env[@]}" KRB5_CONFIG="$WS/$2" node "$CLI" doctor --profile "$WS/$1" --json; }
hung_kinit() { "${run_env[@]}" KRB5_CONFIG="$WS/krb5-hung.conf" kinit -c "FILE:$WS/probe" user1 </dev/null; }

doctor profile.json krb5.conf >/dev/null 2>&1 # warm caches (Python, jars of nothing)
read -r base_p50 base_min base_max < <(for _ in $(seq "$RUNS"); do time_of hand_check; done | stats)
read -r ok_p50 ok_min ok_max < <(for _ in $(seq "$RUNS"); do time_of doctor profile.json krb5.conf; done | stats)
read -r hung_p50 hung_min hung_max < <(for _ in $(seq "$RUNS"); do time_of doctor profile-hung.json krb5-hung.conf; done | stats)
kinit_ms=$(time_of hung_kinit)

printf '%-48s %8s %8s %8s\n' 'case (wall ms, '"$RUNS"' runs)' p50 min max
printf '%-48s %8d %8d %8d\n' 'hand check: klist + curl --negotiate' "$base_p50" "$base_min" "$base_max"
printf '%-48s %8d %8d %8d\n' 'doctor, healthy (17 checks)' "$ok_p50" "$ok_min" "$ok_max"
printf '%-48s %8d %8d %8d\n' 'doctor, hung KDC' "$hung_p50" "$hung_min" "$hung_max"
printf '%-48s %8d\n' 'plain kinit against the hung KDC (1 run)' "$kinit_ms"
awk -v a="$ok_p50" -v b="$base_p50" -v h="$hung_p50" -v k="$kinit_ms" 'BEGIN {
  printf "healthy doctor / hand check: %.1fx\n", a / b
  printf "hung-KDC doctor / plain kinit: %.2fx (budget 8000 ms: %s)\n", h / k, (h <= 8000 ? "met" : "MISSED")
}'
