#!/usr/bin/env bash
# SparkR for the stack's Spark, which PyPI's pyspark lacks (no R/ under SPARK_HOME, so Livy
# cannot start an R interpreter). Builds the R package from the Apache Spark source archive
# at SPARKR_SRC (default ../shared/vendor/spark-3.5.1-R-pkg-src.tar.gz beside the clone),
# checked against test/stack/sparkr-src.sha256, with the steps of Spark's own
# R/install-dev.sh (R CMD INSTALL, then sparkr.zip), using Debian's r-base-core; no compiler,
# no CRAN. The result is cached under SPARKR_CACHE (default
# ~/.cache/jupyterlab-sparkmagic-kerberos) keyed by that checksum, so it is built once per
# machine.
#   sparkr-build.sh                          prints the home holding R/lib/{SparkR,sparkr.zip}
#   sparkr-build.sh PYSPARK_DIR OVERLAY      also writes OVERLAY: a SPARK_HOME of a symlink to
#                                            each entry of PYSPARK_DIR plus that R/, leaving
#                                            the virtualenv alone; prints OVERLAY
# Progress goes to stderr.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SRC_NAME=$(cut -d' ' -f3 "$ROOT/test/stack/sparkr-src.sha256")
SRC_SUM=$(cut -d' ' -f1 "$ROOT/test/stack/sparkr-src.sha256")
SPARKR_SRC=${SPARKR_SRC:-$ROOT/../shared/vendor/$SRC_NAME}
SPARKR_CACHE=${SPARKR_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jupyterlab-sparkmagic-kerberos}
VERSION=${SRC_NAME#spark-}
HOME_DIR=$SPARKR_CACHE/sparkr-${VERSION%%-*}-${SRC_SUM:0:16}

log() { echo "sparkr-build: $*" >&2; }
die() {
  log "$*"
  exit 1
}

built() { [ -f "$1/R/lib/SparkR/DESCRIPTION" ] && [ -s "$1/R/lib/sparkr.zip" ]; }

build() {
  [ -f "$SPARKR_SRC" ] || die "no SparkR source archive at $SPARKR_SRC (set SPARKR_SRC)"
  local got
  got=$(sha256sum "$SPARKR_SRC" | cut -d' ' -f1)
  [ "$got" = "$SRC_SUM" ] ||
    die "$SPARKR_SRC has SHA-256 $got, expected $SRC_SUM (test/stack/sparkr-src.sha256): not built"
  command -v R >/dev/null || die 'R not found (apt-get install r-base-core): SparkR cannot be built'
  local start=$SECONDS
  build=$(mktemp -d)
  trap 'rm -rf "$build"' EXIT
  log "building SparkR from $SPARKR_SRC (log $SPARKR_CACHE/sparkr-build.log)"
  mkdir -p "$SPARKR_CACHE"
  tar -xzf "$SPARKR_SRC" -C "$build"
  local r
  r=$(find "$build" -mindepth 2 -maxdepth 2 -name R -type d)
  mkdir -p "$r/lib"
  {
    R CMD INSTALL --library="$r/lib" "$r/pkg/" &&
      (cd "$r/lib" && python3 -m zipfile -c sparkr.zip SparkR)
  } >"$SPARKR_CACHE/sparkr-build.log" 2>&1 ||
    die "R CMD INSTALL failed: $(tail -3 "$SPARKR_CACHE/sparkr-build.log")"
  mkdir -p "$build/home/R" && mv "$r/lib" "$build/home/R/lib"
  built "$build/home" || die "the build left no R/lib/SparkR and R/lib/sparkr.zip"
  # Renamed into place whole: a concurrent stack sees the old state or the finished one.
  rm -rf "$HOME_DIR.tmp.$$" && mv "$build/home" "$HOME_DIR.tmp.$$"
  mv -T "$HOME_DIR.tmp.$$" "$HOME_DIR" 2>/dev/null || rm -rf "$HOME_DIR.tmp.$$"
  log "built in $((SECONDS - start)) s: $HOME_DIR"
}

built "$HOME_DIR" || build
if [ $# -eq 0 ]; then
  echo "$HOME_DIR"
  exit 0
fi
[ $# -eq 2 ] || die 'usage: sparkr-build.sh [PYSPARK_DIR OVERLAY]'
pyspark=$1 overlay=$2
[ -d "$pyspark/jars" ] || die "$pyspark is not a Spark home (no jars/)"
rm -rf "$overlay"
mkdir -p "$overlay"
for e in "$pyspark"/*; do
  [ "$(basename "$e")" = R ] || ln -s "$e" "$overlay/"
done
ln -s "$HOME_DIR/R" "$overlay/R"
echo "$overlay"
