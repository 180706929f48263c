# Livy for test/stack/stack.sh, which sources this file: its configuration (TLS, Spark
# local; SPNEGO and impersonation come from the EMR step, cluster-step.sh) and the
# server's start, healthy once it answers with the SPNEGO challenge; in the YARN mode with yarn.sh's additions. Uses stack.sh's
# settings (STACK_DIR, NLB_HOST, REALM, ...).
# shellcheck shell=bash

write_livy_conf() {
  local c=$STACK_DIR/livy/conf sc=$STACK_DIR/livy/spark-conf
  mkdir -p "$c" "$sc" "$STACK_DIR/livy/logs" "$STACK_DIR/jobs"
  cat >"$c/livy.conf" <<EOF
livy.server.host = 127.0.0.1
livy.server.port = $LIVY_PORT
livy.spark.master = local[2]
livy.spark.deploy-mode = client
livy.spark.scala-version = 2.12
livy.repl.enable-hive-context = false
livy.server.recovery.mode = off
livy.file.local-dir-whitelist = $STACK_DIR/jobs/
livy.keystore = $STACK_DIR/tls/livy.p12
livy.keystore.type = PKCS12
livy.keystore.password = $(cat "$STACK_DIR/tls/store.pw")
livy.key-password = $(cat "$STACK_DIR/tls/store.pw")
EOF
  chmod 600 "$c/livy.conf"
  # Read by the RSC client inside the server (root of the server classpath).
  cat >"$c/livy-client.conf" <<EOF
livy.rsc.launcher.address = 127.0.0.1
livy.rsc.rpc.server.address = 127.0.0.1
livy.rsc.server.connect.timeout = 300s
EOF
  cat >"$c/log4j.properties" <<EOF
log4j.rootCategory=INFO, console
log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.console.target=System.err
log4j.appender.console.layout=org.apache.log4j.PatternLayout
log4j.appender.console.layout.ConversionPattern=%d{HH:mm:ss} %p %c{1}: %m%n
log4j.logger.org.eclipse.jetty=WARN
EOF
  cat >"$sc/spark-defaults.conf" <<EOF
spark.ui.enabled false
spark.driver.host 127.0.0.1
spark.driver.bindAddress 127.0.0.1
spark.driver.memory 768m
spark.sql.shuffle.partitions 2
EOF
  # A batch log is the driver's output: Spark's INFO lines would push the job's own lines
  # out of the part Livy keeps.
  cat >"$sc/log4j2.properties" <<EOF
rootLogger.level = warn
rootLogger.appenderRef.stdout.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
EOF
}

# What Livy 0.9's own launcher passes on Java 17 (0.7.1 runs with them too), plus
# hadoop-auth's Kerberos internals.
LIVY_JAVA_OPTS=(-Xmx512m -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-exports=java.base/sun.net.dns=ALL-UNNAMED --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.base/sun.security.x509=ALL-UNNAMED --add-exports=java.base/sun.security.util=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.jgss=ALL-UNNAMED)

# The version in the server jar's name.
livy_version() { find "$LIVY_HOME/jars" -name 'livy-server-*.jar' -printf '%f\n' | sed -n 's/^livy-server-\(.*\)\.jar$/\1/p'; }

# PyPI's pyspark has no SparkR: Livy gets a SPARK_HOME that adds it (R kernel sessions).
spark_home() {
  local pyspark
  pyspark=$("$VENV/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))') ||
    die "pyspark is missing from $VENV"
  "$ROOT/test/stack/sparkr-build.sh" "$pyspark" "$STACK_DIR/livy/spark-home" ||
    die 'no SparkR for the R kernel (test/stack/sparkr-build.sh says why above)'
}

# The configuration without the EMR step's settings, written when Livy is not running.
prepare_livy() {
  LIVY_HOME=$("$ROOT/test/stack/livy-fetch.sh") || die 'no Livy with REPL jars (test/stack/livy-fetch.sh says how to give one)'
  alive "$STACK_DIR/livy/livy.pid" org.apache.livy.server.LivyServer && return 0
  write_livy_conf
  if yarn_mode; then yarn_livy_conf "$(spark_home)"; fi
}

# (Re)starts Livy on the configuration in place: the EMR step's restart command.
launch_livy() {
  local d=$STACK_DIR/livy pidfile=$STACK_DIR/livy/livy.pid spark_home
  LIVY_HOME=$("$ROOT/test/stack/livy-fetch.sh") || die 'no Livy with REPL jars (test/stack/livy-fetch.sh says how to give one)'
  stop_pid "$pidfile" org.apache.livy.server.LivyServer group
  [ -x "$JAVA" ] || die "Java 17 not found at $JAVA (set JAVA_HOME)"
  spark_home=$(spark_home)
  local extra_env=() extra_cp=
  if yarn_mode; then
    mapfile -t extra_env < <(yarn_livy_env)
    extra_cp=:$HADOOP_CONF
  fi
  # A session of its own: stop takes down Livy and the Spark drivers it spawned together.
  (
    cd "$d" || exit 1
    exec env LIVY_HOME="$LIVY_HOME" LIVY_CONF_DIR="$d/conf" LIVY_LOG_DIR="$d/logs" SPARK_HOME="$spark_home" \
      SPARK_CONF_DIR="$d/spark-conf" PYSPARK_PYTHON="$VENV/bin/python" SPARK_LOCAL_IP=127.0.0.1 \
      KRB5_CONFIG="$STACK_DIR/kdc/krb5.conf" "${extra_env[@]}" \
      setsid "$JAVA" "${LIVY_JAVA_OPTS[@]}" -Djava.security.krb5.conf="$STACK_DIR/kdc/krb5.conf" \
      -cp "$LIVY_HOME/jars/*:$d/conf$extra_cp" org.apache.livy.server.LivyServer
  ) >"$d/logs/livy-server.log" 2>&1 &
  echo $! >"$pidfile"
  # Healthy = answers HTTPS with the SPNEGO challenge (401 Negotiate).
  local code
  # Alive by PID alone: until the subshell above has exec'd, its command line is not Livy's.
  for _ in $(seq 120); do
    kill -0 "$(cat "$pidfile")" 2>/dev/null || break
    code=$(curl -s -o /dev/null -w '%{http_code}' --cacert "$STACK_DIR/tls/ca.pem" \
      --resolve "$NLB_HOST:$LIVY_PORT:127.0.0.1" "https://$NLB_HOST:$LIVY_PORT/sessions" || true)
    [ "$code" = 401 ] && return 0
    sleep 1
  done
  tail -40 "$d/logs/livy-server.log" >&2
  die "Livy did not become healthy (log kept: $d/logs/livy-server.log)"
}
