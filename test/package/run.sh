#!/usr/bin/env bash
# The package as users get it: build the wheel, check its `sparkmagic-kerberos`
# console script from a fresh virtualenv (test/package/cli.sh), install it into
# fresh virtualenvs with JupyterLab 4.6 and with the oldest supported JupyterLab,
# check that `jupyter labextension list` reports it enabled and OK, and that the
# panel loads in real Chromium on the oldest one.
set -euo pipefail
# shellcheck source=test/lib.sh
. "$(dirname "$0")/../lib.sh" package
need_venv
OLDEST=${OLDEST_JUPYTERLAB:-4.0.13}
WORK=$(mktemp -d /tmp/smk-package.XXXXXX)
at_exit rm -rf "$WORK"

PATH="$ROOT/.venv/bin:$PATH" .venv/bin/python -m build --wheel --no-isolation --outdir "$WORK/dist" . >"$WORK/build.log" 2>&1 ||
  { tail -30 "$WORK/build.log"; exit 1; }
WHEEL=$(ls "$WORK"/dist/*.whl)
echo "[package] built $(basename "$WHEEL")"
bash test/package/cli.sh "$WHEEL"

check_env() {
  local venv=$1 lab=$2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "jupyterlab==$lab" "$WHEEL"
  local listing
  listing=$("$venv/bin/jupyter" labextension list 2>&1 | sed 's/\x1b\[[0-9;]*m//g')
  echo "$listing" | grep -E 'jupyterlab-sparkmagic-kerberos v[0-9.]+ enabled.*OK' ||
    { echo "$listing"; echo "[package] extension not enabled/OK with JupyterLab $lab"; return 1; }
  echo "[package] JupyterLab $lab lists the extension enabled and OK"
}

check_env "$WORK/lab46" 4.6.6
check_env "$WORK/oldest" "$OLDEST"

PORT=18871
"$WORK/oldest/bin/jupyter" lab --allow-root --no-browser --port=$PORT --port-retries=0 \
  --ServerApp.token= --ServerApp.password= --ServerApp.root_dir="$WORK" \
  --ServerApp.disable_check_xsrf=True >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
stop_server() { kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; }
at_exit stop_server
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/api" >/dev/null && break
  sleep 1
done
node test/package/smoke.js "http://127.0.0.1:$PORT/lab" || { tail -40 "$WORK/server.log"; exit 1; }
echo "[package] the panel loads in JupyterLab $OLDEST"
