# The cluster side of the stack as an administrator sets it up on EMR, for
# test/stack/stack.sh, which sources this file: the EMR step the CLI makes from the
# stack's profile (sparkmagic-kerberos emr-step --restart), run as root with
# kadmin.local against the stack's KDC. It creates HTTP/<nlb>, writes Livy's keytab
# ($STACK_DIR/emr-step/livy.keytab) and Livy's SPNEGO and impersonation settings, and
# (re)starts Livy through `stack.sh restart-livy`. In the YARN mode it also adds Livy's
# proxy-user settings to Hadoop's core-site.xml (reloaded with `hdfs dfsadmin` and `yarn
# rmadmin`) and makes the HDFS homes of user1-3 with `hdfs dfs`, as the HDFS superuser
# hdfs/localhost from its keytab: the stack's `hdfs` and `yarn` (test/stack/hadoop-client.sh)
# are on its PATH. Its environment is kept in $STACK_DIR/emr-step/env
# (STACK_EMR_STEP_ENV), its output in runs.log.
# shellcheck shell=bash

# Livy's own principal on this "primary node" (realm.sh makes it; the YARN mode's Livy
# logs in with it too).
LIVY_PRINCIPAL_HOST=localhost

write_step_env() {
  local d=$STACK_DIR/emr-step core=$STACK_DIR/no-hadoop/core-site.xml
  if yarn_mode; then core=$HADOOP_CONF/core-site.xml; fi
  {
    cat <<EOF
# Written by test/stack/stack.sh: the EMR step's environment on this stack.
export KRB5_CONFIG='$STACK_DIR/kdc/krb5.conf'
export KRB5_KDC_PROFILE='$STACK_DIR/kdc/kdc.conf'
export SMK_LIVY_CONF='$STACK_DIR/livy/conf/livy.conf'
export SMK_CORE_SITE='$core'
export SMK_LIVY_OWNER='$(id -un)'
export SMK_LIVY_PRINCIPAL='livy/$LIVY_PRINCIPAL_HOST@$REALM'
export SMK_LIVY_RESTART='bash $ROOT/test/stack/stack.sh restart-livy'
export SMK_CA_BUNDLE='$STACK_DIR/tls/ca.pem'
export SMK_LIVY_WAIT=120
export STACK_DIR='$STACK_DIR' STACK_SPARK='$SPARK_MODE' STACK_NLB_HOST='$NLB_HOST' STACK_LIVY_PORT='$LIVY_PORT'
export STACK_NLB_ADDR='$NLB_ADDR' STACK_NLB_PTR='$NLB_PTR' STACK_KDC_PORT='$KDC_PORT'
export STACK_HADOOP_PORT_BASE='$HADOOP_PORT_BASE'
EOF
    # No OS user hdfs here: the HDFS commands run as this one (as the daemons do), with a
    # ticket of hdfs/localhost, whose short name hdfs is the NameNode's superuser.
    if yarn_mode; then
      cat <<EOF
export PATH='$HADOOP_DIR/bin':"\$PATH"
export SMK_HDFS_USER='$(id -un)'
export SMK_HDFS_KEYTAB='$HADOOP_DIR/keytabs/hdfs.keytab'
export SMK_HDFS_PRINCIPAL='hdfs/localhost@$REALM'
EOF
    fi
  } >"$d/env"
}

cluster_step() {
  local d=$STACK_DIR/emr-step users=() list
  mkdir -p "$d"
  if yarn_mode; then
    printf -v list '%s,' "${HOME_USERS[@]}"
    users=(--users "${list%,}")
  fi
  node "${STACK_CLI:-$ROOT/lib-cli/cli/main.js}" emr-step --profile "$STACK_DIR/profile.json" \
    --livy-keytab "$d/livy.keytab" "${users[@]}" --restart >"$d/step.sh" ||
    die 'sparkmagic-kerberos emr-step failed (is the CLI built? npm run build:cli)'
  write_step_env
  log "running the EMR step as the administrator would: $d/step.sh"
  local start=$SECONDS
  # shellcheck disable=SC1091 # written just above
  if ! (. "$d/env" && bash "$d/step.sh") 2>&1 | tee -a "$d/runs.log" | sed 's/^/stack: /' >&2; then
    die "the EMR step failed (output: $d/runs.log)"
  fi
  log "the EMR step ran in $((SECONDS - start)) s"
}
