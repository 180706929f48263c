#!/usr/bin/env bash
# The doctor's fault-injection suite on a real stack of its own (MIT KDC + Apache Livy
# with SPNEGO and TLS + HAProxy as the NLB), beside the end-to-end stack: its own load
# balancer name and address, KDC ports 65088-65090, Livy on 65086.
#   test/doctor/run.sh [jest args]
# Starts the stack, runs the suite, always stops the stack. Needs root (/etc/hosts, port
# 88 on the NLB address). DOCTOR_RECORD_DIR=test/fixtures/doctor re-records the unit-test
# fixtures from the real runs.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
export PATH="$ROOT/.venv/bin:$PATH"
export STACK_DIR=${DOCTOR_STACK_DIR:-$ROOT/.work/stack-doctor}
export STACK_NLB_HOST=doctor-nlb.example.test
export STACK_NLB_ADDR=127.0.0.5
export STACK_NLB_PTR=ip-10-0-0-5.ec2.internal
export STACK_KDC_PORT=65088
export STACK_LIVY_PORT=65086
export STACK_ENV=$STACK_DIR/stack.env

[ -x .venv/bin/python ] || {
  echo 'doctor: .venv missing (scripts/setup.sh)' >&2
  exit 1
}
npm run -s build:cli || {
  echo 'doctor: building the CLI failed' >&2
  exit 1
}
# The real sparkmagic PySpark kernel, as the doctor must find it.
if ! jupyter-kernelspec list 2>/dev/null | grep -qw pysparkkernel; then
  kdir=$(python -c 'import os, sparkmagic; print(os.path.join(os.path.dirname(sparkmagic.__file__), "kernels", "pysparkkernel"))')
  jupyter-kernelspec install --sys-prefix "$kdir" >/dev/null || exit 1
fi

trap 'test/stack/stack.sh stop' EXIT
test/stack/stack.sh start || exit 1
npx jest -c test/doctor/jest.config.js -i "$@"
