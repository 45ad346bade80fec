"""Pelican plugin: place, framework, people and indicator pages, feeds and the data export.

Every page is a view of the digests written by `digest build` (content/digests/<slug>.json),
attached to their articles here. Pages go through Pelican's writer; feeds are written with
feedgenerator directly so that titles stay literal text (Pelican's own feed writer strips
anything that looks like a tag from titles) and links are absolute.
"""
from __future__ import annotations

import csv
import io
import json
import logging
import os
import re
import shutil
from dataclasses import dataclass, field
from typing import ClassVar
from pathlib import Path

from feedgenerator import Atom1Feed, Rss201rev2Feed
from pelican import signals
from pelican.generators import Generator
from pelican.writers import FileOverwriteFailedError, Writer

from .files import ChangedOnlyFile, write_if_changed

from .charts import indicator_chart
from .extract.frameworks import glossary
from .extract.frameworks import slug as framework_slug
from .render import indicator_slug, person_slug

log = logging.getLogger(__name__)

FEED_KINDS = (("rss", Rss201rev2Feed), ("atom", Atom1Feed))
ALL_FEED_ITEMS = 100  # the site-wide feed
INDEX_FEED_ITEMS = 20  # a place's or a framework's feed: its newest meetings
PRUNED_FOLDERS = ("reports", "place", "framework", "people", "indicators")
LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级"}
PLACE_CODE = re.compile(r"^\d{6}$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet reads a cell starting so as a formula


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading formula character is quoted away."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _IndexPage:
    """A page the plugin writes: FOLDER/<value of KEY>/, an administrative code or a hash slug."""

    FOLDER: ClassVar[str] = ""
    KEY: ClassVar[str] = "slug"

    @property
    def url(self) -> str:
        return f"{self.FOLDER}/{getattr(self, self.KEY)}/"


@dataclass
class PlaceNode(_IndexPage):
    FOLDER: ClassVar[str] = "place"
    KEY: ClassVar[str] = "code"
    code: str
    name: str
    level: str
    parent: str | None
    label: str
    articles: list = field(default_factory=list)
    children: set = field(default_factory=set)



@dataclass
class FrameworkNode(_IndexPage):
    FOLDER: ClassVar[str] = "framework"
    name: str
    slug: str
    description: str | None
    variants: set = field(default_factory=set)
    uses: list = field(default_factory=list)  # (article, sentence text)



@dataclass
class PersonNode(_IndexPage):
    FOLDER: ClassVar[str] = "people"
    name: str
    slug: str
    titles: list = field(default_factory=list)
    chaired: list = field(default_factory=list)
    spoke: list = field(default_factory=list)
    attended: list = field(default_factory=list)


    @property
    def count(self) -> int:
        return len({id(a) for a in self.chaired + self.spoke + self.attended})


@dataclass
class IndicatorNode(_IndexPage):
    FOLDER: ClassVar[str] = "indicators"
    name: str
    slug: str
    rows: list = field(default_factory=list)  # dicts: year, value, place, article
    chart: str = ""



EVIDENCE_KEYS = ("chairs", "speakers", "attendees", "tasks", "targets", "frameworks")


def _slim(d: dict) -> None:
    """Replace the full sentence list by each item's evidence sentence (the data export's form)."""
    sentences = d.pop("sentences", None) or []
    for key in EVIDENCE_KEYS:
        for item in d.get(key, []):
            ev = item.get("evidence")
            item["evidence_text"] = sentences[ev] if isinstance(ev, int) and 0 <= ev < len(sentences) else None


class DigestIndexGenerator(Generator):
    """Build the index pages, feeds and data files from the articles' digests."""

    def generate_context(self):
        articles = self.context.get("articles", [])
        data_dir = Path(self.settings["PATH"]) / self.settings.get("DIGEST_DATA_DIR", "digests")
        places: dict[str, PlaceNode] = {}
        frameworks: dict[str, FrameworkNode] = {}
        people: dict[str, PersonNode] = {}
        indicators: dict[str, IndicatorNode] = {}
        gloss = glossary()
        for a in articles:
            key = a.metadata.get("digest")
            path = data_dir / f"{key}.json"
            try:
                d = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                log.warning("%s: digest data %s unreadable (%s)", a.source_path, path, exc)
                d = {}
            a.digest = d
            a.page_url = a.url  # Pelican recomputes .url on every access; index pages use it thousands of times
            sentences = d.get("sentences", [])

            def sentence(idx):
                return sentences[idx] if isinstance(idx, int) and 0 <= idx < len(sentences) else ""

            # places: province -> city -> county
            p = d.get("place") or {}
            codes = p.get("codes") or {}
            chain = []
            for level in ("province", "city", "county"):
                name = p.get(level)
                if not name or (level == "city" and name == p.get("province")):
                    continue
                code = codes.get(level) or (p.get("code") if level == "county" else None)
                if not isinstance(code, str) or not PLACE_CODE.match(code):
                    continue  # a page path is made of a six-digit code, nothing else
                chain.append((level, name, code))
            parent = None
            label = ""
            for level, name, code in chain:
                label += name
                node = places.get(code)
                if node is None:
                    node = places[code] = PlaceNode(code, name, level, parent, label)
                node.articles.append(a)
                if parent:
                    places[parent].children.add(code)
                parent = code
            a.place_chain = [places[c] for _, _, c in chain]
            # frameworks
            a.framework_nodes = []
            for f in d.get("frameworks", []):
                name = f.get("name")
                if not name:
                    continue
                node = frameworks.get(name)
                if node is None:
                    entry = gloss.get(name, {})
                    node = frameworks[name] = FrameworkNode(name, framework_slug(name), entry.get("description"))
                node.variants.update(f.get("variants", []))
                node.uses.append((a, sentence(f.get("evidence"))))
                a.framework_nodes.append(node)
            # people
            for role, attr in (("chairs", "chaired"), ("speakers", "spoke"), ("attendees", "attended")):
                for person in d.get(role, []):
                    name = person.get("name")
                    if not name:
                        continue
                    node = people.setdefault(name, PersonNode(name, person_slug(name)))
                    titles = "、".join(person.get("titles", []))
                    if titles and titles not in node.titles:
                        node.titles.append(titles)
                    getattr(node, attr).append(a)
            # targets by indicator
            place_label = label or "未知地点"
            for t in d.get("targets", []):
                name = t.get("indicator")
                if not name:
                    continue
                node = indicators.setdefault(name, IndicatorNode(name, indicator_slug(name)))
                node.rows.append({"year": t.get("year"), "value": t.get("value"), "place": place_label, "article": a})
        for a in articles:
            _slim(a.digest)
        for node in indicators.values():
            node.rows.sort(key=lambda r: (r["year"] or 0, r["place"]))
            node.chart = indicator_chart(node.name, node.rows)
        order = lambda xs: sorted(xs, key=lambda x: (-len(x.articles), x.code))  # noqa: E731
        self.places = places
        self.frameworks = sorted(frameworks.values(), key=lambda f: (-len({id(a) for a, _ in f.uses}), f.name))
        self.people = sorted(people.values(), key=lambda p: (-p.count, p.name))
        self.indicators = sorted(indicators.values(), key=lambda i: (-len(i.rows), i.name))
        self.context["digest_places"] = places
        self.context["digest_provinces"] = order([n for n in places.values() if n.parent is None])
        self.context["digest_frameworks"] = self.frameworks
        self.context["digest_people"] = self.people
        self.context["digest_indicators"] = self.indicators

    # -- output -------------------------------------------------------------------------
    def _write(self, writer, save_as, template, **kwargs):
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=os.path.dirname(save_as) + "/",
            **kwargs,
        )

    def generate_output(self, writer):
        for node in self.places.values():
            children = sorted((self.places[c] for c in node.children), key=lambda n: n.code)
            self._write(writer, node.url + "index.html", "place", place=node, children=children,
                        reports=sorted(node.articles, key=lambda a: (a.date, a.slug), reverse=True))
        self._write(writer, "place/index.html", "places")
        for node in self.frameworks:
            self._write(writer, node.url + "index.html", "framework", framework=node)
        self._write(writer, "framework/index.html", "frameworks")
        for node in self.people:
            self._write(writer, node.url + "index.html", "person", person=node)
        self._write(writer, "people/index.html", "people")
        for node in self.indicators:
            self._write(writer, node.url + "index.html", "indicator", indicator=node)
        self._write(writer, "indicators/index.html", "indicators")
        self._write(writer, "search/index.html", "search")
        if self.settings.get("DIGEST_FEEDS", True):
            self._write_feeds()
        self._write_data()
        self._prune()

    def _prune(self):
        """Remove pages of reports, places, frameworks, people and indicators that are gone.

        Pelican rewrites every page on each run but deletes nothing; deleting the whole output
        first (DELETE_OUTPUT_DIRECTORY) costs more than the rebuild itself on a large site.
        """
        keep = {"reports": {a.page_url.strip("/").split("/")[-1] for a in self.context.get("articles", [])},
                "place": set(self.places), "framework": {f.slug for f in self.frameworks},
                "people": {p.slug for p in self.people}, "indicators": {i.slug for i in self.indicators}}
        out = Path(self.output_path)
        for folder in PRUNED_FOLDERS:
            root = out / folder
            if not root.is_dir():
                continue
            for child in root.iterdir():
                if child.is_dir() and child.name not in keep[folder]:
                    shutil.rmtree(child)

    def _site_url(self) -> str:
        return (self.settings.get("SITEURL") or "").rstrip("/")

    def _absolute(self, html: str, article_url: str) -> str:
        base = self._site_url()
        page = f"{base}/{article_url}"
        html = html.replace('href="../../', f'href="{base}/')
        return html.replace('href="#', f'href="{page}#')

    def _feed_html(self, a) -> str:
        """An article's content with absolute links, computed once for all the feeds it is in."""
        cached = self._feed_cache.get(a.page_url)
        if cached is None:
            cached = self._feed_cache[a.page_url] = self._absolute(a.content, a.page_url)
        return cached

    def _feed(self, articles, folder: str, title: str, link: str, limit: int | None = None):
        """Write folder/rss.xml and folder/atom.xml with full content and absolute links."""
        limit = limit or self.settings.get("FEED_MAX_ITEMS") or ALL_FEED_ITEMS
        base = self._site_url()
        out = Path(self.output_path) / folder
        out.mkdir(parents=True, exist_ok=True)
        newest = sorted(articles, key=lambda a: (a.date, a.slug), reverse=True)
        for kind, cls in FEED_KINDS:
            feed = cls(
                title=title,
                link=f"{base}/{link}",
                feed_url=f"{base}/{folder}{kind}.xml",
                description=self.settings.get("SITESUBTITLE", ""),
                language="zh-CN",
            )
            for a in newest[:limit]:
                feed.add_item(
                    title=a.title,
                    link=f"{base}/{a.page_url}",
                    unique_id=f"{base}/{a.page_url}",
                    description=self._feed_html(a),
                    pubdate=a.date,
                    updateddate=a.date,
                )
            buf = io.StringIO()
            feed.write(buf, "utf-8")
            write_if_changed(out / f"{kind}.xml", buf.getvalue())

    def _write_feeds(self):
        articles = self.context.get("articles", [])
        site = self.settings.get("SITENAME", "")
        self._feed_cache: dict[str, str] = {}
        self._feed(articles, "feeds/", site, "")
        for node in self.places.values():
            self._feed(node.articles, node.url, f"{node.label} · {site}", node.url, INDEX_FEED_ITEMS)
        for node in self.frameworks:
            self._feed([a for a, _ in node.uses], node.url, f"“{node.name}” · {site}", node.url, INDEX_FEED_ITEMS)

    def _write_data(self):
        out = Path(self.output_path) / "data"
        out.mkdir(parents=True, exist_ok=True)
        articles = sorted(self.context.get("articles", []), key=lambda a: a.slug)
        digests = [{**getattr(a, "digest", {}), "url": a.page_url} for a in articles]
        write_if_changed(out / "digests.json", json.dumps(digests, ensure_ascii=False, separators=(",", ":")))
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["report", "url", "province", "city", "county", "year", "indicator", "value", "evidence"])
        for a, d in zip(articles, digests):
            p = d.get("place") or {}
            sentences = d.get("sentences", [])
            for t in d.get("targets", []):
                ev = t.get("evidence")
                w.writerow([csv_cell(x) for x in (
                    d.get("source"), a.page_url, p.get("province"), p.get("city"), p.get("county"), t.get("year"),
                    t.get("indicator"), t.get("value"), sentences[ev] if isinstance(ev, int) and ev < len(sentences) else "")])
        write_if_changed(out / "targets.csv", buf.getvalue())


class ChangedOnlyWriter(Writer):
    """Pelican's writer, but a page whose HTML is unchanged is not written again."""

    def _open_w(self, filename, encoding, override=False):
        # Pelican's own bookkeeping (writers.Writer._open_w), minus the open() that would truncate
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            filename = os.devnull
        elif filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}": Pelican has already written it')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return ChangedOnlyFile(filename)


def _get_generators(pelican):
    return DigestIndexGenerator


def _get_writer(pelican):
    return ChangedOnlyWriter


def register():
    signals.get_generators.connect(_get_generators)
    signals.get_writer.connect(_get_writer)
