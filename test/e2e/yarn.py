"""The YARN side of a Livy session or batch on the stack's YARN mode (STACK_SPARK=yarn): the
ResourceManager's record of its application, and the driver's own output, which in cluster
mode is the application master container's stdout rather than Livy's log."""

import json
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STACK_SH = ROOT / 'test' / 'stack' / 'stack.sh'


def on_yarn(stack):
    return stack.get('STACK_SPARK') == 'yarn'


def application(stack, app_id):
    """The ResourceManager's JSON for the application (stack.sh yarn-app)."""
    p = subprocess.run(
        ['bash', str(STACK_SH), 'yarn-app', app_id],
        env=dict(os.environ, STACK_DIR=stack['STACK_DIR']),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert p.returncode == 0, p.stderr
    return json.loads(p.stdout)['app']


def describe(app):
    return f"YARN application {app['id']}: user {app['user']}, {app['state']}, queue {app['queue']}"


def driver_stdout(stack, app_id):
    """The lines the driver printed (the first container of the application is its master)."""
    logs = Path(stack['STACK_YARN_CONTAINER_LOGS']) / app_id
    masters = sorted(logs.glob('container_*_01_000001/stdout'))
    assert masters, f'no application master stdout under {logs}'
    return masters[0].read_text().splitlines()
