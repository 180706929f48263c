#!/usr/bin/env bash
# Assembles an Apache Livy 0.9.0-incubating home from Maven Central by coordinates
# (test/stack/livy/pom.xml): jars/, rsc-jars/, repl_2.12-jars/. Nothing of Livy is kept in
# the project; Maven's local repository (~/.m2) caches the downloads.
#
#   test/stack/livy-fetch.sh [LIVY_HOME]     default: .work/livy-0.9.0-incubating
#
# Idempotent: a complete home (stamp file) is left alone. Exit 1 with the reason when
# Maven cannot resolve Livy.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LIVY_VERSION=0.9.0-incubating
LIVY_HOME=${1:-${LIVY_HOME:-$ROOT/.work/livy-$LIVY_VERSION}}
STAMP=$LIVY_HOME/.assembled
POM=$ROOT/test/stack/livy/pom.xml

log() { echo "livy-fetch: $*" >&2; }

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$(sha256sum <"$POM")" ]; then
  log "$LIVY_HOME is complete"
  exit 0
fi
command -v mvn >/dev/null || {
  log 'mvn not found (apt-get install maven)'
  exit 1
}

rm -rf "$LIVY_HOME/jars" "$LIVY_HOME/rsc-jars" "$LIVY_HOME/repl_2.12-jars" "$STAMP"
mkdir -p "$LIVY_HOME"
MVN_LOG=$LIVY_HOME/mvn.log
log "resolving Livy $LIVY_VERSION from Maven Central into $LIVY_HOME"
if ! mvn -B -ntp -U -f "$POM" package -Dlivy.home="$LIVY_HOME" >"$MVN_LOG" 2>&1; then
  grep -E '^\[ERROR\]' "$MVN_LOG" | head -5 >&2
  log "Maven could not assemble Livy $LIVY_VERSION (full log: $MVN_LOG)"
  exit 1
fi

# The server classpath must be all Scala 2.12: a _2.11 jar means the POM-default trap.
scala211=$(find "$LIVY_HOME/jars" -name '*_2.11*' -printf '%f ')
if [ -n "$scala211" ]; then
  log "Scala 2.11 jars on the server classpath: $scala211"
  exit 1
fi
# Spark refuses two jars of the same file name from rsc-jars and the REPL jars.
names() { find "$1" -maxdepth 1 -name '*.jar' -printf '%f\n' | sort; }
dups=$(comm -12 <(names "$LIVY_HOME/rsc-jars") <(names "$LIVY_HOME/repl_2.12-jars"))
if [ -n "$dups" ]; then
  log "jar names in both rsc-jars and repl_2.12-jars: $dups"
  exit 1
fi
sha256sum <"$POM" >"$STAMP"
log "done: $(names "$LIVY_HOME/jars" | wc -l) server jars"
