"""The ticket's lifecycle under live Spark sessions, on the real stack, with tickets that last
two minutes, three on YARN (kadmin `modprinc -maxlife`), renewable for a day.

What real Livy does: after a successful SPNEGO exchange it sets Hadoop's signed `hadoop.auth`
cookie (valid 10 hours; Livy 0.9 has no setting for it), and sparkmagic keeps it in its
`requests.Session`. So a kernel whose session is up keeps working after the ticket expires;
the expired ticket stops every *new* session (a new kernel, a restarted one, a notebook opened
later) with a 401. Renewing before expiry (the panel's auto-renew) keeps new sessions working.
A kernel whose session could not start stays failed even after a new sign-in (sparkmagic keeps
its fatal error until the kernel restarts); a sign-in after a lapse is therefore followed by the
panel's offer to restart the running Sparkmagic kernels, and the restarted kernel works.
"""

import calendar
import os
import time
from pathlib import Path

import pytest

from conftest import explain
from kernel import SparkKernel
from krb import Client, klist_entries
from livy import FINAL_STATES, Livy

TAKE3 = 'sc.parallelize(range(100), 2).take(3)'
SPARK_USER = 'print("SPARK_USER=" + sc.sparkUser())'
CELL_TIMEOUT = 900
# A session on YARN takes up to about two minutes to start, inside the first ticket's life.
LIFE = 180 if os.environ.get('STACK_SPARK') == 'yarn' else 120
ROOT = Path(__file__).resolve().parents[2]
# The cell's text is kept in the fixtures (RECORD_FIXTURES=1 writes it there).
FIXTURE = ROOT / 'test' / 'fixtures' / 'errors' / 'sparkmagic-ticket-expired.txt'


@pytest.fixture
def short_tickets(kadmin):
    kadmin(f'modprinc -maxlife "{LIFE} seconds" -maxrenewlife "1 day" user1')
    yield
    kadmin('modprinc -maxlife "1 day" user1')


@pytest.fixture
def cache(tmp_path):
    return tmp_path / 'krb5cc'


@pytest.fixture
def user(stack, service_files, cache):
    return Client(
        service_files.krb5_conf,
        cache,
        service_files.ca_bundle,
        stack['STACK_REALM'],
        stack['STACK_NLB_HOST'],
    )


def expiry(client):
    """Seconds since the epoch when the cached service ticket expires (klist, C locale, UTC)."""
    out = client.klist().out
    line = next(l for l in out.splitlines() if client.spn in l)
    stamp = ' '.join(line.split()[2:4])
    return calendar.timegm(time.strptime(stamp, '%m/%d/%y %H:%M:%S'))


def wait_past(t):
    while time.time() < t + 5:
        time.sleep(2)


def live_sessions(api, user):
    return [s['id'] for s in api.sessions() if s['proxyUser'] == user and s['state'] not in FINAL_STATES]


def test_h_renewed_before_expiry_new_and_old_sessions_work(short_tickets, livy, service_files, user, cache):
    assert user.kinit_password('user1', 'user1pw').rc == 0
    first = expiry(user)
    assert first - time.time() <= LIFE + 5
    api = Livy(user, livy)
    kernel = SparkKernel(service_files.kernel_env(cache))
    try:
        assert '[0, 1, 2]' in kernel.run(TAKE3, CELL_TIMEOUT)
        before = live_sessions(api, 'user1')
        assert len(before) == 1, before
        # What auto-renew does before the ticket runs out: kinit -R -S SPN.
        r = user.renew_service('user1')
        assert r.rc == 0, r.out
        assert klist_entries(user.klist().out) == [user.spn]
        wait_past(first)
        assert 'SPARK_USER=user1' in kernel.run(SPARK_USER, CELL_TIMEOUT)
        assert live_sessions(api, 'user1') == before
        fresh = SparkKernel(service_files.kernel_env(cache))
        try:
            assert '[0, 1, 2]' in fresh.run(TAKE3, CELL_TIMEOUT)
        finally:
            fresh.shutdown()
    finally:
        kernel.shutdown()


def test_i_expired_ticket_stops_new_sessions_until_sign_in_and_restart(short_tickets, livy, service_files, user, cache):
    assert user.kinit_password('user1', 'user1pw').rc == 0
    first = expiry(user)
    kernel = SparkKernel(service_files.kernel_env(cache))
    later = SparkKernel(service_files.kernel_env(cache))
    try:
        assert '[0, 1, 2]' in kernel.run(TAKE3, CELL_TIMEOUT)
        wait_past(first)
        # The live session rides on Livy's auth cookie.
        assert 'SPARK_USER=user1' in kernel.run(SPARK_USER, CELL_TIMEOUT)
        # A session started now needs the ticket.
        out = later.run(TAKE3, CELL_TIMEOUT)
        assert '[0, 1, 2]' not in out, out
        assert "Invalid status code '401'" in out, out
        if os.environ.get('RECORD_FIXTURES') == '1':
            FIXTURE.write_text(out)
        why = explain(out)
        assert why['code'] == 'LIVY_UNAUTHORIZED', why
        assert 'then restart that kernel' in why['fix'], why
        assert user.kinit_password('user1', 'user1pw').rc == 0
        # Sparkmagic's fatal error outlives the new ticket ...
        again = later.run(TAKE3, CELL_TIMEOUT)
        assert 'The code failed because of a fatal error' in again, again
        # ... and a restart (what the panel offers after this sign-in) clears it.
        later.restart()
        assert '[0, 1, 2]' in later.run(TAKE3, CELL_TIMEOUT)
    finally:
        later.shutdown()
        kernel.shutdown()
