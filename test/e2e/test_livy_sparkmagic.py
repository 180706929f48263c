"""Spark through a Kerberized Apache Livy behind the NLB, with the project's rendered files.

Two ways in, both as the signed-in user: Livy batches (spark-submit with `--proxy-user`) and
the real sparkmagic kernels' interactive sessions, whose cells return Spark's results. The
tests run in file order and share one ticket cache, as the kernels of one Jupyter server do.
"""

import re
import time
from pathlib import Path

import pytest

from kernel import SparkKernel
from krb import Client, klist_entries, without_relations
from livy import FINAL_STATES, Livy, install_job, job_values
from yarn import application, describe, driver_stdout, on_yarn

TAKE3 = 'sc.parallelize(range(100), 2).take(3)'
# The user is printed behind a tag: sparkmagic writes its progress widget's text before it.
SPARK_USER = 'print("SPARK_USER=" + sc.sparkUser())'
CELL_TIMEOUT = 900  # the first cell starts a Spark session (on YARN: 1-2 minutes)


@pytest.fixture(scope='module')
def ccache(tmp_path_factory):
    return tmp_path_factory.mktemp('persona') / 'krb5cc'


@pytest.fixture(scope='module')
def persona(stack, service_files, ccache):
    return Client(
        service_files.krb5_conf, ccache, service_files.ca_bundle, stack['STACK_REALM'], stack['STACK_NLB_HOST']
    )


@pytest.fixture(scope='module')
def job(stack):
    return install_job(stack['STACK_JOBS_DIR'])


@pytest.fixture(scope='module')
def kernels():
    started = []
    yield started
    for k in started:
        k.shutdown()


def mit_defaults(files, tmp_path):
    """The rendered krb5.conf without the NLB settings: MIT's defaults apply."""
    path = tmp_path / 'krb5-mit-defaults.conf'
    path.write_text(without_relations(files.krb5_conf.read_text(), ['rdns', 'dns_canonicalize_hostname']))
    return path


def run_batch(api, job, user, stack):
    """A batch as the signed-in user: owner and Spark user are both that user (on YARN, the
    application's too; its driver prints into the application master's stdout)."""
    batch = api.submit(job)
    assert (batch['owner'], batch['proxyUser']) == (user, user), batch
    done = api.wait(batch['id'], timeout=600)
    log = api.log(batch['id'])
    assert done['state'] == 'success', '\n'.join(log)
    if on_yarn(stack):
        assert application(stack, done['appId'])['user'] == user
        log = driver_stdout(stack, done['appId'])
    assert job_values(log) == {'TAKE3': '[0, 1, 2]', 'SPARK_USER': user}, '\n'.join(log)
    # Impersonation is spark-submit's --proxy-user, as Livy logs the command it ran.
    assert f"'--proxy-user' '{user}' 'file://{job}'" in Path(stack['STACK_LIVY_LOG']).read_text()
    return done


def spark_user(out):
    """The user a `SPARK_USER` cell printed, wherever in the cell's output it is."""
    found = re.findall(r'SPARK_USER=([\w.@-]+)', out)
    assert len(found) == 1, out
    return found[0]


def assert_spark_runs_as(kernel, user):
    """A PySpark cell passed SPNEGO through the NLB and ran in the user's Livy session."""
    out = kernel.run(TAKE3, CELL_TIMEOUT)
    assert "Invalid status code '401'" not in out, out
    assert '[0, 1, 2]' in out, out
    assert spark_user(kernel.run(SPARK_USER, 120)) == user


def test_a_curl_negotiate_lists_sessions_through_the_nlb(livy, persona, stack):
    r = persona.kinit_password('user1', 'user1pw')
    assert r.rc == 0, r.out
    code, body = persona.curl(f'{livy}/sessions')
    assert code == 200, body
    persona.kdestroy()
    assert persona.kinit_keytab('user1', f"{stack['STACK_KDC_DIR']}/user1.keytab").rc == 0
    code, body = persona.curl(f'{livy}/sessions')
    assert code == 200, body


def test_c_mit_default_krb5_conf_gets_401(livy, persona, stack, service_files, tmp_path):
    defaults = mit_defaults(service_files, tmp_path)
    naive = persona.with_conf(defaults)
    code, body = naive.curl(f'{livy}/sessions', verbose=True)
    assert code == 401, body
    assert 'Matching credential not found' in body, body
    # With a TGT the client asks the KDC for the reverse-DNS name, which does not exist.
    tgt = Client(defaults, tmp_path / 'cc-tgt', service_files.ca_bundle, stack['STACK_REALM'], stack['STACK_NLB_HOST'])
    assert tgt.kinit_keytab('user1', f"{stack['STACK_KDC_DIR']}/user1.keytab", service=False).rc == 0
    code, body = tgt.curl(f'{livy}/sessions', verbose=True)
    assert code == 401, body
    assert f"HTTP/{stack['STACK_NLB_PTR']}@{stack['STACK_REALM']} not found" in body, body
    # The same caches with the rendered file are accepted.
    assert persona.curl(f'{livy}/sessions')[0] == 200
    assert tgt.with_conf(service_files.krb5_conf).curl(f'{livy}/sessions')[0] == 200


def test_b_spark_runs_as_the_signed_in_user_through_livy(livy, stack, persona, job):
    persona.kdestroy()
    assert persona.kinit_password('user1', 'user1pw').rc == 0
    run_batch(Livy(persona, livy), job, 'user1', stack)


def test_b_sparkmagic_kernel_passes_spnego_through_the_nlb(livy, stack, persona, service_files, ccache, kernels, capsys):
    kernel = SparkKernel(service_files.kernel_env(ccache))
    kernels.append(kernel)
    assert_spark_runs_as(kernel, 'user1')
    if on_yarn(stack):
        # The kernel's session is a YARN application of the signed-in user, as on EMR.
        (session,) = [s for s in Livy(persona, livy).sessions() if s['proxyUser'] == 'user1' and s['state'] not in FINAL_STATES]
        app = application(stack, session['appId'])
        assert (app['user'], app['state']) == ('user1', 'RUNNING'), app
        assert f"livy-session-{session['id']}-" in app['applicationTags'], app
        with capsys.disabled():
            print(f"\n  Livy session {session['id']} of user1 (pysparkkernel): {describe(app)}")


def test_b_scala_kernel_runs_spark_through_the_nlb(service_files, ccache):
    kernel = SparkKernel(service_files.kernel_env(ccache), name='sparkkernel')
    try:
        out = kernel.run('sc.parallelize(0 until 3).collect()', CELL_TIMEOUT)
        assert 'Array(0, 1, 2)' in out, out
        assert 'SPARK_USER=user1' in kernel.run('println("SPARK_USER=" + sc.sparkUser)', 120)
    finally:
        kernel.shutdown()


def test_c_sparkmagic_kernel_with_mit_default_krb5_conf_gets_401(livy, service_files, ccache, tmp_path):
    env = dict(service_files.kernel_env(ccache), KRB5_CONFIG=str(mit_defaults(service_files, tmp_path)))
    kernel = SparkKernel(env)
    try:
        out = kernel.run(TAKE3, CELL_TIMEOUT)
    finally:
        kernel.shutdown()
    assert f"Invalid status code '401' from {livy}/sessions" in out, out


def test_g_renewed_service_ticket_is_still_accepted(livy, stack, persona, service_files, ccache, kernels):
    r = persona.renew_service('user1')
    assert r.rc == 0, r.out
    assert klist_entries(persona.klist().out) == [persona.spn]
    assert persona.curl(f'{livy}/sessions')[0] == 200
    kernel = SparkKernel(service_files.kernel_env(ccache))
    kernels.append(kernel)
    assert_spark_runs_as(kernel, 'user1')


def test_d_persona_switch_leaves_nothing_of_the_old_user_running(livy, stack, persona, job, kernels, service_files, ccache):
    # Shut the kernels down first: sparkmagic deletes its Livy sessions with the old ticket.
    while kernels:
        kernels.pop().shutdown()
    persona.kdestroy()
    assert persona.kinit_password('user2', 'user2pw').rc == 0
    api = Livy(persona, livy)
    deadline = time.monotonic() + 60
    while True:
        sessions = [s for s in api.sessions() if 'user1' in (s.get('owner'), s.get('proxyUser'))]
        if not sessions or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert not sessions, f'sessions of user1 still on Livy: {sessions}'
    run_batch(api, job, 'user2', stack)
    mine = [b for b in api.batches() if 'user1' in (b['owner'], b['proxyUser'])]
    assert mine, "Livy should still list user1's finished batch"
    assert all(b['state'] in FINAL_STATES for b in mine), mine
    # The new user's kernel gets a session of its own, impersonating the new user.
    kernel = SparkKernel(service_files.kernel_env(ccache))
    try:
        assert_spark_runs_as(kernel, 'user2')
        live = [s for s in api.sessions() if s['state'] not in FINAL_STATES]
        assert [s['proxyUser'] for s in live] == ['user2'], live
    finally:
        kernel.shutdown()


def test_e_tgt_mode_works_as_well(livy, stack, persona, tgt_files, ccache, job):
    persona.kdestroy()
    tgt = persona.with_conf(tgt_files.krb5_conf)
    assert tgt.kinit_password('user2', 'user2pw', service=False).rc == 0
    assert klist_entries(tgt.klist().out) == [f'krbtgt/{tgt.realm}@{tgt.realm}']
    assert tgt.curl(f'{livy}/sessions')[0] == 200
    run_batch(Livy(tgt, livy), job, 'user2', stack)
    kernel = SparkKernel(tgt_files.kernel_env(ccache))
    try:
        assert_spark_runs_as(kernel, 'user2')
    finally:
        kernel.shutdown()
