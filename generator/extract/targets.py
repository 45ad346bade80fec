"""Quantitative goals: a year, an indicator and the value as written (增长8%左右).

A sentence is read from each year anchor (到2025年, 今年, “十四五”末, 主要预期目标是 …) to the next;
every clause in that scope that holds an indicator and a value is a goal. The year is null where
the text cannot fix it (今年 in a report whose year is unknown); the goal is still listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from .. import vocab
from ..model import Report, Sentence, Target
from .numerals import cn_to_int

MIN_INDICATOR = 2
MAX_INDICATOR = 30  # longer "indicators" are whole clauses, not a measure
# clause marks, with the small forms (﹐﹔﹕) some pages print and normalize leaves as they are
_SEGMENT = re.compile(r"[，；：。！？﹐﹔﹕]")
PLAN_FIRST = 1955  # the N-th five-year plan (十N五) ends in PLAN_FIRST + 5 * N: 十四五 -> 2025
BEFORE_ANCHOR = 8  # characters before a year anchor read for an estimate (预计2006年…) or a goal word

DIG = r"\d+(?:\.\d+)?"
CN_DIGITS = "零〇○一二两三四五六七八九十百千万亿"
CN_NUM = rf"[零〇○一二两三四五六七八九十][{CN_DIGITS}]*(?:点[{CN_DIGITS}]+)?"  # not 百亿, 千亿: magnitudes
CN_YEAR_DIGITS = {
    "零": "0",
    "〇": "0",
    "○": "0",
    "O": "0",
    "o": "0",
    "一": "1",
    "二": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
}


def _alt(t: dict, key: str) -> str:
    items = t[key]
    if not items:
        raise ValueError(f"targets.toml: {key} is empty")  # an empty alternation would match everywhere
    return vocab.alternation(items)


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    t = vocab.toml("targets.toml")
    verbs = _alt(t, "value_verbs")
    units = _alt(t, "units")
    word_units = vocab.alternation(set(t["units"]) - set(t["count_units"]))  # units a Chinese numeral may take
    quals = _alt(t, "qualifiers")
    lead = _alt(t, "year_lead")
    flat = _alt(t, "flat_values")
    rng = rf"{DIG}(?:%?[-－—~～至到]{DIG})?"  # 5-5.5%, 6%～6.5%
    pct = rf"百分之(?:{DIG}|{CN_NUM})(?:[-－—~～至到](?:百分之)?(?:{DIG}|{CN_NUM}))?"
    # a number with its unit: digits (unit optional after a verb), 百分之八, or Chinese numerals with a unit
    number = rf"(?:{pct}|{rng}(?:多|余)?[万亿]?(?:{units})?|{CN_NUM}(?:多|余)?(?:{word_units}))(?:人民币)?(?:{quals})?"
    item_number = rf"(?:{pct}|{rng}(?:多|余)?[万亿]?(?:{units})|{CN_NUM}(?:多|余)?(?:{word_units}))(?:人民币)?(?:{quals})?"
    cn_year = r"[一二][〇○零0Oo][〇○零0Oo一二三四五六七八九]{2}"
    # Speed: the year pattern opens with a lookbehind and an optional part, which gives the regex
    # engine no first character to look for, and it runs on every sentence. A lookahead naming the
    # characters an anchor can start with (a lead word's, an implicit phrase's, or those of the
    # alternatives below) is tested first and fails fast; it changes nothing in what matches.
    # a period right after one of these verbs (力争全年…): one lookbehind per verb, as they may differ in length
    after_verb = "|".join(f"(?<={re.escape(v)})" for v in vocab.word_list("targets.toml", "anchor_verbs"))
    year_starts = {w[0] for w in t["year_lead"] + t["implicit_year"] + t["horizon"]} | set('12一二今明全三四上下年“"「『十')
    first = "".join(sorted(re.escape(c) for c in year_starts))
    # each guarded (vocab.search_guarded): many open with an optional word or a lookbehind, which gives
    # the regex engine no first character to skip to, and run on every sentence
    return {
        # 到2025年 / 力争2024年底 / 二〇〇七年 / 今年 / 明年 / (力争)全年 / 一季度完成… / "十四五"末 / 主要预期目标是
        "year": vocab.search_guarded(
            rf"(?=[{first}])(?<![比较于与同])(?:(?:{lead})\s*)?(?:"
            rf"(?P<y>20\d\d|19\d\d|{cn_year})年(?:底|末|前)?(?![以至-]|\d|持平|相比|同期|{_alt(t, 'base_year_follow')})"
            rf"|(?P<rel>今年|明年)(?!以来|上半年|前|1|一季度)"
            rf"|(?:{after_verb})(?P<per>全年|[一二三四]季度|上半年|下半年)"
            rf"|(?P<per_goal>全年|[一二三四]季度|上半年|下半年)(?=(?:{_alt(t, 'period_goal_follow')}))"
            rf"|(?P<rel2>年内|全年(?={_alt(t, 'whole_year_follow')})|年初(?={_alt(t, 'year_start_follow')}))"
            # 比“十一五”末下降20%: a plan period after 比 is the base of a comparison, not a goal's year
            rf"|(?<![比较][“\"「『])[“\"「『]?(?P<plan>十[一二三四五六七八九]五)[”\"」』]?(?:{_alt(t, 'plan_period')})"
            rf"|(?P<horizon>{_alt(t, 'horizon')})"
            rf"|(?P<imp>{_alt(t, 'implicit_year')}))"
        ),
        "verb_value": vocab.search_guarded(
            rf"(?:{verbs})(?:{_alt(t, 'value_approx')})?{number}(?:(?:和|、){number})*"
            rf"|(?:{_alt(t, 'ratio_verbs')})[\u4e00-\u9fff]{{1,12}}?的{number}"
            rf"|翻(?:一|两|二)?番(?:{quals})?|保{DIG}%?争{DIG}%?"
            rf"|(?:{flat})"  # 与上年持平: a goal of no change, with no number
        ),
        "item_value": vocab.search_guarded(rf"{item_number}$"),
        "year_value": vocab.search_guarded(r"^\D*(?:19|20)\d\d年"),  # 力争2030年 is a date, not a value
        # a year, then within one clause (no other number) the goals it is for: 2010年某市经济社会发展预期目标
        "headline_goal": vocab.search_guarded(
            rf"((?:19|20)\d\d|{cn_year})年[^，,。；;：:\d年]{{0,12}}?(?:{_alt(t, 'headline_goal_words')})"
        ),
        "verb_only": vocab.search_guarded(rf"^(?:{verbs})+$"),
        # 分别, or 均 after a pair (but not the 均 of 人均, 年均, 亩均): one value for each indicator
        "respectively": vocab.search_guarded(
            rf"(?:分别|(?<![人年亩])(?:{_alt(t, 'shared_value_words')}))((?:{_alt(t, 'value_adverbs')})?)$"
        ),
        "pair_sep": vocab.search_guarded(r"和|、|及"),
        "indicator_end": vocab.search_guarded(rf"(?:{_alt(t, 'indicator_ends')})$"),
        "slogan_count": vocab.search_guarded(r"[一二两三四五六七八九十]个[“\"]?$"),  # “两个翻番” names a slogan, not a value
        "last_year_start": vocab.search_guarded(_alt(t, "last_year_start")),
        "continues": vocab.search_guarded(rf"^(?:{_alt(t, 'continue_verbs')})"),
        "end_verb": vocab.search_guarded(rf"(?:{verbs})(?:{verbs})*$"),  # (…)+ with its first word in front (speed)
        "base_year": vocab.search_guarded(r"(?:比|较)(?:20\d\d年|上年|去年)$"),
        # a named year or plan period as the base of a goal (比2010年翻一番, 比“十一五”末下降20%): part of the value
        "base_in_value": vocab.search_guarded(
            r"(?:比|较)(?:(?:19|20)\d\d年(?:底|末)?|[“\"「『]?十[一二三四五六七八九]五[”\"」』]?(?:期末|末))$"
        ),
        "strip": vocab.search_guarded(rf"^(?:{_alt(t, 'indicator_strip')})+"),
        "intro": vocab.search_guarded(rf"^.*(?:{_alt(t, 'indicator_intro')})"),
        "tail": vocab.search_guarded(rf"(?:{_alt(t, 'indicator_tail')})(?:{_alt(t, 'indicator_tail')})*$"),  # (…)+, as end_verb
        "lead_verb": vocab.search_guarded(rf"^(?:.*?(?:{_alt(t, 'lead_modals')}))?({_alt(t, 'lead_verbs')})(.+)$"),
        "past": vocab.search_guarded(_alt(t, "past_words")),
        "estimate": vocab.search_guarded(_alt(t, "estimate_words")),
        "goal": vocab.search_guarded(rf"{_alt(t, 'goal_words')}|到20\d\d年"),
        "announce": vocab.search_guarded(_alt(t, "announce_words")),
        "achieved": vocab.search_guarded(_alt(t, "achieved_words")),
        "goal_wide": vocab.search_guarded(rf"{_alt(t, 'goal_words')}|到20\d\d年|要(?<![主需重只必为]要)|将(?!近)"),
        "has_number": vocab.search_guarded(rf"\d|翻|百分之|[{CN_DIGITS}]|{flat}"),
        # Speed: a sentence with no match here holds no value (every number above has a digit, 翻, a
        # magnitude 百千万亿, or a Chinese numeral right before its unit), so its anchors are not sought.
        # (Only whether it matches counts. The same three cases as [\d翻百千万亿]|[零…十](?:多|余)?(?:units)|flat,
        # each told by the character the pattern opens with, which the regex engine skips to by itself.)
        "maybe_value": vocab.search_guarded(
            rf"[\d翻百千万亿零〇○一二两三四五六七八九十{vocab.first_chars(t['flat_values'])[1:-1]}]"
            rf"(?:(?<=[\d翻百千万亿])|(?<=[零〇○一二两三四五六七八九十])(?:多|余)?(?:{word_units})|(?<=(?=(?:{flat}))(?s:.)))"
        ),
        "modal": vocab.search_guarded(rf"(?:{_alt(t, 'indicator_modals')})(?=增长|增速|$)"),
        "pledge": vocab.search_guarded(rf"{_alt(t, 'pledge_words')}|要(?<![主需重只必为]要)"),
        "aside": vocab.search_guarded(r"[（(].*$"),  # 可达到11万亿元（人民币，下同）: a note in brackets after a value
        "name_after": vocab.search_guarded(r"[\u4e00-\u9fff]"),
        "mention": vocab.search_guarded(rf"(?:{_alt(t, 'mention_verbs')})$"),  # “发展”出现67次: a word count
        "quotes": vocab.search_guarded(r"[“”\"‘’'「」『』\s]"),
        "this_year": vocab.search_guarded(_alt(t, "this_year_words")),
        "review": vocab.search_guarded(_alt(t, "review_words")),
        "part_year": vocab.search_guarded(rf"(?:{_alt(t, 'part_year')}|\d{{1,2}}(?:[-－—~～至到]\d{{1,2}})?月)"),
    }


@lru_cache(maxsize=1)
def _expand() -> dict[str, list[str]]:
    return dict(vocab.toml("targets.toml")["respectively_expand"])


@lru_cache(maxsize=1)
def _key_table() -> tuple[dict[str, str], re.Pattern]:
    table = vocab.pairs("indicators.tsv")
    scope = vocab.toml("targets.toml")["key"]["scope_prefixes"]
    return table, re.compile(rf"^(?:{vocab.alternation(scope)})")


@lru_cache(maxsize=4096)
def indicator_key(indicator: str) -> str:
    """Return the canonical key of an indicator: 全市生产总值, GDP and 地区生产总值 are one indicator."""
    table, scope = _key_table()
    s = re.sub(r"[“”\"\s]", "", indicator)
    if s in table:
        return table[s]
    bare = scope.sub("", s)
    return table.get(bare, bare or s)


@lru_cache(maxsize=4096)  # indicators recur within and across reports; a pure function of the words
def _indicator(raw: str) -> str:
    p = _patterns()
    s = p["quotes"].sub("", raw).strip(" ，、：；")
    s = p["tail"].sub("", s)  # 地区生产总值预期目标为 -> 地区生产总值
    s = p["intro"].sub("", s)  # 主要预期目标是地区生产总值 -> 地区生产总值
    s = p["strip"].sub("", s)
    s = p["base_year"].sub("", s)  # 比2020年翻一番: the base year is not part of the indicator
    s = p["tail"].sub("", s.strip(" ，、：；"))  # 地区生产总值预期目标为 -> 地区生产总值
    s = p["modal"].sub("", s)  # 经济预期增长 -> 经济增长 (but 人均预期寿命 stays)
    s = s.strip(" ，、：；")
    return "" if p["verb_only"].match(s) else s


def _split_respectively(ind: str, value: str) -> list[tuple[str, str]]:
    """城镇和农村居民收入分别增长6%和7.5%左右 -> one target per indicator; so too a pair of whole
    indicators with one value (地区生产总值和财政收入增长10%, 财政总收入、地方财政收入均增长7%)."""
    p = _patterns()
    m = p["respectively"].search(ind)
    if not m:
        names = [x for x in p["pair_sep"].split(ind) if x]
        if len(names) < 2 or not all(len(n) >= MIN_INDICATOR and p["indicator_end"].search(n) for n in names):
            return [(ind, value)]
        return _pair_values(names, ind, value)
    ind, value = ind[: m.start()], m.group(1) + value  # 分别实际增长10%: the adverb goes with the value
    names = [x for x in p["pair_sep"].split(ind) if x]
    if not names:  # 分别增长8%和10% with the indicators in an earlier clause: nothing to name them by
        return []
    if len(names) == 1:
        for head, parts in _expand().items():  # 城乡居民收入 -> 城镇居民收入, 农村居民收入
            if ind.startswith(head):
                names = [part + ind[len(head) :] for part in parts]
                break
    elif len(names[0]) < len(names[-1]) - 2:  # 城镇和农村居民收入: the first shares the last one's noun
        size = len(names[0])
        latin = LATIN_HEAD.match(names[-1])
        if latin and LATIN_HEAD.fullmatch(names[0]):
            size = len(latin.group(0))  # PM2.5、PM10年均浓度: the noun follows the last one's Latin name
        names = [n + names[-1][size:] if LATIN_HEAD.fullmatch(n) or len(n) == len(names[0]) else n for n in names]
    return _pair_values(names, ind, value)


LATIN_HEAD = re.compile(r"[A-Za-z][A-Za-z0-9.]*")  # a name in Latin letters and digits: PM2.5, SO2


def _pair_values(names: list[str], ind: str, value: str) -> list[tuple[str, str]]:
    """Give each of several indicators its value: the i-th of several, or the one value to all."""
    m = re.match(r"^(\D*?)([\d百].*)$", value)
    if not m:  # 翻一番, 与上年持平: a value with no number, the same for each
        return [(n, value) for n in names] if len(names) > 1 else [(ind, value)]
    verb, nums = m.groups()
    values = re.split(r"和|、", nums)
    if len(values) == 1:
        values = values * len(names)  # 城镇和农村居民收入分别增长7%: one value for each
    if len(names) != len(values):
        return [(ind, value)]
    return [(n, verb + v) for n, v in zip(names, values, strict=True)]


def _lead_verb_split(ind: str) -> str:
    """完成工业投资 (137亿元) -> 工业投资: a verb written before the indicator is no part of it."""
    m = _patterns()["lead_verb"].match(ind)
    return m.group(2) if m and len(m.group(2)) >= MIN_INDICATOR else ind


def _values_in(segment: str, last_indicator: str | None = None) -> list[tuple[str, str]]:
    """Return (indicator, value) pairs found in one comma-separated segment."""
    p = _patterns()
    out: list[tuple[str, str]] = []
    covered: list[tuple[int, int]] = []
    prev = 0
    for m in p["verb_value"].finditer(segment):
        if p["year_value"].match(m.group(0)):
            continue
        if m.group(0).startswith("翻") and p["slogan_count"].search(segment[: m.start()]):
            continue  # “两个翻番”: the name of a slogan
        if m.group(0)[-1].isdigit() and p["name_after"].match(segment, m.end()):
            continue  # 实现3815战略目标: a bare number a word follows names a package, no value
        raw, value = segment[prev : m.start()], m.group(0)
        if base := p["base_in_value"].search(raw):
            raw, value = raw[: base.start()], base.group(0) + value  # 比2010年翻一番: the base goes with the value
        ind = _indicator(raw)
        if not ind and last_indicator and not p["aside"].sub("", segment[m.end() :]).strip(' ”"'):
            ind = last_indicator  # 到2027年力争达到260亿元: the indicator of the clause before
        if MIN_INDICATOR <= len(ind) <= MAX_INDICATOR and p["has_number"].search(m.group(0)):
            out.extend(_split_respectively(ind, value))
            covered.append((prev, m.end()))
            prev = m.end()
        elif not ind and segment[prev : m.start()].strip():
            covered.append((m.start(), m.end()))  # 增长的目标定为增长12%: lead-in words, and no indicator in them
    # items that end in a count: 建成特色小镇40个、省级重点镇12个
    pos = 0
    items = segment.split("、")
    for item in items:
        start, end = pos, pos + len(item)
        pos = end + 1
        if any(a < end and start < b for a, b in covered):
            continue
        found = p["item_value"].search(item)
        if not found or p["year_value"].match(found.group(0)):
            continue
        ind, value = _lead_verb_split(_indicator(item[: found.start()])), found.group(0)
        if not ind and last_indicator and len(items) == 1:
            ind, value = last_indicator, item.strip()  # 一季度完成工业投资137亿元，力争158亿元
        if MIN_INDICATOR <= len(ind) <= MAX_INDICATOR and not ind[-1].isdigit() and not p["mention"].search(ind):
            out.extend(_split_respectively(ind, value))
    return out


def _cn_year(token: str) -> int:
    return int("".join(CN_YEAR_DIGITS.get(ch, ch) for ch in token))


def _year_of(m: re.Match, meeting_year: int | None) -> int | None:
    if m.group("y"):
        return _cn_year(m.group("y"))
    if m.group("plan"):
        return PLAN_FIRST + 5 * cn_to_int(m.group("plan")[:-1], "strict")
    if meeting_year is None or m.group("horizon"):
        return None  # 今后五年: goals for a span of years, none of them fixed
    return meeting_year + (1 if m.group("rel") == "明年" else 0)


def _anchors(text: str) -> list[re.Match]:
    """The year anchors of a sentence; 主要预期目标是 counts only where no year was named before it."""
    p = _patterns()
    out: list[re.Match] = []
    for a in p["year"].finditer(text):
        if a.group("imp") and out:
            continue
        if a.group("per_goal") and (not p["goal_wide"].search(text) or p["past"].search(text)):
            continue  # 一季度完成… is a goal only in a sentence that sets goals
        out.append(a)
    return out


HEADER_END = ("：", ":")  # 今年主要预期目标： with the goals in the next paragraph


def extract_targets(report: Report, meeting_year: int | None) -> list[Target]:
    """Return the quantitative goals of a report, each with its year (None where it cannot be fixed)."""
    p = _patterns()
    found: Found = []
    seen: set[tuple[int | None, str, str]] = set()
    carry: tuple[re.Match, int | None] | None = None  # a header's year, for the sentences after it
    prev: Sentence | None = None
    goal_years: set[int] = set()  # named years the report has set goals for (2013年主要预期目标…)
    past: tuple[int, int] | None = None  # (sentence, year): the last year a sentence named, if before the meeting's
    told: Told = {}  # in a report of unknown year, the years it names bare: reviewed as done or not, given goals
    listed: Listed = None  # the last sentence that listed goals, with its anchor and year
    for sent in _unwrapped(report):
        text = sent.text.replace(" ", "")  # 增长 5% 以上 -> 增长5%以上 (normalize made every space a plain one)
        before, prev = prev, sent
        heading = _is_heading(report, sent, text)
        # a header announcing the goals that follow: 一、今年主要预期目标： or a heading line 今后五年的重点目标
        announces = text.endswith(HEADER_END) or (heading and bool(p["goal"].search(text)))
        if not announces and not p["maybe_value"].search(text):
            if heading:
                carry = None  # the heading of another part (赶超发展的五年) ends the goals of the one before
            if carry is None:
                continue  # no number, so no goal (and no header announcing goals)
        anchors = _anchors(text)
        if not anchors and carry is None:
            # 今年…。力争实现…: that sentence's year; so too a list of goals that goes on past a full stop
            go_on = _continued(before, sent, text, meeting_year) or _list_goes_on(before, sent, text, listed)
            if go_on is not None and _add_all(found, seen, *go_on, text, sent.idx):
                listed = (sent.idx, *go_on)
            elif go_on is None:
                _add_pledged(found, seen, text, meeting_year, sent.idx)  # 力争全区果品产量870万吨
            continue
        if not anchors and carry:
            a, year = carry
            if text.rstrip().endswith("。"):
                carry = None
            if not (p["past"].search(text) and not p["goal"].search(text)):  # 过去一年…: a result, not a goal
                _add_all(found, seen, a, year, text, sent.idx)
            continue
        carry = None
        last: str | None = None  # the indicator of the clause before: 到2027年力争达到260亿元
        # the year a named-year anchor before in this sentence set (2011年…全年实现…), or a past year the
        # sentence just before named last (2015年，…。全年实现生产总值…: that year's result)
        named = past[1] if past and before and past[0] == before.idx else None
        past = None
        for i, a in enumerate(anchors):
            lead = _SEGMENT.split(text[max(0, a.start() - BEFORE_ANCHOR) : a.start()])[-1]
            scope = text[a.end() : anchors[i + 1].start() if i + 1 < len(anchors) else len(text)]
            if meeting_year is None and a.group("y"):
                _tell_year(told, a, lead, scope)
            if p["estimate"].search(lead + a.group(0)) or (a.group("y") and p["estimate"].search(scope[:BEFORE_ANCHOR])):
                continue  # 预计2006年全市实现…, 2017年预计完成…: an estimate, not a goal
            if a.group("rel2") == "年初" and _last_year_start(before, sent, text[: a.start()]):
                continue  # 去年年初确定的目标为…: last year's goals
            year = _year_of(a, meeting_year)
            kind = _kind(a)
            if a.group("y") or a.group("rel") or a.group("imp"):
                past = (sent.idx, year) if year is not None and meeting_year and year < meeting_year else None
                if past and p["this_year"].search(text, a.end()):
                    past = None  # 2023年…完成138亿元；今年1至5月…: the meeting's year is spoken of after it
            if a.group("rel") or a.group("imp"):
                named = None  # 今年, 主要预期目标: the meeting's year again
            elif named is not None and (a.group("per") or a.group("per_goal") or a.group("rel2")):
                year, kind = named, "y"  # 2011年，…全年实现…: the whole of the year just named
            if year is not None and meeting_year and year < meeting_year:
                continue
            context = lead + a.group(0) + scope
            if p["past"].search(scope) and not p["goal"].search(context):
                continue
            if (
                meeting_year is None
                and (a.group("y") or a.group("plan"))
                and year not in goal_years
                and not (p["goal_wide"].search(context) or _goals_follow(before, sent))
            ):
                continue  # a named year in a report of unknown year: a goal only if the text says so
            if a.group("y") and year is not None:
                named = year
                if p["goal"].search(context):
                    goal_years.add(year)
            n = len(found)
            pairs, last = _clause_goals(scope, last)
            for ind, val in pairs:
                _add(found, seen, kind, year, ind, val, sent.idx)
                listed = (sent.idx, a, year)
            if i == len(anchors) - 1 and len(found) == n and announces:
                carry = (a, year)  # 一、今年主要预期目标： — the goals follow
    announced = _headline_goal_year(report.headline)
    dated = _year_from_dated(found, meeting_year, _year_after_review(found, told) if announced is None else announced)
    return [Target(year, ind, val, idx) for _kind, year, ind, val, idx in dated]


def _add_all(found: Found, seen: set, a: re.Match, year: int | None, text: str, idx: int) -> bool:
    """Every goal of a sentence that has no year of its own, under the year of an anchor before it;
    whether it has any."""
    pairs, _last = _clause_goals(text)
    for ind, val in pairs:
        _add(found, seen, _kind(a), year, ind, val, idx)
    return bool(pairs)


def _clause_goals(text: str, last: str | None = None) -> tuple[list[tuple[str, str]], str | None]:
    """The (indicator, value) pairs of a text's clauses, and the indicator its last clauses leave to the
    next (to a value with none of its own: 到2027年力争达到260亿元). A clause that is an indicator and
    nothing else (广东省地区生产总值，可达到11万亿元) leaves it too."""
    p = _patterns()
    out: list[tuple[str, str]] = []
    for seg in _SEGMENT.split(text):
        pairs = _values_in(seg, last)
        if pairs:
            last = pairs[-1][0]
        elif not p["has_number"].search(seg) and p["indicator_end"].search(ind := _indicator(seg)):
            last = ind if MIN_INDICATOR <= len(ind) <= MAX_INDICATOR else last
        out.extend(pairs)
    return out, last


def _add_pledged(found: Found, seen: set, text: str, meeting_year: int | None, idx: int) -> None:
    """The goals of a sentence that names no year but pledges them (…，力争全区果品产量870万吨): a
    work report's tasks are the meeting's year's, so they are goals of that year. The goals are read
    from the first pledge word on; a sentence that speaks of a result or an estimate gives none."""
    p = _patterns()
    m = p["pledge"].search(text)
    if m is None or p["past"].search(text) or p["estimate"].search(text):
        return
    for ind, val in _clause_goals(text[m.start() :])[0]:
        _add(found, seen, "this", meeting_year, ind, val, idx)


HEADING_MAX = 24  # a paragraph this short that stops without punctuation is a heading (今后五年的重点目标)


def _is_heading(report: Report, sent: Sentence, text: str) -> bool:
    """A short paragraph of its own that stops without punctuation: a heading (or a bare list line)."""
    return (
        bool(text)
        and len(text) <= HEADING_MAX
        and text[-1] not in CLAUSE_END
        and report.paragraphs[sent.para].replace(" ", "") == text
    )


def _continued(
    before: Sentence | None, sent: Sentence, text: str, meeting_year: int | None
) -> tuple[re.Match, int | None] | None:
    """A sentence that names no year goes on with the goals of the sentence before it in the paragraph
    when it opens with 力争 or 确保 (今年，全镇要…。力争实现工业总产值21亿元…), or when that sentence
    announces goals and sets none with a number (今后五年的主要目标是：…。全县生产总值年均增长7%…;
    …明确目标。“生产总值增长6%…”) and neither speaks of a result: that sentence's last year anchor,
    or the meeting's year where it names none."""
    p = _patterns()
    if before is None or before.para != sent.para:
        return None
    prior = before.text.replace(" ", "")
    announced = not p["continues"].match(text) and _announces(prior, text)
    if not announced and not p["continues"].match(text):
        return None
    anchors = _anchors(prior)
    if not anchors:
        return (_this_year(), meeting_year) if announced else None
    a = anchors[-1]
    lead = _SEGMENT.split(prior[max(0, a.start() - BEFORE_ANCHOR) : a.start()])[-1]
    if p["estimate"].search(lead + a.group(0)) or p["past"].search(prior[a.end() :]):
        return None
    year = _year_of(a, meeting_year)
    return None if year is not None and meeting_year and year < meeting_year else (a, year)


def _announces(prior: str, text: str) -> bool:
    """A sentence announces the goals of the next (…的主要目标是：…, …明确目标，再出发！) when it says so
    and holds no goal with a number of its own, and the next speaks of no result, estimate or part of a year."""
    p = _patterns()
    if not (p["announce"].search(prior) or p["goal"].search(prior[-BEFORE_ANCHOR:])) or _clause_goals(prior)[0]:
        return False
    if p["past"].search(prior) or p["review"].search(prior) or p["achieved"].search(prior):
        return False  # 圆满完成年度目标。全县生产总值增长6%: the goals met, then the results
    return not (p["past"].search(text) or p["estimate"].search(text) or p["part_year"].search(text))


@lru_cache(maxsize=1)
def _this_year() -> re.Match:
    """An anchor that stands for the meeting's year, for goals announced with none (…明确目标。…)."""
    m = _patterns()["year"].match("今年")
    assert m is not None
    return m


Listed = tuple[int, re.Match, int | None] | None  # (sentence, anchor, year) of goals just listed


def _list_goes_on(before: Sentence | None, sent: Sentence, text: str, listed: Listed) -> tuple[re.Match, int | None] | None:
    """A sentence with no year of its own, right after one that listed goals in the same paragraph, goes
    on with that list when it opens with a goal of its own (今年的主要预期目标是：生产总值增长6%，…。
    财政收入增长5%，…): the list's anchor and year. One that speaks of a result, an estimate or a part of
    the year (去年, 预计, 一季度) is no part of the list."""
    p = _patterns()
    if listed is None or before is None or listed[0] != before.idx or before.para != sent.para:
        return None
    if p["past"].search(text) or p["estimate"].search(text) or p["part_year"].search(text):
        return None
    return listed[1:] if _values_in(_SEGMENT.split(text, 1)[0]) else None


def _last_year_start(before: Sentence | None, sent: Sentence, head: str) -> bool:
    """年初 is last year's: written 去年年初, or after a sentence of the paragraph that spoke of 去年年初."""
    p = _patterns()
    if p["last_year_start"].search(head[-BEFORE_ANCHOR:] + "年初"):
        return True
    return before is not None and before.para == sent.para and bool(p["last_year_start"].search(before.text))


def _goals_follow(before: Sentence | None, sent: Sentence) -> bool:
    """The sentence before, in the same paragraph, ends by saying goals follow (…主要发展目标。在…期间…)."""
    return before is not None and before.para == sent.para and bool(_patterns()["goal"].search(before.text[-BEFORE_ANCHOR:]))


WRAP_MIN = 20  # a line this long that stops without punctuation was wrapped by the page, mid-sentence
CLAUSE_END = frozenset('。！？；：:;!?…”"）) ')


def _unwrapped(report: Report) -> Iterator[Sentence]:
    """Sentences with a page's hard line wraps undone: a long line that stops without punctuation
    (…今年全省的主要预期目标是，生产总值增长|13%左右，…) goes on in the next paragraph, so its last
    sentence is joined to the next one, which keeps the first part's index."""
    held: Sentence | None = None
    paragraphs = report.paragraphs
    for sent in report.sentences:
        if held is not None:
            if held.para == sent.para - 1:
                sent = Sentence(held.idx, sent.para, held.text + sent.text)
            else:
                yield held
            held = None
        text = sent.text
        if text and text[-1] not in CLAUSE_END and len(paragraphs[sent.para]) >= WRAP_MIN:
            held = sent
        else:
            yield sent
    if held is not None:
        yield held


THIS_YEAR = ("rel", "rel2", "per", "per_goal", "imp")  # anchors that stand for the meeting's year (今年, 全年 …)


def _kind(a: re.Match) -> str:
    """What an anchor says of the year: "y" a named year, "this" the meeting's, "next" the one after, else "other"."""
    if a.group("y"):
        return "y"
    if a.group("rel") == "明年":
        return "next"
    return "this" if any(a.group(k) for k in THIS_YEAR) else "other"


def _add(found: list, seen: set, kind: str, year: int | None, ind: str, val: str, idx: int) -> None:
    key = (year, ind, val)
    if key not in seen:
        seen.add(key)
        found.append((kind, year, ind, val, idx))


Found = list[tuple[str, int | None, str, str, int]]  # (anchor kind, year, indicator, value, sentence)


def _year_from_dated(found: Found, meeting_year: int | None, announced: int | None = None) -> Found:
    """In a report of unknown year, a 今年 goal that repeats a goal stated with its year (2021年…增长
    7.5%以上; 今年…地区生产总值增长7.5%以上) fixes 今年, and with it every 今年 and 明年 goal; failing
    that, `announced` does: the year a headline gives the goals (2010年某市经济社会发展预期目标), else
    the year after the one the text reviews as done (_year_after_review)."""
    if meeting_year is not None:
        return found
    dated = {_same_goal(ind, val): year for kind, year, ind, val, _ in found if kind == "y"}
    this_year = next(
        (dated[key] for kind, _, ind, val, _ in found if kind == "this" and (key := _same_goal(ind, val)) in dated),
        announced,
    )
    if this_year is None:
        return found
    shift = {"this": 0, "next": 1}
    out: Found = []
    seen: set[tuple[int | None, str, str]] = set()
    for kind, year, ind, val, idx in found:
        year = this_year + shift[kind] if kind in shift else year
        if (year, ind, val) not in seen:
            seen.add((year, ind, val))
            out.append((kind, year, ind, val, idx))
    return out


Told = dict[int, tuple[bool, bool, bool]]  # a year named bare: (a mention reviews it, one looks ahead, one sets it goals)


def _tell_year(told: Told, a: re.Match, lead: str, scope: str) -> None:
    """Note a year named bare (2011年，全市生产总值达到…) in a report of unknown year: a mention reviews it
    as done when its clause reports results (居全省第4位, 工作成绩) or an estimate (预计全年…), and looks
    ahead when it holds a goal word (要, 将, 力争); one that does neither (2011年，全市经济稳中向好) tells
    nothing either way. A part of the year (2011年上半年) reviews no whole year. A year named after 到 or
    力争 is a goal's. Note too whether a clause sets the year goals (2012年的目标任务)."""
    p = _patterns()
    if not a.group(0).startswith(a.group("y")) or p["part_year"].match(scope):
        return
    context = lead + a.group(0) + scope
    ahead = bool(p["goal_wide"].search(context))
    year = _cn_year(a.group("y"))
    reviewed, looked_ahead, had_goals = told.get(year, (False, False, False))
    told[year] = (
        reviewed or bool(p["review"].search(context)),
        looked_ahead or ahead,
        had_goals or bool(p["goal"].search(context)),
    )


def _year_after_review(found: Found, told: Told) -> int | None:
    """In a report of unknown year that sets goals for 今年 and none for 明年, 今年 is the year after
    the latest year it reviews as done (2011年，全市生产总值达到…，居全省第4位。…今年…增长14%), so long as
    it names no later year bare that it does not review (which might be 今年 itself), save the very
    year after, named with goals set for it (2011年工作回顾；2012年目标任务): that is 今年."""
    done = [y for y, (reviewed, ahead, _goals) in told.items() if reviewed and not ahead]
    if not done or any(kind == "next" for kind, *_ in found):
        return None
    latest = max(done)
    later = [(y, goals) for y, (_reviewed, _ahead, goals) in told.items() if y > latest]
    return None if any(y > latest + 1 or not goals for y, goals in later) else latest + 1


def _headline_goal_year(headline: str | None) -> int | None:
    """The year a headline names for the goals it announces: 2010年某市经济社会发展预期目标 -> 2010."""
    m = _patterns()["headline_goal"].search(headline or "")
    return _cn_year(m.group(1)) if m else None


def _same_goal(indicator: str, value: str) -> tuple[str, str | None]:
    """What two statements of one goal share: the indicator's key (a value verb left at its end, as
    in 生产总值增长|目标为6%, taken off) and the value's first number."""
    return indicator_key(_patterns()["end_verb"].sub("", indicator)), _first_number(value)


FIRST_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _first_number(value: str) -> str | None:
    m = FIRST_NUMBER.search(value)
    return m.group(0) if m else None
