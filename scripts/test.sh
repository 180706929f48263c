#!/usr/bin/env bash
# Runs every test suite: lint, unit + property tests, the package check, the
# terminal-channel integration suite, the end-to-end stack (KDC, Livy, HAProxy,
# sparkmagic), the doctor's fault injection, the SageMaker lifecycle run and the
# galata UI suite. Installs what it needs first (scripts/setup.sh).
# Every suite runs even when an earlier one fails; the exit code is non-zero if any failed.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/.venv/bin:$PATH"

if [ "${SKIP_SETUP:-}" != 1 ]; then
  bash scripts/setup.sh || { echo '[test] setup failed'; exit 1; }
fi

# Property tests run 10 000 cases each in CI, fewer on request for a quick local loop.
if [ "${CI:-}" = true ]; then export FC_NUM_RUNS=10000; fi

declare -a RESULTS=()
failed=0
suite() {
  local name=$1; shift
  local start=$SECONDS
  printf '\n===== %s =====\n' "$name"
  if "$@"; then
    RESULTS+=("PASS  $name ($((SECONDS - start)) s)")
  else
    RESULTS+=("FAIL  $name ($((SECONDS - start)) s)")
    failed=1
  fi
}

only=${SUITES:-lint unit package exec bench e2e doctor lifecycle ui}
for s in $only; do
  case $s in
    lint) suite lint npm run -s lint:check ;;
    unit) suite 'unit + property tests' npx jest --ci ;;
    package) suite 'package (wheel, labextension list, oldest JupyterLab)' bash test/package/run.sh ;;
    exec) suite 'terminal channel (real Jupyter server + KDC)' bash test/exec/run.sh ;;
    bench) suite 'benchmarks, smoke (tiny N, nothing asserted)' bash bench/smoke.sh ;;
    e2e) suite 'end to end (KDC + Livy + HAProxy + sparkmagic)' bash test/e2e/run.sh ;;
    doctor) suite 'doctor fault injection' bash test/doctor/run.sh ;;
    lifecycle) suite 'SageMaker lifecycle configuration' bash test/lifecycle/run.sh ;;
    ui) suite 'UI (galata, JupyterLab + Notebook 7 in Chromium)' bash ui-tests/run.sh ;;
    *) echo "unknown suite $s"; failed=1 ;;
  esac
done

printf '\n===== summary =====\n'
printf '%s\n' "${RESULTS[@]}"
exit $failed
