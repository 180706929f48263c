"""The stand-in notebook instance (see machine.py) as a context manager, for
the test suite (conftest.py) and the benchmark (bench/lifecycle.py): built once,
taken apart afterwards even when something fails."""

import json
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from machine import (
    AL2_KRB5,
    ENV,
    HOME,
    KCM_DROPIN,
    KDC_PORT,
    MARKER,
    NLB,
    REALM,
    ROOT,
    SAGEMAKER_PATH,
    STATE,
    STOCK_SPARKMAGIC,
    SYSTEM_PATHS,
    USER,
    VOLUME,
    Snapshot,
    as_user,
    chown_tree,
    remove,
    sh,
    uid,
)

LAB4 = os.environ.get("LIFECYCLE_JUPYTERLAB4", "4.6.*")
LAB3 = os.environ.get("LIFECYCLE_JUPYTERLAB3", "3.6.*")
TOOLS = ["sudo", "useradd", "userdel", "shellcheck", "kinit", "klist", "krb5kdc", "kadmin.local", "node", "cksum"]
CLI = Path(os.environ.get("SMK_CLI", ROOT / "lib-cli/cli/main.js"))
# (label, seconds, exit status) of every script run, for the summary and the bench.
TIMINGS = []
# The wheel build_wheel made in this run.
BUILT = []


class Box:
    """The stand-in instance: paths, shims, the KDC, the wheel and the CLI."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.calls = tmp / "calls.log"
        self.s3 = tmp / "s3"
        self.shims = tmp / "shims"
        self.cli = CLI
        self.lab = None

    # --- shims -------------------------------------------------------------
    def make_shims(self):
        self.shims.mkdir()
        rec = f'printf "%s\\n" "$(basename "$0") $*" >>{self.calls}\n'
        self._shim("systemctl", rec)
        self._shim("yum", rec + self._install_krb5())
        self._shim(
            "aws",
            rec
            + f"""[ "$1 $2" = "s3 cp" ] || {{ echo "aws shim: only 's3 cp' exists here" >&2; exit 2; }}
shift 2; args=()
for a in "$@"; do case $a in --*) ;; *) args+=("$a") ;; esac; done
src=${{args[0]}}; dst=${{args[1]}}
f={self.s3}/${{src#s3://}}
if [ ! -f "$f" ]; then
  echo "fatal error: An error occurred (404) when calling the HeadObject operation: Key \\"${{src#s3://*/}}\\" does not exist" >&2
  exit 1
fi
cp "$f" "$dst"
""",
        )
        # Amazon Linux 1: upstart's initctl instead of systemctl.
        self.upstart_shims = self.tmp / "shims-upstart"
        self.upstart_shims.mkdir()
        for name in ("yum", "aws"):
            (self.upstart_shims / name).symlink_to(self.shims / name)
        self._shim("initctl", rec, self.upstart_shims)

    def _install_krb5(self):
        # `yum install krb5-workstation` on a machine whose PATH lacks the MIT tools:
        # puts the real ones into the PATH directory that lacks them.
        return """if [ "$1" = install ] && [ -n "${KRB5_FARM:-}" ]; then
  sleep 1
  for t in kinit klist kdestroy kvno kpasswd; do ln -sf /usr/bin/$t "$KRB5_FARM/$t"; done
fi
"""

    def _shim(self, name, body, where=None):
        path = (where or self.shims) / name
        path.write_text("#!/bin/bash\n" + body)
        path.chmod(0o755)

    def farm(self, name, hidden):
        """A PATH directory with everything in /usr/bin and /usr/sbin except `hidden`."""
        d = self.tmp / f"farm-{name}"
        if not d.exists():
            d.mkdir()
            for src in (Path("/usr/sbin"), Path("/usr/bin")):
                for f in src.iterdir():
                    if f.name not in hidden and not (d / f.name).exists():
                        (d / f.name).symlink_to(f)
        return d

    def calls_made(self):
        return self.calls.read_text().splitlines() if self.calls.exists() else []

    # --- JupyterLab environments --------------------------------------------
    def use_lab(self, major):
        """Puts a virtualenv with JupyterLab `major` at the JupyterSystemEnv path."""
        if self.lab == major:
            return
        parked = {m: ENV.parent / f".parked-jupyterlab{m}" for m in (3, 4)}
        if self.lab is not None:
            ENV.rename(parked[self.lab])
        if parked[major].exists():
            parked[major].rename(ENV)
        else:
            ENV.parent.mkdir(parents=True, exist_ok=True)
            spec = LAB4 if major == 4 else LAB3
            sh(["/usr/bin/python3", "-m", "venv", str(ENV)])
            sh([str(ENV / "bin/pip"), "install", "-q", "--disable-pip-version-check", f"jupyterlab=={spec}"])
            chown_tree(HOME / "anaconda3")
        self.lab = major

    # --- a boot --------------------------------------------------------------
    def boot(self, krb5="al2", fresh=False):
        """The instance as it comes up: the image's /etc and home, the persistent volume kept."""
        self.system.restore()
        if krb5 in ("al2", "al2023"):
            Path("/etc/krb5.conf").write_text(AL2_KRB5)
            remove(Path("/etc/krb5.conf.d"))
            Path("/etc/krb5.conf.d").mkdir()
            if krb5 == "al2023":
                Path("/etc/krb5.conf.d/kcm_default_ccache").write_text(KCM_DROPIN)
        for name in os.listdir(HOME):
            if name not in ("SageMaker", "anaconda3", MARKER.name):
                remove(HOME / name)
        if fresh:
            remove(STATE)
        sparkmagic = HOME / ".sparkmagic"
        sparkmagic.mkdir()
        (sparkmagic / "config.json").write_text(json.dumps(STOCK_SPARKMAGIC, indent=2) + "\n")
        chown_tree(sparkmagic)
        if ENV.exists():
            as_user([str(ENV / "bin/pip"), "uninstall", "-q", "-y", "jupyterlab_sparkmagic_kerberos"], check=False)
            remove(ENV / "share/jupyter/lab/settings/overrides.d")
        remove(Path(f"/tmp/krb5cc_{uid()}"))
        remove(self.calls)

    def generate(self, profile, *args):
        path = self.tmp / "profile.json"
        path.write_text(json.dumps(profile))
        # A wheel location comes with the digest of the wheel built here, unless a test gives its own.
        if {"--wheel-path", "--wheel-s3-uri"} & set(args) and not {"--wheel-file", "--wheel-sha256"} & set(args):
            args = (*args, "--wheel-file", str(self.wheel))
        p = sh(["node", str(self.cli), "lifecycle", "--profile", str(path), *args], check=False)
        if p.returncode != 0:
            raise AssertionError(f"lifecycle failed: {p.stderr}")
        return p.stdout

    def cli_run(self, *args, check=True):
        return sh(["node", str(self.cli), *args], check=check)

    def run(self, script, label, path=None, env=None):
        """Runs the script exactly as generated, as root, from /, with SageMaker's PATH."""
        f = self.tmp / "on-start.sh"
        f.write_text(script)
        f.chmod(0o755)
        full = {"PATH": path or f"{self.shims}:{SAGEMAKER_PATH}", "HOME": "/root", "LANG": "C.UTF-8"}
        full.update(env or {})
        start = time.monotonic()
        p = subprocess.run([str(f)], cwd="/", env=full, capture_output=True, text=True, timeout=300)
        TIMINGS.append((label, time.monotonic() - start, p.returncode))
        return p


class NotReady(Exception):
    """A prerequisite is missing; the message says which and how to get it."""


def require_tools():
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        raise NotReady(f"lifecycle tests need {', '.join(missing)} (scripts/setup.sh installs them)")
    if os.geteuid() != 0:
        raise NotReady("lifecycle tests run the script as root, as SageMaker does: run them as root")
    if not CLI.is_file():
        raise NotReady(f"no built CLI at {CLI}: run `npm run build` (or set SMK_CLI)")


def make_user():
    try:
        pwd.getpwnam(USER)
    except KeyError:
        pass
    else:
        if not MARKER.exists():
            raise NotReady(f"{USER} exists and was not made by these tests; refusing to touch it")
        drop_user()
    if HOME.exists():
        raise NotReady(f"{HOME} exists without the {USER} account; refusing to touch it")
    sh(["useradd", "-m", "-U", "-s", "/bin/bash", USER])
    MARKER.touch()
    VOLUME.mkdir()
    chown_tree(VOLUME)


def drop_user():
    try:
        remove(Path(f"/tmp/krb5cc_{uid()}"))
    except KeyError:
        pass
    sh(["userdel", "-r", USER], check=False)
    if HOME.exists():
        shutil.rmtree(HOME)



@contextmanager
def standin():
    """Yields a ready Box; removes the account, the KDC and everything added to /etc after."""
    require_tools()
    tmp = Path(tempfile.mkdtemp(prefix="smk-lifecycle-"))
    b = Box(tmp)
    store = tmp / "etc-backup"
    store.mkdir()
    b.system = Snapshot(SYSTEM_PATHS, store)
    realm = tmp / "realm"
    made_user = False
    try:
        make_user()
        made_user = True
        b.make_shims()
        b.wheel = build_wheel(tmp)
        env = dict(os.environ, SERVICE_HOSTS=NLB)
        env.pop("KRB5_CONFIG", None)
        sh(["bash", str(ROOT / "test/kdc/realm.sh"), "start", str(realm), REALM, str(KDC_PORT)], env=env)
        b.realm = realm
        yield b
    finally:
        sh(["bash", str(ROOT / "test/kdc/realm.sh"), "stop", str(realm)], check=False)
        b.system.restore()
        if made_user:
            drop_user()
        shutil.rmtree(tmp, ignore_errors=True)


def build_wheel(tmp):
    """The wheel of this checkout, built once per run (both stand-ins install it)."""
    given = os.environ.get("SMK_WHEEL")
    if given:
        return Path(given)
    if BUILT and BUILT[0].is_file():
        return BUILT[0]
    out = tmp / "dist"
    env = dict(os.environ, PATH=f"{ROOT / '.venv/bin'}:{os.environ['PATH']}")
    sh([str(ROOT / ".venv/bin/python"), "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)], env=env)
    wheels = list(out.glob("*.whl"))
    assert len(wheels) == 1, wheels
    BUILT[:] = [wheels[0]]
    return wheels[0]
