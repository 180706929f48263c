"""Kerberos through the load balancer with the krb5.conf the project renders.

The NLB (HAProxy) forwards only TCP to the KDC, kpasswd and kadmind; the NLB's address
reverse-resolves to an ip-…ec2.internal name, as on AWS.
"""

import re
import subprocess
import sys

from krb import klist_entries, run_in_pty, without_relations


def test_kinit_reaches_the_kdc_through_the_nlb_over_tcp_only(client, stack, tmp_path):
    trace = tmp_path / 'trace'
    r = client.kinit_password('user1', 'user1pw', trace=trace)
    assert r.rc == 0, r.out
    text = trace.read_text()
    nlb = f"{stack['STACK_NLB_ADDR']}:88"
    assert f'Sending TCP request to stream {nlb}' in text, text
    assert 'dgram' not in text and 'UDP' not in text, text


def test_service_ticket_cache_holds_only_livys_ticket(client, stack):
    r = client.kinit_keytab('user1', f"{stack['STACK_KDC_DIR']}/user1.keytab")
    assert r.rc == 0, r.out
    assert klist_entries(client.klist().out) == [client.spn]


def gss_target_name(client):
    """The SPN MIT derives for `HTTP@<nlb-host>`, as curl and requests-kerberos ask for it."""
    code = (
        'import gssapi, sys\n'
        'name = gssapi.Name(sys.argv[1], gssapi.NameType.hostbased_service)\n'
        'try:\n'
        '    gssapi.SecurityContext(name=name, usage="initiate").step()\n'
        '    print("OK")\n'
        'except gssapi.exceptions.GSSError as e:\n'
        '    print("ERROR", e)\n'
    )
    host = client.spn.split('/', 1)[1].split('@', 1)[0]
    p = subprocess.run(
        [sys.executable, '-c', code, f'HTTP@{host}'],
        env=client.env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return p.stdout + p.stderr


def test_rendered_settings_avoid_the_reverse_dns_trap(client, stack, service_files, tmp_path):
    assert client.kinit_keytab('user1', f"{stack['STACK_KDC_DIR']}/user1.keytab", service=False).rc == 0
    assert gss_target_name(client).startswith('OK')
    defaults = tmp_path / 'krb5-mit-defaults.conf'
    defaults.write_text(
        without_relations(service_files.krb5_conf.read_text(), ['rdns', 'dns_canonicalize_hostname'])
    )
    out = gss_target_name(client.with_conf(defaults))
    assert f"HTTP/{stack['STACK_NLB_PTR']}@{stack['STACK_REALM']} not found" in out, out


def test_first_sign_in_forces_a_password_change_through_the_nlb(client, stack, kadmin, tmp_path):
    kadmin('cpw -pw user3pw user3')
    kadmin('modprinc +needchange user3')
    trace = tmp_path / 'trace'
    env = dict(client.env, KRB5_TRACE=str(trace))
    r = run_in_pty(
        ['kinit', f'user3@{client.realm}'],
        env,
        [
            (r'Password for [^:]+: ', 'user3pw'),
            (r'Enter new password: ', 'Changed-3-pw'),
            (r'Enter it again: ', 'Changed-3-pw'),
        ],
    )
    assert r.rc == 0, r.out
    assert 'Password expired.  You must change it now.' in r.out
    assert f"Sending TCP request to stream {stack['STACK_NLB_ADDR']}:464" in trace.read_text()
    client.kdestroy()
    assert client.kinit_password('user3', 'user3pw').rc != 0
    r = client.kinit_password('user3', 'Changed-3-pw')
    assert r.rc == 0, r.out
    assert klist_entries(client.klist().out) == [client.spn]


def test_renewable_service_ticket_renews_with_dash_s_only(client, stack):
    assert client.kinit_keytab('user1', f"{stack['STACK_KDC_DIR']}/user1.keytab").rc == 0
    before = client.klist().out
    assert 'renew until' in before
    # Plain `kinit -R` looks for a TGT, which a service-ticket cache does not have.
    r = subprocess.run(['kinit', '-R'], env=client.env, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and 'Matching credential not found' in r.stderr, r.stderr
    r = client.renew_service('user1')
    assert r.rc == 0, r.out
    after = client.klist().out
    assert klist_entries(after) == [client.spn]
    flags = re.search(r'Flags: (\w+)', after)
    assert flags and 'T' in flags.group(1), after  # T: issued by the TGS, i.e. renewed
