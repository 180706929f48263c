"""Time from kinit to Livy's answer, through sparkmagic's own HTTP client (requests-kerberos
configured from the project's rendered config.json, as a Sparkmagic kernel uses it) against
`curl --negotiate` on the same Livy, in the same run, with the same rendered krb5.conf:

  1. kinit -> first authenticated 200 (GET /sessions through the NLB)
  2. kinit -> `[0, 1, 2]` from a Spark batch run as the signed-in user (POST /batches,
     poll, read the batch log)
  3. sign-in -> the first `[0, 1, 2]` of a cell in a fresh real `pysparkkernel` (a new Livy
     session), against curl creating a session, running the same statement and deleting it

Prints both times per round, the medians and their ratios (sparkmagic client / curl).

    .venv/bin/python bench/e2e_latency.py [--auth-rounds N] [--spark-rounds N]

Starts the test stack (test/stack/stack.sh, needs root; its environment inputs apply) and
stops it at the end.
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

from conftest import USER_SPARKMAGIC, Rendered, read_env_file  # noqa: E402
from kernel import SparkKernel  # noqa: E402
from krb import Client  # noqa: E402
from livy import FINAL_STATES, Livy, install_job, job_values  # noqa: E402

POLL = 0.5  # the same batch polling interval for both clients


class SparkmagicHttp:
    """bench/sparkmagic_http.py in a long-lived process: imports are not timed."""

    def __init__(self, env):
        self.proc = subprocess.Popen(
            [sys.executable, str(ROOT / 'bench' / 'sparkmagic_http.py')],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        if self.proc.stdout.readline().strip() != 'ready':
            raise RuntimeError('bench/sparkmagic_http.py did not start')

    def call(self, method, path, data=None):
        line = f'{method} {path}'.strip() + (f' {json.dumps(data)}' if data is not None else '')
        self.proc.stdin.write(line + '\n')
        self.proc.stdin.flush()
        answer = json.loads(self.proc.stdout.readline())
        if 'error' in answer:
            raise RuntimeError(answer['error'])
        return answer

    def fresh(self):
        """A new client, as a newly started kernel has: no connection, no Livy auth cookie."""
        self.call('NEW', '')

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def curl_get(api, path):
    code, body = api.call('GET', path)
    return {'status': code, 'body': body}


def curl_post(api, path, data):
    code, body = api.call('POST', path, data)
    return {'status': code, 'body': body}


def spark_batch(get, post, job):
    """POST /batches, poll until it ends, return the job's values from the batch log."""
    batch = post('/batches', {'file': job.as_uri()})['body']
    while True:
        state = get(f"/batches/{batch['id']}")['body']['state']
        if state in FINAL_STATES:
            break
        time.sleep(POLL)
    log = get(f"/batches/{batch['id']}/log?from=0&size=10000")['body']['log']
    values = job_values(log)
    if state != 'success' or values.get('TAKE3') != '[0, 1, 2]':
        raise RuntimeError(f'batch {batch["id"]} {state}: ' + '\n'.join(log))
    return values


def timed(client, request, fresh=None):
    """kinit (password typed on a terminal) then request; seconds from kinit to the answer."""
    client.kdestroy()
    if fresh:
        fresh()
    start = time.monotonic()
    r = client.kinit_password('user1', 'user1pw')
    if r.rc != 0:
        raise RuntimeError(r.out)
    request()
    return time.monotonic() - start


TAKE3 = 'sc.parallelize(range(100), 2).take(3)'


def kernel_cell(env):
    """A fresh pysparkkernel (started before the clock runs) whose first cell is timed."""
    kernel = SparkKernel(env)

    def cell():
        out = kernel.run(TAKE3, 900)
        if '[0, 1, 2]' not in out:
            raise RuntimeError(out)

    return kernel, cell


def report(name, curl_times, sm_times):
    base, ours = statistics.median(curl_times), statistics.median(sm_times)
    print(
        f'{name}: curl --negotiate {base:.3f} s, sparkmagic client {ours:.3f} s '
        f'(median of {len(curl_times)}); ratio sparkmagic/curl {ours / base:.2f}'
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--auth-rounds', type=int, default=10)
    parser.add_argument('--spark-rounds', type=int, default=3)
    parser.add_argument('--session-rounds', type=int, default=3)
    args = parser.parse_args()
    stack_sh = ROOT / 'test' / 'stack' / 'stack.sh'
    stack_dir = Path(os.environ.get('STACK_DIR', ROOT / '.work' / 'stack'))
    subprocess.run([str(stack_sh), 'start'], check=True)
    helper = None
    try:
        stack = read_env_file(stack_dir / 'stack.env')
        tmp = Path(tempfile.mkdtemp(prefix='bench-'))
        profile = json.loads(Path(stack['STACK_PROFILE']).read_text())
        files = Rendered(tmp / 'files', profile, USER_SPARKMAGIC)
        ccache = tmp / 'krb5cc'
        client = Client(files.krb5_conf, ccache, files.ca_bundle, stack['STACK_REALM'], stack['STACK_NLB_HOST'])
        api = Livy(client, stack['STACK_LIVY_URL'])
        job = install_job(stack['STACK_JOBS_DIR'])
        helper = SparkmagicHttp(files.kernel_env(ccache))
        print(f"Livy {stack['STACK_LIVY_VERSION']} through {stack['STACK_LIVY_URL']}")

        with_curl = (lambda p: curl_get(api, p), lambda p, d: curl_post(api, p, d))
        with_sm = (lambda p: helper.call('GET', p), lambda p, d: helper.call('POST', p, d))

        curl_times, sm_times = [], []
        for _ in range(args.auth_rounds):
            curl_times.append(timed(client, lambda: with_curl[0]('/sessions')))
            sm_times.append(timed(client, lambda: with_sm[0]('/sessions'), helper.fresh))
        report('kinit -> first authenticated 200', curl_times, sm_times)

        curl_times, sm_times = [], []
        for i in range(args.spark_rounds):
            curl_times.append(timed(client, lambda: spark_batch(*with_curl, job)))
            sm_times.append(timed(client, lambda: spark_batch(*with_sm, job), helper.fresh))
            print(f'  spark round {i + 1}: curl {curl_times[-1]:.1f} s, sparkmagic client {sm_times[-1]:.1f} s')
        report('kinit -> [0, 1, 2] from a Spark batch', curl_times, sm_times)

        def curl_session():
            if '[0, 1, 2]' not in api.run_statement(TAKE3):
                raise RuntimeError('no [0, 1, 2]')

        curl_times, sm_times = [], []
        for i in range(args.session_rounds):
            curl_times.append(timed(client, curl_session))
            kernel, cell = kernel_cell(files.kernel_env(ccache))
            try:
                sm_times.append(timed(client, cell))
            finally:
                kernel.shutdown()
            print(f'  session round {i + 1}: curl {curl_times[-1]:.1f} s, pysparkkernel {sm_times[-1]:.1f} s')
        report('sign-in -> first [0, 1, 2] in a Livy session', curl_times, sm_times)
    finally:
        if helper:
            helper.close()
        subprocess.run([str(stack_sh), 'stop'], check=False)


if __name__ == '__main__':
    main()
