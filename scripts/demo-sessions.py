"""The demo's view of the cluster: every Livy session as it appears, the YARN application Livy
started for it (its user, state and queue, from the ResourceManager) and each change of state.

    python scripts/demo-sessions.py STACK_ENV

Reads Livy's list as Livy's own service principal (its keytab, a ticket cache of its own),
so it sees every user's sessions; runs until stopped.
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLL = 3


def read_env(path):
    values = {}
    for line in Path(path).read_text().splitlines():
        if line.startswith('export '):
            name, _, value = shlex.split(line[len('export ') :])[0].partition('=')
            values[name] = value
    return values


def main():
    stack = read_env(sys.argv[1])
    cache = Path(tempfile.mkdtemp(prefix='demo-sessions-')) / 'krb5cc'
    env = dict(os.environ, KRB5_CONFIG=stack['STACK_ADMIN_KRB5_CONFIG'], KRB5CCNAME=f'FILE:{cache}')
    spn = f"HTTP/{stack['STACK_NLB_HOST']}@{stack['STACK_REALM']}"
    keytab = stack['STACK_LIVY_KEYTAB']  # the EMR step's, with HTTP/<nlb>
    seen, apps, since = {}, {}, {}
    signed_in = 0.0
    while True:
        if time.monotonic() - signed_in > 3600:
            subprocess.run(['kinit', '-k', '-t', keytab, spn], env=env, check=True)
            signed_in = time.monotonic()
        p = subprocess.run(
            ['curl', '-sS', '--fail', '--negotiate', '-u', ':', '--cacert', stack['STACK_CA_BUNDLE'],
             f"{stack['STACK_LIVY_URL']}/sessions?size=100"],
            env=env, capture_output=True, text=True, check=False,
        )
        sessions = json.loads(p.stdout)['sessions'] if p.returncode == 0 else []
        for s in sessions:
            sid, state, app_id = s['id'], s['state'], s.get('appId')
            since.setdefault(sid, time.monotonic())
            if app_id and sid not in apps and stack.get('STACK_SPARK') == 'yarn':
                apps[sid] = app_id
                r = subprocess.run(
                    ['bash', str(ROOT / 'test' / 'stack' / 'stack.sh'), 'yarn-app', app_id],
                    env=dict(os.environ, STACK_DIR=stack['STACK_DIR']), capture_output=True, text=True, check=False,
                )
                app = json.loads(r.stdout)['app'] if r.returncode == 0 else {}
                print(
                    f"demo: Livy session {sid} of {s['proxyUser']}: YARN application {app_id} "
                    f"(user {app.get('user', '?')}, {app.get('state', '?')}, queue {app.get('queue', '?')})",
                    flush=True,
                )
            if seen.get(sid) != state:
                seen[sid] = state
                took = round(time.monotonic() - since[sid])
                print(f"demo: Livy session {sid} ({s['kind']}, {s['proxyUser']}): {state} after {took} s", flush=True)
        time.sleep(POLL)


if __name__ == '__main__':
    main()
