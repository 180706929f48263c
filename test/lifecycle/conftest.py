"""Session fixture: the stand-in notebook instance of standin.py, built once per
run; the summary lists the wall time of every script run."""

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from standin import TIMINGS, NotReady, standin  # noqa: E402


@pytest.fixture(scope="session")
def box():
    try:
        with standin() as b:
            yield b
    except NotReady as e:
        pytest.fail(str(e))


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.write_sep("-", "lifecycle script runs (wall time)")
        for label, seconds, rc in TIMINGS:
            terminalreporter.write_line(f"{seconds:6.2f} s  exit {rc}  {label}")
        total = sum(seconds for _, seconds, _ in TIMINGS)
        terminalreporter.write_line(f"{total:6.2f} s  all {len(TIMINGS)} runs")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under CI=true a skipped test fails: a suite that skips proves nothing."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and os.environ.get("CI") == "true":
        report.outcome = "failed"
        report.longrepr = f"skipped under CI=true: {report.longrepr}"
