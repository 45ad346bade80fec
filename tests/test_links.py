"""Links that work wherever the site is served: every internal link of every page resolves.

- The published build (publishconf.py) served under a sub-path, as GitHub Pages serves a project
  site (https://OWNER.github.io/REPO/): a crawl from the home page over HTTP finds no broken link
  and no link that leaves the sub-path.
- The local build opened from disk: every relative link of every page names a file that exists.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import re
import shutil
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

from tests.browser_support import CHROMIUM, require_chromium
from tests.conftest import CORPUS, SEED_TEXTS, build_site

PREFIX = "/meeting-digest/"
LINK = re.compile(r'(?:href|src)="([^"]+)"')


def _seeds(tmp: Path) -> Path:
    seeds = tmp / "in"
    seeds.mkdir()
    for f in list(SEED_TEXTS.glob("*.txt")) + sorted((CORPUS / "reports").glob("*.txt"))[:25]:
        shutil.copy(f, seeds / f.name)
    # a hand-corrected place (the README's example) must link to its place page, not place/None/
    (seeds / "001_3eec6e6b6785901d.meta.toml").write_text(
        'place = { province = "重庆市", city = "重庆市", county = "涪陵区" }\n', encoding="utf-8"
    )
    return seeds


class _Prefixed(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return "/nonexistent"
        return super().translate_path("/" + path[len(PREFIX) :])

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("links")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Prefixed)  # port chosen by the system
    base = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    mp = pytest.MonkeyPatch()
    mp.setenv("SITEURL", base.rstrip("/"))
    work = tmp / "w"
    work.mkdir()
    report, out = build_site(work, _seeds(tmp), settings="publishconf.py")
    mp.undo()
    assert report.pelican_ok
    server.RequestHandlerClass = functools.partial(_Prefixed, directory=str(out))  # type: ignore[assignment]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def test_published_build_under_a_sub_path_has_no_broken_link(served):
    base = served
    seen: set[str] = set()
    todo = [base]
    broken, outside = [], []
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                body = resp.read()
                kind = resp.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            broken.append((url, exc.code))
            continue
        if kind != "text/html":
            continue
        for link in LINK.findall(body.decode("utf-8")):
            if link.startswith(("data:", "mailto:", "javascript:")):
                continue
            target = urldefrag(urljoin(url, link))[0]
            parsed = urlparse(target)
            if parsed.netloc != urlparse(base).netloc:
                continue  # an original article's address, elsewhere on the web
            if not parsed.path.startswith(PREFIX):
                outside.append((url, link))
                continue
            todo.append(target)
    assert len(seen) > 50
    assert not outside, f"links leaving {PREFIX}: {outside[:5]}"
    assert not broken, f"{len(broken)} broken of {len(seen)}: {broken[:5]}"


@pytest.fixture(scope="module")
def local_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("local")
    work = tmp / "w"
    work.mkdir()
    report, out = build_site(work, _seeds(tmp))
    assert report.pelican_ok
    return out


def test_local_build_works_opened_from_disk(local_site):
    out = local_site
    pages = list(out.rglob("*.html"))
    checked, broken = 0, []
    for page in pages:
        if "pagefind" in page.parts:
            continue
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            if link.startswith(("http://", "https://", "data:", "#", "mailto:", "javascript:")):
                continue
            path = urldefrag(link)[0].split("?")[0]
            if not path:
                continue
            target = (page.parent / path).resolve()
            checked += 1
            if not target.is_file():  # a folder opened from disk shows a listing, not its index.html
                broken.append((str(page.relative_to(out)), link))
    assert checked > 200
    assert not broken, f"{len(broken)} of {checked} links name no file: {broken[:5]}"


def _browser():
    return require_chromium(), CHROMIUM


def _click_through(page, start: str, selectors: list[str]) -> list[str]:
    """From start, follow the first link matching each selector in turn; return the pages reached."""
    page.goto(start)
    reached = [page.url]
    for sel in selectors:
        link = page.locator(sel).first
        link.click()
        page.wait_for_load_state()
        assert page.locator("main").count() == 1, f"{page.url} after clicking {sel} is no page of the site"
        reached.append(page.url)
    return reached


@pytest.mark.browser
@pytest.mark.parametrize("where", ["published under /meeting-digest/", "local, opened from disk"])
def test_a_reader_clicks_through_the_site(where, served, local_site):
    sync_api, chromium = _browser()
    start = served if where.startswith("published") else (local_site / "index.html").as_uri()
    steps = ["a.report-title", "nav.crumbs a", "a.report-title", "ul.people a.person", "td a", "header nav a >> nth=1"]
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"])
        page = b.new_page()
        reached = _click_through(page, start, steps)
        b.close()
    assert all(a != b for a, b in itertools.pairwise(reached)), reached  # every click went somewhere
    if where.startswith("published"):
        assert all(urlparse(u).path.startswith(PREFIX) for u in reached), reached
    else:
        assert all(u.startswith("file://") and u.endswith(".html") for u in reached), reached
