"""Feeds for subscribers: items in the order reports came into the site, never a made-up date."""

from __future__ import annotations

import os
import shutil

import feedparser

from tests.conftest import CORPUS, SEED_TEXTS, build_site

EARLY, LATE = 1_700_000_000, 1_760_000_000  # when the first 100 reports came in, and when the last did
OLD_MEETING = (
    "县委常委会召开会议\n2009年3月2日，德清县委常委会召开会议。县委书记张建国主持会议并讲话。县委副书记、县长李明出席会议。\n"
)


def test_a_report_added_after_100_newer_meetings_comes_first_and_no_date_is_made_up(tmp_path):
    seeds = tmp_path / "in"
    seeds.mkdir()
    sources = sorted((CORPUS / "reports").glob("*.txt")) + sorted(SEED_TEXTS.glob("*.txt"))
    for i in range(100):
        src = sources[i % len(sources)]
        dest = seeds / f"{i:03d}_{src.name}"
        shutil.copy(src, dest)
        os.utime(dest, (EARLY + i, EARLY + i))
    late = seeds / "zz_added_last.txt"
    late.write_text(OLD_MEETING, encoding="utf-8")
    os.utime(late, (LATE, LATE))
    work = tmp_path / "w"
    work.mkdir()
    report, out = build_site(work, seeds)
    assert report.pelican_ok
    for name in ("rss.xml", "atom.xml"):
        feed = feedparser.parse((out / "feeds" / name).read_bytes())
        assert not feed.bozo
        assert feed.entries[0].title == "县委常委会召开会议"  # the 2009 meeting, added last, first
        assert len(feed.entries) == 100
        assert all(e.published_parsed.tm_year >= 2023 for e in feed.entries)  # arrival dates, never 1970
    for page in out.rglob("*.html"):
        assert "1970-01-01" not in page.read_text(encoding="utf-8"), page
