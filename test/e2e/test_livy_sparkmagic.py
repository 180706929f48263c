"""Spark through a Kerberized Apache Livy behind the NLB, with the project's rendered files.

The tests run in file order and share Livy sessions where the assertions allow it: a
Spark-local session start is the slow part.
"""

import json
import time

import pytest

from kernel import SparkKernel
from krb import Client, klist_entries, without_relations

CELL_TIMEOUT = 900  # the first cell starts the Livy session (spark-submit, Spark local)
TAKE3 = 'sc.parallelize(range(100), 2).take(3)'


@pytest.fixture(scope='module')
def ccache(tmp_path_factory):
    """One ticket cache for the persona that the kernels see, as in a real server."""
    return tmp_path_factory.mktemp('persona') / 'krb5cc'


@pytest.fixture(scope='module')
def persona(stack, service_files, ccache):
    return Client(
        service_files.krb5_conf, ccache, service_files.ca_bundle, stack['STACK_REALM'], stack['STACK_NLB_HOST']
    )


@pytest.fixture(scope='module')
def kernels():
    started = []
    yield started
    for k in started:
        k.shutdown()


def sessions(client, livy):
    code, body = client.curl(f'{livy}/sessions')
    assert code == 200, body
    return json.loads(body)['sessions']


def test_a_curl_negotiate_lists_sessions_through_the_nlb(livy, persona, stack):
    r = persona.kinit_password('user1', 'user1pw')
    assert r.rc == 0, r.out
    code, body = persona.curl(f'{livy}/sessions')
    assert code == 200, body
    assert 'sessions' in json.loads(body)
    persona.kdestroy()
    assert persona.kinit_keytab('user1', f"{stack['STACK_KDC_DIR']}/user1.keytab").rc == 0
    code, body = persona.curl(f'{livy}/sessions')
    assert code == 200, body


def test_c_mit_default_krb5_conf_gets_401(livy, persona, stack, service_files, tmp_path):
    defaults = tmp_path / 'krb5-mit-defaults.conf'
    defaults.write_text(
        without_relations(service_files.krb5_conf.read_text(), ['rdns', 'dns_canonicalize_hostname'])
    )
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


def test_b_sparkmagic_kernel_runs_spark_as_the_signed_in_user(livy, persona, service_files, ccache, kernels):
    persona.kdestroy()
    assert persona.kinit_password('user1', 'user1pw').rc == 0
    kernel = SparkKernel(service_files.kernel_env(ccache))
    kernels.append(kernel)
    out = kernel.run(TAKE3, CELL_TIMEOUT)
    assert '[0, 1, 2]' in out, out
    out = kernel.run('print(sc.sparkUser())', 120)
    assert out.strip().splitlines()[-1] == 'user1', out


def test_g_renewed_service_ticket_is_still_accepted(livy, persona, kernels):
    r = persona.renew_service('user1')
    assert r.rc == 0, r.out
    assert klist_entries(persona.klist().out) == [persona.spn]
    assert persona.curl(f'{livy}/sessions')[0] == 200
    out = kernels[-1].run('sc.parallelize([1, 2, 3]).sum()', 300)
    assert '6' in out, out


def test_d_persona_switch_leaves_no_session_of_the_old_user(livy, persona, service_files, ccache, kernels):
    mine = [s['id'] for s in sessions(persona, livy) if s.get('proxyUser') == 'user1']
    assert mine, 'the user1 kernel should have a Livy session'
    kernels.pop().shutdown()
    persona.kdestroy()
    assert persona.kinit_password('user2', 'user2pw').rc == 0
    deadline = time.monotonic() + 60
    while True:
        left = [s for s in sessions(persona, livy) if 'user1' in (s.get('proxyUser'), s.get('owner'))]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(2)
    assert not left, f'sessions of user1 still on Livy: {left}'
    kernel = SparkKernel(service_files.kernel_env(ccache))
    kernels.append(kernel)
    out = kernel.run('print(sc.sparkUser())', CELL_TIMEOUT)
    assert out.strip().splitlines()[-1] == 'user2', out


def test_e_tgt_mode_works_as_well(livy, persona, tgt_files, ccache, kernels):
    kernels.pop().shutdown()
    persona.kdestroy()
    tgt = persona.with_conf(tgt_files.krb5_conf)
    assert tgt.kinit_password('user2', 'user2pw', service=False).rc == 0
    assert klist_entries(tgt.klist().out) == [f'krbtgt/{tgt.realm}@{tgt.realm}']
    assert tgt.curl(f'{livy}/sessions')[0] == 200
    kernel = SparkKernel(tgt_files.kernel_env(ccache))
    kernels.append(kernel)
    out = kernel.run(TAKE3, CELL_TIMEOUT)
    assert '[0, 1, 2]' in out, out
    out = kernel.run('print(sc.sparkUser())', 120)
    assert out.strip().splitlines()[-1] == 'user2', out
