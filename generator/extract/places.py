"""The body that held the meeting: province, prefecture-level city and county-level unit.

The headline names it most often ("涪陵区…推进会", "长安区委召开…"); a headline such as
"全市…大会召开" gives only the level, and the body's place names vote for the unit. A name
shared by several units (长安区 in 西安 and 石家庄) is resolved by the other places in the text.
"""
from __future__ import annotations

import re
from collections import Counter

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
    return [m for m in gazetteer.scan(text) if _usable(text, m)]


def _votes(ms: list[Mention]) -> Counter:
    """Count mentions per unit, crediting a unit's parents too."""
    by_name = gazetteer.by_name()
    votes: Counter = Counter()
    for m in ms:
        w = FULL_NAME_WEIGHT if m.full else 1
        for u in m.units:
            votes[(u.name, u.code)] += w
            for parent in (u.city, u.province):
                if parent and parent != u.name and parent in by_name:
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
    best = None
    best_v = 0
    for u in gazetteer.units():
        if u.level != level:
            continue
        v = votes.get((u.name, u.code), 0) + votes.get(("^" + u.name, ""), 0)
        if v > best_v:
            best, best_v = u, v
    return best


def _place_of(u: Unit, evidence: int | None) -> Place:
    if u.level == "province":
        return Place(u.province, None, None, u.code, evidence)
    if u.level == "city":
        return Place(u.province, u.name, None, u.code, evidence)
    return Place(u.province, u.city, u.name, u.code, evidence)


def extract_place(report: Report, title: str) -> Place:
    """Return the place of the meeting, or an empty Place when the text never says."""
    body_ms: list[tuple[int, Mention]] = []
    for s in report.sentences:
        for m in mentions(s.text):
            body_ms.append((s.idx, m))
    head = report.headline or title
    head_ms = mentions(head)
    votes = _votes([m for _, m in body_ms] + head_ms * HEADLINE_WEIGHT)

    def evidence_for(u: Unit) -> int | None:
        for idx, m in body_ms:
            if u in m.units:
                return idx
        return None

    if head_ms:
        u = _resolve(head_ms[0].units, votes)
        return _place_of(u, evidence_for(u))
    lead = " ".join(s.text for s in report.sentences[:LEAD_SENTENCES])
    level = _level_from(head) or _level_from(lead)
    if level:
        lead_ms = [m for m in mentions(lead) if any(u.level == level for u in m.units)]
        if lead_ms:
            u = _resolve(tuple(x for x in lead_ms[0].units if x.level == level), votes)
            return _place_of(u, evidence_for(u))
        u = _best_at_level(level, votes)
        if u is None and level == "county":  # 全区 may be an autonomous region
            u = _best_at_level("province", votes)
        if u is not None:
            return _place_of(u, evidence_for(u))
    if body_ms:
        idx, m = body_ms[0]
        u = _resolve(m.units, votes)
        return _place_of(u, idx)
    return Place()
