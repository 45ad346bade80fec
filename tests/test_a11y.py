"""Accessibility and phone-layout tests: the built seed site in Debian's Chromium, through Playwright.

For each kind of page (home, a report, a place, the place index, a framework, a person, an
indicator, the browse page, a listing) at 375 px and 1280 px:

- axe-core (bundled by the axe-playwright-python package) finds no serious or critical violation;
- every link, button and form control outside running text is at least 24 px tall (WCAG 2.5.8);
- a table cell holding a short value (a year, a date, a count, a target such as 增长8%左右) keeps
  it on one line, and no cell breaks a number across lines;
- links in running text (paragraphs, the summary card, tables) are underlined, not told apart
  from the text by colour alone;
- at 375 px the page does not scroll sideways and chart text renders at 11 px or more.

Also: the skip link is hidden until focused, the date tooltips are Chinese, and screenshots of a
report and an indicator page at both widths go to test-artifacts/a11y/ for a person to look at.

Never downloads a browser: Chromium is the system one (/usr/bin/chromium, installed by .ci/run).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser_support import horizontal_overflow, launched_chromium, require_chromium, serve
from tests.conftest import ROOT

playwright_sync = require_chromium()
axe_sync = pytest.importorskip(
    "axe_playwright_python.sync_playwright",
    reason="axe-playwright-python (it bundles axe-core) is not installed (pip install -e '.[test]')",
)

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts" / "a11y"
WIDTHS = [375, 1280]
HEIGHT = 800
KINDS = ["home", "report", "place", "places", "framework", "person", "indicator", "browse", "listing"]
BLOCKING = {"serious", "critical"}  # axe impacts that fail the test; moderate and minor are logged only
MIN_TARGET = 24  # px, WCAG 2.2 SC 2.5.8 Target Size (Minimum)
MIN_CHART_TEXT = 11  # px, chart text as rendered at 375 px


# --- the site, served over http ---------------------------------------------------------------


@pytest.fixture(scope="module")
def site_url(seed_site):
    _, out = seed_site
    with serve(out) as url:
        yield url


# --- which concrete pages to open: read from the built site, never hard-coded slugs ------------


def _richest(out: Path, pattern: str, marker: str, need: str | None = None) -> str:
    """The site path (/a/b/) of the page matching `pattern` with the most `marker`s (and `need`, if given)."""
    best, best_n = None, -1
    for page in sorted(out.glob(pattern)):
        html = page.read_text(encoding="utf-8")
        if need and need not in html:
            continue
        n = html.count(marker)
        if n > best_n:
            best, best_n = page, n
    assert best is not None, f"the built site has no page {pattern}" + (f" with {need}" if need else "")
    return "/" + best.parent.relative_to(out).as_posix() + "/"


def page_paths_of(out: Path) -> dict[str, str]:
    digests = json.loads((out / "data" / "digests.json").read_text(encoding="utf-8"))
    codes = [d["place"]["code"] for d in digests if (d.get("place") or {}).get("code")]
    place = next((f"/place/{c}/" for c in codes if (out / "place" / c / "index.html").exists()), None)
    return {
        "home": "/",
        "report": _richest(out, "reports/*/index.html", "<tr>"),  # the one with the most target rows
        "place": place or _richest(out, "place/*/index.html", "<li>"),
        "places": "/place/",
        "framework": _richest(out, "framework/*/index.html", "<li>"),
        "person": _richest(out, "people/*/index.html", "<tr>"),
        "indicator": _richest(out, "indicators/*/index.html", "<tr>", need='class="chart"'),
        "browse": "/archive/",
        "listing": _richest(out, "archive/*/index.html", "<li>"),
    }


@pytest.fixture(scope="module")
def page_paths(seed_site) -> dict[str, str]:
    _, out = seed_site
    return page_paths_of(out)


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    with launched_chromium(playwright_sync) as b:
        yield b


@pytest.fixture
def open_page(browser, site_url, page_paths):
    """open_page(kind, width) -> page: a fresh page showing that kind of page, loaded."""
    contexts = []

    def _open(kind: str, width: int):
        ctx = browser.new_context(viewport={"width": width, "height": HEIGHT}, locale="zh-CN")
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(15_000)
        response = page.goto(site_url + page_paths[kind], wait_until="load")
        assert response is not None and response.ok, f"{kind}: HTTP {response and response.status}"
        return page

    yield _open
    for ctx in contexts:
        ctx.close()


# --- measurements in the page (plain functions, so a probe script can reuse them) --------------

# An element is "visible" when it has a box larger than 1 px both ways (a visually hidden skip link
# is 1 x 1 px and clipped); "running text" is an inline element inside a paragraph or quotation,
# which WCAG 2.5.8 exempts from the target size (its size is set by the line of text).
_JS_HELPERS = """
const visible = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
  return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && s.display !== 'none'; };
const inRunningText = el => getComputedStyle(el).display === 'inline' && !!el.closest('p, blockquote');
const describe = el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
  ? '.' + el.className.trim().replace(/\\s+/g, '.') : '') + ' "' + (el.textContent || el.value || '').trim().slice(0, 24) + '"'
  + ' in ' + (el.parentElement ? el.parentElement.tagName.toLowerCase() : '?');
"""


def small_targets(page) -> list[str]:
    """Links, buttons and form controls outside running text that are under MIN_TARGET px tall."""
    return page.evaluate(
        "(min) => {"
        + _JS_HELPERS
        + """
          return [...document.querySelectorAll('a[href], button, select, input:not([type=hidden]), textarea, summary')]
            .filter(el => visible(el) && !inRunningText(el))
            .filter(el => el.getBoundingClientRect().height < min - 0.01)
            .map(el => describe(el) + ' h=' + el.getBoundingClientRect().height.toFixed(1));
        }""",
        MIN_TARGET,
    )


def plain_text_links(page) -> list[str]:
    """Links in running text (paragraphs, quotations, the summary card, table cells) without an underline."""
    return page.evaluate(
        "() => {"
        + _JS_HELPERS
        + """
          return [...document.querySelectorAll('main p a[href], main blockquote a[href], main dd a[href], main td a[href], footer p a[href]')]
            .filter(el => visible(el) && !getComputedStyle(el).textDecorationLine.includes('underline'))
            .map(describe);
        }"""
    )


def wrapped_cells(page) -> dict:
    """Table cells that break a number across lines, or a short value (a year, a date, a count, a
    target such as 增长8%左右: at most 12 characters, a quarter of them digits) over two lines.

    Lines are counted from the line boxes of the cell's text (Range.getClientRects), not from the
    cell's height, which the row stretches."""
    return page.evaluate(
        """() => {
          const lineCount = rects => {
            const rs = [...rects].filter(r => r.width > 0 && r.height > 0).sort((a, b) => a.top - b.top);
            let lines = 0, bottom = -Infinity;
            for (const r of rs) { if (r.top >= bottom - 2) { lines++; bottom = r.bottom; } else bottom = Math.max(bottom, r.bottom); }
            return lines;
          };
          const textRects = cell => {
            const out = [], walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let n; (n = walker.nextNode());) {
              if (!n.data.trim()) continue;
              const range = document.createRange(); range.selectNodeContents(n); out.push(...range.getClientRects());
            }
            return out;
          };
          const number = /[0-9０-９]+(?:[.．:：\\-–][0-9０-９]+)*[%％‰]?/g;
          const broken = [], checked = [];
          for (const cell of document.querySelectorAll('main td, main th')) {
            const text = cell.textContent.replace(/\\s+/g, '');
            if (!/[0-9０-９]/.test(text)) continue;
            const digits = (text.match(/[0-9０-９]/g) || []).length;
            if (text.length <= 12 && digits * 4 >= text.length) {
              checked.push(text);
              const lines = lineCount(textRects(cell));
              if (lines > 1) broken.push(`short value on ${lines} lines: ${text}`);
            }
            const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
            for (let n; (n = walker.nextNode());) {
              for (const m of n.data.matchAll(number)) {
                const range = document.createRange();
                range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);
                const lines = lineCount(range.getClientRects());
                if (lines > 1) broken.push(`number ${m[0]} on ${lines} lines in: ${text.slice(0, 30)}`);
              }
            }
          }
          return {broken, checked};
        }"""
    )


def chart_text_sizes(page) -> list[float]:
    """The rendered font size (px) of every text of every svg.chart: the computed size times the scale."""
    return page.evaluate(
        """() => [...document.querySelectorAll('svg.chart text')]
             .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"""
    )


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page: id, impact, help and the first few nodes of each."""
    results = axe_sync.Axe().run(page)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [" ".join(n["target"]) + " " + n["html"][:120] for n in v["nodes"][:5]],
            "count": len(v["nodes"]),
        }
        for v in results.response["violations"]
    ]


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


# --- the tests ------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_nothing_serious(open_page, kind, width):
    page = open_page(kind, width)
    found = axe_violations(page)
    _artifact(f"axe-{kind}-{width}.json").write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
    blocking = [v for v in found if v["impact"] in BLOCKING]
    assert not blocking, f"axe-core on {kind} at {width}px:\n" + json.dumps(blocking, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_tap_targets_are_24px(open_page, kind, width):
    page = open_page(kind, width)
    small = small_targets(page)
    assert not small, f"{kind} at {width}px: targets under {MIN_TARGET}px tall:\n" + "\n".join(small)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_table_cells_keep_numbers_whole(open_page, kind, width):
    page = open_page(kind, width)
    cells = wrapped_cells(page)
    assert not cells["broken"], f"{kind} at {width}px:\n" + "\n".join(cells["broken"])
    if kind in ("report", "person", "indicator"):
        assert cells["checked"], f"{kind}: no table cell with a short value was checked (the test would prove nothing)"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", KINDS)
def test_links_in_running_text_are_underlined(open_page, kind, width):
    page = open_page(kind, width)
    plain = plain_text_links(page)
    assert not plain, f"{kind} at {width}px: links in running text without an underline:\n" + "\n".join(plain)


@pytest.mark.parametrize("kind", KINDS)
def test_no_sideways_scroll_on_a_phone(open_page, kind):
    page = open_page(kind, 375)
    overflow = horizontal_overflow(page)
    assert overflow is None, f"{kind} at 375px scrolls sideways: {overflow}"


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_is_readable(open_page, width):
    page = open_page("indicator", width)
    sizes = chart_text_sizes(page)
    assert sizes, "the indicator page has no chart text"
    if width == 375:
        assert min(sizes) >= MIN_CHART_TEXT, f"chart text renders at {min(sizes):.1f}px at 375px (needs {MIN_CHART_TEXT})"
    else:  # capped: on a wide screen the chart does not blow its 12-unit text up past the body text
        assert max(sizes) <= 24, f"chart text renders at {max(sizes):.1f}px at {width}px"


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_is_hidden_until_focused(open_page, width):
    page = open_page("report", width)
    skip = page.locator("a.skip")
    assert skip.count() == 1 and skip.get_attribute("href") == "#main"
    box = skip.bounding_box()
    assert box is None or (box["width"] <= 1 and box["height"] <= 1), f"the skip link shows before focus: {box}"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip')"), "Tab does not reach the skip link first"
    box = skip.bounding_box()
    assert box and box["height"] >= MIN_TARGET and box["width"] > MIN_TARGET, f"the focused skip link is too small: {box}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width and 0 <= box["y"] < HEIGHT, f"focused skip link off screen: {box}"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_report_tooltips_are_chinese(open_page, seed_site):
    """The date's basis tooltip says in Chinese how the date was found; no English reason shows."""
    _, out = seed_site
    for report in sorted(out.glob("reports/*/index.html")):
        tips = re.findall(r'class="basis[^"]*" title="([^"]*)"', report.read_text(encoding="utf-8"))
        assert tips and not any(re.search(r"[A-Za-z]{3,}", t) for t in tips), f"{report}: basis tooltips {tips}"
    page = open_page("report", 1280)
    titles = page.evaluate("() => [...document.querySelectorAll('main [title]')].map(e => e.getAttribute('title'))")
    basis = page.locator("main .basis")
    assert basis.count() == 1 and basis.get_attribute("title"), "the date has no basis tooltip"
    english = [t for t in titles if re.search(r"[A-Za-z]{3,}", t)]
    assert not english, f"English tooltips on the report page: {english}"
    text = page.locator("main").inner_text()
    assert not re.search(r"\b(?:the|year|publication|report)\b", text), "English reasoning shows in the report page"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", ["report", "indicator"])
def test_screenshots(open_page, kind, width):
    """Full-page screenshots for a person to look at (test-artifacts/a11y/, git-ignored)."""
    page = open_page(kind, width)
    path = _artifact(f"{kind}-{width}.png")
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 0
