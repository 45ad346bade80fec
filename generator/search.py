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
output/pagefind/shard-N/, listed newest first in output/pagefind/shards.json. Each shard is a
Pagefind bundle of its own; the search page makes an instance of it (with the first bundle's
pagefind.js) only when it is asked, and keeps at most a few dozen alive. Pagefind's own mergeIndex
runs every query on every merged index: at 100,000 reports (125 shards) that took tens of seconds.

Which shards to ask comes from a small index of our own, the shard map (output/pagefind/grams/):
for every character of the records and every pair of neighbouring characters (the words of the
record, ¦ not crossed), the set of shards that hold it, as a hexadecimal bit mask. A phrase can only
be in a shard that holds each of its pairs (a one-character query: that character), so the search
page asks only those shards, newest first, and shows the first results as soon as it has them; the
rest (and the count) follow. The map is cut into GRAM_FILES files by a hash of the gram
(gram_bucket, mirrored in search.js), so that a query loads a few small files. Filter counts for
the whole site are written once (filters.json), so the search page needs no shard to list them.
"""

from __future__ import annotations

import html
import json
import logging
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
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
# what a shard other than the first keeps of its bundle: its index, and the code a shard's instance
# may load when it is the only one alive (the worker is started from the first instance's folder)
SHARD_KEEP = re.compile(r"^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|.*\.pf_meta|wasm\..*|index|fragment|filter)$")
GRAMS = "grams"  # in the bundle: the shard map, grams/<bucket>.json -> {gram: hex mask of shards}
GRAMS_META = "grams.json"  # in the bundle: {"files": how many buckets, "shards": how many shards}
FILTERS_FILE = "filters.json"  # in the bundle: {filter kind: {value: reports}} over the whole site
GRAMS_PER_FILE = 4000  # entries of the shard map per file, about (the number of files is a power of two)
SIGNS = "+.%_"  # the record's words that are no letter or digit: INCLUDE_CHARACTERS and _ (search.js SIGN)
BOUNDARY = "\u00a6"  # ¦ between two fields or sentences of the record: no phrase crosses it
# the searchable parts of a record (the data-pagefind-ignore spans around them are not searched)
RECORD_PART = re.compile(r'<span class="pf-(title|fulltext|digest)">(.*?)</span>', re.S)
NOT_A_WORD = re.compile(r"[^\w+.%\u00a6]")  # what a phrase skips: punctuation, spaces, ␣
FILTER_SPAN = re.compile(r'data-pagefind-filter="([^"]*)">([^<]*)<')


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


def record_grams(page: str, digest_only: bool = False) -> set[str]:
    """The words of a report page's search record (characters; + . % _) and every pair of
    neighbouring words not split by ¦: what a phrase search needs a shard to hold."""
    parts = [html.unescape(text) for part, text in RECORD_PART.findall(page) if not (digest_only and part == "fulltext")]
    words = NOT_A_WORD.sub("", BOUNDARY.join(parts).lower())
    grams = set(words)
    grams.update(words[i : i + 2] for i in range(len(words) - 1))
    return {g for g in grams if BOUNDARY not in g}


def page_filters(page: str) -> set[tuple[str, str]]:
    """The (filter kind, value) pairs of a report page, as Pagefind reads them."""
    return {(html.unescape(k), v) for k, raw in FILTER_SPAN.findall(page) if (v := html.unescape(raw).strip())}


def gram_bucket(gram: str, files: int) -> int:
    """The file of the shard map that holds a gram (search.js computes the same)."""
    h = 0x811C9DC5  # FNV-1a, 32 bits, over the code points
    for ch in gram:
        h = ((h ^ ord(ch)) * 0x01000193) & 0xFFFFFFFF
    return h % files


def _write_map(bundle: Path, masks: dict[str, int], shard_count: int) -> None:
    """The shard map: grams/<bucket>.json, each {gram: hex mask of the shards that hold it}, and
    grams.json saying how many files and shards there are (no files for a one-shard index)."""
    files = 1 if shard_count > 1 else 0
    while files and files * GRAMS_PER_FILE < len(masks):
        files *= 2
    buckets: list[dict[str, str]] = [{} for _ in range(files)]
    for gram in sorted(masks):
        buckets[gram_bucket(gram, files)][gram] = format(masks[gram], "x")
    if files:
        (bundle / GRAMS).mkdir(parents=True)
    for i, bucket in enumerate(buckets):
        (bundle / GRAMS / f"{i}.json").write_text(json.dumps(bucket, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    meta = {"files": files, "shards": shard_count}
    (bundle / GRAMS_META).write_text(json.dumps(meta) + "\n", encoding="utf-8")


def _read_shard(output: Path, pages: list[Path], digest_only: bool, filters: Counter[tuple[str, str]], mapped: bool) -> set[str]:
    """The grams of a shard's pages (if `mapped`: the index has more than one shard); their filter
    values are counted into `filters`."""
    grams: set[str] = set()
    for rel in pages:
        page = (output / rel).read_text(encoding="utf-8", errors="replace")
        if mapped:
            grams |= record_grams(page, digest_only)
        filters.update(page_filters(page))
    return grams


def _write_filters(bundle: Path, filters: Counter[tuple[str, str]]) -> None:
    counts: dict[str, dict[str, int]] = {}
    for (kind, value), n in sorted(filters.items()):
        counts.setdefault(kind, {})[value] = n
    (bundle / FILTERS_FILE).write_text(json.dumps(counts, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


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
    masks: dict[str, int] = {}
    filters: Counter[tuple[str, str]] = Counter()
    # each Pagefind run (a process of its own) overlaps with reading its shard's pages for the map
    with ThreadPoolExecutor(max_workers=1) as pool:
        for i, pages in enumerate(parts):
            dest = fresh if i == 0 else fresh / f"shard-{i}"
            one = len(parts) == 1
            run = (
                pool.submit(_pagefind, output, dest, digest_only)
                if one
                else pool.submit(_index_shard, output, pages, dest, digest_only)
            )
            unread = None
            try:
                for gram in _read_shard(output, pages, digest_only, filters, mapped=not one):
                    masks[gram] = masks.get(gram, 0) | (1 << i)
            except OSError as exc:
                unread = f"failed: {exc}"
                log.error("search index failed: %s", exc)
            try:
                failed = run.result() or unread
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
    try:
        _write_map(fresh, masks if others else {}, len(parts))
        _write_filters(fresh, filters)
        (fresh / SHARDS_FILE).write_text(json.dumps(others) + "\n", encoding="utf-8")
    except OSError as exc:
        log.error("search index failed: %s", exc)
        shutil.rmtree(fresh, ignore_errors=True)
        return f"failed: {exc}"
    del masks
    old = output / (BUNDLE + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    fresh.rename(final)
    shutil.rmtree(old, ignore_errors=True)
    return "ok"
