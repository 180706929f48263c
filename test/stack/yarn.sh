# The YARN mode of test/stack/stack.sh (STACK_SPARK=yarn), which sources this file: a
# Kerberized pseudo-distributed Hadoop 3.4.1 (NameNode, DataNode, ResourceManager,
# NodeManager; jars from test/stack/hadoop-fetch.sh, configuration from hadoop-conf.sh),
# the HDFS layout of an EMR cluster, and the Livy settings that make Livy submit each
# session to YARN in cluster mode as the impersonated user. Uses stack.sh's settings
# (STACK_DIR, REALM, JAVA, VENV, ...) and livy-server.sh's LIVY_JAVA_OPTS.
#
# Ports: STACK_HADOOP_PORT_BASE (default 62000) + 0..29: NameNode RPC +0, its HTTPS (and
# WebHDFS) +2, ResourceManager RPC +9, its web UI and REST +13 (SPNEGO), the rest of the
# daemons' ports +1..+19, Livy's RSC launcher +20..+29. A second stack needs a base of its
# own (the doctor's: 62100, the UI test's: 62200).
# shellcheck shell=bash

SPARK_MODE=${STACK_SPARK:-local}
HADOOP_PORT_BASE=${STACK_HADOOP_PORT_BASE:-62000}
YARN_MEMORY_MB=${STACK_YARN_MEMORY_MB:-12288}
# The users the EMR step (test/stack/cluster-step.sh) gives an HDFS home. It is not asked
# to for this one user, so a session of theirs fails the way it does on EMR (Permission
# denied ... inode="/user").
NO_HOME_USER=nohome
HOME_USERS=(user1 user2 user3)

# shellcheck source=test/stack/hadoop-conf.sh
. "$ROOT/test/stack/hadoop-conf.sh"

yarn_mode() { [ "$SPARK_MODE" = yarn ]; }

# Under the absolute STACK_DIR; the commands on a running stack take its port base from it.
yarn_dirs() {
  STACK_DIR=$(cd "$STACK_DIR" && pwd)
  HADOOP_DIR=$STACK_DIR/hadoop
  HADOOP_CONF=$HADOOP_DIR/conf
  if [ "${1:-}" = running ]; then
    [ -s "$HADOOP_DIR/port-base" ] || die "no YARN stack in $STACK_DIR (start it with STACK_SPARK=yarn)"
    HADOOP_PORT_BASE=$(cat "$HADOOP_DIR/port-base")
  fi
}

yarn_check_inputs() {
  case $SPARK_MODE in
    local | yarn) ;;
    *) die "STACK_SPARK must be local or yarn: $SPARK_MODE" ;;
  esac
  yarn_mode || return 0
  yarn_dirs
  if ! [[ $HADOOP_PORT_BASE =~ ^[0-9]+$ ]] || [ "$HADOOP_PORT_BASE" -lt 1024 ] || [ "$HADOOP_PORT_BASE" -gt 65500 ]; then
    die "STACK_HADOOP_PORT_BASE must be 1024..65500: $HADOOP_PORT_BASE"
  fi
  if ! [[ $YARN_MEMORY_MB =~ ^[0-9]+$ ]] || [ "$YARN_MEMORY_MB" -lt 2048 ]; then
    die "STACK_YARN_MEMORY_MB must be a number of MB, at least 2048: $YARN_MEMORY_MB"
  fi
  outside_ephemeral "$HADOOP_PORT_BASE" $((HADOOP_PORT_BASE + 29))
}

kadmin_stack() {
  KRB5_CONFIG=$STACK_DIR/kdc/krb5.conf KRB5_KDC_PROFILE=$STACK_DIR/kdc/kdc.conf \
    kadmin.local -r "$REALM" -q "$1" >>"$HADOOP_DIR/kadmin.log" 2>&1
}
has_princ_stack() {
  KRB5_CONFIG=$STACK_DIR/kdc/krb5.conf KRB5_KDC_PROFILE=$STACK_DIR/kdc/kdc.conf \
    kadmin.local -r "$REALM" -q "getprinc $1" 2>/dev/null | grep -q '^Principal:'
}

# The daemons' and Livy's service principals, the HDFS superuser's (in a keytab of its own,
# as EMR's /etc/hdfs.keytab), and the user without a home.
yarn_principals() {
  local d=$HADOOP_DIR/keytabs s fresh=
  mkdir -p "$d"
  for s in nn dn rm nm HTTP livy; do
    if ! has_princ_stack "$s/localhost"; then
      kadmin_stack "addprinc -randkey $s/localhost"
      fresh=1
    fi
  done
  if [ -n "$fresh" ] || [ ! -s "$d/hadoop.keytab" ] || [ ! -s "$d/livy.keytab" ]; then
    rm -f "$d/hadoop.keytab" "$d/livy.keytab"
    kadmin_stack "ktadd -k $d/hadoop.keytab nn/localhost dn/localhost rm/localhost nm/localhost HTTP/localhost"
    kadmin_stack "ktadd -k $d/livy.keytab livy/localhost"
  fi
  has_princ_stack hdfs/localhost || kadmin_stack 'addprinc -randkey hdfs/localhost'
  [ -s "$d/hdfs.keytab" ] || kadmin_stack "ktadd -norandkey -k $d/hdfs.keytab hdfs/localhost"
  has_princ_stack "$NO_HOME_USER" || kadmin_stack "addprinc -pw ${NO_HOME_USER}pw -maxrenewlife 7d $NO_HOME_USER"
  [ -s "$STACK_DIR/kdc/$NO_HOME_USER.keytab" ] ||
    kadmin_stack "ktadd -norandkey -k $STACK_DIR/kdc/$NO_HOME_USER.keytab $NO_HOME_USER"
}

# hadoop_java HEAP: java with the options and classpath of the stack's Hadoop, into HJAVA.
hadoop_java() {
  HJAVA=("$JAVA" "${LIVY_JAVA_OPTS[@]}" "-Xmx$1" -XX:+UseSerialGC -XX:TieredStopAtLevel=1
    --add-opens=java.base/java.util=ALL-UNNAMED -Djava.net.preferIPv4Stack=true
    "-Djava.security.krb5.conf=$STACK_DIR/kdc/krb5.conf" "-Dhadoop.log.dir=$HADOOP_DIR/logs"
    -cp "$HADOOP_CONF:$(cat "$HADOOP_CP")")
}

# hadoop_cmd HEAP CLASS ARGS...: the command line of a Hadoop daemon, into HCMD.
hadoop_cmd() {
  local heap=$1
  shift
  hadoop_java "$heap"
  HCMD=(env JAVA_HOME="${JAVA%/bin/java}" HADOOP_CONF_DIR="$HADOOP_CONF" KRB5_CONFIG="$STACK_DIR/kdc/krb5.conf"
    KRB5CCNAME="FILE:$HADOOP_DIR/daemon.cc" "${HJAVA[@]}" "$@")
}

# The cluster's `hdfs` and `yarn` commands in $HADOOP_DIR/bin (test/stack/hadoop-client.sh).
hadoop_client() {
  local HADOOP_CLIENT_JAVA
  hadoop_java 256m
  HADOOP_CLIENT_JAVA=("${HJAVA[@]}")
  declare -p HADOOP_CLIENT_JAVA >"$HADOOP_DIR/client.env"
  mkdir -p "$HADOOP_DIR/bin"
  ln -sfn "$ROOT/test/stack/hadoop-client.sh" "$HADOOP_DIR/bin/hdfs"
  ln -sfn "$ROOT/test/stack/hadoop-client.sh" "$HADOOP_DIR/bin/yarn"
}

# daemon_start NAME HEAP CLASS: started in a session of its own, PID in NAME.pid.
daemon_start() {
  local name=$1 heap=$2 class=$3
  alive "$HADOOP_DIR/$name.pid" "$class" && return 0
  hadoop_cmd "$heap" "$class"
  (cd "$HADOOP_DIR" && exec setsid "${HCMD[@]}") >"$HADOOP_DIR/logs/$name.log" 2>&1 &
  echo $! >"$HADOOP_DIR/$name.pid"
}

# daemon_wait NAME CLASS LINE: until its log has LINE (readiness), at most 300 s.
daemon_wait() {
  local name=$1 class=$2 line=$3 log=$HADOOP_DIR/logs/$1.log
  for _ in $(seq 600); do
    grep -q -- "$line" "$log" 2>/dev/null && return 0
    alive "$HADOOP_DIR/$name.pid" "$class" || break
    sleep 0.5
  done
  tail -30 "$log" >&2
  die "Hadoop $name did not come up (log kept: $log)"
}

NN_CLASS=org.apache.hadoop.hdfs.server.namenode.NameNode
DN_CLASS=org.apache.hadoop.hdfs.server.datanode.DataNode
RM_CLASS=org.apache.hadoop.yarn.server.resourcemanager.ResourceManager
NM_CLASS=org.apache.hadoop.yarn.server.nodemanager.NodeManager

# hdfs_web METHOD PATH QUERY: WebHDFS as the HDFS superuser (hdfs = nn/localhost).
hdfs_web() {
  env KRB5_CONFIG="$STACK_DIR/kdc/krb5.conf" KRB5CCNAME="FILE:$HADOOP_DIR/hdfs.cc" \
    curl -fsS -o /dev/null --negotiate -u : --cacert "$STACK_DIR/tls/ca.pem" -X "$1" \
    "https://localhost:$((HADOOP_PORT_BASE + 2))/webhdfs/v1$2?$3"
}
hdfs_kinit() {
  KRB5_CONFIG=$STACK_DIR/kdc/krb5.conf KRB5CCNAME=FILE:$HADOOP_DIR/hdfs.cc \
    kinit -k -t "$HADOOP_DIR/keytabs/hadoop.keytab" "nn/localhost@$REALM"
}

# hdfs_home create|delete USER: what EMR's impersonation guide has administrators do.
hdfs_home() {
  [ -n "${HADOOP_DIR:-}" ] || yarn_dirs running
  [[ ${2:-} =~ ^[a-z_][a-z0-9_.-]*$ ]] || die "hdfs-home: invalid user name: ${2:-}"
  hdfs_kinit
  case $1 in
    create)
      hdfs_web PUT "/user/$2" 'op=MKDIRS&permission=755'
      hdfs_web PUT "/user/$2" "op=SETOWNER&owner=$2&group=$2"
      ;;
    delete) hdfs_web DELETE "/user/$2" 'op=DELETE&recursive=true' ;;
    *) die 'usage: stack.sh hdfs-home create|delete USER' ;;
  esac
}

# What a new EMR cluster has in HDFS before any step runs: /tmp, /user and the homes of its
# applications' users (Livy's among them). The users' homes are the EMR step's.
hdfs_layout() {
  hdfs_kinit
  hdfs_web PUT /tmp 'op=MKDIRS&permission=1777'
  hdfs_web PUT /tmp 'op=SETPERMISSION&permission=1777'
  hdfs_web PUT /user 'op=MKDIRS&permission=755'
  hdfs_home create livy
}

yarn_start() {
  local start=$SECONDS
  HADOOP_CP=$("$ROOT/test/stack/hadoop-fetch.sh") || die 'no Hadoop classpath (test/stack/hadoop-fetch.sh)'
  mkdir -p "$HADOOP_DIR/logs"
  echo "$HADOOP_PORT_BASE" >"$HADOOP_DIR/port-base"
  yarn_principals
  hadoop_tls
  write_hadoop_conf
  hadoop_client
  if [ ! -f "$HADOOP_DIR/data/nn/current/VERSION" ]; then
    hadoop_cmd 256m "$NN_CLASS" -format -nonInteractive
    "${HCMD[@]}" >"$HADOOP_DIR/logs/format.log" 2>&1 ||
      die "formatting HDFS failed (see $HADOOP_DIR/logs/format.log)"
  fi
  # The ResourceManager needs nothing of HDFS, so both masters start together.
  daemon_start namenode 384m "$NN_CLASS"
  daemon_start resourcemanager 512m "$RM_CLASS"
  daemon_wait namenode "$NN_CLASS" 'NameNode RPC up at'
  daemon_start datanode 256m "$DN_CLASS"
  daemon_wait resourcemanager "$RM_CLASS" 'Transitioned to active state'
  daemon_start nodemanager 256m "$NM_CLASS"
  daemon_wait datanode "$DN_CLASS" 'Successfully sent block report'
  daemon_wait nodemanager "$NM_CLASS" 'Registered with ResourceManager'
  hdfs_layout
  log "YARN up in $((SECONDS - start)) s: HDFS hdfs://localhost:$HADOOP_PORT_BASE, ResourceManager http://localhost:$((HADOOP_PORT_BASE + 13))"
}

yarn_stop() {
  yarn_dirs
  [ -d "$HADOOP_DIR" ] || return 0
  stop_pid "$HADOOP_DIR/nodemanager.pid" "$NM_CLASS" group
  # The NodeManager stops its containers; any it could not are stopped by their PID files.
  local f
  for f in "$HADOOP_DIR"/data/nm-local/nmPrivate/*/*/*.pid; do
    if alive "$f" container_; then kill -9 -- "-$(cat "$f")" 2>/dev/null || true; fi
  done
  stop_pid "$HADOOP_DIR/resourcemanager.pid" "$RM_CLASS" group
  stop_pid "$HADOOP_DIR/datanode.pid" "$DN_CLASS" group
  stop_pid "$HADOOP_DIR/namenode.pid" "$NN_CLASS" group
}

# yarn_app ID: the ResourceManager's record of one application, as its REST API gives it.
yarn_app() {
  [[ ${1:-} =~ ^application_[0-9]+_[0-9]+$ ]] || die "yarn-app: not an application id: ${1:-}"
  yarn_dirs running
  hdfs_kinit
  env KRB5_CONFIG="$STACK_DIR/kdc/krb5.conf" KRB5CCNAME="FILE:$HADOOP_DIR/hdfs.cc" \
    curl -fsS --negotiate -u : "http://localhost:$((HADOOP_PORT_BASE + 13))/ws/v1/cluster/apps/$1"
}

# Livy on YARN: cluster deploy mode (the driver in the application master, as Livy's own
# integration tests run it), logged in from its keytab into a ticket cache of its own.
yarn_livy_conf() {
  local spark_home=$1 c=$STACK_DIR/livy/conf krb="-Djava.security.krb5.conf=$STACK_DIR/kdc/krb5.conf"
  sed -i -e 's/^livy.spark.master = .*/livy.spark.master = yarn/' \
    -e 's/^livy.spark.deploy-mode = .*/livy.spark.deploy-mode = cluster/' "$c/livy.conf"
  cat >>"$c/livy.conf" <<EOF
livy.server.launch.kerberos.principal = livy/localhost@$REALM
livy.server.launch.kerberos.keytab = $HADOOP_DIR/keytabs/livy.keytab
livy.server.yarn.poll-interval = 1s
livy.server.yarn.app-lookup-timeout = 300s
EOF
  echo "livy.rsc.launcher.port.range = $((HADOOP_PORT_BASE + 20))~$((HADOOP_PORT_BASE + 29))" >>"$c/livy-client.conf"
  # jars/ is on every node already (local:), so a submit uploads only the Python zips and
  # the configuration. One application attempt: a session that cannot start dies at once.
  cat >"$STACK_DIR/livy/spark-conf/spark-defaults.conf" <<EOF
spark.yarn.jars local:$spark_home/jars/*
spark.pyspark.python $VENV/bin/python
spark.driver.memory 512m
spark.executor.memory 512m
spark.executor.instances 1
spark.yarn.am.memory 384m
spark.yarn.maxAppAttempts 1
spark.ui.enabled false
spark.sql.shuffle.partitions 2
spark.scheduler.minRegisteredResourcesRatio 0.0
spark.yarn.appMasterEnv.SPARK_LOCAL_IP 127.0.0.1
spark.executorEnv.SPARK_LOCAL_IP 127.0.0.1
spark.driver.extraJavaOptions $krb
spark.yarn.am.extraJavaOptions $krb
spark.executor.extraJavaOptions $krb
EOF
}

# The Livy server's extra environment (HADOOP_CONF_DIR also goes on its classpath).
yarn_livy_env() {
  printf '%s\n' "HADOOP_CONF_DIR=$HADOOP_CONF" "KRB5CCNAME=FILE:$STACK_DIR/livy/krb5cc" \
    "SPARK_SUBMIT_OPTS=-Djava.security.krb5.conf=$STACK_DIR/kdc/krb5.conf"
}

yarn_write_env() {
  cat <<EOF
export STACK_SPARK='$SPARK_MODE'
EOF
  yarn_mode || return 0
  cat <<EOF
export STACK_HADOOP_CONF_DIR='$HADOOP_CONF'
export STACK_HADOOP_LOGS='$HADOOP_DIR/logs'
export STACK_YARN_URL='http://localhost:$((HADOOP_PORT_BASE + 13))'
export STACK_WEBHDFS_URL='https://localhost:$((HADOOP_PORT_BASE + 2))/webhdfs/v1'
export STACK_HDFS_HOMES='livy ${HOME_USERS[*]}'
export STACK_NO_HOME_USER='$NO_HOME_USER'
export STACK_YARN_CONTAINER_LOGS='$HADOOP_DIR/data/nm-log'
EOF
}
