#!/usr/bin/env bash
# Yields an Apache Livy 0.9.0 home with its REPL jars (interactive sessions, which is all
# Sparkmagic uses) and links it at .work/livy, where test/stack/stack.sh looks. In order:
#   (a) LIVY_HOME already holds a complete Livy (jars/, rsc-jars/, repl_2.12-jars/), e.g.
#       an unpacked official Apache binary release;
#   (b) Maven Central serves both livy-server and livy-repl_2.12 at 0.9.0-incubating: the
#       home is assembled by coordinates (test/stack/livy/pom.xml);
#   (c) the Apache source archive at LIVY_SRC (default ../shared/vendor/apache-livy-0.9.0-
#       incubating-src.tar.gz beside the clone), checked against test/stack/livy-src.sha256,
#       is built with Maven; the result is cached under LIVY_CACHE (default
#       ~/.cache/jupyterlab-sparkmagic-kerberos) keyed by that checksum, so it is built once
#       per machine;
#   (d) otherwise exit 1, naming the three ways.
# Prints the Livy home on stdout; progress goes to stderr.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
VERSION=0.9.0-incubating
CENTRAL=${MAVEN_CENTRAL_URL:-https://repo.maven.apache.org/maven2}
LIVY_SRC=${LIVY_SRC:-$ROOT/../shared/vendor/apache-livy-$VERSION-src.tar.gz}
LIVY_CACHE=${LIVY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jupyterlab-sparkmagic-kerberos}
LINK=$ROOT/.work/livy
SRC_SUM=$(cut -d' ' -f1 "$ROOT/test/stack/livy-src.sha256")

log() { echo "livy-fetch: $*" >&2; }

# A complete home: the server, the RSC and the Scala 2.12 REPL (Spark 3.5 is Scala 2.12).
complete() {
  compgen -G "$1/jars/livy-server-*.jar" >/dev/null &&
    compgen -G "$1/rsc-jars/livy-rsc-*.jar" >/dev/null &&
    compgen -G "$1/repl_2.12-jars/livy-repl_2.12-*.jar" >/dev/null
}

use() {
  local home
  home=$(cd "$1" && pwd)
  mkdir -p "$ROOT/.work"
  if [ "$home" != "$(cd "$LINK" 2>/dev/null && pwd -P)" ]; then
    rm -rf "$LINK"
    ln -s "$home" "$LINK"
  fi
  log "Livy home: $home ($2)"
  echo "$home"
  exit 0
}

# (a)
if [ -n "${LIVY_HOME:-}" ] && [ "$LIVY_HOME" != "$LINK" ]; then
  complete "$LIVY_HOME" && use "$LIVY_HOME" 'LIVY_HOME'
  log "LIVY_HOME=$LIVY_HOME is not a complete Livy (needs jars/livy-server-*, rsc-jars/, repl_2.12-jars/)"
fi

# (b)
served() { curl -fsSI --max-time 20 "$CENTRAL/org/apache/livy/$1/$VERSION/$1-$VERSION.pom" >/dev/null 2>&1; }
central_home=$LIVY_CACHE/livy-$VERSION-central
complete "$central_home" && use "$central_home" 'Maven Central, cached'
if served livy-server && served livy-repl_2.12; then
  log "Maven Central serves livy-server and livy-repl_2.12 $VERSION: assembling"
  build=$(mktemp -d)
  cp "$ROOT/test/stack/livy/pom.xml" "$build/pom.xml"
  for profile in '' -Prepl; do
    # shellcheck disable=SC2086 # the empty profile is no argument
    mvn -B -ntp -f "$build/pom.xml" package -Dlivy.home="$build/home" $profile >"$build/mvn.log" 2>&1 ||
      { log "Maven failed: $(grep -m1 '^\[ERROR\]' "$build/mvn.log")"; break; }
  done
  if complete "$build/home"; then
    mkdir -p "$LIVY_CACHE"
    rm -rf "$central_home" && mv "$build/home" "$central_home"
    rm -rf "$build"
    use "$central_home" 'Maven Central'
  fi
  rm -rf "$build"
else
  log "Maven Central does not serve both livy-server and livy-repl_2.12 $VERSION"
fi

# (c)
src_home=$LIVY_CACHE/livy-$VERSION-src-${SRC_SUM:0:16}
complete "$src_home" && use "$src_home" "built from source $SRC_SUM, cached"
if [ -f "$LIVY_SRC" ]; then
  got=$(sha256sum "$LIVY_SRC" | cut -d' ' -f1)
  if [ "$got" != "$SRC_SUM" ]; then
    log "$LIVY_SRC has SHA-256 $got, expected $SRC_SUM (test/stack/livy-src.sha256): not built"
  elif ! command -v mvn >/dev/null; then
    log 'mvn not found (apt-get install maven): the source archive cannot be built'
  else
    build=$(mktemp -d)
    trap 'rm -rf "$build"' EXIT
    log "building Livy $VERSION from $LIVY_SRC (about 5 minutes on 2 cores; log $LIVY_CACHE/build.log)"
    mkdir -p "$LIVY_CACHE"
    start=$SECONDS
    tar -xzf "$LIVY_SRC" -C "$build"
    (
      cd "$build"/apache-livy-*-src
      # -Dremoteresources.skip: the parent POM would fetch a SNAPSHOT resource bundle from a
      # repository other than Central.
      mvn -B -ntp -Pspark3 -Pscala-2.12 -DskipTests -DskipITs \
        -Dcheckstyle.skip -Dscalastyle.skip -Drat.skip -Dmaven.javadoc.skip \
        -Dremoteresources.skip=true -pl assembly -am package
    ) >"$LIVY_CACHE/build.log" 2>&1 || {
      log "Maven build failed: $(grep -m1 '^\[ERROR\]' "$LIVY_CACHE/build.log" || tail -1 "$LIVY_CACHE/build.log")"
      exit 1
    }
    mkdir "$build/unpacked"
    python3 -m zipfile -e "$build"/apache-livy-*-src/assembly/target/apache-livy-*-bin.zip "$build/unpacked"
    home=$(find "$build/unpacked" -mindepth 1 -maxdepth 1 -type d | head -1)
    chmod +x "$home"/bin/* # zipfile keeps no modes
    complete "$home" || { log "the built archive is not a complete Livy home: $(ls "$home")"; exit 1; }
    rm -rf "$src_home.tmp" && mv "$home" "$src_home.tmp" && mv "$src_home.tmp" "$src_home"
    log "built in $((SECONDS - start)) s"
    use "$src_home" "built from source $SRC_SUM"
  fi
else
  log "no source archive at $LIVY_SRC"
fi

# (d)
log "no Livy $VERSION with REPL jars. Give one of:"
log "  (a) LIVY_HOME=<an unpacked Apache Livy $VERSION binary release with repl_2.12-jars/>"
log "  (b) a Maven Central ($CENTRAL) serving org.apache.livy:livy-server and livy-repl_2.12 $VERSION"
log "  (c) LIVY_SRC=<apache-livy-$VERSION-src.tar.gz with SHA-256 $SRC_SUM> and mvn"
exit 1
