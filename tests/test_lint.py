"""Lint, format, types and the CI workflow are part of the test run (as in the pre-commit hook)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


@pytest.mark.parametrize(
    "cmd",
    [
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
        ["actionlint", ".github/workflows/site.yml"],
        ["actionlint", "generator/skeleton/site.yml"],
    ],
    ids=lambda c: " ".join(c),
)
def test_clean(cmd):
    proc = subprocess.run([_tool(cmd[0]), *cmd[1:]], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-3000:]
