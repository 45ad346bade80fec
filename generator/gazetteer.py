"""China's administrative divisions (province, city, county), today's and the names they had since 2000.

Today's units come from `data/divisions.tsv` (derived once from JioNLP's location data by
scripts/refresh_divisions.py); the changes since 2000 (户县 → 鄠邑区 in 2016, 昌都地区 → 昌都市 in
2014 …) from `data/division_changes.tsv`, kept by hand; towns (乡, 镇, 街道) with their county from
`data/towns.tsv`. Each table is read once per process. Names are matched in text by a
longest-match scan; `as_of` gives the name a unit had in a given year.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, fields, replace
from functools import lru_cache

from . import tablecache
from .vocab import data_text

MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")
LEVELS = ("province", "city", "county")
# Short forms of a unit's name that texts use besides the full name, by the full name's ending.
ALIAS_SUFFIXES = {
    "自治州": "州",
    "地区": "地区",
    "盟": "盟",
    "自治县": "县",
    "自治旗": "旗",
}
# Endings stripped from an old unit's name to get its short name (襄樊市 → 襄樊, 昌都地区 → 昌都).
_SHORT_ENDING = re.compile(r"(?:地区|市|县|区)$")
# Kinds of change after which the new name stands for the same body as the old (a body named by
# the new name before the change year is the old one); merged and abolished units live on in a
# unit that existed before them.
SAME_BODY_KINDS = frozenset({"rename", "area→city", "county→district", "county→city", "city→district"})
CHANGE_KINDS = SAME_BODY_KINDS | {"merged", "abolished"}


@dataclass(frozen=True)
class Unit:
    name: str  # full official name
    alias: str  # short name (成都)
    code: str  # administrative code
    level: str  # province / city / county
    province: str
    city: str | None  # prefecture-level parent (for a county), or itself for a city
    since: int | None = None  # the year the unit took this name or level (division_changes.tsv)
    until: int | None = None  # the year the unit ceased (renamed, merged, abolished)

    @property
    def parent(self) -> str | None:
        if self.level == "county":
            return self.city or self.province
        if self.level == "city":
            return self.province
        return None

    def __reduce__(self):
        """Pickled as its constructor's arguments (tablecache.py): unpickled through __init__, the
        unit keeps its fields as every other instance does, not in a dict of their own."""
        return (Unit, tuple(getattr(self, f.name) for f in fields(self)))

    def valid_in(self, year: int | None) -> bool:
        """True unless the year is known and the unit did not yet, or no longer, bear its name.

        In the change year itself both names are valid: the text's own naming decides."""
        if year is None:
            return True
        return not ((self.since is not None and year < self.since) or (self.until is not None and year > self.until))


def _rows(name: str) -> list[list[str]]:
    """The data rows of a TSV table in generator/data (comment lines and the column line skipped)."""
    text = data_text(name)
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:]]


@lru_cache(maxsize=1)
def place_cues() -> dict:
    """The place extractor's cue words and patterns (data/place_cues.toml)."""
    text = data_text("place_cues.toml")
    cues = tomllib.loads(text)
    for section in ("levels", "endings", "patterns", "names"):
        if not cues.get(section) or not all(cues[section].values()):
            raise ValueError(f"place_cues.toml: section [{section}] is missing or has an empty entry")
    return cues


@dataclass(frozen=True)
class Ambiguity:
    words: frozenset[str]  # county short names that are ordinary words (振兴)
    before: dict[str, frozenset[str]]  # char -> chars that form a word put before it (开: 召)
    after: dict[str, frozenset[str]]  # char -> chars that form a word put after it (水: 库)

    def joins_before(self, text: str, start: int) -> bool:
        """True when the character before `start` forms a word with the one at `start` (召开县委)."""
        return start > 0 and text[start - 1] in self.before.get(text[start], ())

    def joins_after(self, text: str, end: int) -> bool:
        """True when the character at `end` forms a word with the one before it (邻水库)."""
        return 0 < end < len(text) and text[end] in self.after.get(text[end - 1], ())


@lru_cache(maxsize=1)
def ambiguous_names() -> Ambiguity:
    """Place names that are, or run into, ordinary words (data/ambiguous_names.tsv, and the set phrases
    of place_cues.toml's ordinary_aliases)."""
    words: set[str] = set(place_cues()["names"].get("ordinary_aliases", ()))
    tables: dict[str, dict[str, frozenset[str]]] = {"before": {}, "after": {}}
    for row in _rows("ambiguous_names.tsv"):
        name, kind = row[0], row[1]
        if kind == "word":
            words.add(name)
        elif kind in tables:
            tables[kind][name] = frozenset(row[2])
    return Ambiguity(frozenset(words), tables["before"], tables["after"])


def _short(name: str) -> str:
    short = _SHORT_ENDING.sub("", name)
    return short if len(short) >= 2 else name


@dataclass(frozen=True)
class Change:
    year: int
    province: str
    level: str
    old_name: str
    old_code: str
    new_name: str
    kind: str


@lru_cache(maxsize=1)
def changes() -> tuple[Change, ...]:
    """Return the changes of division_changes.tsv, oldest first."""
    out = []
    for row in _rows("division_changes.tsv"):
        year, province, level, old_name, old_code, new_name, kind = (c.strip() for c in row[:7])
        if kind not in CHANGE_KINDS or level not in ("city", "county"):
            raise ValueError(f"division_changes.tsv: bad row {row!r}")
        out.append(Change(int(year), province, level, old_name, old_code, new_name, kind))
    return tuple(sorted(out, key=lambda c: c.year))


@tablecache.kept
def _tables() -> tuple[tuple[Unit, ...], dict[Unit, Unit], dict[Unit, Unit], dict[str, tuple[Unit, ...]]]:
    """Return (every unit, successor of each old unit, predecessor of each renamed unit, every
    surface form with the units it may name): built, and kept (tablecache), together, so that each
    unit is one object in all four."""
    current: list[Unit] = []
    for code, level, name, short, province, city in (r[:6] for r in _rows("divisions.tsv")):
        current.append(Unit(name, short, code, level, province, city or None))
    old_units: list[Unit] = []
    succ: dict[Unit, Unit] = {}
    pred: dict[Unit, Unit] = {}
    # where each (name, province) stands in `current`, in order: a change finds its units at once
    # instead of scanning the whole table (kept up to date when a unit is renamed below)
    where: dict[tuple[str, str], list[int]] = {}
    for i, u in enumerate(current):
        where.setdefault((u.name, u.province), []).append(i)
    for ch in changes():

        def find(name: str, level: str | None, ch=ch) -> int | None:
            """The position of the first unit of that name in the change's province (not a province)."""
            for i in where.get((name, ch.province), ()):
                if current[i].level != "province" and level in (None, current[i].level):
                    return i
            return None

        at_new = find(ch.new_name, "county" if ch.level == "county" else None)
        at_stale = find(ch.old_name, ch.level)
        if at_new is None and at_stale is not None:  # the source data predates the change (无为县 → 无为市)
            stale = current[at_stale]
            current[at_stale] = replace(stale, name=ch.new_name, alias=_short(ch.new_name), since=ch.year)
            where[(stale.name, stale.province)].remove(at_stale)
            bisect.insort(where.setdefault((ch.new_name, stale.province), []), at_stale)
            at_new = at_stale
        if at_new is None:
            raise ValueError(f"division_changes.tsv: {ch.new_name} is no unit of {ch.province}")
        new = current[at_new]
        if ch.kind in SAME_BODY_KINDS and new.since is None:
            new = current[at_new] = replace(new, since=ch.year)
        if ch.level == "city":
            old = Unit(ch.old_name, _short(ch.old_name), ch.old_code or new.code, "city", ch.province, ch.old_name, until=ch.year)
        else:
            old = Unit(
                ch.old_name,
                _short(ch.old_name),
                ch.old_code or new.code,
                "county",
                ch.province,
                new.city if new.level == "county" else new.name,
                until=ch.year,
            )
        old_units.append(old)
        succ[old] = new
        if ch.kind in SAME_BODY_KINDS:
            pred[new] = old
    # a renamed unit's successor may itself have been updated later in the loop: key by name
    by_key = {(u.name, u.province, u.level): u for u in current}
    succ = {o: by_key.get((n.name, n.province, n.level), n) for o, n in succ.items()}
    pred = {by_key.get((n.name, n.province, n.level), n): o for n, o in pred.items()}
    every = tuple(current) + tuple(old_units)
    return every, succ, pred, _index_of(every)


def units() -> tuple[Unit, ...]:
    """Return every province, prefecture-level and county-level unit, today's first, then old ones."""
    return _tables()[0]


def as_of(u: Unit, year: int | None) -> Unit:
    """The unit under the name it bore in that year (户县 in 2010, 鄠邑区 in 2020); itself if unknown."""
    if year is None:
        return u
    _, succ, pred, _ = _tables()
    for _ in range(len(LEVELS) * 4):  # chains are short (思茅市 → 普洱市); the bound guards a cycle
        if u.until is not None and year > u.until and u in succ:
            u = succ[u]
        elif u.since is not None and year < u.since and u in pred:
            u = pred[u]
        else:
            break
    return u


def city_as_of(name: str | None, province: str, year: int | None) -> str | None:
    """The name in that year of the prefecture-level city named today (襄阳市 → 襄樊市 in 2008)."""
    if not name or year is None:
        return name
    u = next((x for x in named(name) if x.level == "city" and x.province == province), None)
    return as_of(u, year).name if u else name


@lru_cache(maxsize=1)
def _named() -> dict[str, tuple[Unit, ...]]:
    out: dict[str, list[Unit]] = {}
    for u in units():
        out.setdefault(u.name, []).append(u)
    return {k: tuple(v) for k, v in out.items()}


def named(name: str) -> tuple[Unit, ...]:
    """Every unit, today's or old, whose full name is `name`."""
    return _named().get(name, ())


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


def index() -> dict[str, tuple[Unit, ...]]:
    """Map every surface form to the units it may name."""
    return _tables()[3]


def _index_of(every: tuple[Unit, ...]) -> dict[str, tuple[Unit, ...]]:
    idx: dict[str, list[Unit]] = {}
    for u in every:
        for f in _forms(u):
            idx.setdefault(f, []).append(u)
    return {k: tuple(v) for k, v in idx.items()}


@tablecache.kept
def _full_forms() -> frozenset[str]:
    """The surface forms that are the full name of one of the units they name (Mention.full)."""
    return frozenset(k for k, units in index().items() if any(u.name == k for u in units))


@tablecache.kept
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
        if self.units is index().get(self.surface):  # as scan found it: the answer is in a table
            return self.surface in _full_forms()
        return any(u.name == self.surface for u in self.units)


def scan(text: str) -> list[Mention]:
    """Find place names in text, longest match first, left to right, without overlaps.

    Candidate pairs of characters (a first character of some name followed by a second character
    of some name) are listed by one regex pass in C and kept where they do start a name; only
    those positions are tried, in order, skipping positions a longer name already covered."""
    idx = index()
    prefixes = _scan_tables()
    out: list[Mention] = []
    n = len(text)
    i = 0  # the first position not covered by a name already found
    # The pairs come as strings, without match objects (most, nine in ten, are dropped). Each kept
    # pair's position is its next occurrence after the previous kept one: every occurrence of a
    # pair that starts a name is itself a candidate, so none is skipped in between.
    starts = []
    pos = -1
    find = text.find
    for pair in [p for p in _pair_finder().findall(text) if p in prefixes]:
        pos = find(pair, pos + 1)
        starts.append(pos)
    for pos in starts:
        if pos < i:
            continue
        for L in prefixes[text[pos : pos + 2]]:
            hit = idx.get(text[pos : pos + L]) if pos + L <= n else None
            if hit:
                out.append(Mention(pos, pos + L, text[pos : pos + L], hit))
                i = pos + L
                break
    return out


@tablecache.kept
def _pair_finder() -> re.Pattern[str]:
    """Every pair of characters, overlapping, whose first starts some name and whose second is the
    second of some name (every name has two characters or more). findall gives the pairs: each
    match is the pair's second character, and the group looks behind it for the pair, so the
    engine skips by the class of second characters and the next pair may overlap this one."""
    firsts = "".join(sorted({re.escape(p[0]) for p in _scan_tables()}))
    seconds = "".join(sorted({re.escape(p[1]) for p in _scan_tables()}))
    return re.compile(f"[{seconds}](?<=([{firsts}][{seconds}]))")


@lru_cache(maxsize=1)
def by_name() -> dict[str, Unit]:
    """Map a full name to its first unit (today's before old ones; full names of provinces are unique)."""
    out: dict[str, Unit] = {}
    for u in units():
        out.setdefault(u.name, u)
    return out


@lru_cache(maxsize=1)
def by_code() -> dict[str, Unit]:
    """Map a code to today's unit bearing it (a municipality's code to the municipality as a city)."""
    out: dict[str, Unit] = {}
    for u in units():
        if u.until is None and (u.code not in out or u.level == "city"):
            out[u.code] = u
    return out


@lru_cache(maxsize=1)
def towns() -> dict[str, tuple[Unit, ...]]:
    """Map a town's name (乌镇镇, 小中甸镇) to the county-level units (or cities) that hold a town so named."""
    codes = by_code()
    out: dict[str, list[Unit]] = {}
    for parent_code, name in (r[:2] for r in _rows("towns.tsv")):
        u = codes.get(parent_code)
        if u is not None:
            out.setdefault(name, []).append(u)
    return {k: tuple(v) for k, v in out.items()}


# A row of towns.tsv: the parent's code (digits), a tab, the town's name. The column line and the
# comments start otherwise.
_TOWN_ROW_CODE = re.compile(r"^(\d+)\t", re.M)
_TOWN_ROW_NAME = re.compile(r"^\d+\t([^\t\n]*)", re.M)


@lru_cache(maxsize=1)
def _town_codes() -> dict[str, str]:
    """Map a town's name to the codes of the units holding a town so named, in table order, joined by
    spaces: what towns() holds, before the codes are looked up.

    Read at start-up (43,000 rows) as plain strings, mostly in C: a tuple of units per name, as
    towns() builds, is some 40,000 objects for the garbage collector to walk as they are made."""
    text = data_text("towns.tsv")
    codes = _TOWN_ROW_CODE.findall(text)
    names = _TOWN_ROW_NAME.findall(text)
    out = dict(zip(names, codes, strict=True))
    if len(out) < len(names):  # names several counties share: every code, in table order
        shared = {name for name, n in Counter(names).items() if n > 1}
        joined: dict[str, list[str]] = {}
        for name, code in zip(names, codes, strict=True):
            if name in shared:
                joined.setdefault(name, []).append(code)
        out.update((name, " ".join(c)) for name, c in joined.items())
    return out


def town_units(name: str) -> tuple[Unit, ...]:
    """The county-level units (or cities) holding a town of that name (towns()[name]), or ()."""
    codes = _town_codes().get(name)
    if codes is None:
        return ()
    by = by_code()
    return tuple(u for u in map(by.get, codes.split(" ")) if u is not None)


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
    cty = (
        next(
            (
                u
                for u in units()
                if u.level == "county"
                and u.name == county
                and (not province or u.province == province)
                and (not city or u.city == city)
            ),
            None,
        )
        if county
        else None
    )
    return (prov.code if prov else None, city_code, cty.code if cty else None)


@lru_cache(maxsize=1)
def _positions() -> dict[Unit, int]:
    return {u: i for i, u in enumerate(units())}


def position(u: Unit) -> int:
    """A unit's place in the table's order (provinces, then their cities and counties)."""
    return _positions()[u]
