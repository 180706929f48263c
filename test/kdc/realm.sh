#!/usr/bin/env bash
# Loopback MIT Kerberos realm for tests, entirely inside one directory.
#
#   realm.sh start DIR REALM PORT   create (idempotent) and start krb5kdc + kadmind
#   realm.sh stop DIR               stop what start started, by PID
#
# krb5kdc listens on 127.0.0.1:PORT (UDP+TCP), kpasswd on PORT+1, kadmind on PORT+2, all
# outside the ephemeral port range (test/ports.sh).
# Works as non-root; never touches /etc/krb5.conf or /etc/krb5kdc (KRB5_CONFIG and
# KRB5_KDC_PROFILE point into DIR). stdout carries only `export VAR=...` lines:
#   eval "$(test/kdc/realm.sh start /tmp/realm EC2.INTERNAL 62388)"
#
# Principals (passwords are test fixtures):
#   user1 / user1pw, user2 / user2pw   renewable 7 days, keytabs DIR/user1.keytab,
#                                      DIR/user2.keytab (ktadd -norandkey: the password
#                                      keeps working, KVNOs match)
#   user3 / user3pw                    must change the password at first sign-in; every
#                                      `start` resets it to this state
#   HTTP/<h> for each h in $SERVICE_HOSTS (lower-cased; default livy-nlb.example.test;
#                                      empty: none), keytab DIR/http.keytab
#   livy/$LIVY_HOST                    when LIVY_HOST is set: Livy's own principal (random
#                                      key, no keytab), as on an EMR primary node
set -euo pipefail
# shellcheck source=test/ports.sh
. "$(dirname "${BASH_SOURCE[0]}")/../ports.sh"

die() {
  echo "realm.sh: $*" >&2
  exit 1
}
log() { echo "realm.sh: $*" >&2; }

usage() {
  echo 'usage: realm.sh start DIR REALM PORT | realm.sh stop DIR' >&2
  exit 2
}

# The process in PIDFILE is alive and is the expected program.
running() {
  local pidfile=$1 prog=$2 pid
  [ -s "$pidfile" ] || return 1
  pid=$(cat "$pidfile")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "$prog"
}

stop_one() {
  local pidfile=$1 prog=$2 pid
  if running "$pidfile" "$prog"; then
    pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid"; fi
    log "stopped $prog (pid $pid)"
  fi
  rm -f "$pidfile"
}

# Wait until something accepts TCP connections on 127.0.0.1:PORT.
wait_tcp() {
  local port=$1 what=$2
  for _ in $(seq 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  die "$what did not open 127.0.0.1:$port (see $DIR/*.log)"
}

kadmin_q() { kadmin.local -r "$REALM" -q "$1" >>"$DIR/kadmin.log" 2>&1; }
has_princ() { kadmin.local -r "$REALM" -q "getprinc $1" 2>/dev/null | grep -q '^Principal:'; }

write_configs() {
  cat >"$DIR/kdc.conf" <<EOF
[kdcdefaults]
    kdc_listen = 127.0.0.1:$PORT
    kdc_tcp_listen = 127.0.0.1:$PORT

[realms]
    $REALM = {
        database_name = $DIR/principal
        key_stash_file = $DIR/stash
        acl_file = $DIR/kadm5.acl
        kpasswd_listen = 127.0.0.1:$((PORT + 1))
        kadmind_listen = 127.0.0.1:$((PORT + 2))
        max_life = 1d
        max_renewable_life = 7d
        supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal
    }

[logging]
    kdc = FILE:$DIR/krb5kdc.log
    admin_server = FILE:$DIR/kadmind.log
    default = FILE:$DIR/krb5lib.log
EOF
  cat >"$DIR/krb5.conf" <<EOF
[libdefaults]
    default_realm = $REALM
    dns_lookup_kdc = false
    dns_lookup_realm = false
    rdns = false
    dns_canonicalize_hostname = false

[realms]
    $REALM = {
        kdc = 127.0.0.1:$PORT
        kpasswd_server = 127.0.0.1:$((PORT + 1))
        admin_server = 127.0.0.1:$((PORT + 2))
    }
EOF
  # Administrators may do everything; users change their own password over kpasswd,
  # which needs no ACL entry.
  echo "*/admin@$REALM *" >"$DIR/kadm5.acl"
}

create_principals() {
  local h
  kadmin_q "modprinc -maxrenewlife 7d krbtgt/$REALM@$REALM"
  for u in user1 user2; do
    if ! has_princ "$u"; then
      kadmin_q "addprinc -pw ${u}pw -maxrenewlife 7d $u"
    fi
    if [ ! -s "$DIR/$u.keytab" ]; then
      kadmin_q "ktadd -norandkey -k $DIR/$u.keytab $u"
    fi
  done
  if has_princ user3; then
    kadmin_q "cpw -pw user3pw user3"
  else
    kadmin_q "addprinc -pw user3pw -maxrenewlife 7d user3"
  fi
  kadmin_q "modprinc +needchange user3"
  if [ -n "${LIVY_HOST:-}" ] && ! has_princ "livy/$LIVY_HOST"; then
    [[ $LIVY_HOST =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]] || die "invalid host name in LIVY_HOST: $LIVY_HOST"
    kadmin_q "addprinc -randkey livy/$LIVY_HOST"
  fi
  local hosts
  hosts=$(printf '%s' "$SERVICE_HOSTS" | tr '[:upper:]' '[:lower:]')
  for h in $hosts; do
    [[ $h =~ ^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$ ]] || die "invalid host name in SERVICE_HOSTS: $h"
    if ! has_princ "HTTP/$h"; then
      kadmin_q "addprinc -randkey -maxrenewlife 7d HTTP/$h"
    fi
  done
  # The keytab holds exactly the hosts asked for; rebuilt only when that set changes, so
  # a running service never sees it half-written.
  if [ ! -s "$DIR/http.keytab" ] || [ "$(cat "$DIR/http.hosts" 2>/dev/null)" != "$hosts" ]; then
    rm -f "$DIR/http.keytab"
    for h in $hosts; do
      kadmin_q "ktadd -norandkey -k $DIR/http.keytab HTTP/$h"
    done
    printf '%s' "$hosts" >"$DIR/http.hosts"
  fi
}

start() {
  for b in kdb5_util kadmin.local krb5kdc kadmind; do
    command -v "$b" >/dev/null || die "missing $b (apt-get install krb5-kdc krb5-admin-server krb5-user)"
  done
  export KRB5_CONFIG="$DIR/krb5.conf" KRB5_KDC_PROFILE="$DIR/kdc.conf"
  if [ -f "$DIR/realm.id" ] && [ "$(cat "$DIR/realm.id")" != "$REALM $PORT" ]; then
    die "$DIR already holds realm '$(cat "$DIR/realm.id")'; stop it and use another directory"
  fi
  write_configs
  if [ ! -f "$DIR/principal" ]; then
    log "creating realm $REALM in $DIR"
    kdb5_util create -s -r "$REALM" -P "master-$REALM" >>"$DIR/kadmin.log" 2>&1 ||
      die "kdb5_util create failed (see $DIR/kadmin.log)"
  fi
  echo "$REALM $PORT" >"$DIR/realm.id"
  create_principals
  if ! running "$DIR/krb5kdc.pid" krb5kdc; then
    krb5kdc -r "$REALM" -P "$DIR/krb5kdc.pid" || die "krb5kdc failed (see $DIR/krb5kdc.log)"
  fi
  if ! running "$DIR/kadmind.pid" kadmind; then
    kadmind -r "$REALM" -P "$DIR/kadmind.pid" || die "kadmind failed (see $DIR/kadmind.log)"
  fi
  wait_tcp "$PORT" krb5kdc
  wait_tcp "$((PORT + 1))" kpasswd
  wait_tcp "$((PORT + 2))" kadmind
  log "realm $REALM up: kdc 127.0.0.1:$PORT, kpasswd :$((PORT + 1)), kadmind :$((PORT + 2))"
  printf "export KRB5_CONFIG='%s'\n" "$DIR/krb5.conf"
  printf "export KRB5_KDC_PROFILE='%s'\n" "$DIR/kdc.conf"
}

[ $# -ge 2 ] || usage
CMD=$1
case $CMD in
  start)
    [ $# -eq 4 ] || usage
    REALM=$3
    PORT=$4
    [[ $REALM =~ ^[A-Z0-9]([A-Z0-9.-]*[A-Z0-9])?$ ]] || die "realm must be upper-case letters, digits, dots: $REALM"
    if ! [[ $PORT =~ ^[0-9]+$ ]] || [ "$PORT" -lt 1024 ] || [ "$PORT" -gt 65533 ]; then
      die "PORT must be 1024..65533: $PORT"
    fi
    outside_ephemeral "$PORT" $((PORT + 2))
    SERVICE_HOSTS=${SERVICE_HOSTS-livy-nlb.example.test}
    mkdir -p "$2"
    DIR=$(cd "$2" && pwd)
    [[ $DIR != *[[:space:]\'\"]* ]] || die "DIR must not contain spaces or quotes: $DIR"
    start
    ;;
  stop)
    [ $# -eq 2 ] || usage
    if [ ! -d "$2" ]; then
      log "no realm directory $2"
      exit 0
    fi
    DIR=$(cd "$2" && pwd)
    stop_one "$DIR/kadmind.pid" kadmind
    stop_one "$DIR/krb5kdc.pid" krb5kdc
    ;;
  *) usage ;;
esac
