"""Hand corrections (<stem>.meta.toml): read safely, validated against a schema, typed.

A corrections file comes from whoever sent the report, so it is untrusted input like the report:
every key is checked for its type, range and format before any value reaches the digest, a page,
a path or Pelican's metadata. A file that breaks a rule fails its report with a message naming
the file and the key; it never reaches further.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from typing import Any

from .errors import BadCorrections

MAX_CORRECTIONS_BYTES = 64 * 1024  # a corrections file is a few lines; a large one is a mistake or an attack
MAX_TEXT = 200  # longest title, name, task or value a correction may set
MAX_ITEMS = 200  # longest list (people, tasks, targets, frameworks) a correction may set
DATE_BASES = ("stated", "published", "inferred", "unknown")
PLACE_LEVELS = ("province", "city", "county")
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY_ONLY = re.compile(r"^--(\d{2})-(\d{2})$")
_CODE = re.compile(r"^\d{6}$")
# C0/C1 controls (tab and newline too: every corrected value is one line), surrogates, noncharacters
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


@dataclass(frozen=True)
class PersonFix:
    name: str
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetFix:
    year: int | None
    indicator: str
    value: str


@dataclass(frozen=True)
class PlaceFix:
    province: str | None
    city: str | None
    county: str | None
    code: str | None


@dataclass(frozen=True)
class Corrections:
    """The validated content of one corrections file; None means 'not corrected'."""

    title: str | None = None
    date: str | None = None
    date_basis: str | None = None
    place: PlaceFix | None = None
    chairs: tuple[PersonFix, ...] | None = None
    speakers: tuple[PersonFix, ...] | None = None
    attendees: tuple[PersonFix, ...] | None = None
    tasks: tuple[str, ...] | None = None
    targets: tuple[TargetFix, ...] | None = None
    frameworks: tuple[str, ...] | None = None
    kind: str | None = None
    source_url: str | None = None

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(k for k in FIELDS if getattr(self, k) is not None)

    def __bool__(self) -> bool:
        return bool(self.fields)


FIELDS = (
    "title",
    "date",
    "date_basis",
    "place",
    "chairs",
    "speakers",
    "attendees",
    "tasks",
    "targets",
    "frameworks",
    "kind",
    "source_url",
)
WEB_ADDRESS = re.compile(r"^https?://[^\s\"'<>]{1,490}$")  # an original article's address (corrections, pages)


class _Check:
    """Validators that name the file and the key in every message."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, key: str, problem: str) -> BadCorrections:
        return BadCorrections(self.file, f"`{key}`: {problem}")

    def text(self, key: str, value: Any, limit: int = MAX_TEXT) -> str:
        if not isinstance(value, str):
            raise self.fail(key, f"must be a string, not {_type(value)}")
        value = value.strip()
        if not value:
            raise self.fail(key, "must not be empty")
        if len(value) > limit:
            raise self.fail(key, f"is {len(value)} characters long; at most {limit}")
        if _UNSAFE.search(value):
            raise self.fail(key, "contains control characters or line breaks")
        return value

    def items(self, key: str, value: Any) -> list:
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list (e.g. {key} = [...]), not {_type(value)}")
        if len(value) > MAX_ITEMS:
            raise self.fail(key, f"has {len(value)} items; at most {MAX_ITEMS}")
        return value

    def table(self, key: str, value: Any, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict:
        if not isinstance(value, dict):
            raise self.fail(key, f"must be a table ({{ {', '.join(allowed)} }}), not {_type(value)}")
        unknown = sorted(set(value) - set(allowed))
        if unknown:
            raise self.fail(key, f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}")
        missing = [k for k in required if k not in value]
        if missing:
            raise self.fail(key, f"needs {', '.join(missing)}")
        return value

    def date(self, value: Any) -> str:
        value = self.text("date", value, 10)
        m = _FULL_DATE.match(value)
        try:
            if m:
                dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                if not 1949 <= int(m.group(1)) <= 2100:
                    raise ValueError("year out of range")
                return value
            m = _DAY_ONLY.match(value)
            if m:
                dt.date(2000, int(m.group(1)), int(m.group(2)))  # a leap year: --02-29 is a day
                return value
        except ValueError:
            raise self.fail("date", f"{value!r} is not a real day") from None
        raise self.fail("date", f"{value!r} must be YYYY-MM-DD, or --MM-DD when the year is unknown")

    def person(self, key: str, value: Any) -> PersonFix:
        if isinstance(value, str):
            return PersonFix(self.text(key, value, 20))
        t = self.table(key, value, ("name", "titles"), ("name",))
        titles = t.get("titles", [])
        if isinstance(titles, str):
            raise self.fail(f"{key}.titles", 'must be a list of strings (titles = ["书记"]), not a string')
        return PersonFix(
            self.text(f"{key}.name", t["name"], 20),
            tuple(self.text(f"{key}.titles", x) for x in self.items(f"{key}.titles", titles)),
        )


def _type(value: Any) -> str:
    return {str: "a string", int: "a number", float: "a number", bool: "true/false", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__
    )


def parse_corrections(data: bytes, file: str, known_code=None) -> Corrections:
    """Parse and validate the bytes of a corrections file; raise BadCorrections naming the key.

    `known_code(code) -> bool` says whether an administrative code exists (the gazetteer).
    """
    if len(data) > MAX_CORRECTIONS_BYTES:
        raise BadCorrections(
            file, f"{len(data)} bytes is larger than the {MAX_CORRECTIONS_BYTES // 1024} KB limit for corrections"
        )
    try:
        raw = tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BadCorrections(file, "is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadCorrections(file, f"cannot parse corrections: {exc}") from None
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise BadCorrections(file, f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(FIELDS)}")
    c = _Check(file)
    out: dict[str, Any] = {}
    if "title" in raw:
        out["title"] = c.text("title", raw["title"])
    if "date" in raw:
        out["date"] = c.date(raw["date"])
    if "date_basis" in raw:
        basis = raw["date_basis"]
        if basis not in DATE_BASES:
            raise c.fail("date_basis", f"must be one of {', '.join(DATE_BASES)}")
        out["date_basis"] = basis
    if "place" in raw:
        t = c.table("place", raw["place"], (*PLACE_LEVELS, "code"))
        names = {k: (c.text(f"place.{k}", t[k], 30) if k in t else None) for k in PLACE_LEVELS}
        if not any(names.values()):
            raise c.fail("place", "names no province, city or county")
        code = None
        if "code" in t:
            code = c.text("place.code", t["code"], 6) if isinstance(t["code"], str) else None
            if code is None or not _CODE.match(code):
                raise c.fail("place.code", 'must be a six-digit administrative code in quotes, e.g. "500102"')
            if known_code is not None and not known_code(code):
                raise c.fail("place.code", f"{code} is no administrative code known to the gazetteer")
        out["place"] = PlaceFix(names["province"], names["city"], names["county"], code)
    for key in ("chairs", "speakers", "attendees"):
        if key in raw:
            out[key] = tuple(c.person(key, v) for v in c.items(key, raw[key]))
    if "tasks" in raw:
        tasks = []
        for v in c.items("tasks", raw["tasks"]):
            if isinstance(v, dict):
                v = c.table("tasks", v, ("text", "n", "parent"), ("text",))["text"]
            tasks.append(c.text("tasks", v))
        out["tasks"] = tuple(tasks)
    if "targets" in raw:
        targets = []
        for v in c.items("targets", raw["targets"]):
            t = c.table("targets", v, ("year", "indicator", "value"), ("indicator", "value"))
            year = t.get("year")
            if year is not None and (isinstance(year, bool) or not isinstance(year, int) or not 1949 <= year <= 2100):
                raise c.fail("targets.year", "must be a year such as 2025 (a number), or left out when unknown")
            targets.append(
                TargetFix(year, c.text("targets.indicator", t["indicator"], 40), c.text("targets.value", t["value"], 60))
            )
        out["targets"] = tuple(targets)
    if "frameworks" in raw:
        fws = []
        for v in c.items("frameworks", raw["frameworks"]):
            if isinstance(v, dict):
                v = c.table("frameworks", v, ("name",), ("name",))["name"]
            fws.append(c.text("frameworks", v, 40))
        out["frameworks"] = tuple(fws)
    if "kind" in raw:
        from .extract.kind import kinds

        if raw["kind"] not in kinds():
            raise c.fail("kind", f"must be one of {', '.join(kinds())}")
        out["kind"] = raw["kind"]
    if "source_url" in raw:
        url = c.text("source_url", raw["source_url"], 500)
        if not WEB_ADDRESS.match(url):
            raise c.fail("source_url", "must be an http:// or https:// address")
        out["source_url"] = url
    basis = out.get("date_basis")
    if basis is not None and "date" not in out and basis != "unknown":
        raise c.fail("date_basis", "is set without a `date`: give the day it stands for")
    if "date" in out and basis is not None and (basis == "unknown") != out["date"].startswith("--"):
        raise c.fail("date_basis", "`unknown` goes with a --MM-DD date, the others with YYYY-MM-DD")
    return Corrections(**out)
