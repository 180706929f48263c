# Steps the bash harnesses share (test/*/run.sh, bench/*.sh, scripts/*.sh). Source it with
# the name the script's messages start with:
#   . "$(dirname "$0")/../lib.sh" exec
# It enters the repository root ($ROOT) and defines:
#   fail MSG...                  message on stderr, exit 1
#   at_exit CMD [ARG...]         run CMD when the script exits (last registered runs first)
#   need_venv / use_venv         .venv with JupyterLab must exist / and goes first on PATH
#   build_cli                    npm run build:cli (lib-cli/cli/main.js)
#   sparkmagic_kernels [--replace] NAME...   the real sparkmagic kernelspecs, into .venv
#   kdc_start DIR PORT           loopback realm EC2.INTERNAL (test/kdc/realm.sh) in DIR,
#                                KRB5_CONFIG exported; stopped by PID at exit
#   need_livy                    LIVY_HOME: Livy 0.9.0 with REPL jars (test/stack/livy-fetch.sh)
#   stack_start                  the KDC + Livy + HAProxy stack (test/stack/stack.sh),
#                                stopped at exit; STACK_* inputs pass through
# shellcheck shell=bash

HARNESS=${1:-$(basename "$0")}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 1

fail() {
  echo "$HARNESS: $*" >&2
  exit 1
}

# Each entry is one command, quoted with %q so that eval gives back the same words.
_AT_EXIT=()
_run_at_exit() {
  local cmd
  for cmd in "${_AT_EXIT[@]}"; do eval "$cmd" || true; done
}
at_exit() {
  _AT_EXIT=("$(printf '%q ' "$@")" "${_AT_EXIT[@]}")
  trap _run_at_exit EXIT
}

need_venv() {
  [ -x "$ROOT/.venv/bin/jupyter-lab" ] || fail "$ROOT/.venv has no JupyterLab (run scripts/setup.sh)"
}

use_venv() {
  need_venv
  export PATH="$ROOT/.venv/bin:$PATH"
}

build_cli() {
  npm run -s build:cli || fail 'building the CLI failed'
}

# Kernelspecs already known to Jupyter stay as they are unless --replace.
sparkmagic_kernels() {
  local replace=() dir k
  if [ "${1:-}" = --replace ]; then
    replace=(--replace)
    shift
  fi
  dir=$("$ROOT/.venv/bin/python" -c 'import os, sparkmagic; print(os.path.dirname(sparkmagic.__file__))') ||
    fail "sparkmagic is missing from $ROOT/.venv (run scripts/setup.sh)"
  for k in "$@"; do
    if [ ${#replace[@]} -gt 0 ] || ! "$ROOT/.venv/bin/jupyter-kernelspec" list 2>/dev/null | grep -qw "$k"; then
      "$ROOT/.venv/bin/jupyter-kernelspec" install --sys-prefix "${replace[@]}" "$dir/kernels/$k" >/dev/null ||
        fail "installing the $k kernelspec failed"
    fi
  done
}

kdc_start() {
  local dir=$1 port=$2 env
  # Registered first: a realm that started only in part is stopped too.
  at_exit _kdc_stop "$dir"
  env=$("$ROOT/test/kdc/realm.sh" start "$dir" EC2.INTERNAL "$port") || fail "the KDC on port $port did not start"
  eval "$env"
}
_kdc_stop() { "$ROOT/test/kdc/realm.sh" stop "$1" >/dev/null 2>&1; }

# Exported, so that test/stack/stack.sh takes this home as it is.
need_livy() {
  LIVY_HOME=$("$ROOT/test/stack/livy-fetch.sh") || fail 'no Livy with REPL jars (test/stack/livy-fetch.sh says above how to give one)'
  export LIVY_HOME
}

stack_start() {
  need_livy
  at_exit "$ROOT/test/stack/stack.sh" stop
  "$ROOT/test/stack/stack.sh" start || fail 'the stack did not start'
}
