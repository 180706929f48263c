"""Time from kinit to the first `[0, 1, 2]` through the sparkmagic kernel, against the same
work done with curl --negotiate on Livy's REST API (create a session, run the statement),
on the same stack in the same run. Prints both times and their ratio.

    .venv/bin/python bench/e2e_latency.py [--rounds N]

Starts the test stack (test/stack/stack.sh, needs root) and stops it at the end.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'test' / 'e2e'))

from conftest import USER_SPARKMAGIC, Rendered, read_env_file  # noqa: E402
from kernel import SparkKernel  # noqa: E402
from krb import Client, run  # noqa: E402

CODE = 'sc.parallelize(range(100), 2).take(3)'


def curl_json(client, method, url, data=None):
    argv = ['curl', '-sS', '--negotiate', '-u', ':', '--cacert', client.ca_bundle, '-X', method]
    argv += ['-H', 'Content-Type: application/json', '-H', 'X-Requested-By: bench']
    if data is not None:
        argv += ['-d', json.dumps(data)]
    r = run(argv + [url], client.env, timeout=120)
    if r.rc != 0:
        raise RuntimeError(f'curl {method} {url}: {r.out}')
    return json.loads(r.out) if r.out.strip() else {}


def wait_for(what, check, timeout=900, step=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value is not None:
            return value
        time.sleep(step)
    raise TimeoutError(what)


def with_curl(client, livy):
    """kinit, then Livy's REST API by hand: the baseline."""
    start = time.monotonic()
    assert client.kinit_password('user1', 'user1pw').rc == 0
    session = curl_json(client, 'POST', f'{livy}/sessions', {'kind': 'pyspark'})
    url = f"{livy}/sessions/{session['id']}"

    def idle():
        state = curl_json(client, 'GET', url)['state']
        if state in ('dead', 'error', 'killed'):
            raise RuntimeError(f'session {state}')
        return state if state == 'idle' else None

    wait_for('session idle', idle)
    stmt = curl_json(client, 'POST', f'{url}/statements', {'code': CODE})

    def result():
        s = curl_json(client, 'GET', f"{url}/statements/{stmt['id']}")
        return s['output']['data']['text/plain'] if s['state'] == 'available' else None

    text = wait_for('statement result', result)
    elapsed = time.monotonic() - start
    assert text == '[0, 1, 2]', text
    curl_json(client, 'DELETE', url)
    client.kdestroy()
    return elapsed


def with_kernel(client, files, ccache):
    """kinit, then the sparkmagic kernel with the project's files: what a user waits for."""
    start = time.monotonic()
    assert client.kinit_password('user1', 'user1pw').rc == 0
    kernel = SparkKernel(files.kernel_env(ccache))
    try:
        out = kernel.run(CODE, 900)
        elapsed = time.monotonic() - start
        assert '[0, 1, 2]' in out, out
    finally:
        kernel.shutdown()
    client.kdestroy()
    return elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--rounds', type=int, default=2)
    args = parser.parse_args()
    stack_sh = ROOT / 'test' / 'stack' / 'stack.sh'
    subprocess.run([str(ROOT / 'test' / 'stack' / 'livy-fetch.sh')], check=True)
    subprocess.run([str(stack_sh), 'start'], check=True)
    try:
        stack = read_env_file(ROOT / '.work' / 'stack' / 'stack.env')
        livy = stack['STACK_LIVY_URL']
        tmp = Path(tempfile.mkdtemp(prefix='bench-'))
        profile = json.loads(Path(stack['STACK_PROFILE']).read_text())
        files = Rendered(tmp / 'files', profile, USER_SPARKMAGIC)
        ccache = tmp / 'krb5cc'
        client = Client(files.krb5_conf, ccache, files.ca_bundle, stack['STACK_REALM'], stack['STACK_NLB_HOST'])
        curl_times, kernel_times = [], []
        for i in range(args.rounds):
            curl_times.append(with_curl(client, livy))
            kernel_times.append(with_kernel(client, files, ccache))
            print(f'round {i + 1}: curl {curl_times[-1]:.1f} s, sparkmagic kernel {kernel_times[-1]:.1f} s')
        base, ours = min(curl_times), min(kernel_times)
        print(f'kinit -> [0, 1, 2]: curl --negotiate {base:.1f} s, sparkmagic kernel {ours:.1f} s (best of {args.rounds})')
        print(f'ratio kernel/curl: {ours / base:.2f}')
    finally:
        subprocess.run([str(stack_sh), 'stop'], check=False)


if __name__ == '__main__':
    main()
