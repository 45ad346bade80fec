"""Quantitative goals: a year, an indicator and the value as written (增长8%左右)."""
from __future__ import annotations

import re
from functools import lru_cache

from .. import vocab
from ..model import Report, Target

NUM = r"\d+(?:\.\d+)?"
MIN_INDICATOR = 2
MAX_INDICATOR = 30  # longer "indicators" are whole clauses, not a measure
_SEGMENT = re.compile(r"[，；：。！？]")
PLAN_END = {"十三五": 2020, "十四五": 2025, "十五五": 2030}  # last year of a five-year plan


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    t = vocab.toml("targets.toml")
    verbs = vocab.alternation(t["value_verbs"])
    units = vocab.alternation(t["units"])
    quals = vocab.alternation(t["qualifiers"])
    lead = vocab.alternation(t["year_lead"])
    return {
        # 到2025年 / 力争2024年底 / 今年 / 明年 / "十四五"末
        "year": re.compile(
            rf"(?<![比较于])(?:(?:{lead})\s*)?(?:(20\d\d)年(?:底|末|前)?(?![以至-]|\d)|(今年|明年)(?!以来|上半年|前|1|一季度)"
            rf"|(?<=力争|确保|争取|实现|推动)(全年|[一二三四]季度|上半年|下半年)"
            rf"|(年内|全年(?=要|力争|确保|争取|目标|计划)|年初(?=确定|制定|提出))|[“\"]?(十[三四五]五)[”\"]?(?:期)?末)"
        ),
        "verb_value": re.compile(
            rf"(?:{verbs})(?:约|近|超过|到|至|为)?{NUM}(?:[万亿])?(?:{units})?(?:{quals})?(?:(?:和|、){NUM}(?:[万亿])?(?:{units})?(?:{quals})?)*|翻一番|翻两番|翻番"
        ),
        "item_value": re.compile(rf"(?:{NUM})(?:[万亿])?(?:{units})(?:{quals})?$"),
        "verb_only": re.compile(rf"^(?:{verbs})+$"),
        "base_year": re.compile(r"(?:比|较)(?:20\d\d年|上年|去年)$"),
        "strip": re.compile(rf"^(?:{vocab.alternation(t['indicator_strip'])})+"),
        "past": re.compile(vocab.alternation(t["past_words"])),
        "goal": re.compile(r"力争|确保|争取|目标|预期|计划|到20\d\d年|努力"),
        "has_number": re.compile(r"\d|翻"),
    }


def _indicator(raw: str) -> str:
    p = _patterns()
    s = raw.strip(" ，、：；")
    s = p["strip"].sub("", s)
    s = p["base_year"].sub("", s)  # 比2020年翻一番: the base year is not part of the indicator
    s = s.strip(" ，、：；")
    return "" if p["verb_only"].match(s) else s


def _split_respectively(ind: str, value: str) -> list[tuple[str, str]]:
    """城镇和农村居民收入分别增长6%和7.5%左右 -> one target per indicator."""
    if not ind.endswith("分别"):
        return [(ind, value)]
    names = [x for x in re.split(r"和|、|及", ind[:-2]) if x]
    m = re.match(r"^(\D*?)(\d.*)$", value)
    if not m:
        return [(ind[:-2], value)]
    verb, nums = m.groups()
    values = re.split(r"和|、", nums)
    if len(names) != len(values):
        return [(ind[:-2], value)]
    return [(n, verb + v) for n, v in zip(names, values)]


def _year_of(m: re.Match, meeting_year: int | None) -> int | None:
    if m.group(1):
        return int(m.group(1))
    relative = m.group(2) or m.group(3) or m.group(4)  # 今年, 明年, (力争)全年, (确保)二季度, 年内
    if relative:
        if meeting_year is None:
            return None
        return meeting_year + (1 if relative == "明年" else 0)
    return PLAN_END.get(m.group(5))


def _values_in(segment: str, last_indicator: str | None = None) -> list[tuple[str, str]]:
    """Return (indicator, value) pairs found in one comma-separated segment."""
    p = _patterns()
    out: list[tuple[str, str]] = []
    covered: list[tuple[int, int]] = []
    prev = 0
    for m in p["verb_value"].finditer(segment):
        ind = _indicator(segment[prev:m.start()])
        if not ind and last_indicator and not segment[m.end():].strip():
            ind = last_indicator  # 到2027年力争达到260亿元: the indicator of the clause before
        if MIN_INDICATOR <= len(ind) <= MAX_INDICATOR and p["has_number"].search(m.group(0)):
            out.extend(_split_respectively(ind, m.group(0)))
            covered.append((prev, m.end()))
            prev = m.end()
    # items that end in a count: 建成特色小镇40个、省级重点镇12个
    pos = 0
    for item in segment.split("、"):
        start, end = pos, pos + len(item)
        pos = end + 1
        if any(a <= start and end <= b for a, b in covered) or any(a < end and start < b for a, b in covered):
            continue
        m = p["item_value"].search(item)
        if not m:
            continue
        ind = _indicator(item[: m.start()])
        if MIN_INDICATOR <= len(ind) <= MAX_INDICATOR and not ind[-1].isdigit():
            out.append((ind, m.group(0)))
    return out


def extract_targets(report: Report, meeting_year: int | None) -> list[Target]:
    """Return the quantitative goals of a report, each with its year."""
    p = _patterns()
    out: list[Target] = []
    seen: set[tuple[int, str, str]] = set()
    for sent in report.sentences:
        text = sent.text
        anchors = list(p["year"].finditer(text))
        if not anchors:
            continue
        for i, a in enumerate(anchors):
            year = _year_of(a, meeting_year)
            if year is None or (meeting_year and year < meeting_year):
                continue
            scope = text[a.end(): anchors[i + 1].start() if i + 1 < len(anchors) else len(text)]
            if p["past"].search(scope) and not p["goal"].search(text[max(0, a.start() - 4):a.end()] + scope):
                continue
            last: str | None = None
            for seg in _SEGMENT.split(scope):
                for ind, val in _values_in(seg, last):
                    last = ind
                    key = (year, ind, val)
                    if key not in seen:
                        seen.add(key)
                        out.append(Target(year, ind, val, sent.idx))
    return out
