"""What every browser test shares: Debian's Chromium (never a downloaded browser) and its flags.

`require_chromium()` at the top of a test module skips the module, with a message, where
/usr/bin/chromium or Playwright is missing, and fails it instead where REQUIRE_BROWSER is set (CI),
so a CI run can never pass without its browser tests.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

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


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves a built site; Pagefind's .wasm with its MIME type; no request log."""

    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm"}

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve folder on 127.0.0.1 (a port the system picks) for the duration; yield its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, name="site-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def horizontal_overflow(page) -> dict | None:
    """None when the page does not scroll sideways, else the widths and the widest elements."""
    return page.evaluate(
        """() => {
          const doc = document.documentElement, vw = window.innerWidth;
          if (doc.scrollWidth <= vw) return null;
          const wide = [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > vw + 0.5)
            .slice(0, 5)
            .map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).trim().replace(/\\s+/g, '.') : '')
                       + ' right=' + Math.round(el.getBoundingClientRect().right));
          return {scrollWidth: doc.scrollWidth, innerWidth: vw, widest: wide};
        }"""
    )


@contextlib.contextmanager
def launched_chromium(playwright_sync) -> Iterator:
    """Chromium launched through Playwright (the module `require_chromium` returned), closed after."""
    with playwright_sync.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
