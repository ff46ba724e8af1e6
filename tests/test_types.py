"""The package type-checks: mypy finds no error in src/medialit (its settings are in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.slow
def test_mypy_finds_no_errors_in_the_package(root):
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary", "--hide-error-context"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert errors == [] and done.returncode == 0, "\n".join(errors[:40]) or done.stderr[-2000:]
