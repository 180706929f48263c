"""Reads a Sparkmagic configuration the way a Sparkmagic kernel does.

Run with SPARKMAGIC_CONF_DIR (and optionally SPARKMAGIC_CONF_FILE) set.
Prints one JSON object: what sparkmagic's configuration functions return,
and the outcome of creating each kernel's authenticator as
KernelMagics.refresh_configuration does at kernel start.
"""

import json
import sys

import requests
import sparkmagic.utils.configuration as conf
from sparkmagic.livyclientlib.endpoint import Endpoint
from sparkmagic.utils.utils import Namespace, initialize_auth

KERBEROS_ATTRIBUTES = (
    "mutual_authentication",
    "service",
    "delegate",
    "force_preemptive",
    "principal",
    "hostname_override",
    "sanitize_mutual_error_response",
    "send_cbt",
)


def authenticator(language):
    """The kernel's own steps: credentials, then the auth class instance."""
    credentials = getattr(conf, "base64_kernel_" + language + "_credentials")()
    try:
        args = Namespace(
            auth=credentials["auth"],
            user=credentials["username"],
            password=credentials["password"],
            url=credentials["url"],
        )
        auth = initialize_auth(args)
        endpoint = Endpoint(credentials["url"], auth)
    except Exception as e:  # the kernel would fail to start with this
        return {"credentials": credentials, "error": type(e).__name__ + ": " + str(e)}
    result = {
        "credentials": credentials,
        "class": type(auth).__module__ + "." + type(auth).__name__,
        "endpoint": endpoint.url,
    }
    if auth is not None:
        result["options"] = {a: getattr(auth, a, None) for a in KERBEROS_ATTRIBUTES}
    return result


def main():
    url = conf.base64_kernel_python_credentials()["url"]
    verify = requests.Session().merge_environment_settings(url, {}, None, True, None)[
        "verify"
    ]
    report = {
        "kerberos_auth_configuration": conf.kerberos_auth_configuration(),
        "ignore_ssl_errors": conf.ignore_ssl_errors(),
        "requests_verify": verify,
        "session_configs": conf.session_configs(),
        "kernels": {lang: authenticator(lang) for lang in ("python", "scala", "r")},
    }
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
