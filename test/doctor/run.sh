#!/usr/bin/env bash
# The doctor's fault-injection suite on a real stack of its own (MIT KDC + Apache Livy
# with SPNEGO and TLS + HAProxy as the NLB, Spark on Kerberized YARN), beside the
# end-to-end stack: its own load balancer name and address, KDC ports 65088-65090, Livy on
# 65086, Hadoop on 62100-62129.
#   test/doctor/run.sh [jest args]
# Starts the stack, runs the suite, always stops the stack. Needs root (/etc/hosts, port
# 88 on the NLB address). DOCTOR_RECORD_DIR=test/fixtures/doctor re-records the unit-test
# fixtures from the real runs.
set -uo pipefail
# shellcheck source=test/lib.sh
. "$(dirname "$0")/../lib.sh" doctor
use_venv
export STACK_DIR=${DOCTOR_STACK_DIR:-$ROOT/.work/stack-doctor}
export STACK_NLB_HOST=doctor-nlb.example.test
export STACK_NLB_ADDR=127.0.0.5
export STACK_NLB_PTR=ip-10-0-0-5.ec2.internal
export STACK_KDC_PORT=65088
export STACK_LIVY_PORT=65086
# On YARN, as on EMR: Verify Spark starts a real YARN application as the user.
export STACK_SPARK=yarn
export STACK_HADOOP_PORT_BASE=62100
export STACK_ENV=$STACK_DIR/stack.env

build_cli
# The real sparkmagic PySpark kernel, as the doctor must find it.
sparkmagic_kernels pysparkkernel

stack_start
npx jest -c test/doctor/jest.config.js -i "$@"
