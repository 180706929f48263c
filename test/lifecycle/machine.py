"""A SageMaker notebook instance, as far as this machine can be one.

The generated lifecycle script runs unmodified, as root, against the real paths
it uses on SageMaker: the `ec2-user` account and /home/ec2-user (created here if
absent and removed afterwards), a real virtualenv with JupyterLab from PyPI at
/home/ec2-user/anaconda3/envs/JupyterSystemEnv, the real /etc/krb5.conf (backed
up and restored), the real MIT Kerberos tools and a loopback KDC. Only what
cannot exist on Debian is a shim on PATH that records its calls: yum, systemctl,
initctl and `aws s3 cp` (served from a directory standing in for the bucket).
"""

import base64
import hashlib
import json
import os
import pwd
import re
import shutil
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
USER = "ec2-user"
HOME = Path("/home/ec2-user")
VOLUME = HOME / "SageMaker"
STATE = VOLUME / ".sparkmagic-kerberos"
ENV = HOME / "anaconda3/envs/JupyterSystemEnv"
MARKER = HOME / ".made-by-lifecycle-tests"
REALM = "EC2.INTERNAL"
KDC_PORT = 64088
LAB_PORT = 64093
NLB = "internal-emr-kerberized-nlb-0a1b2c3d4e5f6789.elb.us-east-1.amazonaws.com"
SAGEMAKER_PATH = "/sbin:/bin:/usr/sbin:/usr/bin"
PLUGIN = "jupyterlab-sparkmagic-kerberos:plugin"
DROPIN = Path("/etc/krb5.conf.d/00-sparkmagic-kerberos")
INCLUDED = Path("/etc/krb5-sparkmagic-kerberos.conf")
BG_LOG = Path("/var/log/sparkmagic-kerberos.log")
# Where a test puts the real krb5.conf when /etc/krb5.conf is a link managed elsewhere.
MANAGED_KRB5 = Path("/etc/krb5-managed.conf")
# Everything the script may add under /etc or /var: restored after every scenario.
SYSTEM_PATHS = [
    Path("/etc/krb5.conf"),
    Path("/etc/krb5.conf.d"),
    INCLUDED,
    Path("/etc/profile.d/jupyter-env.sh"),
    BG_LOG,
    MANAGED_KRB5,
]

# /etc/krb5.conf as Amazon Linux 2 ships it (krb5-libs): includedir first, a
# KEYRING cache and rdns in [libdefaults] that our values must beat.
AL2_KRB5 = """# Configuration snippets may be placed in this directory as well
includedir /etc/krb5.conf.d/

[logging]
 default = FILE:/var/log/krb5libs.log
 kdc = FILE:/var/log/krb5kdc.log
 admin_server = FILE:/var/log/kadmind.log

[libdefaults]
 dns_lookup_realm = false
 ticket_lifetime = 24h
 renew_lifetime = 7d
 forwardable = true
 rdns = true
 udp_preference_limit = 1465
# default_realm = EXAMPLE.COM
 default_ccache_name = KEYRING:persistent:%{uid}

[realms]
# EXAMPLE.COM = {
#  kdc = kerberos.example.com
#  admin_server = kerberos.example.com
# }

[domain_realm]
# .example.com = EXAMPLE.COM
# example.com = EXAMPLE.COM
"""

# What sssd-kcm drops next to it on Amazon Linux 2023 / RHEL.
KCM_DROPIN = """# This file should normally be installed by your distribution into a
# directory that is included from the Kerberos configuration file (/etc/krb5.conf)
[libdefaults]
    default_ccache_name = KCM:
"""

# The Sparkmagic config a notebook image ships in ~/.sparkmagic (sparkmagic's
# example settings pointing at a local Livy).
STOCK_SPARKMAGIC = {
    "kernel_python_credentials": {"username": "", "password": "", "url": "http://localhost:8998", "auth": "None"},
    "kernel_scala_credentials": {"username": "", "password": "", "url": "http://localhost:8998", "auth": "None"},
    "kernel_r_credentials": {"username": "", "password": "", "url": "http://localhost:8998"},
    "logging_config": {
        "version": 1,
        "formatters": {"magicsFormatter": {"format": "%(asctime)s\t%(levelname)s\t%(message)s", "datefmt": ""}},
        "handlers": {
            "magicsHandler": {
                "class": "hdijupyterutils.filehandler.MagicsFileHandler",
                "formatter": "magicsFormatter",
                "home_path": "~/.sparkmagic",
            }
        },
        "loggers": {"magicsLogger": {"handlers": ["magicsHandler"], "level": "DEBUG", "propagate": 0}},
    },
    "wait_for_idle_timeout_seconds": 15,
    "livy_session_startup_timeout_seconds": 60,
    "fatal_error_suggestion": "The code failed because of a fatal error.",
    "ignore_ssl_errors": False,
    "session_configs": {"driverMemory": "1000M", "executorCores": 2},
    "use_auto_viz": True,
    "coerce_dataframe": True,
    "heartbeat_refresh_seconds": 30,
    "heartbeat_retry_seconds": 10,
    "server_extension_default_kernel_name": "pysparkkernel",
    "retry_policy": "configurable",
    "retry_seconds_to_sleep_list": [0.2, 0.5, 1, 3, 5],
    "configurable_retry_policy_max_retries": 8,
}

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def sh(cmd, check=True, **kw):
    """Runs a command (list), text in/out; raises with its output when it fails."""
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    p = subprocess.run(cmd, **kw)
    if check and p.returncode != 0:
        raise AssertionError(f"{cmd} exited {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


def as_user(cmd, check=True, env=None, **kw):
    """Runs a command as ec2-user with a login-like environment."""
    base = {"HOME": str(HOME), "USER": USER, "LOGNAME": USER, "PATH": "/usr/local/bin:/usr/bin:/bin", "LC_ALL": "C"}
    base.update(env or {})
    return sh(cmd, check=check, user=USER, group=USER, extra_groups=[], env=base, cwd=str(HOME), **kw)


def uid():
    return pwd.getpwnam(USER).pw_uid


def sha(path):
    p = Path(path)
    return hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else None


def chown_tree(path):
    sh(["chown", "-R", f"{USER}:{USER}", str(path)])


class Snapshot:
    """Copies of paths (files or directories, or their absence) to put back later;
    backups the script leaves beside them (`*.bak-<time>`) are removed."""

    def __init__(self, paths, store):
        self.saved = []
        self.siblings = {p.parent: set(os.listdir(p.parent)) for p in paths}
        for i, path in enumerate(paths):
            copy = store / f"{i}-{path.name}"
            if path.is_symlink() or path.is_file():
                shutil.copy2(path, copy, follow_symlinks=False)
                self.saved.append((path, copy))
            elif path.is_dir():
                shutil.copytree(path, copy, symlinks=True)
                self.saved.append((path, copy))
            else:
                self.saved.append((path, None))

    def restore(self):
        for parent, names in self.siblings.items():
            for name in set(os.listdir(parent)) - names:
                if ".bak-" in name:
                    remove(parent / name)
        for path, copy in self.saved:
            remove(path)
            if copy is None:
                continue
            if copy.is_dir() and not copy.is_symlink():
                shutil.copytree(copy, path, symlinks=True)
            else:
                shutil.copy2(copy, path, follow_symlinks=False)


def remove(path):
    path = Path(path)
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def lines_with_prefix(text):
    return [line for line in text.splitlines() if line.startswith("[sparkmagic-kerberos] ")]


def labextension_listing():
    p = as_user([str(ENV / "bin/jupyter"), "labextension", "list"], check=False)
    return p.returncode, ANSI.sub("", p.stdout + p.stderr)


def base64_len(text):
    return len(base64.b64encode(text.encode("utf-8")))


def read_json(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def wait_for(predicate, timeout, what):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")
