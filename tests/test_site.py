"""End to end: the bundled seeds become a site with pages, index pages, feeds and data."""

import json
import re

import feedparser
import pytest

from tests.conftest import SEEDS, build_site, rebuild_site, seeds_and_work


def test_every_seed_has_a_page(seed_site):
    report, out = seed_site
    assert report.count("failed") == 0
    assert (out / "index.html").exists()
    pages = sorted(out.glob("reports/*/index.html"))
    assert len(pages) == len(list(SEEDS.glob("*.txt"))) == 5


@pytest.mark.parametrize(
    "place, code",
    [
        ("西藏自治区昌都市", "540300"),
        ("四川省成都市", "510100"),
        ("四川省巴中市", "511900"),
        ("重庆市涪陵区", "500102"),
        ("陕西省西安市长安区", "610116"),
    ],
)
def test_place_pages_with_feeds(seed_site, place, code):
    _, out = seed_site
    page = (out / "place" / code / "index.html").read_text(encoding="utf-8")
    assert place in page
    for kind in ("rss", "atom"):
        assert (out / "place" / code / f"{kind}.xml").exists()


def test_place_hierarchy_province_lists_its_cities(seed_site):
    _, out = seed_site
    sichuan = (out / "place" / "510000" / "index.html").read_text(encoding="utf-8")
    assert "成都市" in sichuan and "巴中市" in sichuan


def test_framework_pages_for_each_framework_found(seed_site):
    _, out = seed_site
    digests = json.loads((out / "data" / "digests.json").read_text(encoding="utf-8"))
    names = {f["name"] for d in digests for f in d["frameworks"]}
    assert {"两个确立", "22445", "三城三都", "一干多支、五区协同"} <= names
    index = (out / "framework" / "index.html").read_text(encoding="utf-8")
    for name in names:
        assert name in index
    assert len(list(out.glob("framework/f-*/index.html"))) == len(names)


def _parse(path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def test_feeds_parse_with_chinese_titles_and_right_dates(seed_site):
    _, out = seed_site
    feed = _parse(out / "feeds" / "rss.xml")
    titles = {e.title: e for e in feed.entries}
    assert "成都市委工作会议召开" in titles
    e = titles["涪陵区推动成渝地区双城经济圈建设工作推进会召开"]
    assert e.published_parsed.tm_year >= 2026  # when the report came into the site, not the meeting day
    assert "王志杰" in e.description  # full digest content
    atom = _parse(out / "feeds" / "atom.xml")
    assert all("王志杰" in x.content[0].value for x in atom.entries if x.title == e.title)  # Atom: <content>


def test_every_feed_parses(seed_site):
    _, out = seed_site
    feeds = list(out.glob("**/rss.xml")) + list(out.glob("**/atom.xml"))
    assert len(feeds) > 20
    for f in feeds:
        _parse(f)


def test_pages_link_their_feeds_for_autodiscovery(seed_site):
    _, out = seed_site
    page = (out / "place" / "510100" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" type="application/rss\+xml"[^>]*rss\.xml', page)


def test_data_exports(seed_site):
    _, out = seed_site
    digests = json.loads((out / "data" / "digests.json").read_text(encoding="utf-8"))
    assert len(digests) == 5 and all("evidence" in t for d in digests for t in d["targets"])
    csv = (out / "data" / "targets.csv").read_text(encoding="utf-8")
    assert "城镇化率" in csv and "达到45%以上" in csv


def test_digest_page_marks_evidence(seed_site):
    _, out = seed_site
    page = next(p for p in out.glob("reports/*/index.html") if "成都市委工作会议召开" in p.read_text(encoding="utf-8"))
    html = page.read_text(encoding="utf-8")
    m = re.search(r'施小琳</a>.*?href="#(s\d+)"', html, re.S)
    assert m and f'id="{m.group(1)}" class="ev"' in html
    assert "据内容推断" in html  # the date's basis is shown


def test_search_index_built(seed_site):
    report, out = seed_site
    if report.search.startswith("skipped"):
        pytest.skip(report.search)
    assert report.search == "ok"
    assert (out / "pagefind" / "pagefind.js").exists()
    assert (out / "search" / "index.html").exists()


def test_build_report_accounts_for_every_input(seed_site):
    _, out = seed_site
    data = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert data["inputs"] == 5 and {f["source"] for f in data["files"]} == {p.name for p in SEEDS.glob("*.txt")}


def test_slugs_never_collide(tmp_path):
    """Same headline twice, 山西/陕西 and 泰州/台州 (alike in transliteration) get distinct pages."""
    seeds = tmp_path / "in"
    seeds.mkdir()
    body = "{place}召开工作会议\n2024年3月1日，{place}召开工作会议。{secretary}主持会议并讲话。\n"
    cases = {
        "a.txt": body.format(place="山西省委", secretary="省委书记张三"),
        "b.txt": body.format(place="陕西省委", secretary="省委书记李四"),
        "c.txt": body.format(place="泰州市委", secretary="市委书记王五"),
        "d.txt": body.format(place="台州市委", secretary="市委书记赵六"),
        "e.txt": body.format(place="泰州市委", secretary="市委书记王五"),  # same headline and date as c
    }
    for name, text in cases.items():
        (seeds / name).write_text(text, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    report, out = build_site(work, seeds)
    slugs = [o.slug for o in report.outcomes]
    assert len(set(slugs)) == 5
    assert len(list(out.glob("reports/*/index.html"))) == 5
    for code, name in (("140000", "山西省"), ("610000", "陕西省"), ("321200", "泰州市"), ("331000", "台州市")):
        assert name in (out / "place" / code / "index.html").read_text(encoding="utf-8")


def test_deleting_a_seed_removes_its_page(tmp_path):
    seeds, work = seeds_and_work(tmp_path)
    report, out = build_site(work, seeds)
    gone = report.outcomes[0]
    (seeds / gone.source).unlink()
    _report2, out = rebuild_site(work, seeds)
    assert not (out / "reports" / gone.slug).exists()
    assert len(list(out.glob("reports/*/index.html"))) == 4
