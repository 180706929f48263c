"""The R kernel on the real stack: sparkmagic's `sparkrkernel` through the NLB with SPNEGO, in
a Livy `sparkr` session whose SparkR comes from the Apache source (test/stack/sparkr-build.sh).

Livy 0.9.0 connects the R process to Spark but sets only `.sc`, not the `.sparkRjsc` that
SparkR's context calls (`spark.lapply`) read; the failure is recorded as a fixture
(RECORD_FIXTURES=1) and `explain` must name the line that fixes it, which the test then runs.
"""

import os
import re
from pathlib import Path

import pytest

from conftest import explain
from kernel import SparkKernel
from krb import Client
from livy import FINAL_STATES, Livy
from yarn import application, describe, on_yarn

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / 'test' / 'fixtures' / 'errors' / 'sparkr-lapply-uninitialized.txt'
CELL_TIMEOUT = 900  # the first cell starts a Spark-local session with an R process
ROWS = 'collect(createDataFrame(data.frame(x = 0:2)))'
SPARK_USER = 'cat("SPARK_USER=", sparkR.callJMethod(sc, "sparkUser"), "\\n", sep = "")'
LAPPLY = 'unlist(spark.lapply(1:3, function(x) x * 2))'


@pytest.fixture(scope='module')
def ccache(tmp_path_factory):
    return tmp_path_factory.mktemp('r-user') / 'krb5cc'


@pytest.fixture(scope='module')
def user(stack, service_files, ccache):
    client = Client(
        service_files.krb5_conf,
        ccache,
        service_files.ca_bundle,
        stack['STACK_REALM'],
        stack['STACK_NLB_HOST'],
    )
    assert client.kinit_password('user1', 'user1pw').rc == 0
    return client


@pytest.fixture(scope='module')
def r_kernel(user, service_files, ccache):
    kernel = SparkKernel(service_files.kernel_env(ccache), name='sparkrkernel')
    yield kernel
    kernel.shutdown()


def spark_version(stack):
    """The JVM's Spark version: the pyspark release of the stack's SPARK_HOME."""
    jars = Path(stack['STACK_DIR'], 'livy', 'spark-home', 'jars')
    found = [m.group(1) for m in map(re.compile(r'^spark-core_2\.12-(.+)\.jar$').match, os.listdir(jars)) if m]
    assert len(found) == 1, found
    return found[0]


def test_r_kernel_collects_three_rows_as_the_signed_in_user(r_kernel, user, livy, stack, capsys):
    out = r_kernel.run(ROWS, CELL_TIMEOUT)
    with capsys.disabled():
        print(f'\nsparkrkernel> {ROWS}\n{out}')
    assert "Invalid status code '401'" not in out, out
    assert '  x\n1 0\n2 1\n3 2' in out, out
    version = r_kernel.run('sparkR.version()', 120)
    with capsys.disabled():
        print(f'sparkrkernel> sparkR.version()\n{version}')
    assert f'[1] "{spark_version(stack)}"' in version, version
    assert 'SPARK_USER=user1' in r_kernel.run(SPARK_USER, 120)
    live = [s for s in Livy(user, livy).sessions() if s['state'] not in FINAL_STATES and s['kind'] == 'sparkr']
    assert [(s['owner'], s['proxyUser']) for s in live] == [('user1', 'user1')], live
    if on_yarn(stack):
        app = application(stack, live[0]['appId'])
        assert (app['user'], app['state']) == ('user1', 'RUNNING'), app
        with capsys.disabled():
            print(f"  Livy session {live[0]['id']} of user1 (sparkrkernel): {describe(app)}")
    assert 'sparkr.zip not found' not in Path(stack['STACK_LIVY_LOG']).read_text()


def test_spark_lapply_gap_is_explained_and_the_named_line_fixes_it(r_kernel):
    out = r_kernel.run(LAPPLY, 120)
    assert 'SparkR has not been initialized' in out, out
    if os.environ.get('RECORD_FIXTURES') == '1':
        FIXTURE.write_text(out)
    why = explain(out)
    assert why['code'] == 'SPARKR_NOT_INITIALIZED', why
    line = re.search(r'assign\(.*\)$', why['fix']).group(0)
    fixed = r_kernel.run(line, 120)
    assert 'Error' not in fixed, fixed
    assert '[1] 2 4 6' in r_kernel.run(LAPPLY, 300)
