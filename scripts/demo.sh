#!/usr/bin/env bash
# The demo: a local "EMR behind an NLB" (MIT KDC, Apache Livy with Kerberos and TLS,
# Spark on Kerberized HDFS + YARN, HAProxy as the load balancer) plus JupyterLab 4 with
# this extension and a preset profile for that cluster. Prints the URL and the demo users,
# then each Livy session as it comes: its YARN application and its states. Ctrl-C stops
# everything.
#
#   scripts/demo.sh [--port N] [--local]   (runs scripts/setup.sh first when something is missing)
#     --local   Spark local inside Livy instead of YARN: lighter (no Hadoop daemons, ~1 GB
#               less) and sessions start in about half the time
#
# Needs root (/etc/hosts entries for the NLB name, which are removed again, and the NLB's
# port 88). JupyterLab runs with its own HOME under .work/demo, so nothing in your home
# directory is touched.
set -euo pipefail
# shellcheck source=test/lib.sh
. "$(dirname "$0")/../test/lib.sh" demo
VENV=$ROOT/.venv
PORT=8888
export STACK_SPARK=yarn
while [ $# -gt 0 ]; do
  case $1 in
    --port)
      PORT=${2:?--port needs a number}
      shift 2
      ;;
    --local)
      STACK_SPARK=local
      shift
      ;;
    *)
      echo "demo: unknown option $1 (scripts/demo.sh [--port N] [--local])" >&2
      exit 2
      ;;
  esac
done
[[ $PORT =~ ^[0-9]+$ ]] || {
  echo "demo: invalid port $PORT" >&2
  exit 2
}
DEMO=$ROOT/.work/demo
PRESET_DIR=$VENV/share/jupyter/lab/settings/overrides.d
PRESET=$PRESET_DIR/jupyterlab-sparkmagic-kerberos.json
export STACK_DIR=${STACK_DIR:-$ROOT/.work/stack}

log() { echo "demo: $*" >&2; }
# Livy comes with the stack (test/stack/stack.sh start yields it the way setup does).
if [ ! -x "$VENV/bin/jupyter-lab" ] || [ ! -d node_modules ]; then
  log 'first run: installing what the demo needs (scripts/setup.sh)'
  bash scripts/setup.sh
fi
use_venv

if [ ! -f jupyterlab_sparkmagic_kerberos/labextension/package.json ] || [ ! -f lib-cli/cli/main.js ]; then
  log 'building the extension'
  npm run build
fi
if ! jupyter labextension list 2>&1 | grep -q 'jupyterlab-sparkmagic-kerberos'; then
  log 'installing the extension into .venv'
  jupyter labextension develop --overwrite . >/dev/null 2>&1 || pip install -q -e .
fi
sparkmagic_kernels pysparkkernel

JUPYTER_PID=
WATCH_PID=
PRESET_BACKUP=
cleanup() {
  trap - EXIT INT TERM
  if [ -n "$WATCH_PID" ]; then kill "$WATCH_PID" 2>/dev/null || true; fi
  if [ -n "$JUPYTER_PID" ] && kill -0 "$JUPYTER_PID" 2>/dev/null; then
    kill "$JUPYTER_PID"
    for _ in $(seq 100); do
      kill -0 "$JUPYTER_PID" 2>/dev/null || break
      sleep 0.1
    done
  fi
  if [ -n "$PRESET_BACKUP" ]; then mv -f "$PRESET_BACKUP" "$PRESET"; else rm -f "$PRESET"; fi
  "$ROOT/test/stack/stack.sh" stop
  log 'stopped'
}
trap cleanup EXIT INT TERM

STARTED=$SECONDS
test/stack/stack.sh start
# shellcheck source=/dev/null
. "$STACK_DIR/stack.env"
# A PySpark job Livy may run as a batch (files from STACK_JOBS_DIR only).
JOB=$STACK_JOBS_DIR/spark_user.py
cp test/e2e/jobs/spark_user.py "$JOB"

# Administrators' preset: the local cluster as the default profile.
mkdir -p "$PRESET_DIR" "$DEMO/home" "$DEMO/notebooks"
if [ -f "$PRESET" ]; then
  PRESET_BACKUP=$DEMO/preset.orig.json
  cp "$PRESET" "$PRESET_BACKUP"
fi
python - "$STACK_PROFILE" "$PRESET" <<'EOF'
import json, sys
profile = json.load(open(sys.argv[1]))
json.dump({'jupyterlab-sparkmagic-kerberos:plugin': {'profiles': [profile]}}, open(sys.argv[2], 'w'), indent=2)
EOF

if [ "$STACK_SPARK" = yarn ]; then
  SPARK_WHERE="YARN in cluster mode, HDFS homes for user1-3 ($STACK_YARN_URL, SPNEGO)"
  NO_HOME_LINE="
    $STACK_NO_HOME_USER / ${STACK_NO_HOME_USER}pw has no HDFS home: a Spark session of theirs dies, as on EMR"
  HADOOP_LOGS_LINE=", $STACK_HADOOP_LOGS/"
  SESSION_TIME='1-2 minutes'
else
  SPARK_WHERE='local inside Livy (--local)'
  NO_HOME_LINE=
  HADOOP_LOGS_LINE=
  SESSION_TIME='about a minute'
fi

TOKEN=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
# A clean environment for the server: kernels and terminals see only what the
# extension arranges (no KRB5_CONFIG or ticket cache inherited from this shell).
env -i PATH="$PATH" HOME="$DEMO/home" LANG=C.UTF-8 TERM=xterm-256color SHELL=/bin/bash \
  USER="$(id -un)" jupyter lab --no-browser --allow-root --ip=127.0.0.1 --port="$PORT" \
  --port-retries=0 --IdentityProvider.token="$TOKEN" --ServerApp.root_dir="$DEMO/notebooks" \
  >"$DEMO/jupyter.log" 2>&1 &
JUPYTER_PID=$!
for _ in $(seq 60); do
  curl -s -o /dev/null "http://127.0.0.1:$PORT/api/status?token=$TOKEN" && break
  kill -0 "$JUPYTER_PID" 2>/dev/null || {
    tail -20 "$DEMO/jupyter.log" >&2
    exit 1
  }
  sleep 1
done

cat <<EOF

  JupyterLab:  http://127.0.0.1:$PORT/lab?token=$TOKEN
  Cluster:     realm $STACK_REALM, Livy $STACK_LIVY_URL (through the NLB), KDC $STACK_NLB_HOST:88,
               Spark: $SPARK_WHERE (up in $((SECONDS - STARTED)) s)
  Demo users (test passwords):
    user1 / user1pw   keytab $STACK_KDC_DIR/user1.keytab
    user2 / user2pw   keytab $STACK_KDC_DIR/user2.keytab
    user3 / user3pw   must choose a new password at first sign-in$NO_HOME_LINE
  Logs: $DEMO/jupyter.log, $STACK_DIR/livy/logs/$HADOOP_LOGS_LINE   Ctrl-C stops JupyterLab and the cluster.

  A Livy batch as the signed-in user, from a JupyterLab terminal:
    curl --negotiate -u : --cacert $STACK_CA_BUNDLE -H 'Content-Type: application/json' \\
      -H 'X-Requested-By: demo' -d '{"file": "file://$JOB"}' $STACK_LIVY_URL/batches

  In the Spark Kerberos panel (left sidebar): Apply configuration, then Sign in (type the
  password in the terminal that opens), then open a PySpark notebook and run this cell
  (Livy $STACK_LIVY_VERSION starts your Spark session, $SESSION_TIME the first time):
    sc.parallelize(range(100), 2).take(3)
  It prints [0, 1, 2].

EOF
"$VENV/bin/python" scripts/demo-sessions.py "$STACK_DIR/stack.env" &
WATCH_PID=$!
wait "$JUPYTER_PID"
