"""Fixtures of the end-to-end suite: the running stack and the files the project renders.

The stack (test/stack/stack.sh) is started by test/e2e/run.sh. Every krb5.conf and
config.json a test uses comes from the project's CLI (`render-krb5`, `render-sparkmagic`),
never from the test itself.
"""

import json
import os
import shlex
import subprocess
from pathlib import Path

import pytest

from krb import Client

ROOT = Path(__file__).resolve().parents[2]
# run.sh copies the built CLI aside: suites running beside this one rebuild lib-cli.
CLI = Path(os.environ.get('E2E_CLI', ROOT / 'lib-cli' / 'cli' / 'main.js'))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI a skipped test is a failure: nothing may pass by not running."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get('CI') == 'true' and report.skipped:
        report.outcome = 'failed'
        report.longrepr = f'skipped under CI=true, which counts as a failure: {report.longrepr}'


def read_env_file(path):
    """The `export NAME='value'` lines stack.sh writes."""
    values = {}
    for line in path.read_text().splitlines():
        if line.startswith('export '):
            for word in shlex.split(line[len('export ') :]):
                name, _, value = word.partition('=')
                values[name] = value
    return values


@pytest.fixture(scope='session')
def stack():
    path = Path(os.environ.get('STACK_ENV', ROOT / '.work' / 'stack' / 'stack.env'))
    if not path.is_file():
        pytest.fail(f'the test stack is not running ({path} missing): use test/e2e/run.sh')
    return read_env_file(path)


@pytest.fixture(scope='session')
def livy(stack):
    """Livy behind the NLB (stack.sh starts it with its REPL jars or fails)."""
    return stack['STACK_LIVY_URL']


def cli(*args):
    if not CLI.is_file():
        pytest.fail(f'{CLI} missing: build the CLI first (npm run build:cli)')
    p = subprocess.run(
        ['node', str(CLI), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    if p.returncode != 0:
        pytest.fail(f'sparkmagic-kerberos {" ".join(map(str, args))} failed ({p.returncode}): {p.stderr}')
    return p.stdout


def explain(text):
    """The CLI's `explain` of a failure text: {code, title, fix}."""
    p = subprocess.run(
        ['node', str(CLI), 'explain'], input=text, capture_output=True, text=True, timeout=60, check=False
    )
    return json.loads(p.stdout)


class Rendered:
    """The files the project renders for one profile, as the extension would place them."""

    def __init__(self, root, profile, existing_sparkmagic):
        root.mkdir(parents=True, exist_ok=True)
        self.profile = profile
        self.profile_file = root / 'profile.json'
        self.profile_file.write_text(json.dumps(profile, indent=2))
        self.krb5_conf = root / 'krb5.conf'
        self.krb5_conf.write_text(cli('render-krb5', '--profile', self.profile_file))
        self.sparkmagic_dir = root / 'sparkmagic'
        self.sparkmagic_dir.mkdir(exist_ok=True)
        config = self.sparkmagic_dir / 'config.json'
        existing = root / 'existing-config.json'
        existing.write_text(json.dumps(existing_sparkmagic))
        config.write_text(cli('render-sparkmagic', '--profile', self.profile_file, '--existing', existing))
        self.sparkmagic_config = config
        self.ca_bundle = profile['tls']['caBundle']

    def kernel_env(self, ccache):
        """What the extension arranges for Sparkmagic kernels (kernelspec `env` block)."""
        env = dict(os.environ)
        env.update(
            KRB5_CONFIG=str(self.krb5_conf),
            KRB5CCNAME=f'FILE:{ccache}',
            SPARKMAGIC_CONF_DIR=str(self.sparkmagic_dir),
            REQUESTS_CA_BUNDLE=self.ca_bundle,
        )
        return env


# A user's own setting in an existing config.json, which the merge keeps.
USER_SPARKMAGIC = {'coerce_dataframe': True}
# A session on a small, busy CI machine may need more than the profile's default 300 s.
SESSION = {'startupTimeoutSeconds': 600}


@pytest.fixture(scope='session')
def stack_profile(stack):
    return json.loads(Path(stack['STACK_PROFILE']).read_text())


@pytest.fixture(scope='session')
def service_files(stack_profile, tmp_path_factory):
    profile = dict(stack_profile, ticketMode='service', session=SESSION)
    return Rendered(tmp_path_factory.mktemp('service'), profile, USER_SPARKMAGIC)


@pytest.fixture(scope='session')
def tgt_files(stack_profile, tmp_path_factory):
    profile = dict(stack_profile, ticketMode='tgt', session=SESSION)
    return Rendered(tmp_path_factory.mktemp('tgt'), profile, USER_SPARKMAGIC)


@pytest.fixture
def client(stack, service_files, tmp_path):
    """A fresh ticket cache with the rendered krb5.conf."""
    return Client(
        service_files.krb5_conf,
        tmp_path / 'krb5cc',
        service_files.ca_bundle,
        stack['STACK_REALM'],
        stack['STACK_NLB_HOST'],
    )


@pytest.fixture
def kadmin(stack):
    """Administrative changes on the test realm (kadmin.local, no network)."""

    def call(query):
        env = dict(os.environ, KRB5_CONFIG=stack['STACK_ADMIN_KRB5_CONFIG'])
        env['KRB5_KDC_PROFILE'] = stack['KRB5_KDC_PROFILE']
        p = subprocess.run(
            ['kadmin.local', '-r', stack['STACK_REALM'], '-q', query],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert p.returncode == 0 and 'error' not in p.stderr.lower(), p.stderr
        return p.stdout

    return call
