"""The on-start scenarios' parts: profiles, wheels and keytabs put where the
script finds them, and what a correct run leaves behind."""

import json
import os
import stat
import subprocess
from pathlib import Path

from machine import (
    ENV,
    HOME,
    KDC_PORT,
    LAB_PORT,
    NLB,
    PLUGIN,
    REALM,
    STATE,
    USER,
    VOLUME,
    as_user,
    chown_tree,
    lines_with_prefix,
    sh,
    uid,
    wait_for,
)

LIMIT = 16384
KEYTAB = "~/.keytabs/user1.keytab"
S3_URI = "s3://my-company-sagemaker-artifacts-us-east-1/jupyterlab-extensions/"
SETTINGS = HOME / ".jupyter/lab/user-settings/jupyterlab-sparkmagic-kerberos"
STEPS = ["krb5-client", "jupyterlab", "wheel", "install", "preset", "krb5", "state", "sparkmagic", "restart", "finish"]


def profile(**over):
    p = {
        "name": "emr-analytics-prod",
        "realm": REALM,
        "kdcs": [f"127.0.0.1:{KDC_PORT}"],
        "adminServer": f"127.0.0.1:{KDC_PORT + 2}",
        "livyUrl": f"https://{NLB}:8998",
        "clusterDomain": "ec2.internal",
        "principal": "user1",
        "signIn": "keytab",
        "keytab": KEYTAB,
    }
    p.update(over)
    return p


def long_profile():
    """A realistic production profile: one long NLB name for the KDC and Livy."""
    nlb = "internal-emr-kerberized-nlb-analytics-0a1b2c3d4e5f6789.elb.us-east-1.amazonaws.com"
    return {
        "name": "emr-analytics-production-us-east-1",
        "realm": "ANALYTICS.EC2.INTERNAL",
        "kdcs": [nlb],
        "livyUrl": f"https://{nlb}:8998",
        "clusterDomain": "us-east-1.compute.internal",
        "principal": "firstname.lastname@ANALYTICS.EC2.INTERNAL",
        "signIn": "keytab",
        "keytab": "~/SageMaker/.sparkmagic-kerberos/keytabs/firstname.lastname.keytab",
        "tls": {"caBundle": "/home/ec2-user/SageMaker/certs/emr-livy-ca-bundle.pem", "ignoreSslErrors": False},
    }


def wheel_on_volume(box):
    d = VOLUME / "wheels"
    d.mkdir(exist_ok=True)
    target = d / box.wheel.name
    target.write_bytes(box.wheel.read_bytes())
    chown_tree(d)
    return target


def wheel_in_s3(box):
    key = S3_URI[len("s3://") :] + box.wheel.name
    target = box.s3 / key
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(box.wheel.read_bytes())
    return S3_URI + box.wheel.name


def user1_keytab_on_volume(box):
    """The user uploaded their keytab to the persistent volume (mode as uploaded)."""
    d = STATE / "keytabs"
    d.mkdir(parents=True, exist_ok=True)
    (d / "user1.keytab").write_bytes((box.realm / "user1.keytab").read_bytes())
    (d / "user1.keytab").chmod(0o644)
    chown_tree(STATE)


def check_ok(p, steps=STEPS):
    assert p.returncode == 0, f"exit {p.returncode}\n{p.stdout}\n{p.stderr}"
    logged = lines_with_prefix(p.stdout)
    assert logged == p.stdout.splitlines() and p.stderr == "", (p.stdout, p.stderr)
    for name in steps:
        assert any(line.startswith(f"[sparkmagic-kerberos] {name}: ") for line in logged), (name, p.stdout)
    return logged


def kinit_as_user():
    """Service-mode sign-in with the keytab as ec2-user, through the system krb5 configuration only."""
    # The user cannot reopen root's stderr pipe, so the trace goes to a file of theirs.
    trace_file = Path(f"/tmp/smk-lifecycle-trace-{os.getpid()}")
    trace_file.write_text("")
    os.chown(trace_file, uid(), -1)
    try:
        p = as_user(
            ["kinit", "-kt", str(HOME / ".keytabs/user1.keytab"), "-S", f"HTTP/{NLB}@{REALM}", "user1"],
            env={"KRB5_TRACE": str(trace_file)},
            check=False,
        )
        trace = trace_file.read_text()
    finally:
        trace_file.unlink()
    assert p.returncode == 0, p.stderr + trace
    assert f"Sending TCP request to stream 127.0.0.1:{KDC_PORT}" in trace, trace
    assert "Sending UDP request" not in trace, trace
    assert f"FILE:/tmp/krb5cc_{uid()}" in trace, trace
    klist = as_user(["klist"], check=True).stdout
    assert f"Ticket cache: FILE:/tmp/krb5cc_{uid()}" in klist
    assert f"Default principal: user1@{REALM}" in klist
    assert f"HTTP/{NLB}@{REALM}" in klist
    as_user(["kdestroy"], check=False)


def expected_sparkmagic(box, prof, existing_text):
    pf = box.tmp / "expect-profile.json"
    pf.write_text(json.dumps(prof))
    ex = box.tmp / "expect-existing.json"
    ex.write_text(existing_text)
    return box.cli_run("render-sparkmagic", "--profile", str(pf), "--existing", str(ex)).stdout


def expected_core(box, function, prof):
    """What src/core renders (the built CommonJS modules next to the CLI)."""
    core = box.cli.parent.parent / "core"
    code = (
        f"const k = require({json.dumps(str(core / 'krb5'))});"
        f"const p = require({json.dumps(str(core / 'profile'))}).withDefaults(JSON.parse(process.argv[1]));"
        f"process.stdout.write(k.{function}(p, null));"
    )
    return sh(["node", "-e", code, json.dumps(prof)]).stdout


def mode(path):
    return stat.S_IMODE(os.lstat(path).st_mode)


def owner(path):
    return Path(path).owner()


def lab_settings_defaults():
    """The settings JupyterLab serves for the plugin: its defaults carry the preset."""
    token = "lifecycle-test"
    server = subprocess.Popen(
        [str(ENV / "bin/jupyter"), "lab", "--no-browser", f"--port={LAB_PORT}", "--port-retries=0",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={HOME}"],
        user=USER, group=USER, extra_groups=[], cwd=str(HOME),
        env={"HOME": str(HOME), "PATH": f"{ENV}/bin:/usr/bin:/bin", "LC_ALL": "C.UTF-8"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        url = f"http://127.0.0.1:{LAB_PORT}/lab/api/settings/{PLUGIN}?token={token}"
        body = {}

        def ready():
            p = sh(["curl", "-sf", url], check=False)
            if p.returncode == 0:
                body.update(json.loads(p.stdout))
                return True
            return server.poll() is not None

        wait_for(ready, 60, "JupyterLab to serve its settings")
        assert body, server.stderr.read() if server.poll() is not None else "no answer"
        return body
    finally:
        server.terminate()
        server.wait(timeout=30)


# --------------------------------------------------------------------------------------


def box_render_krb5(box, prof):
    pf = box.tmp / "expect-profile.json"
    pf.write_text(json.dumps(prof))
    return box.cli_run("render-krb5", "--profile", str(pf)).stdout
