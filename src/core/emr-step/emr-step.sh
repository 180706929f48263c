#!/bin/bash
# The cluster side of Livy behind a Network Load Balancer, for the EMR primary
# node, made by "sparkmagic-kerberos emr-step" (the values below come from the
# profile). Run it as an EMR step or as root; as another user it runs itself
# again with sudo. Safe to rerun: a run that finds everything in place changes
# nothing and says so. It
#   1. creates HTTP/<nlb host>@REALM in the KDC when missing (addprinc -randkey);
#   2. exports that principal and Livy's own with ktadd -norandkey (no KVNO
#      changes) into the Livy keytab, mode 0600, owned by livy;
#   3. sets livy.conf: SPNEGO with that principal and keytab, impersonation on;
#   4. sets hadoop.proxyuser.livy.hosts and .groups to * in core-site.xml, and has the
#      NameNode and ResourceManager reload them when it changed them;
#   5. creates /user/<name> in HDFS for each listed user, owned by that user;
#   6. restarts Livy when its keytab or livy.conf changed and the step was made with
#      --restart;
#   7. checks: the keytab's KVNOs against the KDC's (klist -e -kt), and an
#      authenticated request to Livy through the NLB name.
# Files it changes are kept first as FILE.bak-<time>. No key is ever printed.
#
# Environment overrides (the defaults are EMR's):
#   SMK_LIVY_CONF       livy.conf                  /etc/livy/conf/livy.conf
#   SMK_CORE_SITE       Hadoop's core-site.xml     /etc/hadoop/conf/core-site.xml
#                       (none: proxy-user settings are skipped, as in Spark local mode)
#   SMK_LIVY_KEYTAB     the Livy keytab            as generated (--livy-keytab)
#   SMK_LIVY_PRINCIPAL  Livy's own principal       livy.server.launch.kerberos.principal
#                       of livy.conf (_HOST = this host), else livy/$(hostname -f)@REALM
#   SMK_LIVY_OWNER      the keytab's owner         livy
#   SMK_LIVY_RESTART    the restart command        systemctl restart livy-server
#   SMK_LIVY_WAIT       seconds Livy may take to answer after a restart   180
#   SMK_CA_BUNDLE       CA file for the request to Livy (default: the system's)
#   SMK_HDFS_USER       runs hdfs dfs              hdfs
#   SMK_HDFS_KEYTAB     its keytab                 /etc/hdfs.keytab (none: no kinit)
#   SMK_HDFS_PRINCIPAL  its principal              hdfs/$(hostname -f)@REALM
#   SMK_CHECK_ONLY=1    change nothing, only check
# kadmin.local, kinit and klist read KRB5_CONFIG and KRB5_KDC_PROFILE as usual.
set -euo pipefail

# @@VALUES: the generator puts the profile's values here, each shell-quoted.
PROFILE=example
REALM=EC2.INTERNAL
NLB_HOST=livy-nlb.example.com
SERVICE=HTTP
LIVY_URL=https://livy-nlb.example.com:8998
KEYTAB=/etc/livy-nlb.keytab
# shellcheck disable=SC2034 # read by the Hadoop half (emr-step-hadoop.sh)
USERS='user1 user2'
RESTART=1
# @@END

if [ "$(id -u)" != 0 ]; then
  if [ -f "$0" ]; then exec sudo -n -E bash "$0" "$@"; fi
  echo "[emr-step] run this as root: sudo bash FILE" >&2
  exit 1
fi

HOST=$(hostname -f)
LIVY_CONF=${SMK_LIVY_CONF:-/etc/livy/conf/livy.conf}
KEYTAB=${SMK_LIVY_KEYTAB:-$KEYTAB}
OWNER=${SMK_LIVY_OWNER:-livy}
RESTART_CMD=${SMK_LIVY_RESTART:-systemctl restart livy-server}
WAIT=${SMK_LIVY_WAIT:-180}
CHECK_ONLY=${SMK_CHECK_ONLY:-0}
HTTP_PRINCIPAL=$SERVICE/$NLB_HOST@$REALM
TS=$(date +%Y%m%d%H%M%S)
CHANGED=0
# Whether Livy's keytab or livy.conf changed: only these need a restart of Livy.
LIVY_CHANGED=0
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

log() { echo "[emr-step] $*"; }
fail() {
  echo "[emr-step] ERROR: $*" >&2
  exit 1
}
changed() {
  CHANGED=1
  log "$*"
}

# kadmin.local QUERY: its standard output; its complaints go to a file, shown on failure.
kadmin() { kadmin.local -r "$REALM" -q "$1" 2>>"$T/kadmin.err"; }
has_principal() { kadmin "getprinc $1" | grep -q '^Principal:'; }
# The highest KVNO the KDC holds for a principal ("Key: vno 3, aes256-..."); 0 if none.
kdc_kvno() { kadmin "getprinc $1" | awk '$1 == "Key:" && $2 == "vno" { v = $3 + 0; if (v > m) m = v } END { print m + 0 }'; }
# The highest KVNO of a principal in a keytab; 0 if none.
keytab_kvno() { klist -k "$2" 2>/dev/null | awk -v p="$1" '$2 == p { v = $1 + 0; if (v > m) m = v } END { print m + 0 }'; }
# A digest of a keytab's entries with their keys: equal digests, equal keytabs (timestamps
# aside). The keys go from ktutil straight into sha256sum.
keytab_digest() {
  printf 'rkt %s\nlist -k -e\n' "$1" | ktutil 2>/dev/null | awk '$1 ~ /^[0-9]+$/ && $2 ~ /^[0-9]+$/ { $1 = ""; print }' | sha256sum
}

# put FILE < TEXT: unchanged, or FILE.bak-TS kept and FILE replaced (same owner and mode).
# Not the end of a pipeline: that would run it in a subshell, and CHANGED would be lost.
put() {
  local f=$1 t
  t=$(mktemp "$f.XXXXXX")
  cat >"$t"
  if cmp -s "$t" "$f"; then
    rm -f "$t"
    log "unchanged: $f"
    return 0
  fi
  cp -p "$f" "$f.bak-$TS"
  chown --reference="$f" "$t"
  chmod --reference="$f" "$t"
  mv -f "$t" "$f"
  changed "changed $f (previous: $f.bak-$TS)"
}

validate() {
  local p
  for p in kadmin.local klist kinit ktutil curl; do
    command -v "$p" >/dev/null || fail "$p not found: run this on the EMR primary node (the KDC's host)"
  done
  [ -f "$LIVY_CONF" ] || fail "no $LIVY_CONF: is Livy installed on this node (set SMK_LIVY_CONF)?"
  LIVY_CONF=$(readlink -f -- "$LIVY_CONF")
  if [ -z "${SMK_LIVY_PRINCIPAL:-}" ]; then
    p=$(awk -F '=' '$1 ~ /^[ \t]*livy\.server\.launch\.kerberos\.principal[ \t]*$/ { v = $2; gsub(/[ \t]/, "", v) } END { print v }' "$LIVY_CONF")
    SMK_LIVY_PRINCIPAL=${p:-livy/$HOST@$REALM}
  fi
  LIVY_PRINCIPAL=${SMK_LIVY_PRINCIPAL//_HOST/$HOST}
  [[ $LIVY_PRINCIPAL =~ ^[A-Za-z0-9._-]+/[a-z0-9.-]+@[A-Z0-9._-]+$ ]] ||
    fail "Livy's principal '$LIVY_PRINCIPAL' is not service/host@REALM (set SMK_LIVY_PRINCIPAL)"
  [[ $KEYTAB =~ ^/[A-Za-z0-9._/+-]+$ ]] || fail "SMK_LIVY_KEYTAB must be an absolute path of letters, digits and . _ - + /"
  id "$OWNER" >/dev/null 2>&1 || fail "no user $OWNER to own the keytab (set SMK_LIVY_OWNER)"
  has_principal "$LIVY_PRINCIPAL" ||
    fail "the KDC has no $LIVY_PRINCIPAL (Livy's own principal): is this the primary node of a Kerberized cluster? $(cat "$T/kadmin.err")"
}

http_principal() {
  if has_principal "$HTTP_PRINCIPAL"; then
    log "unchanged: $HTTP_PRINCIPAL is in the KDC (kvno $(kdc_kvno "$HTTP_PRINCIPAL"))"
    return 0
  fi
  kadmin "addprinc -randkey $HTTP_PRINCIPAL" >/dev/null
  has_principal "$HTTP_PRINCIPAL" || fail "could not create $HTTP_PRINCIPAL: $(cat "$T/kadmin.err")"
  changed "created $HTTP_PRINCIPAL"
}

keytab() {
  local fresh=$T/fresh.keytab p a b t
  kadmin "ktadd -norandkey -k $fresh $HTTP_PRINCIPAL $LIVY_PRINCIPAL" >/dev/null
  for p in "$HTTP_PRINCIPAL" "$LIVY_PRINCIPAL"; do
    [ "$(keytab_kvno "$p" "$fresh")" != 0 ] || fail "could not export $p: $(cat "$T/kadmin.err")"
  done
  if [ -f "$KEYTAB" ] && [ "$(keytab_digest "$KEYTAB")" = "$(keytab_digest "$fresh")" ]; then
    log "unchanged: $KEYTAB holds the KDC's keys of $HTTP_PRINCIPAL and $LIVY_PRINCIPAL"
  else
    if [ -f "$KEYTAB" ]; then
      for p in "$HTTP_PRINCIPAL" "$LIVY_PRINCIPAL"; do
        a=$(keytab_kvno "$p" "$KEYTAB")
        b=$(kdc_kvno "$p")
        if [ "$a" != "$b" ]; then log "$p: kvno $a in $KEYTAB, $b in the KDC"; fi
      done
      cp -p "$KEYTAB" "$KEYTAB.bak-$TS"
      log "kept the previous keytab as $KEYTAB.bak-$TS"
    fi
    mkdir -p "$(dirname "$KEYTAB")"
    t=$(mktemp "$KEYTAB.XXXXXX")
    cat "$fresh" >"$t"
    chmod 600 "$t"
    chown "$OWNER" "$t"
    mv -f "$t" "$KEYTAB"
    changed "wrote $KEYTAB: $HTTP_PRINCIPAL and $LIVY_PRINCIPAL with the KDC's keys (no KVNO changed)"
  fi
  if [ "$(stat -c '%U %a' "$KEYTAB")" != "$OWNER 600" ]; then
    chown "$OWNER" "$KEYTAB"
    chmod 600 "$KEYTAB"
    changed "set $KEYTAB to mode 600, owner $OWNER"
  fi
}

# Sets "key = value" lines in a properties file: the first line of each key is replaced,
# later ones dropped, missing keys appended. SMK_SET holds "key=value" lines.
# shellcheck disable=SC2016 # awk source
PROPS_AWK='
BEGIN { n = split(ENVIRON["SMK_SET"], kv, "\n")
  for (i = 1; i <= n; i++) { j = index(kv[i], "="); k = substr(kv[i], 1, j - 1); want[k] = substr(kv[i], j + 1); order[i] = k } }
{ key = $0; sub(/^[ \t]+/, "", key); sub(/[ \t=:].*$/, "", key) }
key in want && $0 !~ /^[ \t]*[#!]/ { if (!(key in done)) { print key " = " want[key]; done[key] = 1 } next }
{ print }
END { for (i = 1; i <= n; i++) if (!(order[i] in done)) print order[i] " = " want[order[i]] }'

livy_conf() {
  SMK_SET="livy.server.auth.type=kerberos
livy.server.auth.kerberos.principal=$HTTP_PRINCIPAL
livy.server.auth.kerberos.keytab=$KEYTAB
livy.impersonation.enabled=true" awk "$PROPS_AWK" "$LIVY_CONF" >"$T/livy.conf"
  put "$LIVY_CONF" <"$T/livy.conf"
}

# @@HADOOP: emr-step-hadoop.sh (proxy-user settings, HDFS homes) goes here.

restart() {
  if [ "$CHANGED" = 0 ]; then
    log "nothing to change"
  elif [ "$LIVY_CHANGED" = 0 ]; then
    log "Livy's keytab and livy.conf are as they were: Livy keeps running"
  elif [ "$RESTART" = 1 ]; then
    log "restarting Livy: $RESTART_CMD"
    bash -c "$RESTART_CMD" || fail "the restart failed: $RESTART_CMD"
  else
    log "Livy still runs with its previous settings: restart it (sudo systemctl restart livy-server), then run this step again to check"
  fi
}

check_keytab() {
  local p a b bad=0
  log "check: klist -e -kt $KEYTAB"
  klist -e -k -t "$KEYTAB" || fail "check: cannot read $KEYTAB"
  for p in "$HTTP_PRINCIPAL" "$LIVY_PRINCIPAL"; do
    a=$(keytab_kvno "$p" "$KEYTAB")
    b=$(kdc_kvno "$p")
    if [ "$a" != "$b" ]; then
      log "check: FAILED: KVNO mismatch for $p: kvno $a in $KEYTAB, $b in the KDC (run this step again without SMK_CHECK_ONLY to export the KDC's key)"
      bad=1
    elif ! KRB5CCNAME="FILE:$T/check.cc" kinit -k -t "$KEYTAB" "$p" 2>"$T/kinit.err"; then
      log "check: FAILED: the key of $p in $KEYTAB does not match the KDC: $(cat "$T/kinit.err")"
      bad=1
    else
      log "check: $p kvno $a, in the keytab and in the KDC"
    fi
  done
  [ "$bad" = 0 ] || exit 1
}

# As Sparkmagic's clients do: no DNS canonicalization, so the ticket is for the NLB name.
check_livy() {
  local code=000 url=${LIVY_URL%/}/sessions waited=0 ca=()
  if [ -n "${SMK_CA_BUNDLE:-}" ]; then ca=(--cacert "$SMK_CA_BUNDLE"); fi
  printf '[libdefaults]\n  rdns = false\n  dns_canonicalize_hostname = false\n' >"$T/krb5.conf"
  export KRB5_CONFIG="$T/krb5.conf:${KRB5_CONFIG:-/etc/krb5.conf}" KRB5CCNAME="FILE:$T/check.cc"
  kinit -k -t "$KEYTAB" "$LIVY_PRINCIPAL" || fail "check: kinit as $LIVY_PRINCIPAL failed"
  while :; do
    code=$(curl -sS -o "$T/livy.out" -w '%{http_code}' --negotiate -u : ${ca[@]+"${ca[@]}"} "$url" 2>"$T/curl.err") || true
    if [ "$code" = 200 ] || [ "$waited" -ge "$WAIT" ]; then break; fi
    sleep 2
    waited=$((waited + 2))
  done
  if [ "$code" != 200 ]; then
    log "check: FAILED: GET $url as $LIVY_PRINCIPAL answered $code: $(cat "$T/curl.err")"
    exit 1
  fi
  log "check: Livy answered 200 to GET $url as $LIVY_PRINCIPAL (SPNEGO for $HTTP_PRINCIPAL)"
}

log "profile $PROFILE: $HTTP_PRINCIPAL, keytab $KEYTAB, $LIVY_CONF"
validate
if [ "$CHECK_ONLY" != 1 ]; then
  http_principal
  keytab
  livy_conf
  LIVY_CHANGED=$CHANGED
  proxy_user
  hdfs_homes
  restart
fi
check_keytab
if [ "$CHECK_ONLY" = 1 ] || [ "$LIVY_CHANGED" = 0 ] || [ "$RESTART" = 1 ]; then check_livy; fi
log "done"
