"""Typed, frozen data passed between the pipeline stages.

Source (read) -> Report (normalize) -> Digest (extract) -> Markdown/JSON (render).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .corrections import Corrections


@dataclass(frozen=True)
class Source:
    """One input file, decoded."""

    name: str  # file name, e.g. "000_x.txt"
    text: str
    encoding: str
    headline: str | None = None  # from page metadata (HTML, front matter)
    published: str | None = None  # ISO date from page metadata
    url: str | None = None  # the original article's address (canonical / og:url of a saved page, front matter)
    overrides: Corrections = field(default_factory=Corrections, hash=False, compare=False)  # hand corrections


@dataclass(frozen=True)
class Sentence:
    idx: int
    para: int
    text: str


@dataclass(frozen=True)
class Report:
    """A cleaned report: headline, publication line, body split into sentences."""

    source: str
    headline: str | None
    publication: str | None  # the raw publication line, if any
    published: str | None  # ISO date read from the publication line or page metadata
    paragraphs: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    removed: tuple[str, ...] = ()  # debris lines taken out, for the build report
    url: str | None = None  # the original article's address, when the input says it

    @property
    def body(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass(frozen=True)
class Person:
    name: str
    titles: tuple[str, ...] = ()
    evidence: int | None = None  # sentence index

    def to_json(self) -> dict:
        return {"name": self.name, "titles": list(self.titles), "evidence": self.evidence}


@dataclass(frozen=True)
class Task:
    n: int
    text: str
    evidence: int | None = None

    def to_json(self) -> dict:
        return {"n": self.n, "text": self.text, "evidence": self.evidence}  # asdict's form, without its deep copy


@dataclass(frozen=True)
class Target:
    year: int | None  # None when the text cannot fix the year the goal is for
    indicator: str  # as written (全市生产总值)
    value: str
    evidence: int | None = None
    key: str = ""  # the canonical indicator (地区生产总值), one across reports; derived when not given

    def __post_init__(self) -> None:
        if not self.key:
            from .extract.targets import indicator_key  # the synonym table lives with the extractor

            object.__setattr__(self, "key", indicator_key(self.indicator))

    def to_json(self) -> dict:
        # asdict's form (fields in order), without its deep copy
        return {"year": self.year, "indicator": self.indicator, "value": self.value, "evidence": self.evidence, "key": self.key}


@dataclass(frozen=True)
class Framework:
    name: str  # canonical
    variants: tuple[str, ...] = ()  # as written in the report
    evidence: int | None = None

    def to_json(self) -> dict:
        return {"name": self.name, "variants": list(self.variants), "evidence": self.evidence}


@dataclass(frozen=True)
class Place:
    province: str | None = None
    city: str | None = None
    county: str | None = None
    code: str | None = None  # administrative code of the most specific unit
    evidence: int | None = None
    codes: tuple[str | None, str | None, str | None] = (None, None, None)  # province, city, county

    def to_json(self) -> dict:
        return asdict(self)

    @property
    def label(self) -> str:
        parts = [self.province, self.city, self.county]
        out: list[str] = []
        for p in parts:
            if p and p not in out:
                out.append(p)
        return "".join(out) or "未知地点"


@dataclass(frozen=True)
class MeetingDate:
    value: str | None  # YYYY-MM-DD, --MM-DD or None
    basis: str  # stated / published / inferred / unknown
    evidence: int | None = None
    reason: str = ""  # how the year was reasoned, shown on the page


@dataclass(frozen=True)
class Digest:
    source: str
    title: str
    date: MeetingDate
    place: Place
    chairs: tuple[Person, ...] = ()
    speakers: tuple[Person, ...] = ()
    attendees: tuple[Person, ...] = ()
    tasks: tuple[Task, ...] = ()
    targets: tuple[Target, ...] = ()
    frameworks: tuple[Framework, ...] = ()
    kind: str = "其他"  # the kind of meeting (DIGEST_SCHEMA.md)
    source_url: str | None = None  # the original article's address, shown and in feeds
    sentences: tuple[Sentence, ...] = ()
    corrected: tuple[str, ...] = ()  # fields set by hand in <stem>.meta.toml
    warnings: tuple[str, ...] = ()

    def evidence_text(self, idx: int | None) -> str | None:
        if idx is None or not 0 <= idx < len(self.sentences):
            return None
        return self.sentences[idx].text

    def to_json(self) -> dict:
        """Return the JSON form defined in DIGEST_SCHEMA.md, with evidence sentences."""
        return {
            "source": self.source,
            "title": self.title,
            "date": self.date.value,
            "date_basis": self.date.basis,
            "kind": self.kind,
            "source_url": self.source_url,
            "date_evidence": self.evidence_text(self.date.evidence),
            "date_reason": self.date.reason,
            "place": {
                "province": self.place.province,
                "city": self.place.city,
                "county": self.place.county,
                "code": self.place.code,
                "codes": dict(zip(("province", "city", "county"), self.place.codes, strict=False)),
            },
            "place_evidence": self.evidence_text(self.place.evidence),
            "chairs": [p.to_json() for p in self.chairs],
            "speakers": [p.to_json() for p in self.speakers],
            "attendees": [p.to_json() for p in self.attendees],
            "tasks_explicit": bool(self.tasks),
            "tasks": [t.to_json() for t in self.tasks],
            "targets": [t.to_json() for t in self.targets],
            "frameworks": [f.to_json() for f in self.frameworks],
            "sentences": [s.text for s in self.sentences],
            "corrected": list(self.corrected),
            "warnings": list(self.warnings),
        }
