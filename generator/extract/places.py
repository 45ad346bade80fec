"""The body that held the meeting: province, prefecture-level city and county-level unit.

The headline names it most often ("涪陵区…推进会", "长安区委召开…"); a headline such as
"全市…大会召开" gives only the level, and the body's place names vote for the unit. A name
shared by several units (长安区 in 西安 and 石家庄) is resolved by the other places in the text.
A town's meeting (乌镇镇党代会) is placed at the town's county; a unit is named as it was in the
meeting's year (户县 before 2016, 鄠邑区 after). Cue words and patterns: data/place_cues.toml (and the
words after a town that met: vocab/cues.toml).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from .. import gazetteer, tablecache, vocab
from ..gazetteer import MUNICIPALITIES, Mention, Unit
from ..model import Place, Report
from .people import surnames

LEAD_SENTENCES = 3
CUE_SENTENCES = 8  # where the lead names no level (a garbled first line), the next sentences may
FULL_NAME_WEIGHT = 2  # a full name (成都市) says more than a short form (成都) that may be part of a word
HEADLINE_WEIGHT = 5
SOURCE_WEIGHT = 3  # "来源：徐闻县融媒体中心": the publisher is usually the body's own media centre
MIN_ALIAS_COUNT = 2  # a county's short name (浠水) with no other place agreeing must recur to count
MAX_TOWN_NAME = 6  # characters of a town's name before 镇/乡/街道 (小中甸镇)
QUALIFIED_MAX = 10  # characters of a unit's name after its province's (山西吉县, 海南陵水黎族自治县)
MASK = "\u25a1"  # stands in for masked text, keeping offsets
BANNER = "旗"
CITY_WORD = "市"  # the level word, and the name's ending, of a city; a county-level city's too (义乌市)
SUBORDINATE_REACH = 40  # characters before a name where a title chain (市委常委、…、) may start
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_TOWN_END = re.compile(r"镇|乡|街道")


@dataclass(frozen=True)
class _Cues:
    levels: dict[str, str]
    endings: dict[str, str]
    level_cue: re.Pattern
    meeting_clause: re.Pattern
    message_opening: re.Pattern
    self_word: re.Pattern
    senior_post: re.Pattern
    subordinate_post: re.Pattern
    relay_verb: re.Pattern
    relayed_after: re.Pattern
    dateline: re.Pattern
    organ_after: re.Pattern
    venue_after: re.Pattern
    media_after: re.Pattern
    cited: re.Pattern
    menu: re.Pattern
    towns_below: re.Pattern
    counties_below: re.Pattern
    post_after_level: str
    generic: frozenset[str]
    word_after_county: frozenset[str]
    place_after: frozenset[str]
    function_surnames: frozenset[str]
    feature_after_alias: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    c = gazetteer.place_cues()
    p, n = c["patterns"], c["names"]
    return _Cues(
        levels=dict(c["levels"]),
        endings=dict(c["endings"]),
        level_cue=re.compile(p["level_cue"]),
        meeting_clause=re.compile(p["meeting_clause"]),
        message_opening=re.compile(p["message_opening"]),
        self_word=re.compile(p["self_word"]),
        senior_post=re.compile(p["senior_post"]),
        subordinate_post=re.compile(p["subordinate_post"]),
        relay_verb=re.compile(p["relay_verb"]),
        relayed_after=re.compile(p["relayed_after"]),
        dateline=re.compile(p["dateline"]),
        organ_after=re.compile(f"(?:{p['organ_after']})"),
        venue_after=re.compile(p["venue_after"]),
        media_after=re.compile(p["media_after"]),
        cited=re.compile(p["cited"]),
        menu=re.compile(p["menu"]),
        towns_below=re.compile(p["towns_below"]),
        counties_below=re.compile(p["counties_below"]),
        post_after_level=p["post_after_level"],
        generic=frozenset(n["generic"]),
        word_after_county=frozenset(n["word_after_county"]),
        place_after=frozenset(n["place_after"]),
        function_surnames=frozenset(n["function_surnames"]),
        feature_after_alias=frozenset(n["feature_after_alias"]),
    )


def _mask(text: str, pattern: re.Pattern) -> str:
    """Blank out every match, keeping the text's length."""
    return pattern.sub(lambda m: MASK * len(m.group()), text)


def _person_name(text: str, m: Mention) -> bool:
    """吴桂林, 王卫东: a short place name right after a surname, not followed by what a place takes."""
    if m.full or m.start == 0:
        return False
    c = _cues()
    before, after = text[m.start - 1], text[m.end : m.end + 1]
    return before in surnames()[0] and before not in c.function_surnames and after not in c.place_after


def _usable(text: str, m: Mention) -> bool:
    c = _cues()
    if m.surface in c.generic:
        return False
    if len(m.surface) == 2 and all(u.level == "county" for u in m.units):  # a two-character county name
        nxt = text[m.end : m.end + 1]
        # 和县域经济: run into a longer word; 代县长, 副区长: a modifier and a post, not a county
        # (代县's head is 代县县长); 召开县委: its first character ends the word before it
        # (ambiguous_names.tsv)
        if nxt in c.word_after_county or nxt == c.post_after_level or gazetteer.ambiguous_names().joins_before(text, m.start):
            return False
    return not _person_name(text, m)


def _spans(text: str, pattern: re.Pattern) -> list[tuple[int, int]]:
    return [(x.start(), x.end()) for x in pattern.finditer(text)]


def mentions(text: str) -> list[Mention]:
    """Place names in text that name a place: not a person's name, a dateline or a venue."""
    datelines = _spans(text, _cues().dateline)
    return [
        m
        for m in gazetteer.scan(text)
        if _usable(text, m) and not _venue(text, m) and not (datelines and any(a <= m.start < b for a, b in datelines))
    ]


def _venue(text: str, m: Mention) -> bool:
    """在长沙召开: the city where a provincial meeting sat, not the body that held it."""
    return text[max(0, m.start - 1) : m.start] == "在" and bool(_cues().venue_after.match(text, m.end, m.end + 3))


@lru_cache(maxsize=1)
def _province_names() -> frozenset[str]:
    return frozenset(u.name for u in gazetteer.units() if u.level == "province")


def _sat_in(u: Unit, text: str) -> bool:
    """在宣恩召开: the text names the unit (or its short name) as where a meeting sat."""
    after = _cues().venue_after
    for name in {u.name, u.alias}:
        start = text.find("在" + name)
        while start >= 0:
            if after.match(text, start + 1 + len(name)):
                return True
            start = text.find("在" + name, start + 1)
    return False


def _venue_province(text: str) -> Unit | None:
    """The province of the city a provincial meeting sat in (全省…会议在兰州召开), if the name is one
    province's."""
    by_name = gazetteer.by_name()
    for m in gazetteer.scan(text):
        if _venue(text, m):
            provinces = {u.province for u in m.units}
            if len(provinces) == 1:
                return by_name.get(provinces.pop())
    return None


def _organ_mention(text: str, level: str | None, found: list[Mention] | None = None, raw: str = "") -> Mention | None:
    """The first place name followed by an organ, at the meeting's level when that is known, leaving
    out a county named in the post of a member of the city's standing committee (`raw`: the text
    before masking, same offsets)."""
    for m in mentions(text) if found is None else found:
        at_level = level is None or any(_at_level(u, level) for u in m.units)
        if at_level and _organ_after(text, m) and not _subordinate(raw, m):
            return m
    return None


def _subordinate(raw: str, m: Mention) -> bool:
    """市委常委、三河市委书记: a county-level unit named in the post of a person who also sits on the
    (bare) city's standing committee is that person's, not the body that met."""
    if not raw or any(u.level != "county" for u in m.units):
        return False
    return bool(_cues().subordinate_post.search(raw, max(0, m.start - SUBORDINATE_REACH), m.start))


def _relayed(text: str) -> list[Mention]:
    """Bodies whose decisions the meeting relays (传达学习某市委全会精神): higher ones, not the body
    that met. A relaying verb earlier in the same sentence, and 精神 in the clause after the name."""
    c = _cues()
    out: list[Mention] = []
    if not c.relayed_after.search(text):  # most leads relay nothing: skip the scan
        return out
    for m in mentions(text):
        if not c.relayed_after.match(text, m.end):
            continue
        start = max(text.rfind(p, 0, m.start) for p in "。！？\n") + 1
        if c.relay_verb.search(text, start, m.start):
            out.append(m)
    return out


def _fits(u: Unit, word: str | None) -> bool:
    """True unless the level word names another kind of unit (州委 is no 市's, 旗委 no 县's)."""
    ending = _cues().endings.get(word) if word else None
    return ending is None or u.name.endswith(ending)


def _prefer(units: tuple[Unit, ...], word: str | None) -> tuple[Unit, ...]:
    """The units of the kind the level word names, if any are; else all."""
    return tuple(u for u in units if _fits(u, word)) or units


def _organ_after(text: str, m: Mention) -> bool:
    """An organ follows the name: 瑞金市委, 吉县县委 (a name ending in its level word may repeat it)."""
    organ = _cues().organ_after
    if organ.match(text, m.end):
        return True
    return m.full and text[m.end : m.end + 1] == m.surface[-1] and bool(organ.match(text, m.end + 1))


def _at_level(u: Unit, level: str) -> bool:
    """市委 is the organ of a prefecture-level city and of a county-level city (瑞金市) alike."""
    return u.level == level or (level == "city" and u.level == "county" and u.name.endswith("市"))


@lru_cache(maxsize=1)
def _county_aliases() -> dict[str, tuple[Unit, ...]]:
    """Short names of county-level units (安吉 for 安吉县), used only when nothing else names the county."""
    out: dict[str, list[Unit]] = {}
    full = gazetteer.index()
    for u in gazetteer.units():
        if u.level == "county" and len(u.alias) >= 2 and u.alias not in full:
            out.setdefault(u.alias, []).append(u)
            if len(u.alias) >= 3:  # 前郭县 for 前郭尔罗斯蒙古族自治县
                out.setdefault(u.alias[:2] + u.name[-1], []).append(u)
        # a banner's short name is often 达旗 for 达拉特旗, yet texts also write the name without 旗
        stem = u.name[:-1]
        banner = u.level == "county" and u.name.endswith(BANNER) and "自治" not in u.name
        if banner and len(stem) >= 2 and stem != u.alias and stem not in full:
            out.setdefault(stem, []).append(u)
    return {k: tuple(v) for k, v in out.items()}


@tablecache.kept
def _alias_prefixes() -> tuple[dict[str, tuple[int, ...]], re.Pattern]:
    """The first two characters of every short name with the lengths of the names starting so
    (longest first), and a regex finding the positions where such a pair may start (one pass in C)."""
    by_prefix: dict[str, set[int]] = {}
    for k in _county_aliases():
        by_prefix.setdefault(k[:2], set()).add(len(k))
    firsts = "".join(sorted({re.escape(p[0]) for p in by_prefix}))
    seconds = "".join(sorted({re.escape(p[1]) for p in by_prefix}))
    return {p: tuple(sorted(v, reverse=True)) for p, v in by_prefix.items()}, re.compile(f"[{firsts}](?=[{seconds}])")


def _alias_spans(text: str) -> list[tuple[int, int, str]]:
    """County short names in text, left to right, longest first, without overlaps: (start, end, name)."""
    aliases = _county_aliases()
    prefixes, finder = _alias_prefixes()
    out: list[tuple[int, int, str]] = []
    i = 0  # the first position not covered by a name already found
    for x in finder.finditer(text):
        pos = x.start()
        lengths = prefixes.get(text[pos : pos + 2]) if pos >= i else None
        for L in lengths or ():
            w = text[pos : pos + L]
            if len(w) == L and w in aliases:
                out.append((pos, pos + L, w))
                i = pos + L
                break
    return out


def _alias_hits(text: str) -> Counter:
    """Count county short names in text, leaving out personal names (李青山) and longer words (长白山)."""
    aliases = _county_aliases()
    c = _cues()
    amb = gazetteer.ambiguous_names()
    counts: Counter = Counter()
    for i, end, w in _alias_spans(text):
        m = Mention(i, end, w, aliases[w])
        if not (
            _person_name(text, m)
            or text[end : end + 1] in c.feature_after_alias
            or amb.joins_before(text, i)
            or amb.joins_after(text, end)
        ):
            counts[w] += 1
    return counts


def _level_word(text: str) -> str | None:
    """The county-level word of the first level cue in text (县 of 县委, 区 of 全区), if any."""
    m = _cues().level_cue.search(text)
    word = m and (m.group(1) or m.group(2) or m.group(3))
    return word if word and _cues().levels.get(word) == "county" else None


def _county_by_alias(text: str, votes: Counter, year: int | None, word: str | None = None) -> Unit | None:
    """The county whose short name the text uses, if it recurs or other places agree with it; where
    the short name is several units' (宽城: a 县 and a 区), the text's own level word (县委) picks.
    A text that names no other place at all may name its county once (决定某某未来发展), if that
    short name is one county's and no ordinary word."""
    ordinary = gazetteer.ambiguous_names().words
    hits = _alias_hits(text)
    plain = [a for a in hits if a not in ordinary]
    ranked = []
    for alias, n in hits.items():
        cands = _county_aliases()[alias]
        if word:
            cands = tuple(u for u in cands if u.name.endswith(word)) or cands
        u = _resolve(cands, votes, year)
        agrees = _context_score(u, votes) > 0
        sole = not votes and plain == [alias] and len(cands) == 1
        # 振兴 (全面振兴) names 振兴区 only where the text's other places agree
        if agrees or sole or (n >= MIN_ALIAS_COUNT and alias not in ordinary):
            ranked.append((agrees, n, u))
    return max(ranked, key=lambda r: r[:2])[2] if ranked else None


def _qualified(text: str, m: Mention) -> tuple[Unit, ...]:
    """山西吉县, 海南陵水: a province's name run into the name (or short name) of a unit in it
    qualifies that unit, which is the one meant."""
    if not m.units or any(u.level != "province" for u in m.units):
        return ()
    provinces = {u.name for u in m.units}
    full, aliases = gazetteer.index(), _county_aliases()
    for L in range(QUALIFIED_MAX, 1, -1):
        w = text[m.end : m.end + L]
        if len(w) < L:
            continue
        cands = tuple(u for u in (*full.get(w, ()), *aliases.get(w, ())) if u.level != "province" and u.province in provinces)
        if cands:
            return cands
    return ()


def _narrowed(ms: list[Mention], k: int) -> tuple[Unit, ...]:
    """西宁市湟中区, 北京市昌平区: a name run straight into the name of a unit inside it names that
    unit (followed down the chain); () when the k-th mention is not so followed."""
    units: tuple[Unit, ...] = ()
    cur = ms[k]
    for nxt in ms[k + 1 :]:
        if nxt.start != cur.end:
            break
        outer = {u.name for u in (units or cur.units)}
        inner = tuple(
            u for u in nxt.units if u.level != "province" and (u.city in outer or u.province in outer) and u.name not in outer
        )
        if not inner:
            break
        units, cur = inner, nxt
    return units


def _alias_organ(text: str, votes: Counter, year: int | None) -> Unit | None:
    """武山召开…, 安吉县委 written 安吉…: a county's short name followed by an organ or 召开 names the body
    (the headline's own subject), when the short name is one county's or the text's places agree."""
    aliases = _county_aliases()
    organ = _cues().organ_after
    amb = gazetteer.ambiguous_names()
    for i, end, w in _alias_spans(text):
        if not organ.match(text, end):
            continue
        m = Mention(i, end, w, aliases[w])
        if _person_name(text, m) or _venue(text, m) or amb.joins_before(text, i) or w in amb.words:
            continue
        u = _resolve(aliases[w], votes, year)
        if len(aliases[w]) == 1 or _context_score(u, votes) > 0:
            return u
    return None


def _votes(ms: list[Mention]) -> Counter:
    """Count mentions per unit, crediting parents only where the name is not ambiguous."""
    by_name = gazetteer.by_name()
    votes: Counter = Counter()
    for m in ms:
        w = FULL_NAME_WEIGHT if m.full else 1
        shared: set[str] | None = None
        for u in m.units:
            votes[(u.name, u.code)] += w
            parents = {p for p in (u.city, u.province) if p and p != u.name and p in by_name}
            shared = parents if shared is None else shared & parents
        for parent in shared or ():
            votes[("^" + parent, "")] += w
    return votes


def _context_score(u: Unit, votes: Counter) -> int:
    score = 0
    for parent in {p for p in (u.city, u.province) if p and p != u.name}:
        score += votes.get(("^" + parent, ""), 0)
        pu = gazetteer.by_name().get(parent)
        if pu:
            score += votes.get((pu.name, pu.code), 0)
    return score


def _resolve(cands: tuple[Unit, ...], votes: Counter, year: int | None = None) -> Unit:
    """Pick among units sharing a name the one valid in the meeting's year that the text points to."""
    cands = tuple(u for u in cands if u.valid_in(year)) or cands
    if len(cands) == 1:
        return cands[0]
    return max(cands, key=lambda u: (_context_score(u, votes), -cands.index(u)))


def _cue_word(text: str) -> str | None:
    """The level word of the first level cue (市 of 全市, 县 of 县委, 州 of 州长) in text."""
    m = _cues().level_cue.search(text)
    return (m.group(1) or m.group(2) or m.group(3)) if m else None


def _level_in(text: str) -> str | None:
    """The level of the first level cue (全市, 县委, 区长) in text."""
    word = _cue_word(text)
    return _cues().levels.get(word) if word else None


def _meeting_word(text: str) -> str | None:
    """The level word named in the clause that tells of the meeting (区委常委会…举行), if any; not in
    a sentence giving the meeting's message (会议指出，省委…召开现场会: another meeting)."""
    c = _cues()
    for sentence in re.split(r"[。！？\n]", text):
        if c.message_opening.match(sentence):
            continue
        for clause in re.split(r"[，；,;]", sentence):
            if c.meeting_clause.search(clause):
                word = _cue_word(clause)
                if word:
                    return word
    return None


def _self_word(text: str) -> str | None:
    """The level word of the body's own words for itself (我州), if the text has them."""
    m = _cues().self_word.search(text)
    return m.group(1) if m else None


def _level_of(word: str | None) -> str | None:
    """The level a level word names; a town's meeting is placed at its county."""
    level = _cues().levels.get(word) if word else None
    return "county" if level == "town" else level


def _below_relayed(u: Unit, word: str | None, relayed: list[Mention], text: str, year: int | None) -> Unit:
    """市委 relaying 某市委 (the prefecture's) decisions, or a 市 whose towns are its next level down
    (各镇), is a county-level city's: the one of that prefecture the text names (by its name or short
    name) most, if any; else the prefecture."""
    if u.level != "city" or word != CITY_WORD:
        return u
    if not any(u in m.units for m in relayed) and not _towns_below(text):
        return u
    counts: Counter = Counter()
    for m in mentions(text):
        for x in m.units:
            if x.level == "county" and x.city == u.name and x.name.endswith(CITY_WORD):
                counts[x] += 1
    for alias, n in _alias_hits(text).items():
        for x in _county_aliases()[alias]:
            if x.city == u.name and x.name.endswith(CITY_WORD) and x.valid_in(year):
                counts[x] += n
    return counts.most_common(1)[0][0] if counts else u


def _towns_below(text: str) -> bool:
    """The text speaks of towns (各镇) and of no counties (各县（市、区）) as the units below its body."""
    c = _cues()
    return bool(c.towns_below.search(text)) and not c.counties_below.search(text)


def _best_at_level(level: str, votes: Counter, year: int | None, word: str | None = None) -> Unit | None:
    """The unit of that level the text names most; its own name counts twice its children's. Units
    of the kind the level word names (州委: an autonomous prefecture) come first."""
    names = {key[0].lstrip("^") for key in votes}
    ranked: list[tuple[int, Unit]] = []  # in table order: the first of equal counts wins
    for u in sorted((u for n in names for u in gazetteer.named(n)), key=gazetteer.position):
        if not _at_level(u, level) or not u.valid_in(year):
            continue
        v = 2 * votes.get((u.name, u.code), 0) + votes.get(("^" + u.name, ""), 0)
        if v > 0:
            ranked.append((v, u))
    fitting = [r for r in ranked if _fits(r[1], word)] or ranked
    if not fitting:
        return None
    best_v = max(v for v, _ in fitting)
    return next(u for v, u in fitting if v == best_v)


@lru_cache(maxsize=1)
def _town_body_after() -> re.Pattern:
    """What follows a town that is the meeting's body: 党委, 召开, 第十六届 … (vocab/cues.toml)."""
    return re.compile(rf"[：:\s]?(?:{vocab.cue('town_body')})")


def _town_body(text: str) -> tuple[Unit, ...]:
    """The counties holding the town that text names as a meeting body (湾头桥镇隆重召开, 下各镇第十六届)."""
    for m in _TOWN_END.finditer(text):
        if not _town_body_after().match(text, m.end()):
            continue
        for L in range(MAX_TOWN_NAME, 1, -1):
            if m.start() - L < 0:
                continue
            name = text[m.start() - L : m.end()]
            units = gazetteer.town_units(name) if MASK not in name else ()
            if units:
                return units
    return ()


def _town_county(cands: tuple[Unit, ...], votes: Counter, text: str) -> Unit | None:
    """The town's county: the only one, or the one the text's other places or short names point to."""
    if len(cands) == 1:
        return cands[0]
    hits = _alias_hits(text)

    def score(u: Unit) -> int:
        return votes.get((u.name, u.code), 0) + hits.get(u.alias, 0) + _context_score(u, votes)

    ranked = sorted(cands, key=score, reverse=True)
    return ranked[0] if score(ranked[0]) > score(ranked[1]) else None


def _code(name: str | None) -> str | None:
    u = gazetteer.by_name().get(name) if name else None
    return u.code if u else None


def _place_of(u: Unit, evidence: int | None, year: int | None) -> Place:
    """The place of a unit under the names valid in the meeting's year; a municipality is its own city."""
    u = gazetteer.as_of(u, year)
    prov = _code(u.province)
    if u.province in MUNICIPALITIES:
        county = u.name if u.level == "county" else None
        return Place(u.province, u.province, county, u.code, evidence, (prov, prov, u.code if county else None))
    if u.level == "province":
        return Place(u.province, None, None, u.code, evidence, (prov, None, None))
    if u.level == "city":
        return Place(u.province, u.name, None, u.code, evidence, (prov, u.code, None))
    city = gazetteer.city_as_of(u.city, u.province, year)
    return Place(u.province, city, u.name, u.code, evidence, (prov, _code(city), u.code))


def _year_hint(report: Report) -> int | None:
    """The meeting's year when the caller does not know it: a year in the headline or lead, else the
    publication's."""
    text = " ".join([report.headline or "", *(s.text for s in report.sentences[:LEAD_SENTENCES])])
    m = _YEAR.search(text)
    if m:
        return int(m.group(1))
    if report.published and report.published[:4].isdigit():
        return int(report.published[:4])
    return None


def extract_place(report: Report, title: str, year: int | None = None) -> Place:
    """Return the place of the meeting, or an empty Place when the text never says.

    `year` is the meeting's year when known (the digest's date): names follow the divisions of
    that year; without it, a year the headline or lead states, else the publication's."""
    if year is None:
        year = _year_hint(report)
    c = _cues()
    starts, pos = [], 0
    for s in report.sentences:
        starts.append(pos)
        pos += len(s.text) + 1
    text = "\n".join(s.text for s in report.sentences)
    body_ms = [(report.sentences[bisect.bisect_right(starts, m.start) - 1].idx, m) for m in mentions(text)]
    # a headline the page gave; without one the title is the first sentence, read with the lead
    head = report.headline or (title if title and not report.sentences else "")
    head = "" if c.menu.match(head) else head  # a site's menu taken for the headline
    # 杭州网, 某某日报: a headline that is a site's banner names an outlet, not the body
    head_ms = [m for m in mentions(head) if m.full or not c.media_after.match(head, m.end)]
    # the publisher, the site's name and its breadcrumbs: 来源：徐闻县融媒体中心, 瑞金市人民政府 > 政务动态
    source = " ".join([report.publication or "", *report.removed])
    source_ms = mentions(source)
    votes = _votes([m for _, m in body_ms] + head_ms * HEADLINE_WEIGHT + source_ms * SOURCE_WEIGHT)

    def evidence_for(u: Unit) -> int | None:
        for idx, m in body_ms:
            if u in m.units:
                return idx
        return None

    def place(u: Unit) -> Place:
        return _place_of(u, evidence_for(u), year)

    # 省委常委、州委书记: the higher post a person also holds says nothing of the meeting's body
    head_c = _mask(_mask(head, c.senior_post), c.dateline)
    lead = " ".join(s.text for s in report.sentences[:LEAD_SENTENCES])
    lead_c = _mask(_mask(_mask(lead, c.senior_post), c.dateline), c.cited)
    # 传达学习某市委全会精神: the relayed body is a higher one
    relayed = _relayed(lead)
    for m in relayed:
        lead_c = lead_c[: m.start] + MASK * (m.end - m.start) + lead_c[m.end :]
    # a place the headline names wins over places the lead names (江门市委 above 台山市's own meeting)
    first = _organ_mention(head_c, None, head_ms if head_c == head else None, head)
    if first:
        return place(_resolve(first.units, votes, year))
    town = _town_body(head_c) or _town_body(lead_c)
    if town:
        u = _town_county(town, votes, text)
        if u:
            return place(u)
    u = _alias_organ(head_c, votes, year) if head_c else None
    if u:
        return place(u)
    if head_ms:
        qualified = _qualified(head, head_ms[0]) or _narrowed(head_ms, 0)
        return place(_resolve(qualified or head_ms[0].units, votes, year))
    # the level of the clause that tells of the meeting (区委常委会…举行) says which named body met
    word = _meeting_word(head_c + "。" + lead_c) or _cue_word(head_c)
    said = _level_of(word)
    lead_found = mentions(lead_c)
    first = _organ_mention(lead_c, said, lead_found, lead)
    if first:
        u = _resolve(tuple(u for u in first.units if said is None or _at_level(u, said)), votes, year)
        return place(_below_relayed(u, word, relayed, head + "\n" + text, year))
    word = word or _self_word(lead_c) or _cue_word(lead_c)
    if word is None:
        more = " ".join(s.text for s in report.sentences[LEAD_SENTENCES:CUE_SENTENCES])
        more_c = _mask(more, c.senior_post)
        word = _meeting_word(more_c)
        if word is None:
            # a bare level word past the lead (a ranking 在全市领先, a district's name in a byline), in no clause telling of
            # the meeting, is weak: where the lead names places and none of its level, the lead's
            # first place is the body (below)
            far = _cue_word(more_c)
            level_far = _level_of(far)
            if not (level_far and lead_found and not any(_at_level(u, level_far) for m in lead_found for u in m.units)):
                word = far
    level = _level_of(word)
    if level:
        lead_ms = [m for m in lead_found if any(u.level == level for u in m.units)]
        # 州委…: of several places the lead names, one of the kind the level word says
        lead_ms = [m for m in lead_ms if any(u.level == level and _fits(u, word) for u in m.units)] or lead_ms
        # the publisher (来源：沈阳日报) outweighs a place the lead names in passing (北京冬奥会)
        # (a 市's publisher may be a county-level city: 某某市人民政府网 of a 县级市)
        published_by = [m for m in source_ms if any(_at_level(u, level) for u in m.units)]
        chosen = next((m for m in lead_ms if any(set(m.units) & set(s.units) for s in published_by)), None)
        chosen = chosen or (published_by[0] if published_by else None) or (lead_ms[0] if lead_ms else None)
        if chosen:
            at_level = tuple(x for x in chosen.units if x.level == level) or tuple(x for x in chosen.units if _at_level(x, level))
            u = _resolve(_prefer(at_level, word), votes, year)
            return place(_below_relayed(u, word, relayed, head + "\n" + text, year))
        u = _best_at_level(level, votes, year, word)
        u = _below_relayed(u, word, relayed, head + "\n" + text, year) if u else None
        named = {key[0] for key in votes if not key[0].startswith("^") and key[0] in _province_names()}
        if u is not None and named and u.province not in named and not votes.get((u.name, u.code)):
            u = None  # never named itself, only through 工业富县 (a 陕西 county) in a text that names only 湖北
        if u is None and level == "city":  # 全州…会议在宣恩召开: the county's short name gives the prefecture
            a = _county_by_alias(head + "\n" + text, votes, year)
            a = a if a and (not named or a.province in named) else None
            # …but a 市委 whose text names only a county-level city (新某某) is that city's own
            if a and word == CITY_WORD and a.name.endswith(CITY_WORD) and not _sat_in(a, head + "\n" + text):
                u = a
            else:
                u = gazetteer.by_name().get(a.city) if a and a.city else None
        if u is None and level == "province":  # 全省…会议在兰州召开: the city it sat in lies in the province
            u = _venue_province(head_c + "。" + lead_c)
        if u is None and level == "county":  # the short name may stand only in the breadcrumbs (首页>某某要闻)
            u = _county_by_alias(
                head + "\n" + text + "\n" + source, votes, year, _level_word(head_c + "。" + lead_c + "。" + text)
            )
        if u is None and level == "county":  # 全区 may be an autonomous region; else the city is known
            u = _best_at_level("city", votes, year) or _best_at_level("province", votes, year)
        if u is not None:
            return place(u)
    if body_ms:
        return place(_resolve(body_ms[0][1].units, votes, year))
    return Place()
