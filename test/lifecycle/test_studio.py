"""The Studio JupyterLab space's script (`lifecycle --platform studio`), generated
by the CLI and run exactly as generated, as sagemaker-user, on the stand-in space
of studio_machine.py: first start, a second start, a start after /etc and
/opt/conda were reset, a wheel with the wrong digest, the lock AWS's EMR
extension takes, size and shellcheck."""

import fcntl
import json
import os
import re
import threading
import time
from pathlib import Path

import pytest

from machine import base64_len, read_json, sh, sha
from onstart import LIMIT, S3_URI, check_ok, expected_sparkmagic, long_profile, profile
from studio_machine import (
    CONDA,
    GID,
    HOME,
    KERNELSPEC,
    KDC_PORT,
    KRB5,
    LABEXT,
    LOCK,
    NLB,
    PRESET,
    REALM,
    STATE,
    UID,
    as_user,
    space,
    user_env,
)

STEPS = ["krb5-client", "jupyterlab", "wheel", "install", "preset", "state", "krb5", "sparkmagic", "restart", "finish"]
PLUGIN = "jupyterlab-sparkmagic-kerberos:plugin"
KEYTAB = "~/.sparkmagic-kerberos/keytabs/user1.keytab"
CA = "/home/sagemaker-user/certs/livy-ca.pem"


@pytest.fixture(scope="module")
def studio():
    with space() as s:
        yield s


def studio_profile(**over):
    """The notebook scenarios' profile with this KDC, the keytab in the home directory and a private CA."""
    fields = {"kdcs": [f"127.0.0.1:{KDC_PORT}"], "adminServer": f"127.0.0.1:{KDC_PORT + 2}", "keytab": KEYTAB,
              "tls": {"caBundle": CA, "ignoreSslErrors": False}}
    return profile(**(fields | over))


def wheel_in_home(s):
    d = HOME / "wheels"
    d.mkdir(exist_ok=True)
    target = d / s.wheel.name
    target.write_bytes(s.wheel.read_bytes())
    sh(["chown", "-R", f"{UID}:{GID}", str(d)])
    return target


def keytab_in_home(s):
    d = STATE / "keytabs"
    d.mkdir(parents=True, exist_ok=True)
    (d / "user1.keytab").write_bytes((s.realm / "user1.keytab").read_bytes())
    sh(["chown", "-R", f"{UID}:{GID}", str(STATE)])


def kinit_in_space(s):
    """Sign-in as a terminal in the space does it (conda's kinit first on PATH); the
    system klist reads the same cache, as a kernel's GSSAPI does."""
    # The user cannot reopen root's stderr pipe: the trace goes to a file of theirs.
    trace = s.calls.parent / "trace"
    env = user_env({"PATH": s.path, "KRB5_TRACE": str(trace)})
    p = as_user(["kinit", "-kt", str(STATE / "keytabs/user1.keytab"), "-S", f"HTTP/{NLB}@{REALM}", "user1"],
                env=env, check=False)
    assert p.returncode == 0, p.stdout + p.stderr
    assert f"Sending TCP request to stream 127.0.0.1:{KDC_PORT}" in trace.read_text()
    trace.unlink()
    env.pop("KRB5_TRACE")
    assert as_user(["which", "kinit"], env=env).stdout.strip() == str(CONDA / "bin/kinit")
    for klist in (CONDA / "bin/klist", Path("/usr/bin/klist")):
        out = as_user([str(klist)], env=user_env({"PATH": s.path})).stdout
        assert f"Ticket cache: FILE:/tmp/krb5cc_{UID}" in out and f"HTTP/{NLB}@{REALM}" in out, (klist, out)
    as_user(["kdestroy"], env=env, check=False)


def test_studio_script_is_shellcheck_clean_and_fits(studio):
    variants = {
        "wheel path": studio.generate(studio_profile(), "--wheel-path", f"/home/sagemaker-user/wheels/{studio.wheel.name}"),
        "wheel s3": studio.generate(studio_profile(), "--wheel-s3-uri", S3_URI + studio.wheel.name),
        "no wheel": studio.generate(studio_profile()),
        "long names": studio.generate(long_profile() | {"keytab": "~/keytabs/firstname.lastname.keytab",
                                                         "tls": {"caBundle": CA, "ignoreSslErrors": False}},
                                      "--wheel-s3-uri", S3_URI + studio.wheel.name),
    }
    for name, script in variants.items():
        f = studio.tmp / "check.sh"
        f.write_text(script)
        p = sh(["shellcheck", "--shell=bash", "--severity=style", str(f)], check=False)
        assert p.returncode == 0, f"{name}:\n{p.stdout}"
        assert base64_len(script) <= LIMIT, (name, base64_len(script))
        assert "sudo -u" not in script.replace('sudo -u "$u"', ""), name
    print("\nStudio script sizes (chars / base64): " + ", ".join(f"{n}: {len(s)} / {base64_len(s)}" for n, s in variants.items()))


def test_first_start_second_start_and_start_after_reset(studio):
    studio.start(fresh=True)
    keytab_in_home(studio)
    wheel = wheel_in_home(studio)
    prof = studio_profile()
    script = studio.generate(prof, "--wheel-path", str(wheel))
    stock = KRB5.read_text()
    studio.start_lab()
    try:
        p = studio.run(script, "first start")
        logged = check_ok(p, STEPS + ["kernel-env"])
        assert any(re.search(f"kinit on PATH: {CONDA}/bin/kinit /\\S+/kinit \\(the first one runs\\)", line)
                   for line in logged), logged
        # Installed into /opt/conda as the user; the running server serves it without a restart.
        assert (LABEXT / "package.json").stat().st_uid == UID
        assert read_json(PRESET)[PLUGIN]["activeProfile"] == prof["name"]
        page = studio.get("lab")
        assert page is not None and "jupyterlab-sparkmagic-kerberos" in page
        served = json.loads(studio.get(f"lab/api/settings/{PLUGIN}"))
        assert served["schema"]["properties"]["activeProfile"]["default"] == prof["name"]
        assert studio.calls_made() == []
    finally:
        studio.stop_lab()
    # krb5.conf: the user's file stays the user's, with the profile's file included first.
    head, include, rest = KRB5.read_text().split("\n", 2)
    assert include == f"include {STATE}/krb5.conf" and rest == stock
    assert (KRB5.stat().st_uid, KRB5.stat().st_gid) == (UID, GID)
    kinit_in_space(studio)
    config = HOME / ".sparkmagic/config.json"
    assert config.read_text() == expected_sparkmagic(studio, prof, "")
    assert (oct(config.stat().st_mode & 0o777), oct(STATE.stat().st_mode & 0o777)) == ("0o600", "0o700")
    assert read_json(KERNELSPEC)["env"] == {"REQUESTS_CA_BUNDLE": CA}
    assert "password" not in p.stdout.lower()

    # Second start in the same container: nothing written, nothing restarted.
    watched = [KRB5, STATE / "krb5.conf", config, PRESET, KERNELSPEC]
    before = {str(f): sha(f) for f in watched}
    p = studio.run(script, "second start, same container")
    logged = check_ok(p, STEPS + ["kernel-env"])
    assert {str(f): sha(f) for f in watched} == before
    assert sum("unchanged:" in line for line in logged) >= 4, logged
    assert studio.calls_made() == []

    # The user's own Sparkmagic edit survives; /etc and /opt/conda start fresh.
    edited = read_json(config)
    edited["session_configs"] = {"driverMemory": "4g"}
    config.write_text(json.dumps(edited, indent=1))
    edited_text = config.read_text()
    studio.start()
    assert not PRESET.exists() and "include" not in KRB5.read_text()
    p = studio.run(script, "start after /etc and /opt/conda reset")
    check_ok(p, STEPS + ["kernel-env"])
    assert (LABEXT / "package.json").is_file() and PRESET.is_file()
    assert KRB5.read_text().split("\n")[1] == f"include {STATE}/krb5.conf"
    assert config.read_text() == expected_sparkmagic(studio, prof, edited_text)
    assert read_json(config)["session_configs"] == {"driverMemory": "4g"}
    kinit_in_space(studio)
    assert studio.calls_made() == []


def test_wrong_wheel_digest_installs_nothing(studio):
    studio.start()
    wheel = wheel_in_home(studio)
    script = studio.generate(studio_profile(), "--wheel-path", str(wheel), "--wheel-sha256", "0" * 64)
    p = studio.run(script, "wheel with another SHA-256")
    assert p.returncode == 1
    assert "[sparkmagic-kerberos] wheel: ERROR: SHA-256 mismatch" in p.stderr
    assert "FAILED in step wheel" in p.stderr
    assert not LABEXT.exists() and not PRESET.exists()
    assert "include" not in KRB5.read_text()


def test_waits_for_the_lock_aws_emr_connect_holds(studio):
    """`%sm_analytics emr connect` writes /etc/krb5.conf under /etc/krb5.conf.lock: the
    script waits for it, and puts the profile's file first in what AWS wrote."""
    studio.start()
    KRB5.write_text("# Generated by SageMaker helper library\n[libdefaults]\n default_realm = EC2.INTERNAL\n"
                    "[realms]\n EC2.INTERNAL = {\n  kdc = ip-10-0-0-5.ec2.internal:88\n }\n")
    script = studio.generate(studio_profile(tls={"caBundle": "", "ignoreSslErrors": False}))
    held = threading.Event()

    def hold():
        with open(LOCK, "a") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            held.set()
            time.sleep(3)

    t = threading.Thread(target=hold)
    t.start()
    held.wait(5)
    begin = time.monotonic()
    p = studio.run(script, "krb5.conf locked by EMR connect for 3 s")
    t.join()
    assert time.monotonic() - begin >= 2.5
    logged = check_ok(p, [s for s in STEPS if s != "install"])
    assert any("written by SageMaker's EMR connect" in line for line in logged), logged
    assert KRB5.read_text().split("\n")[1] == f"include {STATE}/krb5.conf"
    assert re.search(r"^# Generated by SageMaker helper library$", KRB5.read_text(), re.M)
    assert os.stat(KRB5).st_uid == UID
