#!/usr/bin/env bash
# UI tests for CI: galata in real JupyterLab 4.6 and Notebook 7 with Debian's
# Chromium, against a loopback MIT KDC. Builds and links the extension,
# installs the test dependencies (npm ci, no browser download), runs
# Playwright with the list reporter, then the Studio space's test against its
# own server under /jupyterlab/default (playwright.studio.config.js); with
# arguments, only the first run, with them. Playwright stops the Jupyter
# server it started; the global teardown (or the trap below) stops the KDC by PID.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
REPO=$(cd .. && pwd)
export PATH="$REPO/.venv/bin:$PATH"
export UI_TESTS_WORK="${UI_TESTS_WORK:-$REPO/.work/ui-tests}"

for need in /usr/bin/chromium krb5kdc kadmind kinit; do
  command -v "$need" >/dev/null || { echo "ui-tests: $need is missing" >&2; exit 1; }
done
[ -x "$REPO/.venv/bin/jupyter-lab" ] || { echo "ui-tests: $REPO/.venv has no JupyterLab" >&2; exit 1; }

(cd "$REPO" && npm run build)
(cd "$REPO" && jupyter labextension develop --overwrite . >/dev/null)
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

stop_kdc() { bash "$REPO/test/kdc/realm.sh" stop "$UI_TESTS_WORK/realm" >/dev/null 2>&1 || true; }
trap stop_kdc EXIT
rm -rf "$UI_TESTS_WORK"
cd "$HERE"
status=0
npx playwright test --reporter=list "$@" || status=$?
if [ $# -eq 0 ]; then
  npx playwright test --reporter=list --config playwright.studio.config.js || status=$?
fi
[ "$status" -eq 0 ]
