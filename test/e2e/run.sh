#!/usr/bin/env bash
# End-to-end suite: MIT KDC + Apache Livy (SPNEGO, TLS) + HAProxy as the NLB + the real
# sparkmagic kernel, with the files the project's CLI renders.
#   test/e2e/run.sh [pytest args]
# Starts the stack (test/stack/stack.sh, whose inputs it passes on), runs pytest, always
# stops the stack. Needs root (/etc/hosts, port 88).
set -uo pipefail
# shellcheck source=test/lib.sh
. "$(dirname "$0")/../lib.sh" e2e
PY=$ROOT/.venv/bin/python
export STACK_DIR=${STACK_DIR:-$ROOT/.work/stack}
export STACK_ENV=$STACK_DIR/stack.env
# EMR: Livy runs every session and batch on Kerberized YARN (test/stack/yarn.sh).
export STACK_SPARK=${STACK_SPARK:-yarn}

need_venv
build_cli
# A copy of the CLI of its own: suites running beside this one rebuild lib-cli in place.
rm -rf "$ROOT/.work/e2e-cli" && mkdir -p "$ROOT/.work" && cp -r "$ROOT/lib-cli" "$ROOT/.work/e2e-cli"
export E2E_CLI=$ROOT/.work/e2e-cli/cli/main.js
# The stack's EMR step comes from that copy too.
export STACK_CLI=$E2E_CLI
# The real sparkmagic kernels (Python, Scala, R), installed into the virtualenv.
sparkmagic_kernels pysparkkernel sparkkernel sparkrkernel

start=$SECONDS
stack_start
echo "e2e: stack up in $((SECONDS - start)) s: $(grep -E '^export STACK_LIVY_(VERSION|HOME)=' "$STACK_ENV" | cut -c8- | tr '\n' ' ')"

cd test/e2e || exit 1
"$PY" -m pytest -p no:cacheprovider -rs -v --strict-markers "$@"
