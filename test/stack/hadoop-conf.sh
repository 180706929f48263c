# The configuration of the YARN mode's Kerberized pseudo-distributed Hadoop, for
# test/stack/yarn.sh, which sources this file: core/hdfs/yarn-site, the capacity
# scheduler, log4j, and the TLS that HDFS's HTTPS_ONLY policy needs. Secure without root
# helpers: a secure DataNode on unprivileged ports is allowed with SASL data transfer
# (dfs.data.transfer.protection) plus dfs.http.policy=HTTPS_ONLY, and containers run under
# the DefaultContainerExecutor as the NodeManager's OS user while YARN and HDFS see the
# impersonated user. Service principals are <service>/localhost, as in Hadoop's own
# tests, so no host name canonicalization is involved. Livy's proxy-user settings
# (hadoop.proxyuser.livy.*) are left out: EMR's core-site.xml has them, but here the EMR
# step (test/stack/cluster-step.sh) adds them and has the NameNode and ResourceManager
# reload them, so that part of the step runs for real too.
# shellcheck shell=bash

# xml_props FILE NAME=VALUE...: a Hadoop configuration file.
xml_props() {
  local f=$1 kv v
  shift
  {
    echo '<?xml version="1.0"?>'
    echo '<configuration>'
    for kv in "$@"; do
      v=${kv#*=}
      v=${v//&/&amp;}
      v=${v//</&lt;}
      v=${v//>/&gt;}
      printf '  <property><name>%s</name><value>%s</value></property>\n' "${kv%%=*}" "$v"
    done
    echo '</configuration>'
  } >"$f.tmp"
  mv "$f.tmp" "$f"
}

# A JKS key and trust store for localhost, signed by the stack's CA (stack.sh make_tls).
hadoop_tls() {
  local d=$HADOOP_DIR/tls pw ca=$STACK_DIR/tls
  [ -s "$d/keystore.jks" ] && [ -s "$d/truststore.jks" ] && return 0
  mkdir -p "$d"
  rm -f "$d"/*
  pw=$(cat "$ca/store.pw")
  local kt=(keytool -noprompt -storepass "$pw" -keypass "$pw")
  "${kt[@]}" -storetype JKS -genkeypair -alias localhost -keyalg RSA -keysize 2048 -validity 825 \
    -dname 'CN=localhost' -keystore "$d/keystore.jks" 2>/dev/null
  "${kt[@]}" -certreq -alias localhost -keystore "$d/keystore.jks" -file "$d/localhost.csr" 2>/dev/null
  "${kt[@]}" -storetype PKCS12 -gencert -alias ca -keystore "$ca/ca.p12" -infile "$d/localhost.csr" \
    -outfile "$d/localhost.pem" -rfc -validity 825 -ext 'SAN=dns:localhost,ip:127.0.0.1' \
    -ext ku:c=digitalSignature,keyEncipherment -ext eku=serverAuth,clientAuth 2>/dev/null
  "${kt[@]}" -importcert -alias ca -file "$ca/ca.pem" -keystore "$d/keystore.jks" 2>/dev/null
  "${kt[@]}" -importcert -alias localhost -file "$d/localhost.pem" -keystore "$d/keystore.jks" 2>/dev/null
  "${kt[@]}" -storetype JKS -importcert -alias ca -file "$ca/ca.pem" -keystore "$d/truststore.jks" 2>/dev/null
}

write_hadoop_conf() {
  local c=$HADOOP_CONF data=$HADOOP_DIR/data ktab=$HADOOP_DIR/keytabs/hadoop.keytab pw p=$HADOOP_PORT_BASE
  pw=$(cat "$STACK_DIR/tls/store.pw")
  mkdir -p "$c" "$data"
  local rules
  rules="RULE:[2:\$1/\$2@\$0]([nd]n/localhost@$REALM)s/.*/hdfs/
RULE:[2:\$1/\$2@\$0]([rn]m/localhost@$REALM)s/.*/yarn/
RULE:[2:\$1/\$2@\$0](livy/localhost@$REALM)s/.*/livy/
DEFAULT"
  xml_props "$c/core-site.xml" \
    "fs.defaultFS=hdfs://localhost:$p" \
    "hadoop.tmp.dir=$data/tmp" \
    "hadoop.security.authentication=kerberos" \
    "hadoop.security.authorization=true" \
    "hadoop.security.auth_to_local=$rules" \
    "hadoop.rpc.protection=authentication" \
    "hadoop.http.authentication.type=kerberos" \
    "hadoop.http.authentication.kerberos.principal=HTTP/localhost@$REALM" \
    "hadoop.http.authentication.kerberos.keytab=$ktab" \
    "hadoop.http.authentication.simple.anonymous.allowed=false" \
    "hadoop.http.filter.initializers=org.apache.hadoop.security.AuthenticationFilterInitializer"
  xml_props "$c/hdfs-site.xml" \
    "dfs.replication=1" \
    "dfs.namenode.name.dir=file://$data/nn" \
    "dfs.datanode.data.dir=file://$data/dn" \
    "dfs.namenode.rpc-address=localhost:$p" \
    "dfs.namenode.http-address=localhost:$((p + 1))" \
    "dfs.namenode.https-address=localhost:$((p + 2))" \
    "dfs.namenode.secondary.http-address=localhost:$((p + 3))" \
    "dfs.namenode.secondary.https-address=localhost:$((p + 4))" \
    "dfs.datanode.address=localhost:$((p + 5))" \
    "dfs.datanode.ipc.address=localhost:$((p + 6))" \
    "dfs.datanode.http.address=localhost:$((p + 7))" \
    "dfs.datanode.https.address=localhost:$((p + 8))" \
    "dfs.permissions.enabled=true" \
    "dfs.namenode.safemode.extension=0" \
    "dfs.namenode.datanode.registration.ip-hostname-check=false" \
    "dfs.namenode.fs-limits.min-block-size=0" \
    "dfs.block.access.token.enable=true" \
    "dfs.namenode.kerberos.principal=nn/localhost@$REALM" \
    "dfs.namenode.keytab.file=$ktab" \
    "dfs.namenode.kerberos.internal.spnego.principal=HTTP/localhost@$REALM" \
    "dfs.datanode.kerberos.principal=dn/localhost@$REALM" \
    "dfs.datanode.keytab.file=$ktab" \
    "dfs.web.authentication.kerberos.principal=HTTP/localhost@$REALM" \
    "dfs.web.authentication.kerberos.keytab=$ktab" \
    "dfs.data.transfer.protection=authentication" \
    "dfs.http.policy=HTTPS_ONLY" \
    "dfs.encrypt.data.transfer=false"
  xml_props "$c/yarn-site.xml" \
    "yarn.resourcemanager.hostname=localhost" \
    "yarn.resourcemanager.address=localhost:$((p + 9))" \
    "yarn.resourcemanager.scheduler.address=localhost:$((p + 10))" \
    "yarn.resourcemanager.resource-tracker.address=localhost:$((p + 11))" \
    "yarn.resourcemanager.admin.address=localhost:$((p + 12))" \
    "yarn.resourcemanager.webapp.address=localhost:$((p + 13))" \
    "yarn.resourcemanager.webapp.https.address=localhost:$((p + 14))" \
    "yarn.nodemanager.hostname=localhost" \
    "yarn.nodemanager.address=localhost:$((p + 15))" \
    "yarn.nodemanager.localizer.address=localhost:$((p + 16))" \
    "yarn.nodemanager.webapp.address=localhost:$((p + 17))" \
    "yarn.nodemanager.webapp.https.address=localhost:$((p + 18))" \
    "yarn.nodemanager.collector-service.address=localhost:$((p + 19))" \
    "yarn.nodemanager.local-dirs=$data/nm-local" \
    "yarn.nodemanager.log-dirs=$data/nm-log" \
    "yarn.nodemanager.resource.memory-mb=$YARN_MEMORY_MB" \
    "yarn.nodemanager.resource.cpu-vcores=8" \
    "yarn.scheduler.minimum-allocation-mb=128" \
    "yarn.scheduler.maximum-allocation-mb=$YARN_MEMORY_MB" \
    "yarn.nodemanager.vmem-check-enabled=false" \
    "yarn.nodemanager.pmem-check-enabled=false" \
    "yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage=99" \
    "yarn.nodemanager.delete.debug-delay-sec=600" \
    "yarn.log-aggregation-enable=false" \
    "yarn.nodemanager.env-whitelist=JAVA_HOME,HADOOP_COMMON_HOME,HADOOP_HDFS_HOME,HADOOP_CONF_DIR,CLASSPATH_PREPEND_DISTCACHE,HADOOP_YARN_HOME,HADOOP_HOME,PATH,LANG,TZ" \
    "yarn.resourcemanager.scheduler.class=org.apache.hadoop.yarn.server.resourcemanager.scheduler.capacity.CapacityScheduler" \
    "yarn.resourcemanager.principal=rm/localhost@$REALM" \
    "yarn.resourcemanager.keytab=$ktab" \
    "yarn.nodemanager.principal=nm/localhost@$REALM" \
    "yarn.nodemanager.keytab=$ktab" \
    "yarn.resourcemanager.webapp.spnego-principal=HTTP/localhost@$REALM" \
    "yarn.resourcemanager.webapp.spnego-keytab-file=$ktab" \
    "yarn.nodemanager.webapp.spnego-principal=HTTP/localhost@$REALM" \
    "yarn.nodemanager.webapp.spnego-keytab-file=$ktab" \
    "yarn.nodemanager.container-executor.class=org.apache.hadoop.yarn.server.nodemanager.DefaultContainerExecutor"
  xml_props "$c/capacity-scheduler.xml" \
    "yarn.scheduler.capacity.root.queues=default" \
    "yarn.scheduler.capacity.root.default.capacity=100" \
    "yarn.scheduler.capacity.root.default.maximum-capacity=100" \
    "yarn.scheduler.capacity.maximum-am-resource-percent=0.8" \
    "yarn.scheduler.capacity.root.default.acl_submit_applications=*" \
    "yarn.scheduler.capacity.root.acl_submit_applications=*"
  xml_props "$c/ssl-server.xml" \
    "ssl.server.keystore.location=$HADOOP_DIR/tls/keystore.jks" \
    "ssl.server.keystore.type=jks" \
    "ssl.server.keystore.password=$pw" \
    "ssl.server.keystore.keypassword=$pw" \
    "ssl.server.truststore.location=$HADOOP_DIR/tls/truststore.jks" \
    "ssl.server.truststore.type=jks" \
    "ssl.server.truststore.password=$pw"
  xml_props "$c/ssl-client.xml" \
    "ssl.client.truststore.location=$HADOOP_DIR/tls/truststore.jks" \
    "ssl.client.truststore.type=jks" \
    "ssl.client.truststore.password=$pw"
  chmod 600 "$c/ssl-server.xml"
  cat >"$c/log4j.properties" <<EOF
log4j.rootLogger=INFO, console
log4j.appender.console=org.apache.log4j.ConsoleAppender
log4j.appender.console.target=System.err
log4j.appender.console.layout=org.apache.log4j.PatternLayout
log4j.appender.console.layout.ConversionPattern=%d{HH:mm:ss} %p %c{1}: %m%n
log4j.logger.org.eclipse.jetty=WARN
log4j.logger.org.apache.hadoop.util.NativeCodeLoader=ERROR
EOF
}
