#!/usr/bin/env bash
# The local "EMR behind an NLB" stack shared by the end-to-end tests, CI, the demo, the
# benchmark and the doctor's fault injection:
#   MIT KDC + kadmind (test/kdc/realm.sh, realm EC2.INTERNAL, 127.0.0.1:62388..62390)
#   Apache Livy 0.9.0 with its REPL jars (test/stack/livy-fetch.sh) with
#     SPNEGO, impersonation and TLS on 127.0.0.1:18998, Spark local from the virtualenv's
#     pyspark plus SparkR (test/stack/sparkr-build.sh); batches may run files from $STACK_JOBS_DIR
#   with STACK_SPARK=yarn (test/stack/yarn.sh), as on EMR: Kerberized HDFS + YARN (Hadoop
#     3.4.1 NameNode, DataNode, ResourceManager, NodeManager from Maven Central jars,
#     test/stack/hadoop-fetch.sh) on 127.0.0.1 ports STACK_HADOOP_PORT_BASE+0..29, and
#     Livy submitting each session to YARN in cluster mode as the impersonated user. HDFS
#     homes /user/user1, /user/user2, /user/user3 (made by the EMR step) and /user/livy;
#     $STACK_DIR/hadoop/bin has its `hdfs` and `yarn` (test/stack/hadoop-client.sh); the
#     extra user nohome / nohomepw (keytab $STACK_DIR/kdc/nohome.keytab) deliberately has none, so
#     their sessions die with EMR's "Permission denied: user=nohome, access=WRITE,
#     inode="/user":hdfs:supergroup:drwxr-xr-x"
#   HAProxy in TCP mode as the NLB on 127.0.0.2 = livy-nlb.example.test: 8998 (TLS passed
#     through to Livy), 88 (KDC, TCP only), 464 (kpasswd), 749 (kadmind)
#   /etc/hosts: the NLB name, and first of all the ip-10-0-0-2.ec2.internal name for
#     127.0.0.2, so a reverse lookup of the NLB address gives the EC2-internal name (the
#     trap MIT's default canonicalization falls into)
#
# Interface (stable: tests, the demo, the benchmark and the doctor suite depend on it):
#   test/stack/stack.sh start               start (idempotent); writes $STACK_DIR/stack.env
#   test/stack/stack.sh stop                stop everything by PID, remove our hosts entries
#   test/stack/stack.sh hdfs-home create|delete USER   (YARN mode) make or remove /user/USER
#   test/stack/stack.sh restart-livy        (re)start Livy on its configuration in place (the
#                                           EMR step's restart command)
#   test/stack/stack.sh yarn-app APPLICATION_ID        (YARN mode) the ResourceManager's JSON
#                                           for it ({"app": {"user": ..., "state": ...}})
#   Inputs (environment, all optional): STACK_DIR (default .work/stack), LIVY_HOME (a Livy
#     home; default: what test/stack/livy-fetch.sh yields), VENV (default .venv), JAVA_HOME; for a second stack beside the first:
#     STACK_NLB_HOST, STACK_NLB_ADDR, STACK_NLB_PTR, STACK_KDC_PORT (+1 kpasswd, +2 kadmind),
#     STACK_LIVY_PORT (defaults as above); STACK_SPARK (local, the default, or yarn) and
#     for yarn STACK_HADOOP_PORT_BASE (default 62000; another stack needs another base) and
#     STACK_YARN_MEMORY_MB (the NodeManager's memory, default 12288; a session takes 1.75 GB);
#     STACK_CLI (the built CLI that makes the EMR step, default lib-cli/cli/main.js).
#   $STACK_DIR/stack.env: `export NAME='value'` lines: STACK_DIR STACK_REALM STACK_KDC_DIR
#     STACK_ADMIN_KRB5_CONFIG KRB5_KDC_PROFILE STACK_NLB_HOST STACK_NLB_ADDR STACK_NLB_PTR
#     STACK_LIVY_URL STACK_LIVY_HOME STACK_LIVY_LOG STACK_LIVY_VERSION STACK_JOBS_DIR
#     STACK_CA_BUNDLE STACK_PROFILE (a profile JSON for this cluster) STACK_LIVY_KEYTAB
#     STACK_EMR_STEP STACK_EMR_STEP_ENV (the EMR step that set up HTTP/<nlb>, Livy's keytab
#     and its Kerberos settings, test/stack/cluster-step.sh, and its environment) STACK_SPARK; in the
#     YARN mode also STACK_HADOOP_CONF_DIR STACK_HADOOP_LOGS STACK_YARN_URL (the RM's REST,
#     SPNEGO) STACK_WEBHDFS_URL STACK_HDFS_HOMES STACK_NO_HOME_USER STACK_YARN_CONTAINER_LOGS
#     (<application id>/<container id>/stdout|stderr).
#   Switching STACK_SPARK on one STACK_DIR needs a stop first.
#
# Needs root for /etc/hosts and the NLB's ports 88/464/749. Logs stay in $STACK_DIR/*/
# after a failure.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STACK_DIR=${STACK_DIR:-$ROOT/.work/stack}
VENV=${VENV:-$ROOT/.venv}
REALM=EC2.INTERNAL
DEFAULT_NLB_HOST='livy-nlb.example.test'
NLB_HOST=${STACK_NLB_HOST:-$DEFAULT_NLB_HOST}
NLB_ADDR=${STACK_NLB_ADDR:-127.0.0.2}
NLB_PTR=${STACK_NLB_PTR:-ip-10-0-0-2.ec2.internal}
KDC_PORT=${STACK_KDC_PORT:-62388}
LIVY_PORT=${STACK_LIVY_PORT:-18998}
# Our /etc/hosts lines end with this tag; a second stack tags its lines with its host name.
HOSTS_TAG='# jupyterlab-sparkmagic-kerberos test stack'
if [ "$NLB_HOST" != "$DEFAULT_NLB_HOST" ]; then HOSTS_TAG="$HOSTS_TAG ($NLB_HOST)"; fi
JAVA=${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/java

log() { echo "stack: $*" >&2; }
die() {
  echo "stack: $*" >&2
  exit 1
}

alive() {
  local pidfile=$1 pattern=$2 pid
  [ -s "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$pattern"
}

check_inputs() {
  [[ $NLB_HOST =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]] || die "STACK_NLB_HOST must be a lower-case host name: $NLB_HOST"
  [[ $NLB_PTR =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]] || die "STACK_NLB_PTR must be a lower-case host name: $NLB_PTR"
  [[ $NLB_ADDR =~ ^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]] || die "STACK_NLB_ADDR must be a loopback address: $NLB_ADDR"
  local p
  for p in "$KDC_PORT" "$LIVY_PORT"; do
    if ! [[ $p =~ ^[0-9]+$ ]] || [ "$p" -lt 1024 ] || [ "$p" -gt 65533 ]; then
      die "ports must be 1024..65533: $p"
    fi
  done
  outside_ephemeral "$LIVY_PORT" "$LIVY_PORT"
  yarn_check_inputs
}

# Our lines of /etc/hosts end with " $HOSTS_TAG".
# shellcheck disable=SC2016 # awk source
HOSTS_OURS='function ours() { n = length($0) - length(t) + 1; return n > 0 && substr($0, n) == t }'

hosts_others() { awk -v t=" $HOSTS_TAG" "$HOSTS_OURS"' !ours()' /etc/hosts; }

hosts_ours() { awk -v t=" $HOSTS_TAG" "$HOSTS_OURS"' ours() { f = 1 } END { exit !f }' /etc/hosts; }

# /etc/hosts is edited in place (it is often a bind mount) and only our tagged lines
# are added or removed, so other entries, also ones added meanwhile, survive.
hosts_add() {
  hosts_ours && return 0
  if hosts_others | grep -v '^[[:space:]]*#' | grep -qw -e "$NLB_HOST" -e "$NLB_PTR" -e "^$NLB_ADDR"; then
    die "/etc/hosts already maps $NLB_HOST, $NLB_PTR or $NLB_ADDR; remove that entry first"
  fi
  [ -w /etc/hosts ] || die "/etc/hosts is not writable (run as root)"
  cp /etc/hosts "$STACK_DIR/hosts.orig"
  (
    flock 9
    printf '%s %s %s\n%s %s %s\n' "$NLB_ADDR" "$NLB_PTR" "$HOSTS_TAG" \
      "$NLB_ADDR" "$NLB_HOST" "$HOSTS_TAG" >>/etc/hosts
  ) 9>/run/lock/jupyterlab-sparkmagic-kerberos-hosts.lock
}

# Stacks of concurrent suites start and stop side by side: the read and the rewrite
# happen under one lock, or a line another stack appended in between would be lost.
hosts_remove() {
  [ -f /etc/hosts ] && hosts_ours || return 0
  (
    flock 9
    local kept
    kept=$(hosts_others)
    printf '%s\n' "$kept" >/etc/hosts
  ) 9>/run/lock/jupyterlab-sparkmagic-kerberos-hosts.lock
}

make_tls() {
  local d=$STACK_DIR/tls pw
  [ -s "$d/livy.p12" ] && [ -s "$d/ca.pem" ] && return 0
  mkdir -p "$d"
  rm -f "$d"/*
  # A throwaway store password for throwaway keys; PKCS12 wants store = key password.
  pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  (umask 077 && printf '%s' "$pw" >"$d/store.pw")
  local kt=(keytool -noprompt -storetype PKCS12 -storepass "$pw" -keypass "$pw")
  "${kt[@]}" -genkeypair -alias ca -keyalg RSA -keysize 2048 -validity 3650 \
    -dname 'CN=Test stack CA' -ext bc:c -keystore "$d/ca.p12" 2>/dev/null
  "${kt[@]}" -exportcert -rfc -alias ca -keystore "$d/ca.p12" -file "$d/ca.pem" 2>/dev/null
  "${kt[@]}" -genkeypair -alias livy -keyalg RSA -keysize 2048 -validity 825 \
    -dname "CN=$NLB_HOST" -keystore "$d/livy.p12" 2>/dev/null
  "${kt[@]}" -certreq -alias livy -keystore "$d/livy.p12" -file "$d/livy.csr" 2>/dev/null
  "${kt[@]}" -gencert -alias ca -keystore "$d/ca.p12" -infile "$d/livy.csr" -outfile "$d/livy.pem" \
    -rfc -validity 825 -ext "SAN=dns:$NLB_HOST" -ext ku:c=digitalSignature,keyEncipherment \
    -ext eku=serverAuth 2>/dev/null
  "${kt[@]}" -importcert -alias ca -file "$d/ca.pem" -keystore "$d/livy.p12" 2>/dev/null
  "${kt[@]}" -importcert -alias livy -file "$d/livy.pem" -keystore "$d/livy.p12" 2>/dev/null
}

start_haproxy() {
  local d=$STACK_DIR/haproxy
  mkdir -p "$d"
  cat >"$d/haproxy.cfg" <<EOF
# The NLB: plain TCP forwarding, TLS passes through to Livy untouched.
global
    maxconn 256
defaults
    mode tcp
    timeout connect 5s
    timeout client 30m
    timeout server 30m
frontend livy
    bind $NLB_ADDR:8998
    default_backend livy
backend livy
    server livy 127.0.0.1:$LIVY_PORT
frontend kdc
    bind $NLB_ADDR:88
    default_backend kdc
backend kdc
    server kdc 127.0.0.1:$KDC_PORT
frontend kpasswd
    bind $NLB_ADDR:464
    default_backend kpasswd
backend kpasswd
    server kpasswd 127.0.0.1:$((KDC_PORT + 1))
frontend kadmin
    bind $NLB_ADDR:749
    default_backend kadmin
backend kadmin
    server kadmin 127.0.0.1:$((KDC_PORT + 2))
EOF
  alive "$d/haproxy.pid" haproxy && return 0
  haproxy -c -q -f "$d/haproxy.cfg" || die "invalid $d/haproxy.cfg"
  haproxy -D -p "$d/haproxy.pid" -f "$d/haproxy.cfg" 2>"$d/haproxy.log" ||
    die "haproxy did not start: $(cat "$d/haproxy.log")"
}

# shellcheck source=test/ports.sh
. "$ROOT/test/ports.sh"
# shellcheck source=test/stack/livy-server.sh
. "$ROOT/test/stack/livy-server.sh"
# shellcheck source=test/stack/yarn.sh
. "$ROOT/test/stack/yarn.sh"
# shellcheck source=test/stack/cluster-step.sh
. "$ROOT/test/stack/cluster-step.sh"

write_profile() {
  cat >"$STACK_DIR/profile.json" <<EOF
{
  "name": "local-stack",
  "realm": "$REALM",
  "kdcs": ["$NLB_HOST"],
  "adminServer": "$NLB_HOST",
  "livyUrl": "https://$NLB_HOST:8998",
  "clusterDomain": "ec2.internal",
  "ticketMode": "service",
  "principal": "user1",
  "signIn": "password",
  "keytab": "",
  "lifetime": "10h",
  "renewLifetime": "7d",
  "kernels": ["python", "scala", "r"],
  "tls": { "caBundle": "$STACK_DIR/tls/ca.pem", "ignoreSslErrors": false }
}
EOF
}

write_env() {
  cat >"$STACK_DIR/stack.env" <<EOF
# Written by test/stack/stack.sh start. The realm's own krb5.conf is for administration
# only; clients use the files the project renders from STACK_PROFILE.
export STACK_DIR='$STACK_DIR'
export STACK_REALM='$REALM'
export STACK_KDC_DIR='$STACK_DIR/kdc'
export STACK_ADMIN_KRB5_CONFIG='$STACK_DIR/kdc/krb5.conf'
export KRB5_KDC_PROFILE='$STACK_DIR/kdc/kdc.conf'
export STACK_NLB_HOST='$NLB_HOST'
export STACK_NLB_ADDR='$NLB_ADDR'
export STACK_NLB_PTR='$NLB_PTR'
export STACK_LIVY_URL='https://$NLB_HOST:8998'
export STACK_LIVY_HOME='$LIVY_HOME'
export STACK_LIVY_VERSION='$(livy_version)'
export STACK_JOBS_DIR='$STACK_DIR/jobs'
export STACK_LIVY_LOG='$STACK_DIR/livy/logs/livy-server.log'
export STACK_CA_BUNDLE='$STACK_DIR/tls/ca.pem'
export STACK_PROFILE='$STACK_DIR/profile.json'
export STACK_LIVY_KEYTAB='$STACK_DIR/emr-step/livy.keytab'
export STACK_EMR_STEP='$STACK_DIR/emr-step/step.sh'
export STACK_EMR_STEP_ENV='$STACK_DIR/emr-step/env'
EOF
  yarn_write_env >>"$STACK_DIR/stack.env"
}

start() {
  mkdir -p "$STACK_DIR"
  STACK_DIR=$(cd "$STACK_DIR" && pwd)
  check_inputs
  command -v haproxy >/dev/null || die 'haproxy missing (apt-get install haproxy)'
  command -v keytool >/dev/null || die 'keytool missing (Java 17)'
  # Only the users and Livy's own principal: HTTP/<nlb> comes from the EMR step.
  SERVICE_HOSTS='' LIVY_HOST=$LIVY_PRINCIPAL_HOST "$ROOT/test/kdc/realm.sh" start "$STACK_DIR/kdc" "$REALM" "$KDC_PORT" >/dev/null
  # Host entries before Livy starts: the JVM caches name lookups.
  hosts_add
  make_tls
  start_haproxy
  if yarn_mode; then yarn_start; fi
  prepare_livy
  write_profile
  cluster_step
  write_env
  log "up: NLB https://$NLB_HOST:8998 and KDC $NLB_HOST:88 (TCP); env: $STACK_DIR/stack.env"
}

stop_pid() {
  local pidfile=$1 pattern=$2 group=${3:-} pid
  if alive "$pidfile" "$pattern"; then
    pid=$(cat "$pidfile")
    if [ -n "$group" ]; then kill -- "-$pid" 2>/dev/null || kill "$pid"; else kill "$pid"; fi
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      if [ -n "$group" ]; then kill -9 -- "-$pid" 2>/dev/null || true; fi
      kill -9 "$pid" 2>/dev/null || true
    fi
    log "stopped $pattern ($pid)"
  fi
  rm -f "$pidfile"
}

stop() {
  [ -d "$STACK_DIR" ] || return 0
  STACK_DIR=$(cd "$STACK_DIR" && pwd)
  stop_pid "$STACK_DIR/livy/livy.pid" org.apache.livy.server.LivyServer group
  yarn_stop
  stop_pid "$STACK_DIR/haproxy/haproxy.pid" haproxy
  "$ROOT/test/kdc/realm.sh" stop "$STACK_DIR/kdc"
  hosts_remove
  rm -f "$STACK_DIR/stack.env"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  hdfs-home) hdfs_home "${2:-}" "${3:-}" ;;
  yarn-app) yarn_app "${2:-}" ;;
  restart-livy)
    STACK_DIR=$(cd "$STACK_DIR" && pwd)
    if yarn_mode; then yarn_dirs running; fi
    launch_livy
    ;;
  *)
    echo 'usage: test/stack/stack.sh start | stop | hdfs-home create|delete USER | yarn-app ID | restart-livy' >&2
    exit 2
    ;;
esac
