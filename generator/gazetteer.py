"""China's administrative divisions, from JioNLP's location data (province, city, county).

The data file ships inside the `jionlp` package; it is read directly so that importing
JioNLP's NLP machinery is not needed. Names are matched in text by a longest-match scan.
"""
from __future__ import annotations

import importlib.util
import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
DIRECT_COUNTIES = "省直辖行政区划"  # JioNLP's pseudo-city for county-level units under a province
LEVELS = ("province", "city", "county")
_TOP_LEVELS = re.compile(r"^(\t{0,2})([^\t\r\n]+)\t(\d{6})\t([^\t\r\n]+)\r?$", re.M)
# Short forms of a unit's name that texts use besides the full name, by the full name's ending.
ALIAS_SUFFIXES = {
    "自治州": "州",
    "地区": "地区",
    "盟": "盟",
    "自治县": "县",
    "自治旗": "旗",
}


@dataclass(frozen=True)
class Unit:
    name: str  # full official name
    alias: str  # short name (成都)
    code: str  # administrative code
    level: str  # province / city / county
    province: str
    city: str | None  # prefecture-level parent (for a county), or itself for a city

    @property
    def parent(self) -> str | None:
        if self.level == "county":
            return self.city or self.province
        if self.level == "city":
            return self.province
        return None


def _data_path() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the jionlp package (China's administrative divisions) is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "china_location.zip"


@lru_cache(maxsize=1)
def units() -> tuple[Unit, ...]:
    """Return every province, prefecture-level and county-level unit."""
    with zipfile.ZipFile(_data_path()) as z:
        raw = z.read("china_location.txt").decode("utf-8")
    out: list[Unit] = []
    province = city = None
    # only the first three levels (no more than two leading tabs); towns and villages are skipped in C
    for tabs, name, code, alias in _TOP_LEVELS.findall(raw):
        depth = len(tabs)
        if depth == 0:
            province, city = name, None
            out.append(Unit(name, alias, code, "province", name, None))
        elif depth == 1:
            city = None if name == DIRECT_COUNTIES else name
            if city:
                out.append(Unit(name, alias, code, "city", province, name))
        elif province:
            if province in MUNICIPALITIES:
                city = province
            out.append(Unit(name, alias, code, "county", province, city))
    return tuple(out)


def _forms(u: Unit) -> set[str]:
    """Surface forms under which a unit is recognized in text."""
    forms = {u.name}
    if u.level in ("province", "city") and len(u.alias) >= 2:
        forms.add(u.alias)
    for ending, short in ALIAS_SUFFIXES.items():
        if u.name.endswith(ending) and len(u.alias) >= 2:
            forms.add(u.alias + short if not u.alias.endswith(short) else u.alias)
    if u.level == "county" and u.name.endswith(("自治县", "自治旗")) and len(u.alias) >= 2:
        forms.add(u.alias + u.name[-1])
    return forms


@lru_cache(maxsize=1)
def index() -> dict[str, tuple[Unit, ...]]:
    """Map every surface form to the units it may name."""
    idx: dict[str, list[Unit]] = {}
    for u in units():
        for f in _forms(u):
            idx.setdefault(f, []).append(u)
    return {k: tuple(v) for k, v in idx.items()}


@lru_cache(maxsize=1)
def _scan_tables() -> dict[str, tuple[int, ...]]:
    """Map the first two characters of every name to the lengths of names starting so, longest first."""
    by_prefix: dict[str, set[int]] = {}
    for k in index():
        by_prefix.setdefault(k[:2], set()).add(len(k))
    return {p: tuple(sorted(v, reverse=True)) for p, v in by_prefix.items()}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    units: tuple[Unit, ...]

    @property
    def full(self) -> bool:
        """True when the surface is a unit's full name, not a short alias."""
        return any(u.name == self.surface for u in self.units)


def scan(text: str) -> list[Mention]:
    """Find place names in text, longest match first, left to right, without overlaps."""
    idx = index()
    prefixes = _scan_tables()
    out: list[Mention] = []
    i, n = 0, len(text)
    while i < n - 1:
        lengths = prefixes.get(text[i:i + 2])
        if lengths:
            for L in lengths:
                hit = idx.get(text[i:i + L]) if i + L <= n else None
                if hit:
                    out.append(Mention(i, i + L, text[i:i + L], hit))
                    i += L
                    break
            else:
                i += 1
            continue
        i += 1
    return out


@lru_cache(maxsize=1)
def by_name() -> dict[str, Unit]:
    """Map a full name to its first unit (full names of provinces and cities are unique)."""
    out: dict[str, Unit] = {}
    for u in units():
        out.setdefault(u.name, u)
    return out


def is_place_name(word: str) -> bool:
    return word in index()


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    return frozenset(u.code for u in units())


def is_known_code(code: str) -> bool:
    return code in known_codes()


def codes_for(province: str | None, city: str | None, county: str | None) -> tuple[str | None, str | None, str | None]:
    """The administrative codes of a place given by name (a hand correction), level by level."""
    prov = next((u for u in units() if u.level == "province" and u.name == province), None)
    if city and province in MUNICIPALITIES:
        city_code = prov.code if prov else None
    else:
        c = next((u for u in units() if u.level == "city" and u.name == city and (not province or u.province == province)), None)
        city_code = c.code if c else None
    cty = next((u for u in units() if u.level == "county" and u.name == county
                and (not province or u.province == province) and (not city or u.city == city)), None) if county else None
    return (prov.code if prov else None, city_code, cty.code if cty else None)
