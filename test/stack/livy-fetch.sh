#!/usr/bin/env bash
# Assembles an Apache Livy home from Maven Central by coordinates (test/stack/livy/pom.xml):
# jars/ (server), rsc-jars/ and, where published, repl_2.12-jars/. Nothing of Livy is kept
# in the project; Maven's local repository (~/.m2) caches the downloads.
#
#   test/stack/livy-fetch.sh [LIVY_HOME]     default: .work/livy
#
# The newest release Maven Central serves wins: LIVY_VERSIONS (default "0.9.0-incubating
# 0.7.1-incubating") is tried in order; a version Central does not have is logged with
# Maven's own words. The REPL jars (interactive sessions) are optional: without them Livy
# runs batches and answers a session request with "Cannot find Livy REPL jars.".
# LIVY_HOME/.assembled records what was assembled (read by test/stack/stack.sh):
#   pom=<sha256 of the POM>  version=<Livy version>  repl=1|0
# Idempotent: a complete home for the same POM is left alone. Exit 1 with the reason when
# no version can be assembled.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LIVY_VERSIONS=${LIVY_VERSIONS:-0.9.0-incubating 0.7.1-incubating}
LIVY_HOME=${1:-${LIVY_HOME:-$ROOT/.work/livy}}
STAMP=$LIVY_HOME/.assembled
POM=$ROOT/test/stack/livy/pom.xml

log() { echo "livy-fetch: $*" >&2; }
stamp_value() { sed -n "s/^$1=//p" "$STAMP" 2>/dev/null; }
pom_sum=$(sha256sum <"$POM" | cut -d' ' -f1)

if [ "$(stamp_value pom)" = "$pom_sum" ]; then
  log "$LIVY_HOME is complete (Livy $(stamp_value version), REPL jars: $(stamp_value repl))"
  exit 0
fi
command -v mvn >/dev/null || {
  log 'mvn not found (apt-get install maven)'
  exit 1
}

mkdir -p "$LIVY_HOME"
LIVY_HOME=$(cd "$LIVY_HOME" && pwd)
# The POM's build directory stays out of the source tree.
BUILD=$(mktemp -d)
trap 'rm -rf "$BUILD"' EXIT
cp "$POM" "$BUILD/pom.xml"

# mvn package for one version; on failure prints Maven's first error line.
assemble() {
  local mvn_log=$1
  shift
  if mvn -B -ntp -U -f "$BUILD/pom.xml" package -Dlivy.home="$LIVY_HOME" "$@" >"$mvn_log" 2>&1; then
    return 0
  fi
  grep -m1 -oE 'Could not find artifact [^ ]+ in [^ ]+ \([^)]*\)' "$mvn_log" ||
    grep -m1 '^\[ERROR\]' "$mvn_log" || tail -1 "$mvn_log"
  return 1
}

version=
for v in $LIVY_VERSIONS; do
  rm -rf "$LIVY_HOME/jars" "$LIVY_HOME/rsc-jars" "$LIVY_HOME/repl_2.12-jars" "$STAMP"
  log "resolving Livy $v from Maven Central into $LIVY_HOME"
  if why=$(assemble "$LIVY_HOME/mvn-$v.log" -Dlivy.version="$v"); then
    version=$v
    break
  fi
  log "Livy $v cannot be assembled: $why (log: $LIVY_HOME/mvn-$v.log)"
done
if [ -z "$version" ]; then
  log "no Livy version of [$LIVY_VERSIONS] could be assembled from Maven Central"
  exit 1
fi

# One Scala version on the server classpath, the one of its livy-core.
scala=$(find "$LIVY_HOME/jars" -name 'livy-core_*' -printf '%f\n' | sed -n 's/^livy-core_\(2\.1[0-9]\)-.*/\1/p')
[ -n "$scala" ] || {
  log "no livy-core jar in $LIVY_HOME/jars"
  exit 1
}
other=$(find "$LIVY_HOME/jars" -name '*_2.1[0-9]-*' ! -name "*_${scala}-*" -printf '%f ')
if [ -n "$other" ]; then
  log "jars of another Scala than $scala on the server classpath: $other"
  exit 1
fi

repl=0
if why=$(assemble "$LIVY_HOME/mvn-$version-repl.log" -Dlivy.version="$version" -Prepl); then
  repl=1
  # Spark refuses two jars of the same file name from rsc-jars and the REPL jars.
  names() { find "$1" -maxdepth 1 -name '*.jar' -printf '%f\n' | sort; }
  dups=$(comm -12 <(names "$LIVY_HOME/rsc-jars") <(names "$LIVY_HOME/repl_2.12-jars"))
  if [ -n "$dups" ]; then
    log "jar names in both rsc-jars and repl_2.12-jars: $dups"
    exit 1
  fi
else
  rm -rf "$LIVY_HOME/repl_2.12-jars"
  log "no REPL jars for Livy $version: $why; batches work, interactive sessions will answer 'Cannot find Livy REPL jars.'"
fi

printf 'pom=%s\nversion=%s\nrepl=%s\n' "$pom_sum" "$version" "$repl" >"$STAMP"
log "done: Livy $version, $(find "$LIVY_HOME/jars" -name '*.jar' | wc -l) server jars (Scala $scala), REPL jars: $repl"
