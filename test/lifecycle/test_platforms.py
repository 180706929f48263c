"""The on-start script on other platforms and machines: krb5.conf without
includedir, SSSD's KCM drop-in, upstart, no Kerberos client, JupyterLab 3,
and the failures that must change nothing."""

import json
import re
from pathlib import Path

from machine import (
    BG_LOG,
    DROPIN,
    ENV,
    HOME,
    INCLUDED,
    STATE,
    STOCK_SPARKMAGIC,
    VOLUME,
    chown_tree,
    labextension_listing,
    sh,
    sha,
    wait_for,
)

from onstart import (
    S3_URI,
    STEPS,
    profile,
    wheel_on_volume,
    wheel_in_s3,
    user1_keytab_on_volume,
    check_ok,
    kinit_as_user,
    expected_sparkmagic,
    box_render_krb5,
)


def test_relations_first_when_krb5_conf_has_no_includedir(box):
    """Debian's own krb5.conf (other realms, default_realm ATHENA.MIT.EDU): ours is included first.
    A private CA for Livy reaches the kernels through /etc/profile.d/jupyter-env.sh."""
    box.use_lab(4)
    box.boot(krb5="debian", fresh=True)
    user1_keytab_on_volume(box)
    original = Path("/etc/krb5.conf").read_text()
    jupyter_env = Path("/etc/profile.d/jupyter-env.sh")
    jupyter_env.write_text("export OTHER_SETTING=1\nexport REQUESTS_CA_BUNDLE=/old/ca.pem\n")
    prof = profile(tls={"caBundle": "/home/ec2-user/SageMaker/certs/livy ca.pem", "ignoreSslErrors": False})
    script = box.generate(prof, "--wheel-s3-uri", wheel_in_s3(box))
    p = box.run(script, "first start (Debian krb5.conf, wheel from S3)")
    check_ok(p, STEPS + ["kernel-env"])
    assert INCLUDED.read_text() == box_render_krb5(box, prof)
    comment, include, rest = Path("/etc/krb5.conf").read_text().split("\n", 2)
    assert comment.startswith("# ") and include == f"include {INCLUDED}"
    assert rest == original
    kinit_as_user()
    assert any(c.startswith(f"aws s3 cp --only-show-errors {S3_URI}") for c in box.calls_made())
    assert jupyter_env.read_text() == "export OTHER_SETTING=1\nexport REQUESTS_CA_BUNDLE='/home/ec2-user/SageMaker/certs/livy ca.pem'\n"
    assert sh(["bash", "-c", f". {jupyter_env}; printf %s \"$REQUESTS_CA_BUNDLE\""]).stdout == prof["tls"]["caBundle"]
    assert box.calls_made()[-1] == "systemctl --no-block restart jupyter-server.service"
    p = box.run(script, "second run (Debian krb5.conf)")
    check_ok(p, STEPS + ["kernel-env"])
    assert Path("/etc/krb5.conf").read_text().count(f"include {INCLUDED}") == 1
    assert jupyter_env.read_text().count("REQUESTS_CA_BUNDLE") == 1


def test_sssd_kcm_dropin_makes_ours_included_first(box):
    """Amazon Linux 2023 style: a KCM default in /etc/krb5.conf.d would be read before a drop-in."""
    box.use_lab(4)
    box.boot(krb5="al2023", fresh=True)
    user1_keytab_on_volume(box)
    script = box.generate(profile(), "--wheel-path", str(wheel_on_volume(box)))
    p = box.run(script, "first start (KCM drop-in present)")
    check_ok(p)
    assert not DROPIN.exists() and INCLUDED.exists()
    kinit_as_user()


def test_upstart_platform_restarts_with_initctl(box):
    box.use_lab(4)
    box.boot(krb5="al2", fresh=True)
    farm = box.farm("no-systemctl", {"systemctl"})
    prof = profile(files={"krb5Target": "system"})
    script = box.generate(prof, "--wheel-path", str(wheel_on_volume(box)))
    p = box.run(script, "first start (initctl, no systemctl; krb5Target system)", path=f"{box.upstart_shims}:{farm}")
    check_ok(p)
    assert box.calls_made() == ["initctl restart jupyter-server --no-wait"]
    # krb5Target "system": /etc/krb5.conf itself reads ours first, even where a drop-in would do.
    assert not DROPIN.exists() and INCLUDED.read_text() == box_render_krb5(box, prof)


def test_missing_kerberos_client_is_installed_in_the_background(box):
    box.use_lab(4)
    box.boot(krb5="al2", fresh=True)
    hidden = {"kinit", "klist", "kdestroy", "kvno", "kpasswd"}
    farm = box.farm("no-krb5", hidden)
    for t in hidden:
        (farm / t).unlink(missing_ok=True)
    script = box.generate(profile(), "--wheel-path", str(wheel_on_volume(box)))
    p = box.run(script, "first start (no kinit: yum in the background)", path=f"{box.shims}:{farm}", env={"KRB5_FARM": str(farm)})
    logged = check_ok(p)
    assert any("krb5-client: kinit missing" in line and "background" in line for line in logged), logged
    wait_for(lambda: BG_LOG.exists() and "krb5-client: installed" in BG_LOG.read_text(), 30, "the background install")
    assert "yum install -y krb5-workstation" in box.calls_made()
    assert (farm / "kinit").exists()


def test_jupyterlab3_gets_the_files_and_a_clear_line_not_the_panel(box):
    box.use_lab(3)
    try:
        box.boot(krb5="al2", fresh=True)
        prof = profile()
        script = box.generate(prof, "--wheel-s3-uri", wheel_in_s3(box))
        p = box.run(script, "first start (JupyterLab 3)")
        logged = check_ok(p, [s for s in STEPS if s not in ("wheel", "install")])
        assert any(re.search(r"jupyterlab: JupyterLab 3\.\S+ found; the Spark Kerberos panel needs JupyterLab 4", line) for line in logged), logged
        rc, listing = labextension_listing()
        assert rc == 0 and "sparkmagic-kerberos" not in listing, listing
        assert not any(c.startswith("aws ") for c in box.calls_made())
        assert (ENV / "share/jupyter/lab/settings/overrides.d/jupyterlab-sparkmagic-kerberos.json").exists()
        assert DROPIN.exists()
        assert (STATE / "sparkmagic/config.json").read_text() == expected_sparkmagic(box, prof, json.dumps(STOCK_SPARKMAGIC, indent=2) + "\n")
    finally:
        box.use_lab(4)


def test_missing_wheel_fails_naming_the_step_and_changes_nothing(box):
    box.use_lab(4)
    box.boot(krb5="al2", fresh=True)
    before = {f: sha(f) for f in ["/etc/krb5.conf", HOME / ".sparkmagic/config.json"]}
    cases = {
        "wheel path missing": box.generate(profile(), "--wheel-path", f"{VOLUME}/missing/{box.wheel.name}"),
        "S3 key missing": box.generate(profile(), "--wheel-s3-uri", S3_URI + "missing/" + box.wheel.name),
    }
    for label, script in cases.items():
        p = box.run(script, f"missing wheel ({label})")
        assert p.returncode != 0, p.stdout
        assert "FAILED in step wheel" in p.stderr, p.stderr
        assert "wheel" in p.stderr and ("not found" in p.stderr or "cannot copy" in p.stderr), p.stderr
        assert {f: sha(f) for f in before} == before
        assert not DROPIN.exists() and not STATE.exists()


def test_unreadable_sparkmagic_config_fails_naming_the_step_and_is_kept(box):
    box.use_lab(4)
    box.boot(krb5="al2", fresh=True)
    (STATE / "sparkmagic").mkdir(parents=True)
    broken = STATE / "sparkmagic/config.json"
    broken.write_text('{"kernel_python_credentials": {"url": "http://x:8998",}}\n')
    chown_tree(STATE)
    digest = sha(broken)
    script = box.generate(profile(), "--wheel-path", str(wheel_on_volume(box)))
    p = box.run(script, "invalid Sparkmagic config")
    assert p.returncode != 0
    assert "cannot merge" in p.stderr and "FAILED in step sparkmagic" in p.stderr, p.stderr
    assert sha(broken) == digest
    assert not list((STATE / "sparkmagic").glob("config.json.*"))
