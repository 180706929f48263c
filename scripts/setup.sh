#!/usr/bin/env bash
# Installs everything the demo and the tests need on a fresh Debian 12 machine:
# system packages, the project virtualenv (.venv), npm packages, the build, Livy 0.9.0,
# SparkR, Hadoop 3.4.1's jars (the stack's YARN mode).
set -euo pipefail
# shellcheck source=test/lib.sh
. "$(dirname "$0")/../test/lib.sh" setup
log() { printf '[setup] %s\n' "$*"; }

APT_PACKAGES=(krb5-kdc krb5-admin-server krb5-user haproxy chromium faketime shellcheck strace curl jq
  libkrb5-dev gcc libc6-dev sudo python3-venv maven openjdk-17-jre-headless r-base-core)
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
use_venv

log "npm ci"
npm ci --no-audit --no-fund --loglevel=error

log "build"
mkdir -p .work
npm run build >.work/build.log 2>&1 || { tail -40 .work/build.log; exit 1; }
jupyter labextension develop --overwrite . >/dev/null 2>&1 || pip install -q -e .

log "livy 0.9.0 with REPL jars"
need_livy
log "SparkR from the Apache Spark source"
test/stack/sparkr-build.sh >/dev/null || fail "no SparkR (test/stack/sparkr-build.sh says why above)"
log "hadoop 3.4.1 jars for the stack's YARN mode"
"$ROOT/test/stack/hadoop-fetch.sh" >/dev/null || fail 'resolving Hadoop from Maven Central failed'
log "sparkmagic kernelspecs"
sparkmagic_kernels --replace pysparkkernel sparkkernel sparkrkernel

if [ -f ui-tests/package.json ]; then
  log "ui-tests npm ci"
  (cd ui-tests && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
log "done"
