"""Livy's REST API through curl --negotiate, as a user of the cluster calls it."""

import json
import shutil
import time
from pathlib import Path

from krb import run

FINAL_STATES = ('success', 'dead', 'killed', 'error')
JOB = Path(__file__).resolve().parent / 'jobs' / 'spark_user.py'


class LivyError(Exception):
    pass


class Livy:
    def __init__(self, client, url):
        self.client = client
        self.url = url

    def call(self, method, path, data=None):
        """Returns (HTTP status, parsed JSON body or the raw text)."""
        argv = ['curl', '-sS', '--negotiate', '-u', ':', '--cacert', self.client.ca_bundle, '-X', method]
        # Livy's CSRF protection wants this header on every request that changes state.
        argv += ['-H', 'Content-Type: application/json', '-H', 'X-Requested-By: e2e']
        if data is not None:
            argv += ['-d', json.dumps(data)]
        argv += ['-w', '\n%{http_code}', self.url + path]
        r = run(argv, self.client.env, timeout=60)
        body, _, code = r.out.rpartition('\n')
        if not code.isdigit():
            raise LivyError(f'curl {method} {path} failed: {r.out}')
        try:
            return int(code), json.loads(body)
        except ValueError:
            return int(code), body

    def ok(self, method, path, data=None, expect=(200, 201)):
        code, body = self.call(method, path, data)
        if code not in expect:
            raise LivyError(f'{method} {path}: HTTP {code}: {body}')
        return body

    def sessions(self):
        return self.ok('GET', '/sessions')['sessions']

    def batches(self):
        # Livy lists batches under "sessions" as well.
        return self.ok('GET', '/batches')['sessions']

    def submit(self, job_file):
        """POST /batches: Livy runs spark-submit (with --proxy-user when impersonating). A file
        URI: a bare path means a path on the cluster's default file system (HDFS on YARN)."""
        return self.ok('POST', '/batches', {'file': Path(job_file).as_uri()})

    def wait(self, batch_id, timeout=300):
        deadline = time.monotonic() + timeout
        while True:
            batch = self.ok('GET', f'/batches/{batch_id}')
            if batch['state'] in FINAL_STATES:
                return batch
            if time.monotonic() > deadline:
                raise LivyError(f'batch {batch_id} still {batch["state"]} after {timeout}s')
            time.sleep(1)

    def run_statement(self, code, kind='pyspark', timeout=900):
        """An interactive session as the signed-in user, one statement, the session deleted:
        what a Sparkmagic cell does, by hand. Returns the statement's text/plain output."""
        sid = self.ok('POST', '/sessions', {'kind': kind})['id']
        try:
            deadline = time.monotonic() + timeout
            while (state := self.ok('GET', f'/sessions/{sid}')['state']) != 'idle':
                if state in FINAL_STATES or time.monotonic() > deadline:
                    raise LivyError(f'session {sid} {state}')
                time.sleep(0.5)
            st = self.ok('POST', f'/sessions/{sid}/statements', {'code': code})
            while st['state'] != 'available':
                if time.monotonic() > deadline:
                    raise LivyError(f'statement {st} not done')
                time.sleep(0.5)
                st = self.ok('GET', f"/sessions/{sid}/statements/{st['id']}")
            if st['output']['status'] != 'ok':
                raise LivyError(f'statement failed: {st["output"]}')
            return st['output']['data']['text/plain']
        finally:
            self.ok('DELETE', f'/sessions/{sid}')

    def log(self, batch_id):
        return self.ok('GET', f'/batches/{batch_id}/log?from=0&size=10000')['log']


def install_job(jobs_dir):
    """The PySpark job, copied where Livy accepts local files (livy.file.local-dir-whitelist)."""
    target = Path(jobs_dir) / JOB.name
    shutil.copyfile(JOB, target)
    return target


def job_values(log_lines):
    """The KEY=value lines the job prints, from a batch log."""
    values = {}
    for line in log_lines:
        key, sep, value = line.strip().partition('=')
        if sep and key in ('TAKE3', 'SPARK_USER'):
            values[key] = value
    return values
