"""Static search: Pagefind's extended build (it segments Chinese) over the built site."""
from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

log = logging.getLogger(__name__)

INDEXED_GLOB = "reports/**/*.html"
BUNDLE = "pagefind"  # output/pagefind/, where the search page loads it from
FULL_TEXT_SELECTOR = ".fulltext"
SEARCH_TIMEOUT_S = 1800  # a 10,000-page site indexes in minutes, not hours


def build_index(output: Path, full_text: bool = False) -> str:
    """Index output/ with Pagefind; return 'ok' or why it did not run (never raises).

    By default the cleaned report text is left out of the index: the digest (people, places,
    tasks, targets, frameworks) is what readers search, and the full text makes Pagefind's memory
    grow past a gigabyte on a 10,000-report site (594 MB -> 138 MB at 1,000 reports).
    """
    try:
        import pagefind  # noqa: F401  (the package ships the pagefind_extended binary)
    except ImportError:
        log.warning("search index skipped: the pagefind[extended] package is not installed")
        return "skipped: pagefind not installed"
    # only report pages carry data-pagefind-body; globbing them spares Pagefind reading every index page
    # a fresh bundle each time, swapped in when complete: a deleted report leaves nothing behind,
    # meta files do not pile up, and a failed run keeps the last good index
    fresh, final = output / (BUNDLE + ".new"), output / BUNDLE
    shutil.rmtree(fresh, ignore_errors=True)
    cmd = [sys.executable, "-m", "pagefind", "--site", str(output), "--glob", INDEXED_GLOB, "--force-language", "zh-cn",
           "--silent", "--output-subdir", fresh.name]
    if not full_text:
        cmd += ["--exclude-selectors", FULL_TEXT_SELECTOR]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=SEARCH_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.error("search index failed: %s", exc)
        return f"failed: {exc}"
    if proc.returncode != 0:
        log.error("search index failed: %s", proc.stderr.strip()[-500:])
        shutil.rmtree(fresh, ignore_errors=True)
        return f"failed: exit {proc.returncode}"
    old = output / (BUNDLE + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return "ok"
