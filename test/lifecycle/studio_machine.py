"""A SageMaker Studio JupyterLab space, as far as this machine can be one.

The generated script runs unmodified as uid 1000 (`sagemaker-user`, group 100,
passwordless sudo as SageMaker Distribution grants it) against the real paths
it uses in a space: /home/sagemaker-user (the persistent volume), a real
virtualenv with JupyterLab 4 at /opt/conda holding a second copy of the MIT
tools first on PATH (conda-forge's krb5 in the image), /etc/krb5.conf owned by
the user with /etc/krb5.conf.lock beside it, and a loopback KDC. JupyterLab is
started the way supervisord starts it (base URL /jupyterlab/default) before the
script runs. There is no systemd on PATH; `restart-jupyter-server` is a shim
that records its calls. A start resets /etc/krb5.conf and /opt/conda's
additions and keeps the home directory. Everything is removed afterwards.

uid 1000 may already have a name on the machine: the account is added with
`useradd -o`, so the script meets the uid SageMaker uses, whatever name the
system prints for it.
"""

import json
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from machine import ROOT, Snapshot, remove, sh, wait_for
from standin import CLI, LAB4, TIMINGS, NotReady, build_wheel, require_tools

USER = "sagemaker-user"
UID, GID = 1000, 100
HOME = Path("/home/sagemaker-user")
STATE = HOME / ".sparkmagic-kerberos"
CONDA = Path("/opt/conda")
MARKER = HOME / ".made-by-studio-tests"
CONDA_MARKER = CONDA / ".made-by-studio-tests"
SUDOERS = Path("/etc/sudoers.d/smk-studio-test")
KRB5 = Path("/etc/krb5.conf")
LOCK = Path("/etc/krb5.conf.lock")
REALM = "EC2.INTERNAL"
KDC_PORT = 61230
LAB_PORT = 61233
BASE_URL = "/jupyterlab/default"
TOKEN = "studio-lifecycle-test"
NLB = "internal-emr-kerberized-nlb-0a1b2c3d4e5f6789.elb.us-east-1.amazonaws.com"
PRESET = CONDA / "share/jupyter/lab/settings/overrides.d/jupyterlab-sparkmagic-kerberos.json"
LABEXT = CONDA / "share/jupyter/labextensions/jupyterlab-sparkmagic-kerberos"
# The head of Ubuntu's stock /etc/krb5.conf (krb5-config), as a space's image ships it.
UBUNTU_KRB5 = """[libdefaults]
	default_realm = ATHENA.MIT.EDU

# The following krb5.conf variables are only for MIT Kerberos.
	kdc_timesync = 1
	ccache_type = 4
	forwardable = true
	proxiable = true
	rdns = false

[realms]
	ATHENA.MIT.EDU = {
		kdc = kerberos.mit.edu
		admin_server = kerberos.mit.edu
		default_domain = mit.edu
	}
"""
KERNELSPEC = CONDA / "share/jupyter/kernels/pysparkkernel/kernel.json"
KRB5_TOOLS = ["kinit", "klist", "kdestroy", "kvno"]


def user_env(extra=None):
    """The environment a space gives its processes (SMD's PATH puts /opt/conda/bin first)."""
    env = {
        "HOME": str(HOME),
        "USER": USER,
        "LOGNAME": USER,
        "LANG": "C.UTF-8",
        "SAGEMAKER_APP_TYPE": "JupyterLab",
        "SAGEMAKER_SPACE_NAME": "analytics",
    }
    env.update(extra or {})
    return env


def as_user(cmd, check=True, env=None, **kw):
    return sh(cmd, check=check, user=UID, group=GID, extra_groups=[], env=env, cwd=str(HOME), **kw)


class Space:
    def __init__(self, tmp):
        self.tmp = tmp
        self.calls = tmp / "rec/calls.log"
        self.shims = tmp / "shims"
        self.s3 = tmp / "s3"
        self.cli = CLI
        self.path = None
        self.lab = None

    def make_path(self):
        """/opt/conda/bin, the shims, then the system's tools without systemctl or initctl."""
        self.shims.mkdir()
        self.calls.parent.mkdir()
        os.chown(self.calls.parent, UID, GID)
        shim = self.shims / "restart-jupyter-server"
        shim.write_text(f'#!/bin/bash\nprintf "%s\\n" "restart-jupyter-server $*" >>{self.calls}\n')
        shim.chmod(0o755)
        os.chmod(self.tmp, 0o755)
        farm = self.tmp / "system"
        farm.mkdir()
        for src in (Path("/usr/sbin"), Path("/usr/bin"), Path("/sbin"), Path("/bin")):
            for f in src.iterdir():
                if f.name not in ("systemctl", "initctl") and not (farm / f.name).exists():
                    (farm / f.name).symlink_to(f)
        self.path = f"{CONDA}/bin:{self.shims}:{farm}"

    def calls_made(self):
        return self.calls.read_text().splitlines() if self.calls.exists() else []

    def generate(self, profile, *args):
        path = self.tmp / "profile.json"
        path.write_text(json.dumps(profile))
        if {"--wheel-path", "--wheel-s3-uri"} & set(args) and not {"--wheel-file", "--wheel-sha256"} & set(args):
            args = (*args, "--wheel-file", str(self.wheel))
        p = sh(["node", str(self.cli), "lifecycle", "--platform", "studio", "--profile", str(path), *args], check=False)
        if p.returncode != 0:
            raise AssertionError(f"lifecycle failed: {p.stderr}")
        return p.stdout

    def cli_run(self, *args, check=True):
        return sh(["node", str(self.cli), *args], check=check)

    def start(self, fresh=False):
        """A space's app start: /etc/krb5.conf as the image ships it, /opt/conda without our additions."""
        KRB5.write_text(UBUNTU_KRB5)
        LOCK.touch()
        for f in (KRB5, LOCK):
            os.chown(f, UID, GID)
        as_user([str(CONDA / "bin/pip"), "uninstall", "-q", "-y", "jupyterlab_sparkmagic_kerberos"], check=False)
        remove(PRESET.parent)
        make_kernelspec()
        if fresh:
            for name in os.listdir(HOME):
                if name != MARKER.name:
                    remove(HOME / name)
        remove(Path(f"/tmp/krb5cc_{UID}"))
        remove(self.calls)

    def run(self, script, label, env=None):
        """Runs the script exactly as generated, as sagemaker-user, from the home directory."""
        f = self.tmp / "lifecycle_script.sh"
        f.write_text(script)
        f.chmod(0o755)
        full = user_env({"PATH": self.path, **(env or {})})
        begin = time.monotonic()
        p = subprocess.run([str(f)], cwd=str(HOME), env=full, capture_output=True, text=True, timeout=300,
                           user=UID, group=GID, extra_groups=[])
        TIMINGS.append((f"studio: {label}", time.monotonic() - begin, p.returncode))
        return p

    def start_lab(self):
        """JupyterLab as SMD's start-jupyter-server runs it (with a token here: the machine is shared)."""
        self.lab = subprocess.Popen(
            [str(CONDA / "bin/jupyter"), "lab", "--ip", "127.0.0.1", f"--port={LAB_PORT}", "--port-retries=0",
             "--no-browser", f"--ServerApp.base_url={BASE_URL}", f"--IdentityProvider.token={TOKEN}",
             f"--ServerApp.root_dir={HOME}"],
            user=UID, group=GID, extra_groups=[], cwd=str(HOME),
            env=user_env({"PATH": self.path}), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: self.get("api/status") is not None or self.lab.poll() is not None, 90, "JupyterLab")
        assert self.lab.poll() is None, "JupyterLab exited"

    def get(self, path):
        """GET on the running server, text or None."""
        p = sh(["curl", "-sf", "-H", f"Authorization: token {TOKEN}",
                f"http://127.0.0.1:{LAB_PORT}{BASE_URL}/{path}"], check=False)
        return p.stdout if p.returncode == 0 else None

    def stop_lab(self):
        if self.lab and self.lab.poll() is None:
            self.lab.terminate()
            try:
                self.lab.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.lab.kill()
        self.lab = None


def make_account():
    for path, marker in ((HOME, MARKER), (CONDA, CONDA_MARKER)):
        if path.exists() and not marker.exists():
            raise NotReady(f"{path} exists and was not made by these tests; refusing to touch it")
    drop_account()
    sh(["useradd", "-o", "-u", str(UID), "-g", str(GID), "-M", "-d", str(HOME), "-s", "/bin/bash", USER])
    HOME.mkdir()
    os.chown(HOME, UID, GID)
    MARKER.touch()
    # SageMaker Distribution: "ALL ALL=(ALL) NOPASSWD: ALL"; sudo knows the caller by uid.
    SUDOERS.write_text(f"#{UID} ALL=(ALL) NOPASSWD: ALL\n")
    SUDOERS.chmod(0o440)


def drop_account():
    remove(SUDOERS)
    if subprocess.run(["id", "-u", USER], capture_output=True).returncode == 0:
        sh(["userdel", "-f", USER], check=False)
    for path, marker in ((HOME, MARKER), (CONDA, CONDA_MARKER)):
        if marker.exists():
            shutil.rmtree(path)


def make_conda():
    """/opt/conda: JupyterLab 4 in a virtualenv owned by the user, MIT tools copied into its bin."""
    sh(["/usr/bin/python3", "-m", "venv", str(CONDA)])
    CONDA_MARKER.touch()
    sh([str(CONDA / "bin/pip"), "install", "-q", "--disable-pip-version-check", f"jupyterlab=={LAB4}"])
    for tool in KRB5_TOOLS:
        shutil.copy2(shutil.which(tool), CONDA / "bin" / tool)
    sh(["chown", "-R", f"{UID}:{GID}", str(CONDA)])
    make_kernelspec()


def make_kernelspec():
    """The Sparkmagic kernelspec as SMD installs it (its argv runs /opt/conda's Python)."""
    spec = KERNELSPEC.parent
    remove(spec)
    spec.mkdir(parents=True)
    KERNELSPEC.write_text(json.dumps({
        "argv": ["/opt/conda/bin/python", "-m", "sparkmagic.kernels.pysparkkernel.pysparkkernel", "-f", "{connection_file}"],
        "display_name": "SparkMagic PySpark", "language": "python"}, indent=1) + "\n")
    sh(["chown", "-R", f"{UID}:{GID}", str(CONDA / "share/jupyter/kernels")])


@contextmanager
def space():
    """Yields a ready Space; removes the account, /opt/conda, the KDC and restores /etc after."""
    require_tools()
    if shutil.which("flock") is None:
        raise NotReady("the Studio tests need flock (util-linux)")
    tmp = Path(tempfile.mkdtemp(prefix="smk-studio-"))
    s = Space(tmp)
    store = tmp / "etc-backup"
    store.mkdir()
    s.etc = Snapshot([KRB5, LOCK], store)
    realm = tmp / "realm"
    try:
        make_account()
        s.make_path()
        make_conda()
        s.wheel = build_wheel(tmp)
        env = dict(os.environ, SERVICE_HOSTS=NLB)
        env.pop("KRB5_CONFIG", None)
        sh(["bash", str(ROOT / "test/kdc/realm.sh"), "start", str(realm), REALM, str(KDC_PORT)], env=env)
        s.realm = realm
        yield s
    finally:
        s.stop_lab()
        sh(["bash", str(ROOT / "test/kdc/realm.sh"), "stop", str(realm)], check=False)
        s.etc.restore()
        drop_account()
        shutil.rmtree(tmp, ignore_errors=True)
