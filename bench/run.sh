#!/usr/bin/env bash
# Benchmark of the terminal channel (bench/runner.bench.ts): starts a loopback
# KDC (port 63088, so not while test/exec/run.sh runs), gets a service ticket
# with kinit -S from a keytab, runs the benchmark in jest against a real
# Jupyter server from .venv, and stops the KDC by PID.
#   bench/run.sh                  BENCH_N=200 BENCH_N_NEW=20 BENCH_N_APPLY=50 by default
set -euo pipefail

# shellcheck source=test/lib.sh
. "$(dirname "$0")/../test/lib.sh" bench
use_venv

BENCH_DIR=$(mktemp -d /tmp/bench-runner.XXXXXX)
at_exit rm -rf "$BENCH_DIR"
kdc_start "$BENCH_DIR/kdc" 63088
export BENCH_DIR
KRB5CCNAME="FILE:$BENCH_DIR/cc" kinit -kt "$BENCH_DIR/kdc/user1.keytab" \
  -S HTTP/livy-nlb.example.test@EC2.INTERNAL user1@EC2.INTERNAL

npx jest -c jest.integration.config.js -i --silent --testRegex 'bench/runner\.bench\.ts$' "$@"
