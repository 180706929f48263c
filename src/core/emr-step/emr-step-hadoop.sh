# shellcheck shell=bash
# The Hadoop half of the EMR step (emr-step.sh), which the generator puts in its place:
# Livy's proxy-user settings in core-site.xml, reloaded by the NameNode and the
# ResourceManager, and the users' HDFS homes. It uses the step's values and settings
# (USERS, HOST, REALM, T) and helpers (log, fail, changed, put).

CORE_SITE=${SMK_CORE_SITE:-/etc/hadoop/conf/core-site.xml}
HDFS_USER=${SMK_HDFS_USER:-hdfs}
HDFS_KEYTAB=${SMK_HDFS_KEYTAB:-/etc/hdfs.keytab}
HDFS_PRINCIPAL=${SMK_HDFS_PRINCIPAL:-hdfs/$HOST@$REALM}

# Sets <property> values in a Hadoop XML file (one <property> element per line or
# spread over lines); missing properties go before </configuration>.
# shellcheck disable=SC2016 # awk source
XML_AWK='
BEGIN { n = split(ENVIRON["SMK_SET"], kv, "\n")
  for (i = 1; i <= n; i++) { j = index(kv[i], "="); k = substr(kv[i], 1, j - 1); want[k] = substr(kv[i], j + 1); order[i] = k } }
function flush(  k, s, a, b) {
  for (k in want) if (index(block, "<name>" k "</name>")) {
    done[k] = 1; a = index(block, "<value>"); b = index(block, "</value>")
    if (a && b > a) block = substr(block, 1, a + 6) want[k] substr(block, b)
  }
  printf "%s", block; block = ""; inprop = 0
}
/<property>/ { inprop = 1 }
inprop { block = block $0 "\n"; if (/<\/property>/) flush(); next }
/<\/configuration>/ { for (i = 1; i <= n; i++) if (!(order[i] in done)) printf "  <property>\n    <name>%s</name>\n    <value>%s</value>\n  </property>\n", order[i], want[order[i]] }
{ print }'

proxy_user() {
  if [ ! -f "$CORE_SITE" ]; then
    log "no $CORE_SITE (no Hadoop on this node): proxy-user settings skipped"
    return 0
  fi
  CORE_SITE=$(readlink -f -- "$CORE_SITE")
  local before=$CHANGED
  CHANGED=0
  SMK_SET="hadoop.proxyuser.livy.hosts=*
hadoop.proxyuser.livy.groups=*" awk "$XML_AWK" "$CORE_SITE" >"$T/core-site.xml"
  put "$CORE_SITE" <"$T/core-site.xml"
  if [ "$CHANGED" = 1 ]; then reload_proxy_users; fi
  CHANGED=$((before | CHANGED))
}

# The NameNode and the ResourceManager read the proxy-user settings when they start, or
# when told to reload them.
reload_proxy_users() {
  if command -v hdfs >/dev/null && as_hdfs hdfs dfsadmin -refreshSuperUserGroupsConfiguration; then
    log "the NameNode reloaded the proxy-user settings"
  else
    log "WARNING: restart the NameNode to apply $CORE_SITE"
  fi
  if command -v yarn >/dev/null && as_hdfs yarn rmadmin -refreshSuperUserGroupsConfiguration; then
    log "the ResourceManager reloaded the proxy-user settings"
  else
    log "WARNING: restart the ResourceManager to apply $CORE_SITE"
  fi
}

# as_hdfs COMMAND ARGS...: run as the HDFS superuser, with a ticket of its own when it has
# a keytab. The command is looked up here: sudo may reset PATH (and KRB5_CONFIG).
as_hdfs() {
  local cc=$T/hdfs/cc cmd
  cmd=$(command -v "$1") || fail "$1 not found"
  shift
  if [ ! -d "$T/hdfs" ]; then
    mkdir "$T/hdfs"
    chown "$HDFS_USER" "$T/hdfs"
    chmod 711 "$T"
    if [ -f "$HDFS_KEYTAB" ]; then
      sudo -n -u "$HDFS_USER" env KRB5_CONFIG="${KRB5_CONFIG:-/etc/krb5.conf}" KRB5CCNAME="FILE:$cc" \
        kinit -k -t "$HDFS_KEYTAB" "$HDFS_PRINCIPAL" || fail "kinit as $HDFS_PRINCIPAL with $HDFS_KEYTAB failed"
    fi
  fi
  sudo -n -u "$HDFS_USER" env KRB5_CONFIG="${KRB5_CONFIG:-/etc/krb5.conf}" KRB5CCNAME="FILE:$cc" "$cmd" "$@"
}

# Each Hadoop command is a JVM of a few seconds, so the homes are read with one -stat and
# the missing ones made with one -mkdir; only -chown takes one owner per call.
hdfs_homes() {
  local u name owner type paths=() make=() own=()
  local -A owner_of=() type_of=()
  read -ra names <<<"$USERS"
  [ "${#names[@]}" != 0 ] || return 0
  command -v hdfs >/dev/null || fail "hdfs not found: HDFS homes for $USERS need the Hadoop client"
  for u in "${names[@]}"; do paths+=("/user/$u"); done
  # A home that is missing is a complaint on stderr; the others are lines "name owner type".
  as_hdfs hdfs dfs -stat '%n %u %F' "${paths[@]}" >"$T/homes" 2>"$T/homes.err" || true
  while read -r name owner type; do
    owner_of[$name]=$owner
    type_of[$name]=$type
  done <"$T/homes"
  for u in "${names[@]}"; do
    if [ -z "${type_of[$u]:-}" ]; then
      grep -qF "/user/$u': No such file or directory" "$T/homes.err" ||
        fail "cannot read /user/$u in HDFS: $(cat "$T/homes.err")"
      make+=("/user/$u")
      own+=("$u")
    elif [ "${type_of[$u]}" != directory ]; then
      fail "/user/$u in HDFS is a ${type_of[$u]}, not a directory: move it away first"
    elif [ "${owner_of[$u]}" != "$u" ]; then
      own+=("$u")
    else
      log "unchanged: /user/$u (HDFS) is owned by $u"
    fi
  done
  if [ "${#make[@]}" != 0 ]; then as_hdfs hdfs dfs -mkdir -p "${make[@]}"; fi
  for u in ${own[@]+"${own[@]}"}; do
    as_hdfs hdfs dfs -chown "$u" "/user/$u"
    changed "HDFS home /user/$u owned by $u"
  done
}
