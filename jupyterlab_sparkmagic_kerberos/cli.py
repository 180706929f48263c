"""The ``sparkmagic-kerberos`` console script.

Runs the command line shipped in this package with the Node.js it finds, so
that ``pip install`` alone gives an operator the command.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

PROGRAM = "sparkmagic-kerberos"
# As a shell's "command not found": the command cannot run here at all.
NO_NODE = 127


def _bundle() -> Path:
    """The directory of package.json and lib-cli/: in the wheel, or the
    source checkout of an editable install."""
    here = Path(__file__).resolve().parent
    shipped = here / "node_cli"
    return shipped if shipped.is_dir() else here.parent


def _minimum_major(bundle: Path) -> int:
    package = json.loads((bundle / "package.json").read_text(encoding="utf-8"))
    found = re.search(r"\d+", package["engines"]["node"])
    if found is None:
        raise RuntimeError(f"{bundle / 'package.json'}: engines.node names no version")
    return int(found.group())


def _version(node: str) -> tuple[int, str] | None:
    """Node's major version and its `--version` text; None if it does not run."""
    try:
        text = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.match(r"v(\d+)\.", text)
    return (int(found.group(1)), text) if found else None


def _fail(message: str) -> NoReturn:
    print(f"{PROGRAM}: {message}", file=sys.stderr)
    sys.exit(NO_NODE)


def main() -> None:
    bundle = _bundle()
    minimum = _minimum_major(bundle)
    wanted = f"Node.js {minimum} or newer"
    override = os.environ.get("NODE")
    node = shutil.which(override or "node")
    if node is None:
        _fail(
            f"needs {wanted}: NODE={override} is not an executable"
            if override
            else f"needs {wanted}, and there is no `node` on PATH "
            "(install it, or set NODE to its path)"
        )
    version = _version(node)
    if version is None:
        _fail(f"needs {wanted}: {node} --version does not answer")
    if version[0] < minimum:
        _fail(f"needs {wanted}; {node} is {version[1]}")
    args = [node, str(bundle / "lib-cli" / "cli" / "main.js"), *sys.argv[1:]]
    if os.name == "nt":
        sys.exit(subprocess.call(args))
    # Replaced by Node: signals, stdin and the exit status are the command's own.
    os.execv(node, args)
