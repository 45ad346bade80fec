"""Numbered formulations (提法): “两个确立”, “22445”, “3+4”, 一干多支、五区协同 …

A candidate is a quoted phrase that carries a counting numeral, or a glossary name written
without quotes. Names are canonicalized so one framework has one page across reports.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable
from functools import lru_cache

from .. import tablecache, vocab
from ..model import Framework, Report
from .numerals import an_to_cn, cn_to_int

# Speed: the patterns below run over a whole report. One that opens with a character class lets the
# regex engine skip from one candidate to the next; one that opens with a lookbehind or an optional
# part gives it no first character to look for, so it tries every alternative at every position.
# Hence equivalent forms: the first character taken out of a repetition or an optional part
# (十X|第十X for 第?十X), a lookbehind on the character before a match written after the match's
# first character, two characters wide ("[三](?<![第](?s:.))" for "(?<![第])[三]"), or, where
# neither fits, a lookahead in front naming the characters a match can start with, "(?=[…])", which
# is tested first and fails fast almost everywhere.
MIN_CHARS, MAX_CHARS = 2, 16  # longer quoted text is a slogan sentence, not a named package
# Quoted: “…”, "…", 「…」, 『…』 and the inner quotes ‘…’ (做强‘一圈一极一中心’ inside a longer “…”);
# a quote with a sentence's end inside (“过去的五年极不平凡。”) is a saying, not a name.
# (Each quotation pattern is written after its opening mark, which _quotation puts in front.)
OPENERS = '“"「『‘'  # the marks a quotation opens with; a long one and a counted list (below) open with all but ‘
QUOTED = rf"([^“”\"「」『』‘’。！？\n]{{{MIN_CHARS},{MAX_CHARS}}})[”\"」』’]"

ORDINAL = re.compile(r"第[一二三四五六七八九十\d]")
# … except right after a count of them: “五个第一” is a package of firsts, not an ordinal
COUNTED_ORDINAL = re.compile(r"第(?<![\d一二两三四五六七八九十]个第)[一二三四五六七八九十\d]")
CJK_ALL = "\u4e00-\u9fff"
YEAR_ONLY = re.compile(r"(?:19|20)\d\d")
# Numerals that name an event, not a package: 党的二十大, 十一届三次全会, 五一 (a holiday)
COUNT_PREFIX = re.compile(r"^(\d{1,2})(?=[个大项条张件种类位支批])")
# A five-year plan period is no package: 十四五, “十二五”期间, 十三五时期, 第十四个五年规划
PLAN_PERIOD = re.compile(r"(?:第十|十)[一二三四五六七八九](?:个五年规划|五(?:时期|期间|规划|末|初|期)?)")
# … the same written from its 十 on, which the regex engine finds much faster than one of 第十 (speed:
# _blank_plan_periods)
PLAN_PERIOD_TEN = re.compile(r"十[一二三四五六七八九](?:个五年规划|五(?:时期|期间|规划|末|初|期)?)")
# Pinyin glossed into a name (三篇（pian）大文章, 十shi四五): the gloss is no part of it
PINYIN = vocab.search_guarded(  # guarded: one alternative opens with a lookbehind (speed)
    r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+[)）]|(?<=[\u4e00-\u9fff])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+(?=[\u4e00-\u9fff])"
)
# Quoted shapes that carry digits but name no package: a day (7·26, 4.13), a target (保6争7), a span of years (50年)
NOT_PACKAGE = re.compile(r"\d{1,2}[·.．]\d{1,2}|保\d+(?:\.\d+)?%?争\d+")
YEARS_SPAN = re.compile(r"\d{1,3}周?年")
CN_NUMBER_CHARS = "零〇○一二两三四五六七八九十百千万亿"


@lru_cache(maxsize=1)
def _vocab() -> dict:
    return vocab.toml("frameworks.toml")


@lru_cache(maxsize=1)
def _numeral() -> re.Pattern:
    """A counting numeral: digits, or Chinese numerals other than a bare 一 (which is everywhere: 统一,
    进一步), unless a package noun follows it (一核, 一中心: vocab/frameworks.toml one_nouns)."""
    one = "|".join(re.escape(w) for w in vocab.word_list("frameworks.toml", "one_nouns"))
    return re.compile(rf"\d|[二两双三四五六七八九十百千万]|一(?:{one})")


@lru_cache(maxsize=1)
def _cn_quantity() -> re.Pattern:
    """Quantities and dates written in Chinese numerals (百分之九, 一千二百亿元, 一月二十八日) count
    nothing, nor does a ratio (十二比三十八比五十); the units are vocab/frameworks.toml quantity_units."""
    units = "|".join(re.escape(w) for w in vocab.word_list("frameworks.toml", "quantity_units"))
    return re.compile(  # every alternative opens with one of CN_NUMBER_CHARS, taken out in front (speed: see the top)
        rf"[{CN_NUMBER_CHARS}](?:(?<=百)分之[{CN_NUMBER_CHARS}点]+"
        rf"|[{CN_NUMBER_CHARS}]*(?:比[{CN_NUMBER_CHARS}]+)+"
        rf"|(?:[{CN_NUMBER_CHARS}]+(?:点[{CN_NUMBER_CHARS}]+)?|点[{CN_NUMBER_CHARS}]+)(?=多?[万亿]?(?:{units}))"
        r"|(?<=[一二三四五六七八九十])[一二三四五六七八九十]{0,2}月[一二三四五六七八九十]{1,3}日)"
    )


@lru_cache(maxsize=1)
def _event_numeral() -> re.Pattern:
    """Numerals that name an event or a place, not a package: 党的二十大, 十一届三次全会, 五一 (a holiday),
    长三角 (vocab/frameworks.toml place_numerals).

    十二大 followed by a package noun (十二大产业) is a count, not a congress.

    Speed: every alternative opens with a character of its own (the optional 党的 and the numerals'
    class written out, one alternative for each of their first characters, in the same order; the
    holidays' ^ looked behind for after their first character), so the regex engine skips from one
    of those characters to the next by itself, where a pattern opening with a class or a lookahead
    would be tried at every character of the report."""
    congress = rf"大(?!{vocab.alternation(_vocab()['package_nouns'])})"
    numerals = "一二三四五六七八九十"
    alternatives = [
        # (?:党的)?(?:十[一-九]|二十[一二]?)大…
        rf"党的(?:十[一二三四五六七八九]|二十[一二]?){congress}",
        rf"十[一二三四五六七八九]{congress}",
        rf"二十[一二]?{congress}",
        # [一-十]+(?:届|…)
        *(rf"{n}[{numerals}]*(?:届|中全会|中|次全会|次会议|次|周年)" for n in numerals),
        # 长三角一体化: a place's numeral starts no formulation
        vocab.alternation(_vocab()["place_numerals"]),
        # ^(?:五一|…)$: a holiday, the whole text
        *(rf"{re.escape(w[0])}(?<=\A(?s:.)){re.escape(w[1:])}$" for w in vocab.word_list("frameworks.toml", "holiday_numerals")),
    ]
    return re.compile("|".join(alternatives))


@lru_cache(maxsize=1)
def _numeral_words() -> re.Pattern:
    """Common words that contain a numeral character but count nothing (十分, 进一步, 千万)."""
    return re.compile(vocab.alternation(_vocab().get("numeral_words", [])) or "(?!)")


@lru_cache(maxsize=1)
def _streak() -> re.Pattern:
    """A numeral with a streak word: 七连冠, 3连增."""
    return re.compile(rf"[\d{NUMERAL_CHARS}]+(?:{vocab.alternation(_vocab()['streaks'])})")


@lru_cache(maxsize=4096)
def _has_numeral(s: str) -> bool:
    if NOT_PACKAGE.search(s):
        return False
    stripped = YEARS_SPAN.sub("", YEAR_ONLY.sub("", s))
    stripped = _numeral_words().sub("", _event_numeral().sub("", _streak().sub("", stripped)))
    return bool(_numeral().search(stripped)) and not ORDINAL.fullmatch(s[:2])


NUMERAL_CHARS = "一二两三四五六七八九十百千万双"
# Unquoted formulations. Structural, not a list: several numbered parts (一核三带, 三攻坚一盘活) …
# Words that end an unquoted formulation: 一核三带|区域发展格局, 一主六双|高质量发展战略 (vocab/frameworks.toml)
_TAIL = vocab.alternation(vocab.word_list("frameworks.toml", "tail_words"))
MULTI_PART = re.compile(  # two to four parts, the first taken out of the repetition (speed)
    rf"[{NUMERAL_CHARS}][\u4e00-\u9fff]{{1,2}}?(?:[{NUMERAL_CHARS}][\u4e00-\u9fff]{{1,2}}?){{1,3}}(?=[，。；、：“”（）\s]|{_TAIL}|$)"
)
# … or a count of a named package: 八大产业集群, 十二大产业, 四个确保, 三个一批, 五件大事, 三篇大文章, 三条生命线
# (digits are quantities: 5个农贸市场)
ORDINAL_TAILS = "是要个项次年月日条件位名种大"  # 四是统筹, 四要协同: an ordinal, not a package
COUNT_NUMERAL = r"(?:[二两三四五六七八九]?十[一二三四五六七八九]?|[二两三四五六七八九])"
# (COUNT_NUMERAL with its first character taken out in front, speed: see the top)
COUNTED = re.compile(
    rf"[二两三四五六七八九十](?<![{NUMERAL_CHARS}\d第](?s:.))(?:(?<=十)[一二三四五六七八九]?|(?<!十)(?:十[一二三四五六七八九]?)?)(?:大(?P<big>[\u4e00-\u9fff]{{2,4}}?)|个(?P<ge>[\u4e00-\u9fff]{{2,3}}?)|[件篇场条](?P<jian>[\u4e00-\u9fff]{{2,3}}?))"
    rf"(?=[，。；、：（）“”》\s]|{_TAIL}|{vocab.alternation(vocab.word_list('frameworks.toml', 'predicate_words'))}|$)"
)
# … or a 、-joined compound whose parts carry numerals: 四化同步、城乡融合、五区共兴 — a whole list, not a
# stretch of a longer one (一个奋斗目标、三大发展、三大布局 …)
# (Written from the first 、 on, which the regex engine finds by itself, with the four characters
# before it looked behind for: the engine tries no other position; _compounds gives the matches as
# they would be found from the compound's first character, with finditer.)
COMPOUND = re.compile(
    rf"、(?<=(?<![、{NUMERAL_CHARS}个大])[\u4e00-\u9fff]{{4}}、)(?:[\u4e00-\u9fff]{{4}}、){{0,3}}[\u4e00-\u9fff]{{4}}(?!、)(?=[^\u4e00-\u9fff]|{_TAIL}|$)"
)
COMPOUND_HEAD = 4  # the characters of a compound before its first 、


def _compounds(text: str):
    """(start, words) of each 、-compound, left to right and without overlaps, as finditer would
    give them for the pattern written from the compound's first character: the next one starts after
    the end of the last, so its first 、 is looked for four characters later."""
    pos = 0
    while m := COMPOUND.search(text, pos):
        start = m.start() - COMPOUND_HEAD
        yield start, text[start : m.end()]
        pos = m.end() + COMPOUND_HEAD


# … or a 、-list of three-character parts that open with the same numeral: 两手抓、两不误、两促进
# (Written from the first 、 on, with the part before it looked behind for, as COMPOUND: see
# _same_numeral_lists.)
SAME_NUMERAL_LIST = re.compile(
    rf"、(?<=([{NUMERAL_CHARS}])[\u4e00-\u9fff]{{2}}、)\1[\u4e00-\u9fff]{{2}}(?:、\1[\u4e00-\u9fff]{{2}}){{0,2}}"
    rf"(?=[^\u4e00-\u9fff]|{_TAIL}|$)"
)
SAME_NUMERAL_HEAD = 3  # the characters of such a list before its first 、


def _same_numeral_lists(text: str):
    """(start, words) of each list of SAME_NUMERAL_LIST, as _compounds gives the compounds."""
    pos = 0
    while m := SAME_NUMERAL_LIST.search(text, pos):
        start = m.start() - SAME_NUMERAL_HEAD
        yield start, text[start : m.end()]
        pos = m.end() + SAME_NUMERAL_HEAD


# A span of time counts nothing in a 、-compound's part: 大干三年、苦干三年 is a slogan of years, not a package
CN_SPAN = re.compile(rf"[{NUMERAL_CHARS}][{NUMERAL_CHARS}]*(?:个月|周年|年|天|日)")  # (the first numeral in front: speed)
# A span of numbers joins no parts: 五至九章, 三到五年
RANGE = re.compile(rf"[{NUMERAL_CHARS}][至到][{NUMERAL_CHARS}]")
# A quoted list too long for one name (“两个进位、两个翻番、四个全部、一个全面建成”): its counted parts are the names
LONG_QUOTED = rf"([^“”\"「」『』‘’。！？\n]{{{MAX_CHARS + 1},48}})[”\"」』]"
# Quoted text that sits beside a quoted name in one enumeration: “一个紧扣”、“四个坚持”
BESIDE = frozenset({"", "、", "，", "和", "与", "及"})
# … or a digit formula anywhere: 1+3+N, （3+6）, 4×4


@lru_cache(maxsize=1)
def _formula() -> re.Pattern:
    """… or a number code before a package noun (22445战略: vocab/frameworks.toml code_nouns)."""
    nouns = "|".join(re.escape(w) for w in vocab.word_list("frameworks.toml", "code_nouns"))
    return re.compile(  # each alternative opens with a digit, taken out in front (speed: see the top)
        rf"\d(?:(?<![\d.]\d)\d{{2,5}}(?={nouns})"
        r"|(?<![\d.%]\d)\d?(?:[+×]\d{1,2})+(?:[+][Nn])?(?![\d.%])"
        r"|(?<![\d.]\d)\d?(?:[+]\d{1,2})*[+][Nn](?![A-Za-z]))"
    )


@lru_cache(maxsize=1)
def _joint() -> re.Pattern:
    """Numeral + one character + a joint word: 四化同步, 四港联动, 两业融合."""
    joint = vocab.alternation(_vocab()["joint_words"])
    return re.compile(rf"[三四五六七八九十](?<![{NUMERAL_CHARS}\d第](?s:.))[^\W\d{NUMERAL_CHARS}{ORDINAL_TAILS}](?:{joint})")


@lru_cache(maxsize=1)
def _head_noun() -> re.Pattern:
    """A head noun right after a counted package: 五大发展|理念, 三大区域|发展战略."""
    development = vocab.alternation(vocab.word_list("frameworks.toml", "development_heads"))
    return re.compile(rf"(?:发展(?:{development})|{vocab.alternation(_vocab()['head_nouns'])})")


def idioms() -> frozenset[str]:
    """Chinese idioms (data/idioms.txt, derived from JioNLP by scripts/refresh_idioms.py): 千方百计,
    一步一个脚印 carry numerals but name nothing."""
    return vocab.data_words("idioms.txt")


@lru_cache(maxsize=1)
def _counted_part() -> re.Pattern:
    """A counted name, 一 included (一个紧扣, 两个进位): one_counters in vocab/frameworks.toml."""
    counters = "".join(vocab.word_list("frameworks.toml", "one_counters"))
    return re.compile(rf"(?:{COUNT_NUMERAL}|一)[{counters}][\u4e00-\u9fff]{{2,6}}")


@lru_cache(maxsize=1)
def _page_marks() -> tuple[tuple[str, str], ...]:
    """(entity, same-length replacement): the quote mark at the entity's inner edge, padding outside.
    Each entity also with the full-width ； that normalizing gives its closing ;."""
    out = []
    for entity, mark in _vocab()["quote_entities"].items():
        pad = "＿" * (len(entity) - 1)
        for written in (entity, entity.replace(";", "；")):
            out.append((written, pad + mark if mark in "“‘" else mark + pad))
    return tuple(out)


@lru_cache(maxsize=1)
def _formal_numerals() -> tuple[tuple[str, ...], dict[int, str]]:
    table = _vocab()["formal_numerals"]
    return tuple(table), str.maketrans(table)


def _plain_marks(text: str) -> str:
    """Quote entities read as quotes, formal numerals as plain ones; offsets unchanged."""
    if "&" in text:
        for entity, mark in _page_marks():
            text = text.replace(entity, mark)
    formal, table = _formal_numerals()
    # str's own search for each of the few formal numerals is much faster than a regex class over the text
    return text.translate(table) if any(c in text for c in formal) else text


@tablecache.kept
def _set_phrases() -> frozenset[str]:
    """The idioms and the set phrases the idiom dictionary lacks (vocab/frameworks.toml set_phrases):
    kept whole (tablecache), so a run neither reads the idioms nor joins the two."""
    return idioms() | frozenset(vocab.word_list("frameworks.toml", "set_phrases"))


def _quoted_idiom(s: str) -> bool:
    """A quoted idiom whose numeral is inside it (“举一反三”) names nothing; one that opens with its
    numeral may be a package (“三位一体”)."""
    return s in _set_phrases() and s[0] not in NUMERAL_CHARS and not s[0].isdigit()


@lru_cache(maxsize=4096)  # parts and phrases recur; pure functions of the words, as those below
def _idiomatic(s: str) -> bool:
    ids = _set_phrases()
    return s in ids or any(s[i : i + 4] in ids for i in range(len(s) - 3))


@lru_cache(maxsize=1)
def glossary() -> dict[str, dict]:
    """Map canonical name -> glossary entry."""
    return {f["name"]: f for f in _vocab().get("framework", [])}


@lru_cache(maxsize=1)
def _variant_map() -> dict[str, str]:
    out = {}
    for name, entry in glossary().items():
        for v in entry.get("variants", []):
            out[v] = name
    return out


@lru_cache(maxsize=4096)  # names recur within and across reports; a pure function of the name
def canonical(name: str) -> str:
    """Canonical form: no quotes or spaces, 4个创建 -> 四个创建, glossary variants merged."""
    s = PINYIN.sub("", name)
    s = re.sub(r"[\s“”\"'‘’「」『』《》]", "", s)
    s = s.replace(",", "，")
    s = COUNT_PREFIX.sub(lambda m: an_to_cn(m.group(1)), s)
    return _variant_map().get(s, s)


def slug(name: str) -> str:
    """A stable, collision-free URL slug for a framework."""
    return "f-" + hashlib.sha1(canonical(name).encode("utf-8")).hexdigest()[:10]


@lru_cache(maxsize=1)
def _unquoted_re() -> re.Pattern | None:
    names = set(glossary())
    for entry in glossary().values():
        names.update(entry.get("variants", []))
    return re.compile(vocab.alternation(names)) if names else None  # not after a numeral: see _unquoted


def _unquoted(text: str):
    """The glossary names in text not right after a numeral: finditer of (?<![numerals])(?:names), but
    with the names first in the pattern, which lets the regex engine skip from one to the next."""
    pattern = _unquoted_re()
    pos = 0
    while pattern and (m := pattern.search(text, pos)):
        if m.start() and text[m.start() - 1] in NUMERAL_CHARS:
            pos = m.start() + 1  # as the lookbehind would: try again one character on
            continue
        yield m
        pos = m.end()


@lru_cache(maxsize=128)
def _quotation(pattern: str, openers: str) -> re.Pattern:
    """A quotation pattern written after its opening mark (QUOTED …), opening with one of `openers`.

    Speed: compiled for the opening marks a text holds (most hold only “), the pattern opens with a
    character, not a class, which the regex engine finds many times faster; the matches are the same."""
    return re.compile((re.escape(openers) if len(openers) == 1 else f"[{openers}]") + pattern)


def _quotations(pattern: str, text: str, openers: str) -> list[re.Match]:
    """The matches of a quotation pattern in text; `openers`: the opening marks the text holds."""
    return list(_quotation(pattern, openers).finditer(text)) if openers else []


def _add_quoted(text: str, add: Callable[[str, int], None], quotes: list[re.Match], openers: str) -> None:
    """Quoted names: those that carry a counting numeral; a “一个…” beside one of them in the same
    enumeration; the counted parts of a quoted list too long to be one name."""
    inners = [PINYIN.sub("", m.group(1).strip()) for m in quotes]
    named = [_has_numeral(s) and not COUNTED_ORDINAL.search(s) and not _quoted_idiom(s) for s in inners]
    for i, m in enumerate(quotes):
        if named[i] or (_counted_part().fullmatch(inners[i]) and _beside_named(text, quotes, named, i)):
            add(_without_verb(m.group(1).strip()), m.start())
    for m in _quotations(LONG_QUOTED, text, openers.replace("‘", "")):
        parts = m.group(1).split("、")
        counted = [p for p in parts if _counted_part().fullmatch(p)]
        if len(counted) >= 2 and len(counted) == len(parts):
            for p in counted:
                add(p, m.start())


def _blank_plan_periods(text: str) -> str:
    """The text with each plan period blanked: PLAN_PERIOD.sub, from the matches of PLAN_PERIOD_TEN,
    each with the 第 before it where PLAN_PERIOD would open there (after the end of the one before)."""
    out, pos = [], 0
    for m in PLAN_PERIOD_TEN.finditer(text):
        start = m.start() - 1 if m.start() > pos and text[m.start() - 1] == "第" else m.start()
        out.append(text[pos:start])
        out.append("＿" * (m.end() - start))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def _blank_quoted(text: str, quotes: list[re.Match]) -> str:
    """The text with each quotation (the matches of QUOTED) blanked between “ and ”: what a sub
    would give, from the matches found once."""
    out, pos = [], 0
    for q in quotes:
        out.append(text[pos : q.start()])
        out.append("“" + "＿" * (q.end() - q.start() - 2) + "”")
        pos = q.end()
    out.append(text[pos:])
    return "".join(out)


LIST_PART = 10  # a part of a quoted list that a count names: a short item (需求收缩), not a clause


@lru_cache(maxsize=1)
def _listed_count() -> str:
    """A count right after a quoted 、-list (“甲、乙、丙”三重压力): the list spells the package out, the
    count names it; the counters are vocab/frameworks.toml list_counters. (After the list's opening
    mark: see _quotation.)"""
    counters = "".join(vocab.word_list("frameworks.toml", "list_counters"))
    predicates = vocab.alternation(vocab.word_list("frameworks.toml", "predicate_words"))
    return (
        r"(?P<list>[^“”\"「」『』‘’。！？\n]{5,48})[”\"」』]"
        rf"(?P<name>(?P<count>{COUNT_NUMERAL})[{counters}](?P<noun>[\u4e00-\u9fff]{{2,4}}?))"
        rf"(?=[，。；、：（）“”》\s]|{_TAIL}|{predicates}|$)"
    )


def _add_listed(text: str, add: Callable[[str, int], None], openers: str) -> None:
    """Counts that name the quoted list before them, when the list has as many parts as the count
    says (“甲、乙、丙”三重压力; not “稳中求进、好中求快”八字要求), and the count is no plain one."""
    counts, prefixes, _units = _plain_words()
    for m in _quotations(_listed_count(), text, openers.replace("‘", "")):
        parts = m.group("list").split("、")
        if any(not 2 <= len(p) <= LIST_PART for p in parts) or cn_to_int(m.group("count").replace("两", "二")) != len(parts):
            continue
        if m.group("noun") in counts or m.group("noun").startswith(prefixes):
            continue  # “甲、乙、丙”三个方面
        add(m.group("name"), m.start("name"))


@lru_cache(maxsize=1)
def _lead_verb() -> re.Pattern:
    """A verb quoted with the count it governs (“深化六个改革”): vocab/frameworks.toml lead_verbs."""
    return re.compile(rf"(?:{vocab.alternation(vocab.word_list('frameworks.toml', 'lead_verbs'))})(?=[{NUMERAL_CHARS}])")


def _without_verb(name: str) -> str:
    """The counted package a quoted verb phrase names: “深化六个改革” -> 六个改革 (not a plain count)."""
    m = _lead_verb().match(name)
    rest = COUNTED.fullmatch(name, m.end()) if m else None
    return name[m.end() :] if m and rest and not _plain_counted(rest) else name


@lru_cache(maxsize=1)
def _plain_words() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """(plain_counts, plain_prefixes, plain_units) of vocab/frameworks.toml."""
    v = _vocab()
    return frozenset(v["plain_counts"]), tuple(v["plain_prefixes"]), frozenset(v["plain_units"])


@lru_cache(maxsize=1)
def _predicates() -> tuple[frozenset[str], frozenset[str]]:
    """(predicate_words, the one-character tail words: 的, 和 … that may follow a name)."""
    tails = vocab.word_list("frameworks.toml", "tail_words")
    return frozenset(vocab.word_list("frameworks.toml", "predicate_words")), frozenset(w for w in tails if len(w) == 1)


def _count_governs_later(m: re.Match, text: str) -> bool:
    """A COUNTED match whose noun is a predicate word with a content word after it (四条|实现路径, 两个|
    优先发展的产业): the count governs a noun further on, so the match names nothing. Before
    punctuation or a particle the word is the package itself (实现三个率先。, 三个率先的目标)."""
    predicates, particles = _predicates()
    noun = m.group("big") or m.group("ge") or m.group("jian")
    after = text[m.end() : m.end() + 1]
    return noun in predicates and "\u4e00" <= after <= "\u9fff" and after not in particles


def _plain_counted(m: re.Match) -> bool:
    """A COUNTED match that only counts: parts of a whole (三个方面), a rough quantity (两个多月), a
    body (四大班子), or, after 个/件/篇/场, places, units and documents (九个乡镇, 两个条例)."""
    counts, prefixes, units = _plain_words()
    noun = m.group("big") or m.group("ge") or m.group("jian")
    return noun in counts or noun.startswith(prefixes) or (not m.group("big") and noun in units)


@lru_cache(maxsize=4096)
def _counts_beyond_spans(part: str) -> bool:
    """A part of a 、-compound that carries a numeral other than in a span of time (大干三年)."""
    return _has_numeral(CN_SPAN.sub("", part))


@lru_cache(maxsize=4096)
def _plain_count(part: str) -> bool:
    """A part of a 、-compound that is a plain count (两个方面, 三个环节)."""
    m = COUNTED.fullmatch(part)
    return m is not None and _plain_counted(m)


def _count_numerals(w: str) -> int:
    """The numeral characters of a run of numbered parts, leaving out those of words (五个百分点) and
    of ordinals (三是第一书记: 第一 is a rank, not a part)."""
    return sum(1 for ch in _numeral_words().sub("", ORDINAL.sub("", w)) if ch in NUMERAL_CHARS)


def _beside_named(text: str, quotes: list[re.Match], named: list[bool], i: int) -> bool:
    before = i > 0 and named[i - 1] and text[quotes[i - 1].end() : quotes[i].start()] in BESIDE
    after = i + 1 < len(quotes) and named[i + 1] and text[quotes[i].end() : quotes[i + 1].start()] in BESIDE
    return bool(before or after)


def extract_frameworks(report: Report) -> list[Framework]:
    """Return the frameworks a report invokes, in order of first appearance.

    Each pattern runs once over the headline and the whole body (sentences joined by newlines,
    which no pattern crosses); a match's sentence is found from its offset. A name the headline
    alone gives (持续打好“六张牌”) has no sentence for evidence.
    """
    stop = set(_vocab().get("not_frameworks", []))
    found: dict[str, tuple[list[str], int]] = {}  # name -> (variants as written, first offset)
    headline = (report.headline or "").replace("\n", " ")
    starts, pos = [], len(headline) + 1
    for sent in report.sentences:
        starts.append(pos)
        pos += len(sent.text) + 1
    text = _plain_marks("\n".join([headline, *(sent.text for sent in report.sentences)]))

    def add(raw: str, at: int) -> None:
        name = canonical(raw)
        if not name or name in stop or PLAN_PERIOD.fullmatch(name):
            return
        if name in found:
            variants, first = found[name]
            if raw not in variants:
                variants.append(raw)
            found[name] = (variants, min(first, at))
            return
        found[name] = ([raw], at)

    def blank(m: re.Match) -> str:
        return "＿" * len(m.group(0))

    openers = "".join(c for c in OPENERS if c in text)  # the opening quote marks the text holds
    quotes = _quotations(QUOTED, text, openers)
    _add_quoted(text, add, quotes, openers)
    _add_listed(text, add, openers)
    for m in _unquoted(text):
        add(m.group(0), m.start())
    bare = _blank_quoted(text, quotes)  # quoted text is done
    bare = _event_numeral().sub(blank, bare)  # 党的二十大和二十届二中全会, 长三角
    bare = _blank_plan_periods(bare)  # 十一五期间
    bare = _cn_quantity().sub(blank, bare)  # 百分之九, 一千二百亿元, 一月八日
    for m in _formula().finditer(bare):
        add(m.group(0), m.start())
    for start, words in _compounds(bare):
        parts = words.split("、")
        if (
            sum(1 for p in parts if _counts_beyond_spans(p)) >= 2  # not 大干三年、奋斗三年: spans of time
            and not any(_idiomatic(p) for p in parts)
            and not any(_plain_count(p) for p in parts)  # 两个方面、三个环节: counts of parts
            and not any(f in p for f in found for p in parts)  # 六稳工作、落实六保: two names, each found
        ):
            add(words, start)
    for start, words in _same_numeral_lists(bare):
        if not any(_idiomatic(p) for p in words.split("、")) and _has_numeral(words):
            add(words, start)
    for m in MULTI_PART.finditer(bare):
        w = m.group(0)
        if (
            _count_numerals(w) >= 2  # not 五个百分点, 三是第一书记
            and not RANGE.search(w)
            and not _idiomatic(w)
            and _has_numeral(w)
            and not any(w in f for f in found)
        ):
            add(w, m.start())
    for m in COUNTED.finditer(bare):
        w = m.group(0)
        if _idiomatic(w) or _plain_counted(m) or _count_governs_later(m, bare):
            continue
        if m.group("big"):
            head = _head_noun().match(bare, m.end())
            w += head.group(0) if head else ""  # 五大发展理念, 三大战略性布局
        add(w, m.start())
    for m in _joint().finditer(bare):
        if not _idiomatic(m.group(0)) and _has_numeral(m.group(0)):
            add(m.group(0), m.start())
    ordered = sorted(found.items(), key=lambda kv: kv[1][1])
    return [Framework(name, tuple(variants), _evidence(report, starts, name, variants, at)) for name, (variants, at) in ordered]


def _evidence(report: Report, starts: list[int], name: str, variants: list[str], at: int) -> int | None:
    """The sentence a name was found in: where it first appears, or, for one first seen in the
    headline, the first sentence that writes it too (None if none does)."""
    if starts and at >= starts[0]:
        return report.sentences[bisect.bisect_right(starts, at) - 1].idx
    return next((s.idx for s in report.sentences if any(v in s.text for v in (name, *variants))), None)
