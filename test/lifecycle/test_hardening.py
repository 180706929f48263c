"""What the on-start script trusts, as root: the environment's Python never runs
as root, only the wheel the script was made for is installed, and system files
are written through their links and flushed to disk."""

import hashlib
import shutil
import zipfile
from pathlib import Path

from machine import DROPIN, ENV, INCLUDED, MANAGED_KRB5, SAGEMAKER_PATH, STATE, as_user, uid
from onstart import STEPS, box_render_krb5, check_ok, kinit_as_user, profile, user1_keytab_on_volume, wheel_in_s3, wheel_on_volume

NO_INSTALL = [s for s in STEPS if s != "install"]
PANEL = ENV / "share/jupyter/labextensions/jupyterlab-sparkmagic-kerberos"


def pip_list():
    return as_user([str(ENV / "bin/python"), "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"]).stdout


def refused(p, label):
    assert p.returncode != 0, (label, p.stdout)
    assert "FAILED in step wheel" in p.stderr and "SHA-256 mismatch" in p.stderr, (label, p.stderr)
    assert not PANEL.exists() and not DROPIN.exists() and not STATE.exists(), label


def test_the_environments_python_never_runs_as_root(box):
    """A .pth file in the environment (Debian's own sitecustomize would shadow one) records
    the uid of every Python start: each is the environment's owner, never root."""
    box.use_lab(4)
    box.boot(krb5="al2", fresh=True)
    site = next(ENV.glob("lib/python3*/site-packages"))
    record = ENV / "uids.log"
    planted = site / "00-record-uid.pth"
    planted.write_text("import os; open(%r, 'a').write('%%d\\n' %% os.getuid())\n" % str(record))
    shutil.chown(planted, uid(), uid())
    try:
        runs = {
            "no wheel": ((), NO_INSTALL),
            "wheel on the volume": (("--wheel-path", str(wheel_on_volume(box))), STEPS),
        }
        for label, (args, steps) in runs.items():
            record.write_text("")
            shutil.chown(record, uid(), uid())
            check_ok(box.run(box.generate(profile(), *args), f"planted .pth ({label})"), steps)
            uids = record.read_text().split()
            assert uids and set(uids) == {str(uid())}, (label, uids)
    finally:
        planted.unlink(missing_ok=True)
        record.unlink(missing_ok=True)


def test_wrong_wheel_sha256_fails_the_wheel_step_and_installs_nothing(box):
    box.use_lab(4)
    box.boot(krb5="al2", fresh=True)
    wrong = hashlib.sha256(b"another wheel").hexdigest()
    before = pip_list()
    for label, where in {"volume": ("--wheel-path", str(wheel_on_volume(box))), "S3": ("--wheel-s3-uri", wheel_in_s3(box))}.items():
        p = box.run(box.generate(profile(), *where, "--wheel-sha256", wrong), f"wrong SHA-256 ({label})")
        refused(p, label)
        assert wrong in p.stderr
        assert pip_list() == before, label


def test_wheel_swapped_after_generation_is_refused(box):
    """The user (or anyone with their rights) replaces the wheel with another valid one."""
    box.use_lab(4)
    box.boot(krb5="al2", fresh=True)
    swapped = box.tmp / "swapped.whl"
    with zipfile.ZipFile(box.wheel) as src, zipfile.ZipFile(swapped, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        dst.writestr("jupyterlab_sparkmagic_kerberos/swapped.py", "SWAPPED = True\n")
    on_volume = wheel_on_volume(box)
    uri = wheel_in_s3(box)
    scripts = {
        "volume": (box.generate(profile(), "--wheel-path", str(on_volume)), on_volume),
        "S3": (box.generate(profile(), "--wheel-s3-uri", uri), box.s3 / uri[len("s3://"):]),
    }
    before = pip_list()
    for label, (script, path) in scripts.items():
        path.write_bytes(swapped.read_bytes())
        shutil.chown(path, uid(), uid())
        refused(box.run(script, f"swapped wheel ({label})"), label)
        assert pip_list() == before, label
        assert not list(ENV.glob("lib/python3*/site-packages/jupyterlab_sparkmagic_kerberos/swapped.py")), label


def test_symlinked_krb5_conf_stays_a_link_and_writes_are_flushed(box):
    box.use_lab(4)
    box.boot(krb5="al2", fresh=True)
    user1_keytab_on_volume(box)
    link = Path("/etc/krb5.conf")
    link.rename(MANAGED_KRB5)
    link.symlink_to(MANAGED_KRB5)
    original = MANAGED_KRB5.read_text()
    # A sync that records what it is asked to flush.
    bin_dir = box.tmp / "shims-sync"
    bin_dir.mkdir(exist_ok=True)
    synced = box.tmp / "sync.log"
    (bin_dir / "sync").write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >>{synced}\nexec {shutil.which("sync")} "$@"\n')
    (bin_dir / "sync").chmod(0o755)
    synced.unlink(missing_ok=True)
    prof = profile(files={"krb5Target": "system"})
    p = box.run(box.generate(prof), "symlinked /etc/krb5.conf", path=f"{bin_dir}:{box.shims}:{SAGEMAKER_PATH}")
    check_ok(p, NO_INSTALL)
    assert link.is_symlink() and str(link.readlink()) == str(MANAGED_KRB5)
    comment, include, rest = MANAGED_KRB5.read_text().split("\n", 2)
    assert comment.startswith("# ") and include == f"include {INCLUDED}" and rest == original
    assert INCLUDED.read_text() == box_render_krb5(box, prof)
    kinit_as_user()
    calls = synced.read_text().splitlines()
    for written in (MANAGED_KRB5, INCLUDED):
        temp = [i for i, c in enumerate(calls) if c.startswith(f"-- {written}.")]
        assert temp and f"-- {written.parent}" in calls[temp[0] + 1 :], (written, calls)
