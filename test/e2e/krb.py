"""Client-side Kerberos and HTTP calls of the end-to-end tests, all through real tools.

Passwords are typed into a pseudo-terminal, as a person types them into the terminal the
extension opens: kinit reads them from the tty, never from an argument or the environment.
"""

import os
import pty
import re
import select
import subprocess
import time
from dataclasses import dataclass


@dataclass
class Run:
    rc: int
    out: str


def run(argv, env, timeout=60, stdin=None):
    """Runs a command with its output (stdout + stderr) captured; bounded in time."""
    p = subprocess.run(
        argv,
        env=env,
        input=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Run(p.returncode, p.stdout)


def run_in_pty(argv, env, answers, timeout=60):
    """Runs argv on a pseudo-terminal; answers is a list of (prompt regex, reply).

    Each reply is typed once its prompt has appeared after the previous reply.
    """
    pid, fd = pty.fork()
    if pid == 0:  # child
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    out = b''
    seen = 0
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
            text = out.decode(errors='replace')
            if pending and re.search(pending[0][0], text[seen:]):
                seen = len(text)
                os.write(fd, (pending.pop(0)[1] + '\n').encode())
        else:
            os.kill(pid, 9)
            raise TimeoutError(f'{argv[0]} did not finish in {timeout}s: {out!r}')
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    return Run(os.waitstatus_to_exitcode(status), out.decode(errors='replace').replace('\r', ''))


class Client:
    """One user's view: a krb5.conf, a ticket cache, the Livy CA bundle."""

    def __init__(self, krb5_conf, ccache, ca_bundle, realm, nlb_host):
        self.env = dict(os.environ)
        self.env.update(
            KRB5_CONFIG=str(krb5_conf),
            KRB5CCNAME=f'FILE:{ccache}',
            REQUESTS_CA_BUNDLE=str(ca_bundle),
            LC_ALL='C',
            TZ='UTC',
        )
        self.env.pop('KRB5_TRACE', None)
        self.ca_bundle = str(ca_bundle)
        self.realm = realm
        self.spn = f'HTTP/{nlb_host}@{realm}'

    def with_conf(self, krb5_conf):
        other = Client.__new__(Client)
        other.__dict__.update(self.__dict__)
        other.env = dict(self.env, KRB5_CONFIG=str(krb5_conf))
        return other

    def kinit_password(self, user, password, service=True, renewable='7d', trace=None):
        argv = ['kinit', '-r', renewable]
        if service:
            argv += ['-S', self.spn]
        argv.append(f'{user}@{self.realm}')
        env = dict(self.env, KRB5_TRACE=str(trace)) if trace else self.env
        return run_in_pty(argv, env, [(r'Password for [^:]+: ', password)])

    def kinit_keytab(self, user, keytab, service=True, renewable='7d'):
        argv = ['kinit', '-kt', str(keytab), '-r', renewable]
        if service:
            argv += ['-S', self.spn]
        argv.append(f'{user}@{self.realm}')
        return run(argv, self.env)

    def renew_service(self, user):
        return run(['kinit', '-R', '-S', self.spn, f'{user}@{self.realm}'], self.env)

    def kdestroy(self):
        return run(['kdestroy'], self.env)

    def klist(self):
        return run(['klist', '-f'], self.env)

    def curl(self, url, method='GET', verbose=False):
        """curl --negotiate; returns (HTTP status, body and -v text)."""
        argv = ['curl', '-sS', '--negotiate', '-u', ':', '--cacert', self.ca_bundle, '-X', method]
        argv += ['-w', '\n%{http_code}', url]
        if verbose:
            argv.insert(1, '-v')
        r = run(argv, self.env, timeout=60)
        body, _, code = r.out.rpartition('\n')
        return int(code) if code.isdigit() else 0, body


def klist_entries(klist_text):
    """Service principals listed by MIT klist (run with LC_ALL=C)."""
    return re.findall(r'^\d\d/\d\d/\d\d \d\d:\d\d:\d\d\s+\S+ \S+\s+(\S+)$', klist_text, re.M)


def without_relations(krb5_text, names):
    """The same krb5.conf without the given relations: MIT's defaults apply to them."""
    pattern = re.compile(r'^\s*(' + '|'.join(map(re.escape, names)) + r')\s*=.*\n?', re.M)
    return pattern.sub('', krb5_text)
