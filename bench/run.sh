#!/usr/bin/env bash
# Benchmark of the terminal channel (bench/runner.bench.ts): starts a loopback
# KDC (port 63088, so not while test/exec/run.sh runs), gets a service ticket
# with kinit -S from a keytab, runs the benchmark in jest against a real
# Jupyter server from .venv, and stops the KDC by PID.
#   bench/run.sh                  BENCH_N=200 BENCH_N_NEW=20 BENCH_N_APPLY=50 by default
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
[ -x "$ROOT/.venv/bin/jupyter-lab" ] || { echo "bench/run.sh: $ROOT/.venv/bin/jupyter-lab is missing (run scripts/setup.sh)" >&2; exit 1; }
export PATH="$ROOT/.venv/bin:$PATH"

BENCH_DIR=$(mktemp -d /tmp/bench-runner.XXXXXX)
cleanup() {
  test/kdc/realm.sh stop "$BENCH_DIR/kdc" >/dev/null 2>&1 || true
  rm -rf "$BENCH_DIR"
}
trap cleanup EXIT

eval "$(test/kdc/realm.sh start "$BENCH_DIR/kdc" EC2.INTERNAL 63088)"
export KRB5_CONFIG BENCH_DIR
KRB5CCNAME="FILE:$BENCH_DIR/cc" kinit -kt "$BENCH_DIR/kdc/user1.keytab" \
  -S HTTP/livy-nlb.example.test@EC2.INTERNAL user1@EC2.INTERNAL

npx jest -c jest.integration.config.js -i --silent --testRegex 'bench/runner\.bench\.ts$' "$@"
