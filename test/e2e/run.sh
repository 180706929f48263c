#!/usr/bin/env bash
# End-to-end suite: MIT KDC + Apache Livy (SPNEGO, TLS) + HAProxy as the NLB + the real
# sparkmagic kernel, with the files the project's CLI renders.
#   test/e2e/run.sh [pytest args]
# Starts the stack (test/stack/stack.sh, whose inputs it passes on), runs pytest, always
# stops the stack. Needs root (/etc/hosts, port 88).
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
PY=$ROOT/.venv/bin/python
export STACK_DIR=${STACK_DIR:-$ROOT/.work/stack}
export STACK_ENV=$STACK_DIR/stack.env

[ -x "$PY" ] || {
  echo 'e2e: .venv missing (scripts/setup.sh)' >&2
  exit 1
}
if [ ! -f lib-cli/cli/main.js ]; then
  npm run -s build:cli || {
    echo 'e2e: building the CLI failed' >&2
    exit 1
  }
fi

# The real sparkmagic kernels (Python, Scala, R), installed into the virtualenv.
for k in pysparkkernel sparkkernel sparkrkernel; do
  if ! "$ROOT/.venv/bin/jupyter-kernelspec" list 2>/dev/null | grep -qw "$k"; then
    kdir=$("$PY" -c "import os, sparkmagic; print(os.path.join(os.path.dirname(sparkmagic.__file__), 'kernels', '$k'))")
    "$ROOT/.venv/bin/jupyter-kernelspec" install --sys-prefix "$kdir" >/dev/null || exit 1
  fi
done

trap '"$ROOT/test/stack/stack.sh" stop' EXIT
start=$SECONDS
test/stack/stack.sh start || exit 1
echo "e2e: stack up in $((SECONDS - start)) s: $(grep -E '^export STACK_LIVY_(VERSION|HOME)=' "$STACK_ENV" | cut -c8- | tr '\n' ' ')"

cd test/e2e || exit 1
"$PY" -m pytest -p no:cacheprovider -rs -v --strict-markers "$@"
