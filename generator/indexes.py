"""The site's index pages as data: places, frameworks, people and indicators, built from digests.

Pure functions over (report, digest) pairs; no Pelican here. A report is any object the
templates can link to (a Pelican article); the builders read only its digest.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

from .charts import indicator_panels
from .urls import KEY, UrlScheme, framework_key, indicator_key, person_key

Json = Mapping[str, Any]
LEVEL_NAMES = {"province": "省级", "city": "市级", "county": "县级"}


@dataclass
class _Node:
    """A page of the site: KIND/<key>/, its URL and feeds given by the scheme."""

    KIND: ClassVar[str] = ""
    key: str
    url: str = ""
    save_as: str = ""
    rss: str = ""
    atom: str = ""

    def locate(self, scheme: UrlScheme) -> None:
        self.url = scheme.page(self.KIND, self.key)
        self.save_as = scheme.page_save_as(self.KIND, self.key)
        self.rss = scheme.feed("rss", self.KIND, self.key)
        self.atom = scheme.feed("atom", self.KIND, self.key)


@dataclass
class PlaceNode(_Node):
    KIND: ClassVar[str] = "place"
    name: str = ""
    level: str = ""
    parent: str | None = None
    label: str = ""
    articles: list = field(default_factory=list)
    children: set[str] = field(default_factory=set)

    @property
    def code(self) -> str:
        return self.key

    @property
    def level_name(self) -> str:
        return LEVEL_NAMES.get(self.level, "")


@dataclass
class FrameworkNode(_Node):
    KIND: ClassVar[str] = "framework"
    name: str = ""
    description: str | None = None
    variants: set[str] = field(default_factory=set)
    uses: list = field(default_factory=list)  # (report, sentence text)

    @property
    def articles(self) -> list:
        return _unique(a for a, _ in self.uses)


@dataclass(slots=True)
class Appearance:
    """One line of a person's page: when, where, as what."""

    article: Any
    role: str  # 主持 / 讲话 / 出席
    titles: tuple[str, ...]
    date: str | None
    place: str


@dataclass
class PersonNode(_Node):
    KIND: ClassVar[str] = "person"
    name: str = ""
    province: str | None = None
    appearances: list[Appearance] = field(default_factory=list)

    @property
    def articles(self) -> list:
        return _unique(x.article for x in self.appearances)

    @property
    def count(self) -> int:
        return len(self.articles)

    @property
    def titles(self) -> list[str]:
        return _unique("、".join(x.titles) for x in self.appearances if x.titles)

    def role(self, role: str) -> list:
        return _unique(x.article for x in self.appearances if x.role == role)

    @property
    def chaired(self) -> list:
        return self.role("主持")

    @property
    def spoke(self) -> list:
        return self.role("讲话")

    @property
    def attended(self) -> list:
        return self.role("出席")


@dataclass
class IndicatorNode(_Node):
    KIND: ClassVar[str] = "indicator"
    name: str = ""
    forms: set[str] = field(default_factory=set)  # the indicator as reports write it
    rows: list[dict] = field(default_factory=list)  # year, value, indicator, place (node or None), article

    @cached_property
    def panels(self) -> list:
        """The rows by measure, each with its chart: drawn only for a page that is written."""
        return indicator_panels(self.name, self.rows)

    @property
    def articles(self) -> list:
        return _unique(r["article"] for r in self.rows)


def _unique(items: Iterable) -> list:
    seen: set[int] = set()
    out = []
    for x in items:
        k = hash(x) if isinstance(x, str) else id(x)
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


@dataclass
class Indexes:
    places: dict[str, PlaceNode] = field(default_factory=dict)
    frameworks: list[FrameworkNode] = field(default_factory=list)
    people: list[PersonNode] = field(default_factory=list)
    indicators: list[IndicatorNode] = field(default_factory=list)

    @property
    def provinces(self) -> list[PlaceNode]:
        return sorted((n for n in self.places.values() if n.parent is None), key=lambda n: (-len(n.articles), n.code))

    def keys(self, kind: str) -> set[str]:
        nodes: Iterable[_Node] = {
            "place": self.places.values(),
            "framework": self.frameworks,
            "person": self.people,
            "indicator": self.indicators,
        }[kind]
        return {n.key for n in nodes}


def place_chain(place: Json) -> list[tuple[str, str, str]]:
    """(level, name, code) from province down to the finest unit; codes are six digits or skipped."""
    codes = place.get("codes") or {}
    chain = []
    for level in ("province", "city", "county"):
        name = place.get(level)
        if not isinstance(name, str) or not name or (level == "city" and name == place.get("province")):
            continue
        code = codes.get(level) or (place.get("code") if level == "county" else None)
        if isinstance(code, str) and KEY.match(code) and code.isdigit() and len(code) == 6:
            chain.append((level, name, code))
    return chain


def build_indexes(items: Iterable[tuple[Any, Json]], scheme: UrlScheme, glossary: Mapping[str, dict]) -> tuple[Indexes, dict]:
    """Build every index from (report, digest) pairs; return the indexes and, per report id, its
    place chain and framework nodes (for the report page's breadcrumbs and filters)."""
    idx = Indexes()
    frameworks: dict[str, FrameworkNode] = {}
    people: dict[tuple[str, str | None], PersonNode] = {}
    indicators: dict[str, IndicatorNode] = {}
    per_report: dict[int, dict] = {}
    for a, d in items:
        sentences = d.get("sentences") or []

        def sentence(i: object, sentences: list | Mapping = sentences) -> str:
            if isinstance(sentences, Mapping):  # a light digest keeps only the evidence sentences (shards.light_digest)
                return str(sentences.get(i, "")) if isinstance(i, int) else ""
            return sentences[i] if isinstance(i, int) and 0 <= i < len(sentences) else ""

        chain_nodes = _add_places(idx.places, a, d.get("place") or {}, scheme)
        place_label = chain_nodes[-1].label if chain_nodes else "未知地点"
        province = (d.get("place") or {}).get("province")
        fw_nodes = []
        nodes: list[_Node] = list(chain_nodes)  # every page this report is on
        for f in d.get("frameworks") or []:
            name = f.get("name") if isinstance(f, dict) else None
            if not isinstance(name, str) or not name:
                continue
            node = frameworks.get(name)
            if node is None:
                node = frameworks[name] = FrameworkNode(
                    framework_key(name), name=name, description=glossary.get(name, {}).get("description")
                )
                node.locate(scheme)
            node.variants.update(v for v in f.get("variants") or [] if isinstance(v, str))
            node.uses.append((a, sentence(f.get("evidence"))))
            fw_nodes.append(node)
            nodes.append(node)
        date = d.get("date") if isinstance(d.get("date"), str) else None
        for role, key in (("主持", "chairs"), ("讲话", "speakers"), ("出席", "attendees")):
            for person in d.get(key) or []:
                name = person.get("name") if isinstance(person, dict) else None
                if not isinstance(name, str) or not name:
                    continue
                pnode = people.get((name, province))
                if pnode is None:  # one page per name and province: namesakes elsewhere stay apart
                    pnode = people[(name, province)] = PersonNode(person_key(name, province), name=name, province=province)
                    pnode.locate(scheme)
                titles = tuple(t for t in person.get("titles") or [] if isinstance(t, str))
                pnode.appearances.append(Appearance(a, role, titles, date, place_label))
                nodes.append(pnode)
        for t in d.get("targets") or []:
            written = t.get("indicator") if isinstance(t, dict) else None
            if not isinstance(written, str) or not written:
                continue
            canonical = t.get("key") if isinstance(t.get("key"), str) and t.get("key") else written
            inode = indicators.get(canonical)
            if inode is None:
                inode = indicators[canonical] = IndicatorNode(indicator_key(canonical), name=canonical)
                inode.locate(scheme)
            inode.forms.add(written)
            nodes.append(inode)
            inode.rows.append(
                {
                    "year": t.get("year"),
                    "value": t.get("value"),
                    "indicator": written,
                    "place": chain_nodes[-1] if chain_nodes else None,
                    "place_label": place_label,
                    "article": a,
                }
            )
        per_report[id(a)] = {"place_chain": chain_nodes, "framework_nodes": fw_nodes, "nodes": nodes}
    for inode in indicators.values():
        inode.rows.sort(key=lambda r: (r["year"] is None, r["year"] or 0, r["place_label"]))
    idx.frameworks = sorted(frameworks.values(), key=lambda f: (-len(f.articles), f.name))
    idx.people = sorted(people.values(), key=lambda p: (-p.count, p.name, p.province or ""))
    idx.indicators = sorted(indicators.values(), key=lambda i: (-len(i.rows), i.name))
    return idx, per_report


def _add_places(places: dict[str, PlaceNode], a: Any, place: Json, scheme: UrlScheme) -> list[PlaceNode]:
    parent = None
    label = ""
    nodes = []
    for level, name, code in place_chain(place):
        label += name
        node = places.get(code)
        if node is None:
            node = places[code] = PlaceNode(code, name=name, level=level, parent=parent, label=label)
            node.locate(scheme)
        node.articles.append(a)
        if parent:
            places[parent].children.add(code)
        parent = code
        nodes.append(node)
    return nodes
