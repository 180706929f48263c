#!/usr/bin/env bash
# Yields the classpath of Hadoop 3.4.1's daemons (NameNode, DataNode, ResourceManager,
# NodeManager) resolved from Maven Central by test/stack/hadoop/pom.xml. The jars land in
# Maven's local repository (~/.m2, about 95 MB); the classpath file is cached under
# HADOOP_CACHE (default ~/.cache/jupyterlab-sparkmagic-kerberos, beside the Livy build)
# keyed by the pom's checksum, so it resolves once per machine (about 70 s cold).
# Prints the classpath file on stdout; progress goes to stderr.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
POM=$ROOT/test/stack/hadoop/pom.xml
HADOOP_CACHE=${HADOOP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jupyterlab-sparkmagic-kerberos}
SUM=$(sha256sum "$POM" | cut -c1-16)
CP=$HADOOP_CACHE/hadoop-3.4.1-$SUM.cp

log() { echo "hadoop-fetch: $*" >&2; }

# Every jar named still exists (~/.m2 may have been cleaned since).
complete() {
  local jar
  [ -s "$1" ] || return 1
  while IFS= read -r -d: jar; do [ -f "$jar" ] || return 1; done < <(tr -d '\n' <"$1" && echo :)
}

if complete "$CP"; then
  log "cached: $CP"
  echo "$CP"
  exit 0
fi
command -v mvn >/dev/null || { log 'mvn not found (apt-get install maven)'; exit 1; }
mkdir -p "$HADOOP_CACHE"
log 'resolving Hadoop 3.4.1 from Maven Central (about 70 s the first time)'
start=$SECONDS
mvn -B -ntp -q -f "$POM" dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$CP.tmp" >"$HADOOP_CACHE/hadoop-fetch.log" 2>&1 || {
  log "Maven failed: $(grep -m1 '^\[ERROR\]' "$HADOOP_CACHE/hadoop-fetch.log" || tail -1 "$HADOOP_CACHE/hadoop-fetch.log")"
  exit 1
}
complete "$CP.tmp" || { log "Maven gave an incomplete classpath ($CP.tmp)"; exit 1; }
mv "$CP.tmp" "$CP"
log "resolved in $((SECONDS - start)) s: $(tr ':' '\n' <"$CP" | wc -l) jars"
echo "$CP"
