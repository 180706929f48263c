#!/usr/bin/env bash
# Installs everything the demo and the tests need on a fresh Debian 12 machine:
# system packages, the project virtualenv (.venv), npm packages, the build, Livy 0.9.0.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
log() { printf '[setup] %s\n' "$*"; }

APT_PACKAGES=(krb5-kdc krb5-admin-server krb5-user haproxy chromium faketime shellcheck strace curl jq
  libkrb5-dev gcc libc6-dev sudo python3-venv maven openjdk-17-jre-headless)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "apt: ${missing[*]}"
  SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Installing krb5-config may create /etc/krb5.conf; tests never read it (KRB5_CONFIG everywhere).

if [ ! -x .venv/bin/python ]; then
  log "python venv"
  python3 -m venv .venv
fi
.venv/bin/pip install -q --disable-pip-version-check -r requirements-dev.txt

log "npm ci"
npm ci --no-audit --no-fund --loglevel=error

log "build"
mkdir -p .work
PATH="$ROOT/.venv/bin:$PATH" npm run build >.work/build.log 2>&1 || { tail -40 .work/build.log; exit 1; }
PATH="$ROOT/.venv/bin:$PATH" jupyter labextension develop --overwrite . >/dev/null 2>&1 ||
  PATH="$ROOT/.venv/bin:$PATH" .venv/bin/pip install -q -e .

log "livy 0.9.0 with REPL jars"
test/stack/livy-fetch.sh >/dev/null
log "sparkmagic kernelspecs"
SM_DIR=$(.venv/bin/python -c 'import os, sparkmagic; print(os.path.dirname(sparkmagic.__file__))')
for k in pysparkkernel sparkkernel sparkrkernel; do
  .venv/bin/jupyter-kernelspec install --sys-prefix --replace "$SM_DIR/kernels/$k" >/dev/null
done

if [ -f ui-tests/package.json ]; then
  log "ui-tests npm ci"
  (cd ui-tests && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
log "done"
