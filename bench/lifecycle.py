"""SageMaker lifecycle script: size and run time.

Sizes: the on-start script for three profiles (the test profile, a realistic
production one with long host names, an extreme one with two long KDCs, an
admin server, a host name override and a CA bundle), as text and as the base64
`Content` SageMaker limits to 16 384 characters.

Run time, on the stand-in notebook instance of test/lifecycle (root, ec2-user,
JupyterLab 4.6 virtualenv at the JupyterSystemEnv path, loopback KDC on 64088,
so not while test/lifecycle/run.sh runs): a first start, a second run in the
same boot and a start after a simulated restart, each against the baseline
measured in the same run: the one step no script can skip, `pip install
--no-deps --no-index <wheel>` as ec2-user into a clean environment.

    .venv/bin/python bench/lifecycle.py [--rounds N]
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "test/lifecycle"))

from machine import ENV, as_user, base64_len  # noqa: E402
from standin import TIMINGS, standin  # noqa: E402

LIMIT = 16384
NLB = "internal-emr-kerberized-nlb-analytics-0a1b2c3d4e5f6789.elb.us-east-1.amazonaws.com"
S3 = "s3://my-company-sagemaker-artifacts-us-east-1/jupyterlab-extensions/"


def profiles():
    test = {
        "name": "emr-analytics-prod", "realm": "EC2.INTERNAL", "kdcs": ["127.0.0.1:64088"],
        "adminServer": "127.0.0.1:64090", "livyUrl": "https://internal-emr-kerberized-nlb-0a1b2c3d4e5f6789.elb.us-east-1.amazonaws.com:8998",
        "clusterDomain": "ec2.internal", "principal": "user1", "signIn": "keytab", "keytab": "~/.keytabs/user1.keytab",
    }
    realistic = {
        "name": "emr-analytics-production-us-east-1", "realm": "ANALYTICS.EC2.INTERNAL", "kdcs": [NLB],
        "livyUrl": f"https://{NLB}:8998", "clusterDomain": "us-east-1.compute.internal",
        "principal": "firstname.lastname@ANALYTICS.EC2.INTERNAL", "signIn": "keytab",
        "keytab": "~/SageMaker/.sparkmagic-kerberos/keytabs/firstname.lastname.keytab",
        "tls": {"caBundle": "/home/ec2-user/SageMaker/certs/emr-livy-ca-bundle.pem", "ignoreSslErrors": False},
    }
    kdc = "internal-emr-kdc-nlb-analytics-prod-0123456789abcdef.elb.us-east-1.amazonaws.com"
    extreme = dict(
        realistic,
        kdcs=[f"{kdc}:88", "ip-10-120-34-217.us-east-1.compute.internal:88"],
        adminServer=f"{kdc}:749",
        kerberosAuth={"mutual_authentication": "OPTIONAL", "hostname_override": NLB, "delegate": True},
    )
    return {"test": test, "realistic, long names": realistic, "extreme": extreme}


def sizes(box):
    print("script size (on-start with --wheel-s3-uri; SageMaker limit 16384 on the base64 Content)")
    for name, prof in profiles().items():
        path = box.tmp / "bench-profile.json"
        path.write_text(json.dumps(prof))
        p = box.cli_run("lifecycle", "--profile", str(path), "--wheel-s3-uri", S3 + box.wheel.name, check=False)
        if p.returncode != 0:
            print(f"  {name:24} refused: {p.stderr.strip().splitlines()[-1]}")
            continue
        text = p.stdout
        b64 = base64_len(text)
        print(f"  {name:24} {len(text):6} chars  {b64:6} base64  = {b64 / LIMIT:.2f} of the limit")


def pip_baseline(box, wheel):
    box.boot(krb5="al2", fresh=True)
    start = time.monotonic()
    as_user([str(ENV / "bin/python"), "-m", "pip", "install", "--no-deps", "--no-index", "--disable-pip-version-check", "-q", str(wheel)])
    return time.monotonic() - start


def run_times(box, rounds):
    from test_lifecycle import profile, user1_keytab_on_volume, wheel_on_volume  # noqa: E402

    box.use_lab(4)
    wheel = wheel_on_volume(box)
    script = box.generate(profile(), "--wheel-path", str(wheel))
    runs = {"first start": [], "second run, same boot": [], "start after restart": [], "baseline: pip install alone": []}
    for _ in range(rounds):
        runs["baseline: pip install alone"].append(pip_baseline(box, wheel))
        box.boot(krb5="al2", fresh=True)
        user1_keytab_on_volume(box)
        for label, restart in (("first start", False), ("second run, same boot", False), ("start after restart", True)):
            if restart:
                box.boot(krb5="al2")
            p = box.run(script, label)
            assert p.returncode == 0, p.stderr
            runs[label].append(TIMINGS[-1][1])
    base = statistics.median(runs["baseline: pip install alone"])
    print(f"\nrun time, median of {rounds} rounds (JupyterLab 4.6, wheel on the volume)")
    for label, values in runs.items():
        med = statistics.median(values)
        print(f"  {label:30} {med:6.2f} s  (min {min(values):.2f}, max {max(values):.2f})  = {med / base:.2f}x baseline")
    print("  SageMaker allows 300 s per script.")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with standin() as box:
        sizes(box)
        run_times(box, args.rounds)


if __name__ == "__main__":
    main()
