# The cluster side of the stack as an administrator sets it up on EMR, for
# test/stack/stack.sh, which sources this file: the EMR step the CLI makes from the
# stack's profile (sparkmagic-kerberos emr-step --restart), run as root with
# kadmin.local against the stack's KDC. It creates HTTP/<nlb>, writes Livy's keytab
# ($STACK_DIR/emr-step/livy.keytab) and Livy's SPNEGO and impersonation settings, and
# (re)starts Livy through `stack.sh restart-livy`. Its environment is kept in
# $STACK_DIR/emr-step/env (STACK_EMR_STEP_ENV), its output in runs.log.
# shellcheck shell=bash

# Livy's own principal on this "primary node" (realm.sh makes it; the YARN mode's Livy
# logs in with it too).
LIVY_PRINCIPAL_HOST=localhost

write_step_env() {
  local d=$STACK_DIR/emr-step core=$STACK_DIR/no-hadoop/core-site.xml
  if yarn_mode; then core=$HADOOP_CONF/core-site.xml; fi
  cat >"$d/env" <<EOF
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
}

cluster_step() {
  local d=$STACK_DIR/emr-step
  mkdir -p "$d"
  node "$ROOT/lib-cli/cli/main.js" emr-step --profile "$STACK_DIR/profile.json" \
    --livy-keytab "$d/livy.keytab" --restart >"$d/step.sh" ||
    die 'sparkmagic-kerberos emr-step failed (is the CLI built? npm run build:cli)'
  write_step_env
  log "running the EMR step as the administrator would: $d/step.sh"
  # shellcheck disable=SC1091 # written just above
  if ! (. "$d/env" && bash "$d/step.sh") 2>&1 | tee -a "$d/runs.log" | sed 's/^/stack: /' >&2; then
    die "the EMR step failed (output: $d/runs.log)"
  fi
}
