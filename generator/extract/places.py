"""The body that held the meeting: province, prefecture-level city and county-level unit.

The headline names it most often ("涪陵区…推进会", "长安区委召开…"); a headline such as
"全市…大会召开" gives only the level, and the body's place names vote for the unit. A name
shared by several units (长安区 in 西安 and 石家庄) is resolved by the other places in the text.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from .. import gazetteer
from ..gazetteer import Mention, Unit
from ..model import Place, Report

LEAD_SENTENCES = 3
FULL_NAME_WEIGHT = 2  # a full name (成都市) says more than a short form (成都) that may be part of a word
HEADLINE_WEIGHT = 5
GENERIC_NAMES = frozenset({"城区", "矿区", "郊区", "新区"})  # real unit names that are mostly common words
# A level word after 全 or before an organ: 全市, 市委, 县政府 …
LEVEL_OF = {
    "省": "province", "自治区": "province",
    "市": "city", "州": "city", "盟": "city", "地区": "city",
    "区": "county", "县": "county", "旗": "county",
}
# A place name right before an organ is the body that met: 瑞金市委常委会, 和平区召开
_ORGAN_AFTER = re.compile(r"(?:委|党委|党工委|人民政府|政府|人大|政协|常委会|全会|召开|举行)")
SOURCE_WEIGHT = 3  # "来源：徐闻县融媒体中心": the publisher is usually the body's own media centre
_LEVEL_CUE = re.compile(r"全(省|自治区|市|州|盟|区|县|旗)|(省|自治区|市|州|盟|地|区|县|旗)(?:委|党委|政府|人民政府|人大|政协)")


def _usable(text: str, m: Mention) -> bool:
    if m.surface in GENERIC_NAMES:
        return False
    nxt = text[m.end:m.end + 1]
    # 和县域经济: a two-character county name run into a longer word
    if len(m.surface) == 2 and all(u.level == "county" for u in m.units) and nxt in set("域级城乡镇里内外"):
        return False
    return True


def mentions(text: str) -> list[Mention]:
    return [m for m in gazetteer.scan(text) if _usable(text, m) and not _venue(text, m)]


def _venue(text: str, m: Mention) -> bool:
    """在长沙召开: the city where a provincial meeting sat, not the body that held it."""
    return text[max(0, m.start - 1):m.start] == "在" and bool(re.match(r"(?:市|县|区)?(?:召开|举行|开幕)", text[m.end:m.end + 3]))


def _organ_mention(text: str, level: str | None) -> Mention | None:
    """The first place name followed by an organ, at the meeting's level when that is known."""
    for m in mentions(text):
        if _ORGAN_AFTER.match(text, m.end) and (level is None or any(_at_level(u, level) for u in m.units)):
            return m
    return None


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
    return {k: tuple(v) for k, v in out.items()}


def _county_by_alias(text: str, votes: Counter) -> Unit | None:
    aliases = _county_aliases()
    counts: Counter = Counter()
    found: dict[str, tuple[Unit, ...]] = {}
    for L in (4, 3, 2):
        for i in range(len(text) - L + 1):
            w = text[i:i + L]
            if w in aliases:
                counts[w] += 1
                found[w] = aliases[w]
    if not counts:
        return None
    word, n = counts.most_common(1)[0]
    return _resolve(found[word], votes) if n >= 2 else None


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
    for parent in {u.city, u.province} - {None, u.name}:
        score += votes.get(("^" + parent, ""), 0)
        pu = gazetteer.by_name().get(parent)
        if pu:
            score += votes.get((pu.name, pu.code), 0)
    return score


def _resolve(cands: tuple[Unit, ...], votes: Counter) -> Unit:
    """Pick among units sharing a name the one the rest of the text points to."""
    if len(cands) == 1:
        return cands[0]
    return max(cands, key=lambda u: (_context_score(u, votes), -cands.index(u)))


def _level_from(text: str) -> str | None:
    m = _LEVEL_CUE.search(text)
    if not m:
        return None
    word = m.group(1) or m.group(2)
    return LEVEL_OF.get("地区" if word == "地" else word)


def _best_at_level(level: str, votes: Counter) -> Unit | None:
    """The unit of that level the text names most; its own name counts twice its children's."""
    best = None
    best_v = 0
    for u in gazetteer.units():
        if not _at_level(u, level):
            continue
        v = 2 * votes.get((u.name, u.code), 0) + votes.get(("^" + u.name, ""), 0)
        if v > best_v:
            best, best_v = u, v
    return best


def _code(name: str | None) -> str | None:
    u = gazetteer.by_name().get(name) if name else None
    return u.code if u else None


def _place_of(u: Unit, evidence: int | None) -> Place:
    prov = _code(u.province)
    if u.level == "province":
        return Place(u.province, None, None, u.code, evidence, (prov, None, None))
    if u.level == "city":
        return Place(u.province, u.name, None, u.code, evidence, (prov, u.code, None))
    return Place(u.province, u.city, u.name, u.code, evidence, (prov, _code(u.city), u.code))


def extract_place(report: Report, title: str) -> Place:
    """Return the place of the meeting, or an empty Place when the text never says."""
    import bisect

    starts, pos = [], 0
    for s in report.sentences:
        starts.append(pos)
        pos += len(s.text) + 1
    text = "\n".join(s.text for s in report.sentences)
    body_ms = [(report.sentences[bisect.bisect_right(starts, m.start) - 1].idx, m) for m in mentions(text)]
    head = report.headline or title
    head_ms = mentions(head)
    # the publisher, the site's name and its breadcrumbs: 来源：徐闻县融媒体中心, 瑞金市人民政府 > 政务动态
    source = " ".join([report.publication or "", *report.removed])
    source_ms = mentions(source)
    votes = _votes([m for _, m in body_ms] + head_ms * HEADLINE_WEIGHT + source_ms * SOURCE_WEIGHT)

    def evidence_for(u: Unit) -> int | None:
        for idx, m in body_ms:
            if u in m.units:
                return idx
        return None

    lead = " ".join(s.text for s in report.sentences[:LEAD_SENTENCES])
    head_level = _level_from(head)
    # a place the headline names wins over places the lead names (江门市委 above 台山市's own meeting)
    first = _organ_mention(head, None) or (head_ms[0] if head_ms else None) or _organ_mention(lead, head_level)
    if first:
        u = _resolve(first.units, votes)
        return _place_of(u, evidence_for(u))
    level = head_level or _level_from(lead)
    if level:
        lead_ms = [m for m in mentions(lead) if any(u.level == level for u in m.units)]
        if lead_ms:
            u = _resolve(tuple(x for x in lead_ms[0].units if x.level == level), votes)
            return _place_of(u, evidence_for(u))
        u = _best_at_level(level, votes)
        if u is None and level == "county":
            u = _county_by_alias(head + lead + " ".join(s.text for s in report.sentences), votes)
        if u is None and level == "county":  # 全区 may be an autonomous region; else the city is known
            u = _best_at_level("city", votes) or _best_at_level("province", votes)
        if u is not None:
            return _place_of(u, evidence_for(u))
    if body_ms:
        idx, m = body_ms[0]
        u = _resolve(m.units, votes)
        return _place_of(u, idx)
    return Place()
