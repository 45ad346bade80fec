"""Patterns rewritten for speed give what the plain forms gave: each is checked against the plain
form it replaced, on random strings of the characters that matter to it."""

from __future__ import annotations

import random
import re

import pytest

from generator import vocab
from generator.extract import frameworks, people

CJK = "\u4e00-\u9fff"


def _strings(alphabet: str, n: int = 20000, longest: int = 14, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(n)]


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_event_numeral_as_the_plain_pattern():
    v = frameworks._vocab()
    places = v["place_numerals"]
    first = "".join(sorted({re.escape(w[0]) for w in places} | set("党一二三四五六七八九十双")))
    holidays = "|".join(re.escape(w) for w in vocab.word_list("frameworks.toml", "holiday_numerals"))
    plain = re.compile(
        rf"(?=[{first}])(?:(?:党的)?(?:十[一二三四五六七八九]|二十[一二]?)大(?!{vocab.alternation(v['package_nouns'])})"
        r"|[一二三四五六七八九十]+(?:届|中全会|中|次全会|次会议|次|周年)"
        rf"|{vocab.alternation(places)}"
        rf"|^(?:{holidays})$)"
    )
    fast = frameworks._event_numeral()
    alphabet = "党的一二三四五六七八九十大届中全会次议周年长珠角洲峡江源平原双产业\n" + "".join(v["package_nouns"])
    words = [*places, *vocab.word_list("frameworks.toml", "holiday_numerals")]
    for s in _strings(alphabet) + [w + tail for w in words for w in (w, "x" + w) for tail in ("", "\n", "x")]:
        assert _spans(fast.finditer(s)) == _spans(plain.finditer(s)), s
        assert fast.sub("", s) == plain.sub("", s), s


def test_same_numeral_lists_as_the_plain_pattern():
    plain = re.compile(rf"([{frameworks.NUMERAL_CHARS}])[{CJK}]{{2}}(?:、\1[{CJK}]{{2}}){{1,3}}(?=[^{CJK}]|{frameworks._TAIL}|$)")
    five = "两手抓、两不误、两促进、两手硬、两手抓"  # four parts at most: the next list may not take the last
    for s in _strings("两三手抓不误促进、，的和") + _strings("两手抓、", longest=30) + [five, five + "，" + five]:
        assert list(frameworks._same_numeral_lists(s)) == [(m.start(), m.group(0)) for m in plain.finditer(s)], s


def test_plan_periods_blanked_as_the_plain_pattern():
    def blank(m: re.Match) -> str:
        return "＿" * len(m.group(0))

    for s in _strings("第十一四五个年规划时期间末初，"):
        assert frameworks._blank_plan_periods(s) == frameworks.PLAN_PERIOD.sub(blank, s), s


@pytest.mark.parametrize(
    "pattern, openers",
    [(frameworks.QUOTED, frameworks.OPENERS), (frameworks.LONG_QUOTED, '“"「『'), (frameworks._listed_count(), '“"「『')],
    ids=["quoted", "long", "listed"],
)
def test_quotations_found_from_the_marks_a_text_holds(pattern, openers):
    plain = re.compile(f"[{openers}]" + pattern)
    for s in _strings('两个确立三重压力、甲乙丙丁。的“”"「」『』‘’', n=5000, longest=40):
        held = "".join(c for c in openers if c in s)  # as extract_frameworks gives them
        assert _spans(frameworks._quotations(pattern, s, held)) == _spans(plain.finditer(s)), s


def test_title_search_starts_where_the_plain_search_finds_the_same():
    title_re, has_post = people._title_re(), people._post_only()
    alphabet = "市县委书记长副主任人大常委会政府办公室的和在，、张王李某出席主持代表小组"
    for s in _strings(alphabet, n=20000, longest=60):
        posts = [m.span() for m in has_post.finditer(s)]
        for k, (ps, pe) in enumerate(posts):
            start = max(0, ps - people.TITLE_WINDOW)
            end = min(len(s), pe + 1)
            plain = _spans(title_re.finditer(s, start, end))
            assert _spans(title_re.finditer(s, people._title_start(s, posts, k, start), end)) == plain, s


def test_full_width_marks_as_the_single_pass():
    """A mark right after a Chinese character is made full width by plain replacements before the
    pattern with a call back runs: the text comes out as the one pass over it gave."""
    from generator import normalize

    def single_pass(text: str) -> str:
        return normalize._HALF_PUNCT.sub(
            lambda m: normalize._HALF_TO_FULL[m[0].strip(" \t")],
            text,
        )

    alphabet = "中文”“》）《（,;:!? \t，x"
    for s in _strings(alphabet, n=30000, longest=12):
        assert normalize.full_width_marks(s) == single_pass(s), repr(s)


def test_list_runs_as_the_plain_pattern():
    """Lists found from their first 、 are the runs the plain pattern finds, left to right."""
    plain = re.compile(rf"(?<![{CJK}·*])[{CJK}·*]++(?:、[{CJK}·*]++)+")
    for s in _strings("甲乙丙、、·*，x的", n=30000, longest=16):
        assert people._list_runs(s) == _spans(plain.finditer(s)), repr(s)


def test_normalize_chars_as_without_the_rare_character_gate():
    """A text with none of the rare characters skips three passes: it comes out as it did with them."""
    from generator import normalize as n

    def plain(text: str) -> str:
        text = n._UNCARRIABLE.sub("", text)
        if n._beyond_bmp(text):
            text = n._UNCARRIABLE_BEYOND_BMP.sub("", text)
        if "?" in text or "？" in text:
            text = n.GARBLED_INDENT.sub("", text)
        if any(hint.search(text) for hint in n._GLOSS_HINTS):
            text = n.PINYIN_GLOSS.sub("", text)
            text = n.BROKEN_GLOSS.sub("", text)
        if len(n.TONELESS_GLOSS.findall(text, 0, n.TONELESS_SCAN)) >= n.TONELESS_MIN:
            text = n.TONELESS_GLOSS.sub("", text)
        if n._FW_CHARS.search(text):
            text = text.translate(n._FW_TABLE)
        text = n.to_simplified(text)
        text = n._CN_DATE.sub(n._cn_date, text)
        text = n.full_width_marks(text)
        text = n._PAREN_PAIR.sub(n._full_parens, text)
        return n._SPACE_BY_PUNCT.sub("", text)

    alphabet = "中国鄉(xiāng)（ren）ab1)？? \n\x01\x85\ufdd0\uffff０Ａ\u3000\xa0，。\U0001f600\U0001fffe"
    for s in _strings(alphabet, n=20000, longest=16):
        assert n.normalize_chars(s) == plain(s), repr(s)


def test_traditional_table_as_code_points_converts_as_the_string():
    from generator import normalize as n

    plane = n._t2s_tables()[5]
    assert plane is not None
    rnd = random.Random(3)
    for _ in range(2000):
        s = "".join(chr(rnd.randrange(0x20, 0x10000)) for _ in range(rnd.randint(0, 30)))
        s = "".join(c for c in s if not 0xD800 <= ord(c) <= 0xDFFF)
        assert s.translate(n._plane_ordinals()) == s.translate(plane), repr(s)


@pytest.mark.parametrize(
    "pattern",
    [people._post_only(), re.compile("(?<=x)书记|书记(?=x)|甲乙")],
    ids=["posts", "lookarounds"],
)
def test_spans_by_sentence_as_a_search_of_each(pattern):
    """One search over the sentences joined by newlines finds in each what a search of it alone
    finds, at its ends too (a lookbehind at its start, a lookahead at its end, see nothing)."""
    rnd = random.Random(11)
    pool = _strings("书记主任主席团会代表小组候选人、甲乙x", n=6000, longest=10)
    for _ in range(3000):
        texts = rnd.sample(pool, rnd.randint(1, 6))
        assert people.spans_by_sentence(pattern, texts) == [_spans(pattern.finditer(t)) for t in texts], texts
    texts = ["甲\n乙书记x", "书记", ""]  # a text holding a newline: each searched alone
    assert people.spans_by_sentence(pattern, texts) == [_spans(pattern.finditer(t)) for t in texts]
    assert people.spans_by_sentence(pattern, []) == []


def test_chinese_dates_rewritten_as_without_the_year_gate():
    from generator import normalize as n

    rnd = random.Random(13)
    pieces = ["二〇二四年", "一九九八年", "二〇一年", "十一月", "三月", "二十七日", "九日", "零", "九", "年", "x", "，"]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 9))) for _ in range(30000)]
    assert sum(1 for s in texts if n._CN_DATE.search(s)) > 300  # dates among them
    for s in texts:
        gated = n._CN_DATE.sub(n._cn_date, s) if n._cn_year_written(s) else s
        assert gated == n._CN_DATE.sub(n._cn_date, s), repr(s)


def test_toneless_glosses_found_from_the_first_parenthesis():
    from generator import normalize as n

    pieces = ["人", "(ren)", "（da）", "(", "（", "x", "大", "zh", ")", "）", "，"]
    rnd = random.Random(21)
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(20000)]
    assert sum(1 for s in texts if n.TONELESS_GLOSS.search(s)) > 1000
    for s in texts:
        assert n._toneless_glosses(s) == n.TONELESS_GLOSS.findall(s, 0, n.TONELESS_SCAN), repr(s)
    long = "人" * (n.TONELESS_SCAN - 3) + "人(ren)" * 3  # the scan's end cuts the glosses as before
    assert n._toneless_glosses(long) == n.TONELESS_GLOSS.findall(long, 0, n.TONELESS_SCAN)
