"""What every browser test shares: Debian's Chromium (never a downloaded browser) and its flags.

`require_chromium()` at the top of a test module skips the module, with a message, where
/usr/bin/chromium or Playwright is missing, and fails it instead where REQUIRE_BROWSER is set (CI),
so a CI run can never pass without its browser tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium():
    """Return playwright.sync_api, or skip the calling module (fail it under REQUIRE_BROWSER)."""
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            raise RuntimeError(f"{CHROMIUM} not found and REQUIRE_BROWSER is set (CI): the browser tests must run")
        pytest.skip(
            f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium, as .ci/run does)",
            allow_module_level=True,
        )
    return pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (pip install -e '.[test]')")
