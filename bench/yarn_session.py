"""Spark sessions on YARN (the stack's YARN mode, as on EMR), in one run on one Livy:

  1. session start: POST /sessions -> idle, through `curl --negotiate` (median of the rounds),
     with the YARN application and its user for each;
  2. sign-in -> the first `[0, 1, 2]`: kinit, then a fresh real `pysparkkernel`'s first cell
     (Sparkmagic creates the session), against kinit then curl creating a session, running the
     same statement and deleting it.

Prints every round, the medians and the ratio (pysparkkernel / curl).

    .venv/bin/python bench/yarn_session.py [--rounds N]   (N >= 3, default 3)
    .venv/bin/python bench/yarn_session.py --smoke        (one round each: does it all work)

Starts the stack with STACK_SPARK=yarn (test/stack/stack.sh, needs root; its environment
inputs apply) and stops it at the end.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'test' / 'e2e'))
sys.path.insert(0, str(ROOT / 'bench'))

from conftest import USER_SPARKMAGIC, Rendered, read_env_file  # noqa: E402
from e2e_latency import TAKE3, kernel_cell, timed  # noqa: E402
from krb import Client  # noqa: E402
from livy import FINAL_STATES, Livy, LivyError  # noqa: E402
from yarn import application, describe  # noqa: E402


def curl_session(api, starts, apps):
    """What a Sparkmagic cell does, by hand: a session, one statement, the session deleted.
    Appends the session's start (POST -> idle) to `starts` and its application to `apps`."""
    posted = time.monotonic()
    sid = api.ok('POST', '/sessions', {'kind': 'pyspark'})['id']
    try:
        while (session := api.ok('GET', f'/sessions/{sid}'))['state'] != 'idle':
            if session['state'] in FINAL_STATES or time.monotonic() - posted > 900:
                raise LivyError(f"session {sid} {session['state']}")
            time.sleep(0.5)
        starts.append(time.monotonic() - posted)
        apps.append((sid, session['appId']))
        st = api.ok('POST', f'/sessions/{sid}/statements', {'code': TAKE3})
        while st['state'] != 'available':
            time.sleep(0.5)
            st = api.ok('GET', f"/sessions/{sid}/statements/{st['id']}")
        if '[0, 1, 2]' not in st['output'].get('data', {}).get('text/plain', ''):
            raise RuntimeError(f'statement: {st["output"]}')
    finally:
        api.ok('DELETE', f'/sessions/{sid}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rounds', type=int, default=3)
    parser.add_argument('--smoke', action='store_true', help='one round each')
    args = parser.parse_args()
    rounds = 1 if args.smoke else args.rounds
    if not args.smoke and rounds < 3:
        parser.error('--rounds must be at least 3 (medians)')
    stack_sh = ROOT / 'test' / 'stack' / 'stack.sh'
    stack_dir = Path(os.environ.get('STACK_DIR', ROOT / '.work' / 'stack'))
    os.environ['STACK_SPARK'] = 'yarn'
    began = time.monotonic()
    subprocess.run([str(stack_sh), 'start'], check=True)
    try:
        print(f'stack (KDC, HDFS + YARN, Livy, NLB) up in {time.monotonic() - began:.0f} s', flush=True)
        stack = read_env_file(stack_dir / 'stack.env')
        tmp = Path(tempfile.mkdtemp(prefix='bench-yarn-'))
        profile = json.loads(Path(stack['STACK_PROFILE']).read_text())
        files = Rendered(tmp / 'files', profile, USER_SPARKMAGIC)
        ccache = tmp / 'krb5cc'
        client = Client(files.krb5_conf, ccache, files.ca_bundle, stack['STACK_REALM'], stack['STACK_NLB_HOST'])
        api = Livy(client, stack['STACK_LIVY_URL'])
        print(f"Livy {stack['STACK_LIVY_VERSION']} on YARN through {stack['STACK_LIVY_URL']}", flush=True)

        starts, curl_times, kernel_times = [], [], []
        for i in range(rounds):
            apps = []
            curl_times.append(timed(client, lambda: curl_session(api, starts, apps)))
            sid, app = apps[0][0], application(stack, apps[0][1])
            print(f'  session {sid} idle in {starts[-1]:.1f} s: {describe(app)}', flush=True)
            if app['user'] != 'user1':
                raise RuntimeError(f'the application runs as {app["user"]}, not user1')
            kernel, cell = kernel_cell(files.kernel_env(ccache))
            try:
                kernel_times.append(timed(client, cell))
            finally:
                kernel.shutdown()
            print(f'  round {i + 1}: curl {curl_times[-1]:.1f} s, pysparkkernel {kernel_times[-1]:.1f} s', flush=True)
        print(
            f'session start on YARN (POST /sessions -> idle): median {statistics.median(starts):.1f} s '
            f'of {len(starts)} ({", ".join(f"{t:.1f}" for t in starts)})'
        )
        base, ours = statistics.median(curl_times), statistics.median(kernel_times)
        print(
            f'sign-in -> first [0, 1, 2] in a YARN session: curl --negotiate {base:.1f} s, pysparkkernel '
            f'{ours:.1f} s (median of {rounds}); ratio pysparkkernel/curl {ours / base:.2f}'
        )
    finally:
        subprocess.run([str(stack_sh), 'stop'], check=False)


if __name__ == '__main__':
    main()
