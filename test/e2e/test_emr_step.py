"""The stack's cluster side came from the EMR step (sparkmagic-kerberos emr-step), run by
test/stack/stack.sh as an administrator runs it: HTTP/<nlb>, Livy's keytab and Livy's
Kerberos settings, and on YARN Livy's proxy-user settings (reloaded by the NameNode and
the ResourceManager) and the users' HDFS homes. Run again it changes nothing; a keytab
whose HTTP key has another KVNO fails its check.
"""

import hashlib
import os
import re
import subprocess
from pathlib import Path

from yarn import STACK_SH, on_yarn

HOME_USERS = ['user1', 'user2', 'user3']


def step_env(stack):
    return Path(stack['STACK_EMR_STEP_ENV'])


def run_step(stack, *extra_env):
    """The step with the stack's environment (plus NAME=value pairs) in a shell with only PATH and
    HOME, as root's: exit code and output."""
    p = subprocess.run(
        ['bash', '-c', '. "$1" && shift && exec env "$@" bash "$STEP"', 'step', str(step_env(stack)), *extra_env],
        env={'PATH': '/usr/sbin:/usr/bin:/sbin:/bin', 'HOME': os.environ['HOME'], 'STEP': stack['STACK_EMR_STEP']},
        capture_output=True,
        text=True,
        timeout=300,
    )
    return p.returncode, p.stdout + p.stderr


def principals(stack):
    return [f"HTTP/{stack['STACK_NLB_HOST']}@{stack['STACK_REALM']}", f"livy/localhost@{stack['STACK_REALM']}"]


def kdc_kvnos(stack):
    """The KDC's KVNO of each principal the step exports (kadmin.local getprinc)."""
    out = {}
    for p in principals(stack):
        r = subprocess.run(
            ['bash', '-c', '. "$1" && kadmin.local -q "getprinc $2"', 'kvno', str(step_env(stack)), p],
            capture_output=True,
            text=True,
            check=True,
        )
        out[p] = max(int(v) for v in re.findall(r'^Key: vno (\d+),', r.stdout, re.M))
    return out


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def core_site(stack):
    return Path(stack['STACK_HADOOP_CONF_DIR']) / 'core-site.xml'


def hdfs_home(stack, action, user):
    subprocess.run(
        ['bash', str(STACK_SH), 'hdfs-home', action, user],
        env=dict(os.environ, STACK_DIR=stack['STACK_DIR']),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_the_stack_was_set_up_by_the_step(stack):
    runs = (step_env(stack).parent / 'runs.log').read_text()
    http = principals(stack)[0]
    assert f'created {http}' in runs
    assert f"wrote {stack['STACK_LIVY_KEYTAB']}" in runs
    assert 'restarting Livy' in runs
    assert 'check: Livy answered 200' in runs
    conf = (Path(stack['STACK_DIR']) / 'livy' / 'conf' / 'livy.conf').read_text()
    for line in [
        'livy.server.auth.type = kerberos',
        f'livy.server.auth.kerberos.principal = {http}',
        f"livy.server.auth.kerberos.keytab = {stack['STACK_LIVY_KEYTAB']}",
        'livy.impersonation.enabled = true',
    ]:
        assert line in conf.splitlines()
    assert not (Path(stack['STACK_KDC_DIR']) / 'http.keytab').exists()


def test_the_hadoop_side_came_from_the_step(stack):
    runs = (step_env(stack).parent / 'runs.log').read_text()
    if not on_yarn(stack):
        assert 'proxy-user settings skipped' in runs
        return
    assert f'changed {core_site(stack)}' in runs
    assert '[emr-step] the NameNode reloaded the proxy-user settings' in runs
    assert '[emr-step] the ResourceManager reloaded the proxy-user settings' in runs
    for name in ['hadoop.proxyuser.livy.hosts', 'hadoop.proxyuser.livy.groups']:
        assert re.search(rf'<name>{re.escape(name)}</name>\s*<value>\*</value>', core_site(stack).read_text())
    for user in HOME_USERS:
        assert f'[emr-step] HDFS home /user/{user} owned by {user}' in runs


def test_a_second_run_changes_nothing(stack):
    livy_conf = Path(stack['STACK_DIR']) / 'livy' / 'conf' / 'livy.conf'
    files = [stack['STACK_LIVY_KEYTAB'], livy_conf] + ([core_site(stack)] if on_yarn(stack) else [])
    before = (kdc_kvnos(stack), [digest(f) for f in files])
    rc, out = run_step(stack)
    assert rc == 0, out
    assert '[emr-step] nothing to change' in out
    assert 'restarting Livy' not in out
    assert 'check: Livy answered 200' in out
    assert (kdc_kvnos(stack), [digest(f) for f in files]) == before
    if on_yarn(stack):
        for user in HOME_USERS:
            assert f'[emr-step] unchanged: /user/{user} (HDFS) is owned by {user}' in out


def test_livy_conf_changed_by_hand_is_set_back_and_livy_restarted(stack):
    livy_conf = Path(stack['STACK_DIR']) / 'livy' / 'conf' / 'livy.conf'
    pid_file = Path(stack['STACK_DIR']) / 'livy' / 'livy.pid'
    text, pid = livy_conf.read_text(), pid_file.read_text()
    livy_conf.write_text(text.replace('livy.impersonation.enabled = true', 'livy.impersonation.enabled = false'))
    rc, out = run_step(stack)
    assert rc == 0, out
    assert f'[emr-step] changed {livy_conf} (previous: {livy_conf}.bak-' in out
    assert '[emr-step] restarting Livy' in out
    assert 'check: Livy answered 200' in out
    assert livy_conf.read_text() == text
    assert pid_file.read_text() != pid


def test_a_missing_hdfs_home_is_made_again_and_livy_keeps_running(stack):
    if not on_yarn(stack):
        # No HDFS in Spark's local mode: the stack's step is made without --users.
        assert "\nUSERS=''\n" in Path(stack['STACK_EMR_STEP']).read_text()
        return
    pid = (Path(stack['STACK_DIR']) / 'livy' / 'livy.pid').read_text()
    hdfs_home(stack, 'delete', 'user3')
    rc, out = run_step(stack)
    if rc != 0:
        hdfs_home(stack, 'create', 'user3')  # for the suite's other sessions of user3
    assert rc == 0, out
    assert '[emr-step] HDFS home /user/user3 owned by user3' in out
    assert "[emr-step] Livy's keytab and livy.conf are as they were: Livy keeps running" in out
    assert 'restarting Livy' not in out
    assert 'check: Livy answered 200' in out
    assert (Path(stack['STACK_DIR']) / 'livy' / 'livy.pid').read_text() == pid


def test_a_keytab_whose_http_key_has_another_kvno_fails_the_check(stack, tmp_path):
    http = principals(stack)[0]
    kvnos = kdc_kvnos(stack)
    bad = tmp_path / 'livy.keytab'
    bad.write_bytes(Path(stack['STACK_LIVY_KEYTAB']).read_bytes())
    bad.chmod(0o600)
    other = kvnos[http] + 1
    subprocess.run(
        ['ktutil'],
        input=f'rkt {bad}\naddent -password -p {http} -k {other} -e aes256-cts-hmac-sha1-96\nnot-the-key\nwkt {bad}\n',
        capture_output=True,
        text=True,
        check=True,
    )
    rc, out = run_step(stack, 'SMK_CHECK_ONLY=1', f'SMK_LIVY_KEYTAB={bad}')
    assert rc == 1, out
    assert f'KVNO mismatch for {http}: kvno {other} in {bad}, {kvnos[http]} in the KDC' in out
    assert kdc_kvnos(stack) == kvnos
