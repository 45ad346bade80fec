"""Browser tests: the built site in Debian's Chromium, driven by Playwright for Python.

Opens home, a digest, a place, a framework, a person and an indicator page at 1280 px and 375 px:
no console errors, no horizontal scroll at 375 px, a full-page screenshot of each under
test-artifacts/screenshots/. The search page must return results for 城镇化率.

Never downloads a browser: Chromium is the system one (/usr/bin/chromium, installed by .ci/run).
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.browser_support import horizontal_overflow, launched_chromium, require_chromium, serve
from tests.conftest import ROOT

playwright_sync = require_chromium()

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "screenshots"
WIDTHS = [1280, 375]
HEIGHT = 800
PAGES = ["home", "digest", "place", "framework", "person", "indicator"]
QUERY = "城镇化率"


# --- the site, served over http (Pagefind does not work from file://) -------------------------


@pytest.fixture(scope="module")
def site_url(seed_site):
    _, out = seed_site
    with serve(out) as url:
        yield url


# --- which concrete pages to open: read from the built site, never hard-coded slugs ------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(out: Path, page_path: str, section: str) -> list[str]:
    """Site paths (/section/<slug>/) linked from the page at `page_path` that exist in `out`."""
    parser = _Links()
    parser.feed((out / page_path.lstrip("/") / "index.html").read_text(encoding="utf-8"))
    found = []
    for href in parser.hrefs:
        path = urlsplit(urljoin(page_path, href)).path
        if path.endswith("/index.html"):  # the local build links files (generator/urls.py)
            path = path[: -len("index.html")]
        if re.fullmatch(rf"/{section}/[^/]+/", path) and (out / path.lstrip("/") / "index.html").exists() and path not in found:
            found.append(path)
    return found


def _first(paths: list[str], what: str) -> str:
    assert paths, f"the built site links no {what} page"
    return paths[0]


@pytest.fixture(scope="module")
def page_paths(seed_site) -> dict[str, str]:
    _, out = seed_site
    digest = _first(_links(out, "/", "reports"), "digest (from the home page)")

    # The place of a digest (a page with content), else the first place on the place index.
    places = _links(out, "/place/", "place")
    digests = json.loads((out / "data" / "digests.json").read_text(encoding="utf-8"))
    codes = [d["place"]["code"] for d in digests if (d.get("place") or {}).get("code")]
    place = next((f"/place/{c}/" for c in codes if (out / "place" / c / "index.html").exists()), None)
    place = place or _first(places, "place")

    indicators = _links(out, "/indicators/", "indicators")
    with_query = [p for p in indicators if QUERY in (out / p.lstrip("/") / "index.html").read_text(encoding="utf-8")]
    indicator = _first(with_query or indicators, "indicator")

    return {
        "home": "/",
        "digest": digest,
        "place": place,
        "framework": _first(_links(out, "/framework/", "framework"), "framework"),
        "person": _first(_links(out, "/people/", "people"), "person"),
        "indicator": indicator,
    }


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with launched_chromium(playwright_sync) as b:
        yield b


@pytest.fixture
def open_page(browser):
    """open_page(width) -> (page, errors): a fresh page whose console errors are collected."""
    contexts = []

    def _open(width: int):
        ctx = browser.new_context(viewport={"width": width, "height": HEIGHT}, locale="zh-CN")
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(15_000)
        errors: list[str] = []

        def on_console(msg):
            source = msg.location.get("url", "")
            if msg.type == "error":
                errors.append(f"console.error: {msg.text} ({source})")

        page.on("console", on_console)
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        return page, errors

    yield _open
    for ctx in contexts:
        ctx.close()


def _screenshot(page, name: str, width: int) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGES)
def test_page_renders_cleanly(site_url, page_paths, open_page, name, width):
    page, errors = open_page(width)
    url = site_url + page_paths[name]
    response = page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    shot = _screenshot(page, name, width)

    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    assert page.locator("main").count() >= 1 and page.locator("h1").count() >= 1, f"{url}: no main/h1"
    assert not errors, f"{name} at {width}px ({url}) logged errors:\n" + "\n".join(errors)
    if width == 375:
        overflow = horizontal_overflow(page)
        assert overflow is None, f"{name} at 375px ({url}) scrolls sideways: {overflow}; see {shot}"


@pytest.mark.parametrize("width", WIDTHS)
def test_search_finds_the_query(site_url, seed_site, open_page, width):
    _, out = seed_site
    assert (out / "search" / "index.html").exists(), "the site has no search/index.html"
    page, errors = open_page(width)
    url = site_url + "/search/"
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"

    box = page.locator("#search-q")
    box.wait_for(state="visible")
    box.fill(QUERY)
    results = page.locator("#search .search-result")
    try:
        results.first.wait_for(state="visible", timeout=15_000)
    finally:
        page.wait_for_load_state("networkidle")
        shot = _screenshot(page, "search", width)

    assert results.count() >= 1, f"no search results for {QUERY}; see {shot}"
    texts = results.all_inner_texts()
    assert any("城镇化" in t for t in texts), f"no result for {QUERY} mentions it: {texts[:3]}"
    assert not errors, f"search at {width}px logged errors:\n" + "\n".join(errors)
    if width == 375:
        overflow = horizontal_overflow(page)
        assert overflow is None, f"search at 375px scrolls sideways: {overflow}; see {shot}"


@pytest.mark.parametrize(
    "query, expected_title",
    [
        ("施小琳", "成都市委工作会议召开"),  # a person, named in the summary card
        ("两个确立", "中国共产党昌都市第二届委员会第十次全体会议在卡若举行"),  # a framework chip
        ("城镇化率", "全市城乡提升和县域经济发展大会召开"),  # an indicator in the targets table
    ],
)
def test_search_leads_to_the_right_report(site_url, open_page, query, expected_title):
    page, errors = open_page(1280)
    page.goto(site_url + "/search/", wait_until="load")
    box = page.locator("#search-q")
    box.wait_for(state="visible")
    box.fill(query)
    results = page.locator("#search .search-result")
    results.first.wait_for(state="visible", timeout=15_000)
    titles = page.locator("#search .search-result-title").all_inner_texts()
    assert any(expected_title in t for t in titles), f"{query}: results {titles}"
    assert not errors, "\n".join(errors)
