#!/usr/bin/env bash
# SageMaker lifecycle suite: the built CLI generates the on-start script, which runs
# exactly as generated, as root, on a stand-in notebook instance (ec2-user, a real
# JupyterSystemEnv virtualenv with JupyterLab 4.6 and 3.6 from PyPI, the real
# /etc/krb5.conf, a loopback KDC on 127.0.0.1:64088). Everything it adds is removed
# afterwards. Needs root and the built labextension (npm run build); builds the CLI.
set -euo pipefail
# shellcheck source=test/lib.sh
. "$(dirname "$0")/../lib.sh" lifecycle
need_venv
build_cli
exec .venv/bin/python -m pytest -p no:cacheprovider -q -rfEs test/lifecycle "$@"
