"""RSS and Atom feeds, written with feedgenerator so titles stay literal text.

Items are ordered by when each report came into the site (newest first), never by the meeting's
date, so a report added today about an older meeting reaches subscribers; an item's date is that
arrival date, never a made-up one. Atom carries the digest in <content>, RSS in <description>.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from feedgenerator import Atom1Feed, Rss201rev2Feed

from .files import write_if_changed

FORMATS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}
SITE_FEED_ITEMS = 100  # the site-wide feed
PAGE_FEED_ITEMS = 20  # a place's, framework's, person's or indicator's feed


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str  # absolute
    added: datetime  # when the report came into the site
    summary: str  # one line: date, place, chair
    content: str  # the digest as HTML with absolute links


@dataclass(frozen=True)
class FeedSpec:
    title: str
    link: str  # absolute URL of the page the feed belongs to
    description: str


def newest(items: Iterable[FeedItem], limit: int) -> list[FeedItem]:
    return sorted(items, key=lambda i: (i.added, i.link), reverse=True)[:limit]


def write_feeds(folder: Path, base_url: str, path: str, spec: FeedSpec, items: list[FeedItem]) -> None:
    """Write folder/<path>rss.xml and atom.xml for items (already chosen and ordered)."""
    for fmt, cls in FORMATS.items():
        feed = cls(
            title=spec.title,
            link=spec.link,
            feed_url=f"{base_url}/{path}{fmt}.xml",
            description=spec.description,
            language="zh-CN",
        )
        for it in items:
            feed.add_item(
                title=it.title,
                link=it.link,
                unique_id=it.link,  # the report's permanent URL: a correction never makes a new item
                description=it.content if fmt == "rss" else it.summary,
                content=it.content if fmt == "atom" else None,
                pubdate=it.added,
                updateddate=it.added,
            )
        buf = io.StringIO()
        feed.write(buf, "utf-8")
        write_if_changed(folder / path / f"{fmt}.xml", buf.getvalue())
