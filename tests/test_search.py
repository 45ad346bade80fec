"""Search in the browser: what a report page holds, the search page finds, and nothing else.

Builds the test corpus (tests/corpus/reports, 96 reports, and the 5 seeds in tests/data/seeds) with
its search index (in three shards, as a large site's is), serves it on 127.0.0.1 and drives the
search page in Debian's Chromium with Playwright for Python. The queries run through the page's own
search function (window.digestSearch.find, the one the search box calls), in batches, not typed one
by one.

- Terms sampled deterministically from the report pages (people, places, frameworks, indicators,
  and 2-6 character stretches of titles and of the report text) must each find every report whose
  page holds them (99% of terms at least), and only reports that hold them, punctuation aside,
  newest meeting first, with the match marked in the excerpt.
- Terms made by combining characters, that no page holds even with its punctuation and field
  borders taken out, must find nothing (2% may).
- A simplified query finds a report whose source was written in traditional characters.
- /search/?q=… and filter parameters in the URL search at once; typing updates the URL.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

import pytest

from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, require_chromium, serve
from tests.conftest import CORPUS, SEED_TEXTS, build_site

playwright_sync = require_chromium()

pytestmark = pytest.mark.browser

SEED = 20240601
N_PRESENT = 320
N_ABSENT = 100
BATCH = 40
SHARD_REPORTS = 40  # reports per shard of the test site's index: 101 reports make 3 shards
GRAMS_PER_FILE = 1000  # entries per file of the shard map: many files, so that JS and Python must hash alike
SIGNS = "+.%_"  # the characters the index keeps as words besides letters and digits (generator/search.py)
TRADITIONAL = ("h_07_taishan_trad.txt", "c_02_yichang_changwei.txt")  # corpus reports written in traditional characters


# --- the site ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("search")
    seeds = tmp / "in"
    seeds.mkdir()
    for folder in (CORPUS / "reports", SEED_TEXTS):
        for f in folder.iterdir():
            if f.is_file():
                shutil.copy(f, seeds / f.name)
    work = tmp / "w"
    work.mkdir()
    with pytest.MonkeyPatch.context() as mp:  # an index in shards, so that merging them is tested too
        mp.setattr("generator.search.SHARD_REPORTS", SHARD_REPORTS)
        mp.setattr("generator.search.GRAMS_PER_FILE", GRAMS_PER_FILE)
        report, out = build_site(work, seeds, search=True)
    assert report.search == "ok", report.search
    assert len(json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))) == 2
    assert json.loads((out / "pagefind" / "grams.json").read_text(encoding="utf-8"))["files"] >= 8  # the map's hash is used
    pages = _pages(out)
    assert len(pages) >= 100, f"only {len(pages)} report pages"
    return out, pages


@pytest.fixture(scope="module")
def site_url(corpus_site):
    out, _ = corpus_site
    with serve(out) as url:
        yield url


@pytest.fixture(scope="module")
def search_page(site_url):
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(locale="zh-CN")
        page.set_default_timeout(30_000)
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(site_url + "/search/", wait_until="load")
        page.evaluate("() => window.digestSearch.ready")
        try:
            yield page, errors
        finally:
            browser.close()


# --- what a report page holds, read from its visible markup ------------------------------------


class _PageText(HTMLParser):
    """The texts a reader sees on a report page, field by field (the links to the evidence and the
    hidden search record left out): [(kind, text)]."""

    CONTEXT = ("section", "nav", "dl", "div", "tr")

    def __init__(self):
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self.open: list[tuple[str, str, list[str]]] = []  # fields being read: (tag, kind, texts)
        self.where: list[str] = []  # the classes of the open sections, lists and rows
        self.skipping: list[str] = []  # tags open inside an element that is left out
        self.cell = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = a.get("class") or ""
        if tag in self.CONTEXT:
            self.where.append(cls or a.get("aria-label") or tag)
            self.cell = 0
        if self.skipping or "pf-search" in cls or "ev-link" in cls:
            self.skipping.append(tag)
            return
        kind = None
        if tag == "h1":
            kind = "title"
        elif tag == "a" and "person" in cls:
            kind = "person"
        elif tag == "span" and "titles" in cls:
            kind = "titles"
        elif tag == "a" and "chip" in cls:
            kind = "framework"
        elif tag == "li" and "tasks" in self.where:
            kind = "task"
        elif tag == "td" and "targets" in self.where:
            kind = ("target-year", "indicator", "target")[min(self.cell, 2)]
            self.cell += 1
        elif tag == "span" and re.fullmatch(r"s\d+", a.get("id") or "") and "fulltext" in self.where:
            kind = "sentence"
        elif tag == "a" and "crumbs" in self.where:
            kind = "place"
        elif tag == "code":
            kind = "source"
        if kind:
            self.open.append((tag, kind, []))

    def handle_endtag(self, tag):
        if tag in self.CONTEXT and self.where:
            self.where.pop()
        if self.skipping:
            self.skipping.pop()
            return
        if self.open and self.open[-1][0] == tag:
            _, kind, texts = self.open.pop()
            self.fields.append((kind, "".join(texts).strip()))

    def handle_data(self, data):
        if not self.skipping:
            for _, _, texts in self.open:
                texts.append(data)


def _pages(out: Path) -> dict[str, dict]:
    """URL path (/reports/<slug>/) -> {fields: [(kind, text)], source: file name, date: sort key}."""
    pages = {}
    for f in sorted((out / "reports").glob("*/index.html")):
        parser = _PageText()
        html = f.read_text(encoding="utf-8")
        parser.feed(html)
        # a target without a year shows 未定 in its year cell: a label, not report text
        fields = [(k, t) for k, t in parser.fields if t and k != "source" and (k, t) != ("target-year", "未定")]
        source = next((t for k, t in parser.fields if k == "source"), "")
        date = re.search(r'data-pagefind-sort="date">([^<]*)<', html)
        pages[f"/reports/{f.parent.name}/"] = {"fields": fields, "source": source, "date": date.group(1) if date else ""}
    return pages


def _loose(text: str) -> str:
    """Text with what the search ignores taken out: punctuation (but + . % _) and spaces."""
    return "".join(c for c in text.lower() if c.isalnum() or c in SIGNS)


def holds(page: dict, term: str) -> bool:
    """The page shows the term, as written, inside one of its fields or sentences."""
    return any(term in text for _, text in page["fields"])


def loosely_holds(page: dict, term: str) -> bool:
    """The page shows the term inside one field or sentence, punctuation and spaces aside."""
    t = _loose(term)
    return any(t in _loose(text) for _, text in page["fields"])


# --- terms --------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """The runs of letters and digits of a text (where substrings are sampled)."""
    return re.findall(r"[^\W_]+", text)


def present_terms(pages: dict[str, dict], n: int = N_PRESENT) -> list[tuple[str, str]]:
    """(kind, term) sampled deterministically from the pages: every kind of field, then stretches."""
    rng = random.Random(SEED)
    by_kind: dict[str, list[str]] = {}
    for page in pages.values():
        for kind, text in page["fields"]:
            by_kind.setdefault(kind, []).append(text)
    terms: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(kind, term):
        if term and term not in seen and len(_loose(term)) >= 2:
            seen.add(term)
            terms.append((kind, term))

    # whole values: people, places, frameworks, indicators (a target row's first cell)
    for kind, count in (("person", 60), ("place", 40), ("framework", 40)):
        values = sorted(set(by_kind.get(kind, [])))
        for v in rng.sample(values, min(count, len(values))):
            add(kind, v)
    indicators = sorted(set(by_kind.get("indicator", [])))
    for v in rng.sample(indicators, min(30, len(indicators))):
        add("indicator", v)
    # the terms the issue names, when the corpus has them
    for v in ("一干多支", "两个确立", "城镇化率", "3+6", "8.0版"):
        if any(holds(p, v) for p in pages.values()):
            add("named", v)
    # 2-6 character stretches of titles and of the report text (letters and digits only)
    for kind, count in (("title", (n - len(terms)) // 3), ("sentence", n)):
        texts = sorted(set(by_kind.get(kind, [])))
        while len(terms) < n and count > 0:
            words = [w for w in _words(rng.choice(texts)) if len(w) >= 2]
            if not words:
                continue
            w = rng.choice(words)
            size = rng.randint(2, min(6, len(w)))
            start = rng.randint(0, len(w) - size)
            before = len(terms)
            add(kind, w[start : start + size])
            count -= len(terms) - before
    return terms


def absent_terms(pages: dict[str, dict], n: int = N_ABSENT) -> list[str]:
    """Combinations of the corpus's own characters that no page holds, even with all its fields
    and sentences run together and their punctuation taken out."""
    rng = random.Random(SEED + 1)
    joined = "".join(_loose(text) for page in pages.values() for _, text in page["fields"])
    chars = sorted({c for c in joined if "\u4e00" <= c <= "\u9fff"})
    common = sorted(chars, key=lambda c: -joined.count(c))[:400]
    terms: list[str] = []
    while len(terms) < n:
        size = (2, 2, 3, 4)[len(terms) % 4]
        term = "".join(rng.choice(common) for _ in range(size))
        if term not in joined and term not in terms:
            terms.append(term)
    return terms


def _find_all(page, terms: list[str], filters: dict | None = None) -> list[list[dict]]:
    """The search page's results for each term: [[{url, marks, excerpt, title, meeting}]]."""
    results = []
    for i in range(0, len(terms), BATCH):
        results += page.evaluate(
            """async ([terms, filters]) => {
                 await window.digestSearch.ready;
                 const out = [];
                 for (const t of terms) out.push((await window.digestSearch.find(t, filters)).results);
                 return out;
               }""",
            [terms[i : i + BATCH], filters or {}],
        )
    return results


# --- the tests ----------------------------------------------------------------------------------


def test_sampled_terms_find_every_report_that_holds_them(corpus_site, search_page):
    _, pages = corpus_site
    page, errors = search_page
    terms = present_terms(pages)
    assert len(terms) >= 300, len(terms)
    kinds = {k for k, _ in terms}
    assert {"person", "place", "framework", "indicator", "title", "sentence"} <= kinds, kinds

    found_all = _find_all(page, [t for _, t in terms])
    missed, unrelated, bad_marks, unordered = [], [], [], []
    for (kind, term), results in zip(terms, found_all, strict=True):
        urls = {r["url"] for r in results}
        expected = {u for u, p in pages.items() if holds(p, term)}
        assert expected, f"{term!r} ({kind}) was sampled from no page"
        if not expected <= urls:
            missed.append(f"{kind} {term!r}: {len(expected - urls)} of {len(expected)} reports missing")
        extra = [u for u in urls - expected if u not in pages or not loosely_holds(pages[u], term)]
        if extra:
            unrelated.append(f"{kind} {term!r}: {len(extra)} reports that do not hold it, e.g. {extra[0]}")
        # newest meeting first, across the index's shards too
        dates = [pages[r["url"]]["date"] for r in results if r["url"] in pages]
        if dates != sorted(dates, reverse=True):
            unordered.append(f"{term!r}: {dates}")
        # the excerpt marks the match itself
        for r in results:
            if _loose(term) not in _loose("".join(r["marks"])):
                bad_marks.append(f"{term!r} at {r['url']}: marks {r['marks']} in {r['excerpt'][:60]!r}")
                break
    n = len(terms)
    assert len(missed) <= n // 100, f"{len(missed)} of {n} terms missed reports:\n" + "\n".join(missed)
    assert len(unrelated) <= n // 100, f"{len(unrelated)} of {n} terms found unrelated reports:\n" + "\n".join(unrelated)
    assert len(bad_marks) <= n // 100, f"{len(bad_marks)} excerpts do not mark the term:\n" + "\n".join(bad_marks[:20])
    assert not unordered, "results not newest first:\n" + "\n".join(unordered[:10])
    assert not errors, errors
    print(f"\n{n} terms: {n - len(missed)} found every report holding them, {len(unrelated)} found others")


def test_absent_terms_find_nothing(corpus_site, search_page):
    _, pages = corpus_site
    page, errors = search_page
    terms = absent_terms(pages)
    found = _find_all(page, terms)
    returned = [f"{t!r}: {[r['url'] for r in res][:3]}" for t, res in zip(terms, found, strict=True) if res]
    assert len(returned) <= len(terms) * 2 // 100, f"{len(returned)} of {len(terms)} absent terms found something:\n" + "\n".join(
        returned
    )
    assert not errors, errors
    print(f"\n{len(terms)} absent terms: {len(returned)} returned something")


def test_a_simplified_query_finds_a_report_written_in_traditional(corpus_site, search_page):
    from opencc import OpenCC

    _, pages = corpus_site
    page, _ = search_page
    t2s = OpenCC("t2s")
    checked = 0
    for name in TRADITIONAL:
        raw = (CORPUS / "reports" / name).read_text(encoding="utf-8", errors="replace")
        url = next(u for u, p in pages.items() if p["source"] == name)
        # a stretch of the page's (simplified) text that the traditional source spells otherwise
        sentences = [t for k, t in pages[url]["fields"] if k == "sentence"]
        terms = [
            w[i : i + 4]
            for s in sentences
            for w in _words(s)
            for i in range(0, len(w) - 3, 4)
            if w[i : i + 4] not in raw and t2s.convert(w[i : i + 4]) == w[i : i + 4]
        ][:3]
        assert terms, f"{name}: no simplified stretch differs from the source"
        for term, results in zip(terms, _find_all(page, terms), strict=True):
            assert url in {r["url"] for r in results}, f"{term!r} (written otherwise in {name}) did not find {url}"
            checked += 1
    assert checked >= 4


def test_the_url_query_searches_and_typing_updates_it(corpus_site, site_url, search_page):
    _, pages = corpus_site
    page, errors = search_page
    people = sorted({t for p in pages.values() for k, t in p["fields"] if k == "person"})
    name = next(n for n in people if len(n) == 3 and sum(holds(p, n) for p in pages.values()) == 1)
    url = next(u for u, p in pages.items() if holds(p, name))
    title = next(t for k, t in pages[url]["fields"] if k == "title")

    page.goto(site_url + "/search/?q=" + quote(name), wait_until="load")
    first = page.locator("#search .search-result").first
    first.wait_for(state="visible")
    assert page.input_value("#search-q") == name
    assert page.locator("#search .search-result").count() == 1
    assert page.locator("#search .search-result-title").first.inner_text() == title
    assert page.locator("#search .search-result-title").first.get_attribute("href") == url
    assert name in page.locator("#search .search-result-excerpt mark").first.inner_text()
    meeting = page.locator("#search .search-result-meta").first.inner_text()
    assert re.search(r"\d", meeting), meeting  # date and place

    # filters in the URL: the report's own year keeps it, another year leaves nothing
    year = page.evaluate("(q) => window.digestSearch.find(q)", name)["results"][0]["meeting"][:4]
    if year.isdigit():
        page.goto(site_url + "/search/?q=" + quote(name) + "&" + quote("年份") + "=" + year, wait_until="load")
        page.locator("#search .search-result").first.wait_for(state="visible")
        assert page.locator("select[data-filter='年份']").input_value() == year
        page.goto(site_url + "/search/?q=" + quote(name) + "&" + quote("年份") + "=1999", wait_until="load")
        page.wait_for_function("() => document.querySelector('#search .search-status').textContent.includes('没有找到')")
        assert page.locator("#search .search-result").count() == 0

    # typing searches and puts the query in the URL
    page.goto(site_url + "/search/", wait_until="load")
    page.fill("#search-q", name)
    page.locator("#search .search-result").first.wait_for(state="visible")
    page.wait_for_function("(q) => decodeURIComponent(location.search).includes(q)", arg=name)
    assert unquote(page.url).endswith("?q=" + name)
    assert not errors, errors


def test_report_text_stays_text(search_page):
    """Results are built with textContent: markup in a report's title or text is shown, never run."""
    page, errors = search_page
    tags, text = page.evaluate(
        """() => {
             const ex = window.digestSearch.excerpt('甲 <img\u2423src=x\u2423onerror=alert(1)> ¦ 乙', [0]);
             const li = window.digestSearch.renderResult({url: '/x/', title: '<b>标题</b>', meeting: '<i>m</i>', parts: ex.parts});
             return [li.querySelectorAll('img, b, i').length, li.textContent];
           }"""
    )
    assert tags == 0
    assert "<b>标题</b>" in text and "<img src=x onerror=alert(1)>" in text
    assert not errors, errors


def _shard_of(out: Path) -> dict[str, int]:
    """URL path -> the index shard that holds the page (0 is pagefind/, i is pagefind/shard-i/)."""
    from generator.search import shards

    return {"/" + rel.parent.as_posix() + "/": i for i, part in enumerate(shards(out, SHARD_REPORTS)) for rel in part}


def test_a_query_asks_only_the_shards_that_can_hold_it(corpus_site, search_page):
    """The shard map keeps every shard that holds a term and leaves most others out for a rare one."""
    out, pages = corpus_site
    page, errors = search_page
    where = _shard_of(out)
    total = len(set(where.values()))
    people = sorted({t for p in pages.values() for k, t in p["fields"] if k == "person" and len(_loose(t)) >= 2})
    rare = [n for n in people if sum(holds(p, n) for p in pages.values()) == 1][:30]
    assert len(rare) >= 10
    asked = page.evaluate("async (terms) => Promise.all(terms.map((t) => window.digestSearch.shardsFor(t)))", rare)
    narrowed = 0
    for name, shards in zip(rare, asked, strict=True):
        url = next(u for u, p in pages.items() if holds(p, name))
        assert where[url] in shards, f"{name!r} is in shard {where[url]} of {url}, but only {shards} are asked"
        assert shards == sorted(shards), shards  # newest first
        narrowed += len(shards) < total
    assert narrowed >= len(rare) * 2 // 3, f"only {narrowed} of {len(rare)} rare names asked fewer than all {total} shards"
    assert page.evaluate("() => window.digestSearch.shardsFor('一二三四五六七八九十百千万')") == []
    assert not errors, errors


def test_the_filter_counts_are_pagefinds_own(corpus_site, search_page, site_url):
    """filters.json (written from the pages) counts what the shards' Pagefind filters count."""
    out, _ = corpus_site
    page, errors = search_page
    written = json.loads((out / "pagefind" / "filters.json").read_text(encoding="utf-8"))
    others = json.loads((out / "pagefind" / "shards.json").read_text(encoding="utf-8"))
    counted = page.evaluate(
        """async ([bundles, root]) => {
             const total = {};
             for (const b of bundles) {
               const pf = await import(b + "pagefind.js");
               await pf.options({ baseUrl: root });
               await pf.init();
               const f = await pf.filters();
               for (const kind of Object.keys(f)) for (const v of Object.keys(f[kind])) {
                 total[kind] = total[kind] || {};
                 total[kind][v] = (total[kind][v] || 0) + f[kind][v];
               }
             }
             return total;
           }""",
        [[site_url + "/pagefind/"] + [site_url + "/pagefind/" + d for d in others], "/"],
    )
    drop_zero = {k: {v: n for v, n in vs.items() if n} for k, vs in counted.items()}
    assert written == drop_zero
    assert not errors, errors


def test_a_common_term_shows_its_first_page_and_then_the_whole_count(corpus_site, site_url, search_page):
    """Results come while older shards are still asked; when all have answered, the count is all."""
    page, errors = search_page
    term = "会议"
    total = page.evaluate("(q) => window.digestSearch.find(q).then((r) => r.count)", term)
    assert total > 2 * 20  # more than a page, from more than one shard
    page.goto(site_url + "/search/?q=" + quote(term), wait_until="load")
    page.wait_for_function("() => document.querySelector('#search .search-status').textContent.startsWith('找到')")
    assert not page.locator("#search .search-results").get_attribute("aria-busy")  # every shard has answered
    assert page.locator("#search .search-result").count() == 20
    assert f"找到 {total} 篇" in page.locator("#search .search-status").inner_text()
    assert page.locator("#search .search-more").is_visible()
    page.locator("#search .search-more").click()
    page.wait_for_function("() => document.querySelectorAll('#search .search-result').length === 40")
    assert not errors, errors


def test_results_survive_their_shards_instance_being_let_go(search_page):
    """With one shard's instance alive at a time, every result (from three shards) still loads:
    a shard let go is asked again for its results' data."""
    page, errors = search_page
    full = page.evaluate("(q) => window.digestSearch.find(q)", "会议")
    try:
        page.evaluate("() => window.digestSearch.keepAlive(1)")
        small = page.evaluate("(q) => window.digestSearch.find(q)", "会议")
    finally:
        page.evaluate("() => window.digestSearch.keepAlive(24)")
    assert small == full
    assert not errors, errors
