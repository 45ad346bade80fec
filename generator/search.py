"""Static search: Pagefind over the report pages, with Chinese split the same way when indexing and searching.

Pagefind's own Chinese segmentation splits a text one way when it indexes a page and another way
when it reads a query (upstream issue #1237): names, counties and four-character phrases went
unfound, and two-character names found unrelated reports. So Pagefind segments nothing here. Each
report page carries one hidden element, `.pf-search` (templates/theme/templates/article.html),
whose text has every letter and digit of the report as a word of its own; Pagefind reads only that
element (--root-selector), as English, which splits on spaces and leaves such words alone (its
stemmer never shortens a word under three letters). The search page
(templates/theme/static/js/search.js) puts a query in the same form and searches it as an exact
phrase: the characters, in order, next to each other. A separator ¦ between fields and sentences
keeps a phrase from running across them.

The element holds the title, the cleaned report text (`.pf-fulltext`) and the digest's own words.
The full text is always indexed (`digest_only=True` leaves it out): without it a name that only the
report text holds cannot be found, and it costs little time or space (bench/README.md). It costs
memory, as Pagefind holds every word of every page until it writes the index: about 0.65 MB per
report. So a site of more than SHARD_REPORTS reports is indexed in shards, one Pagefind run each,
one after the other, over a folder of hard links to the shard's pages (the pages' URLs stay the
same). Shards are cut by meeting date: the first (newest) is the bundle output/pagefind/, the others
output/pagefind/shard-N/, listed newest first in output/pagefind/shards.json. The search page merges
them (Pagefind's mergeIndex) and asks them one after the other for results by date, newest first:
an exact phrase gives every result the same relevance, so the date is the order.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

REPORTS = "reports"  # output/reports/<slug>/index.html: the only pages indexed
GLOB = f"{REPORTS}/**/*.html"
BUNDLE = "pagefind"  # output/pagefind/, where the search page loads it from
SHARDS_FILE = "shards.json"  # in the bundle: the other shards' folders, relative to it, newest first
ROOT_SELECTOR = ".pf-search"  # the hidden search record of a report page: the only thing indexed
FULL_TEXT_SELECTOR = ".pf-fulltext"
LANGUAGE = "en"  # no word segmentation: the record's words are single characters already
# words of their own, kept in the index and in queries (Pagefind keeps _ already): 3+6 is not 36
INCLUDE_CHARACTERS = "+.%"
SHARD_REPORTS = 800  # reports per Pagefind run at most: about 550 MB of memory with the full text
SEARCH_TIMEOUT_S = 1800  # a 10,000-page site indexes in minutes, not hours
# the record's sort key (its meeting date), read from the head of each page to cut shards by date
SORT_KEY = re.compile(rb'data-pagefind-sort="date">([^<]*)<')
HEAD_BYTES = 16384
# what a shard other than the first needs: the search page runs the first shard's code for all
SHARD_KEEP = re.compile(r"^(pagefind-entry\.json|.*\.pf_meta|index|fragment|filter)$")


def shards(output: Path, size: int | None = None) -> list[list[Path]]:
    """The report pages (relative to output/) in shards of at most `size`, newest meeting first."""
    pages = sorted((output / REPORTS).glob("**/*.html")) if (output / REPORTS).is_dir() else []
    dated = []
    for page in pages:
        with open(page, "rb") as f:
            m = SORT_KEY.search(f.read(HEAD_BYTES))
        dated.append((m.group(1).decode("utf-8", "replace") if m else "", page.relative_to(output)))
    dated.sort(key=lambda d: d[0], reverse=True)  # stable: pages of one day stay in path order
    count = max(1, math.ceil(len(dated) / (size or SHARD_REPORTS)))
    return [[p for _, p in dated[i * len(dated) // count : (i + 1) * len(dated) // count]] for i in range(count)]


def _pagefind(site: Path, dest: Path, digest_only: bool) -> str | None:
    """One Pagefind run over the report pages of `site`, into `dest`; None, or why it failed."""
    cmd = [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--glob",
        GLOB,
        "--root-selector",
        ROOT_SELECTOR,
        "--force-language",
        LANGUAGE,
        "--include-characters",
        INCLUDE_CHARACTERS,
        "--silent",
        "--output-path",
        str(dest),
    ]
    if digest_only:
        cmd += ["--exclude-selectors", FULL_TEXT_SELECTOR]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=SEARCH_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.error("search index failed: %s", exc)
        return f"failed: {exc}"
    if proc.returncode != 0:
        log.error("search index failed: %s", proc.stderr.strip()[-500:])
        return f"failed: exit {proc.returncode}"
    return None


def _index_shard(output: Path, pages: list[Path], dest: Path, digest_only: bool) -> str | None:
    """Index some of the pages: Pagefind reads a folder of hard links to them (copies where the
    file system has no links), so their URLs are those of output/."""
    with tempfile.TemporaryDirectory(prefix=".pagefind-shard-", dir=output.parent) as tmp:
        for rel in pages:
            (Path(tmp) / rel).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(output / rel, Path(tmp) / rel)
            except OSError:
                shutil.copy2(output / rel, Path(tmp) / rel)
        return _pagefind(Path(tmp), dest, digest_only)


def build_index(output: Path, digest_only: bool = False, shard_reports: int | None = None) -> str:
    """Index output/ with Pagefind; return 'ok' or why it did not run (never raises). The report
    text is indexed unless `digest_only`."""
    try:
        import pagefind  # noqa: F401  (the package ships the pagefind binary)
    except ImportError:
        log.warning("search index skipped: the pagefind[extended] package is not installed")
        return "skipped: pagefind not installed"
    # a fresh bundle each time, swapped in when complete: a deleted report leaves nothing behind,
    # meta files do not pile up, and a failed run keeps the last good index
    fresh, final = output / (BUNDLE + ".new"), output / BUNDLE
    shutil.rmtree(fresh, ignore_errors=True)
    try:
        parts = shards(output, shard_reports)
    except OSError as exc:
        log.error("search index failed: %s", exc)
        return f"failed: {exc}"
    others = []
    for i, pages in enumerate(parts):
        dest = fresh if i == 0 else fresh / f"shard-{i}"
        try:
            failed = _pagefind(output, dest, digest_only) if len(parts) == 1 else _index_shard(output, pages, dest, digest_only)
        except OSError as exc:
            failed = f"failed: {exc}"
            log.error("search index failed: %s", exc)
        if failed:
            shutil.rmtree(fresh, ignore_errors=True)
            return failed
        if i:
            for p in dest.iterdir():
                if not SHARD_KEEP.match(p.name):
                    shutil.rmtree(p) if p.is_dir() else p.unlink()
            others.append(f"shard-{i}/")
    (fresh / SHARDS_FILE).write_text(json.dumps(others) + "\n", encoding="utf-8")
    old = output / (BUNDLE + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return "ok"
