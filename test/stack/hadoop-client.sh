#!/usr/bin/env bash
# The `hdfs` and `yarn` commands of the YARN mode's Hadoop (test/stack/yarn.sh), for the
# EMR step and whoever administers the stack: the subcommands it uses, each the class a
# Hadoop distribution's own `hdfs` / `yarn` script starts for it, from the jars the
# daemons run, with their configuration. yarn.sh links $STACK_DIR/hadoop/bin/hdfs and
# .../yarn to this file and writes the Java command line into $STACK_DIR/hadoop/client.env.
# The ticket is the caller's (KRB5CCNAME), as with the real commands.
#   hdfs dfs ARGS...        org.apache.hadoop.fs.FsShell
#   hdfs dfsadmin ARGS...   org.apache.hadoop.hdfs.tools.DFSAdmin
#   yarn rmadmin ARGS...    org.apache.hadoop.yarn.client.cli.RMAdminCLI
set -euo pipefail

case "$(basename "$0") ${1:-}" in
  'hdfs dfs') class=org.apache.hadoop.fs.FsShell ;;
  'hdfs dfsadmin') class=org.apache.hadoop.hdfs.tools.DFSAdmin ;;
  'yarn rmadmin') class=org.apache.hadoop.yarn.client.cli.RMAdminCLI ;;
  *)
    echo 'usage: hdfs dfs|dfsadmin ARGS... | yarn rmadmin ARGS...' >&2
    exit 1
    ;;
esac
shift
# Not followed: $0 is the link, beside the stack's client.env.
env=$(dirname "$0")/../client.env
[ -f "$env" ] || {
  echo "$(basename "$0"): no $env (start the stack with STACK_SPARK=yarn)" >&2
  exit 1
}
# shellcheck source=/dev/null # written by yarn.sh: HADOOP_CLIENT_JAVA=(java options -cp ...)
. "$env"
exec "${HADOOP_CLIENT_JAVA[@]}" "$class" "$@"
