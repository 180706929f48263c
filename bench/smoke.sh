#!/usr/bin/env bash
# Every benchmark once, in its smallest form, so a broken import or a moved
# helper fails CI instead of rotting: the terminal channel (tiny N), the
# start-up benchmark (one load each way), the panel-ready benchmark (one load of each
# kind, against a loopback KDC only, about 35 s) and the Python benchmarks' imports
# (they need the test stack, which the e2e suite runs). No ratio is asserted.
# The .mjs scripts are also type-checked by `npm run typecheck`.
#   bench/smoke.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.venv/bin:$PATH"

BENCH_N=3 BENCH_N_NEW=2 BENCH_N_APPLY=2 bash bench/run.sh
node bench/startup.mjs --runs 1 --port 8950
bash bench/panel-ready.sh --kdc-only --runs 1 --port 8952
for script in bench/e2e_latency.py bench/lifecycle.py bench/yarn_session.py; do
  python "$script" --help >/dev/null
done
python -c 'import importlib.util as u, sys; s = u.spec_from_file_location("m", sys.argv[1]); s.loader.exec_module(u.module_from_spec(s))' bench/sparkmagic_http.py
bash -n bench/doctor.sh
echo 'bench smoke: every benchmark ran'
