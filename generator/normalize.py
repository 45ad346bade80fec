"""Stage 2, normalize: Source -> Report.

Pinyin glosses out, traditional -> simplified, variant characters fixed, digits and letters to
half width, punctuation between Chinese characters to full width, web debris out, then the
headline, the publication line and the body sentences are told apart.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import tablecache, vocab
from .extract.numerals import cn_to_int
from .model import Report, Sentence, Source

HEADLINE_MAX = 80  # headlines are short; a longer first line is the lead paragraph
HEADLINE_MIN = 6  # a shorter header line is a site's or forum's name, not a headline
PUBLICATION_LINE_MAX = 100  # "2024-02-20 02:03:38来源:…编辑:…" fits; a body paragraph does not
HEADER_LINES = 8  # the publication line sits within the first few lines of a saved page
TAIL_MIN_BODY = 60  # a tail marker only ends the page once this much body text has been seen
DEBRIS_LINE_MAX = 260  # no debris pattern spans more than this: longer lines are body, unchecked

# Speed: a pattern that opens with a character (or a class of them) lets the regex engine skip from
# one candidate to the next; one that opens with a lookbehind (or an optional part) gives it no
# first character to look for, so it tries every alternative at every position of a long text.
# Hence two equivalent forms below: the lookbehind on the character before a match written after
# the match's first character, two characters wide ("\((?<=[中]\()" for "(?<=[中])\("); or, where
# that does not fit, a lookahead in front naming the characters a match can start with, "(?=[…])",
# which is tested first and fails fast almost everywhere.
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
PINYIN_GLOSS = re.compile(rf"\((?<=[\u3400-\u9fff]\()(?: ?(?=[a-z{_TONE}]*[{_TONE}])[a-z{_TONE}]{{1,8}} ?\)|[a-z]{{1,6}}[1-5]\))")
CJK = r"\u3400-\u9fff"
# A gloss whose opening parenthesis (and the character before it) was lost to a bad decoding:
# "日?qǐng)?bào)"; or one cut off at the end of a line: "建设(shè".
BROKEN_GLOSS = re.compile(
    rf"(?=[?？a-z{_TONE}(])(?:[?？]?[a-z{_TONE}]*[{_TONE}][a-z{_TONE}]*\)|(?<=[\u3400-\u9fff])\([a-z{_TONE}]*[{_TONE}][a-z{_TONE}]*$)",
    re.M,
)
# Glosses without tone marks, "人(ren)大": one pinyin syllable in parentheses between characters.
# Only on a page that has several, so a lone "(ai)" or "(da)" of ordinary text stays.
_SYLLABLE = r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|ve|a|o|e|i|u|v)"
TONELESS_GLOSS = re.compile(rf"[(（](?<=[\u3400-\u9fff][(（]){_SYLLABLE}[)）]")
# a page with neither has no toned gloss (two patterns: each opens with a character class)
_GLOSS_HINTS = (re.compile(rf"[{_TONE}]"), re.compile(r"[a-z][1-5]\)"))
TONELESS_SCAN = 20000  # characters looked at to decide whether a page carries glosses
TONELESS_MIN = 3  # glosses a page must carry before toneless ones are taken for glosses
# Indentation decoded as question marks opens a line: "??记者 …", "????梧州日报讯"
GARBLED_INDENT = re.compile("^[?？ \t\u3000\xa0]*[?？][?？ \t\u3000\xa0]*", re.M)
# Full-width ASCII letters, digits and a few signs become half width; Chinese punctuation stays.
_FW = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # digits
_FW.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # A-Z
_FW.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # a-z
_FW.update({"％": "%", "＋": "+", "．": ".", "－": "-", "／": "/", "\u3000": " ", "\xa0": " ", "＞": ">", "＜": "<"})
# Small form variants (U+FE50-FE57), which some page converters write for Chinese punctuation:
# ﹐﹑﹔﹕﹖﹗ are the marks ，、；：？！ the rules read.
_FW.update({"﹐": "，", "﹑": "、", "﹔": "；", "﹕": "：", "﹖": "？", "﹗": "！"})
_FW_TABLE = str.maketrans(_FW)
# str.translate is slow on CJK text: it runs only on a text that has one of these characters
_FW_CHARS = re.compile("[" + "".join(re.escape(c) for c in _FW) + "]")
# Half-width punctuation next to a Chinese character becomes full width, so rules see one form.
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
# the same keyed by the commonest matches of _HALF_PUNCT below, spaces and all: a page may hold
# hundreds, and one look-up is cheaper than stripping each match
_FULL_OF_MATCH = {k: v for c, v in _HALF_TO_FULL.items() for k in (c, " " + c, c + " ")}
# (Each match holds one of ,;:!? and spaces before or after it.) It opens with the class of what a
# match starts with, which the regex engine scans for by itself; the lookbehinds check the
# character before that first one: "(?<=[中][,])" for "(?<=[中])[ \t]*[,]" with no spaces.
_HALF_PUNCT = re.compile(
    rf"[ \t,;:!?](?:(?<=[{CJK}”“》）][ \t])[ \t]*[,;:!?]|(?<=[{CJK}”“》）][,;:!?])|(?<=[,;:!?])[ \t]*(?=[{CJK}“《（]))"
)
# The commonest case first, with no call back into Python per match: a mark right after a Chinese
# character (中,) is the second branch of _HALF_PUNCT whatever follows it, and no other branch's
# match takes such a mark. Replaced by a plain string, in the engine's own loop; what is left for
# _HALF_PUNCT is as it would have found it (the lookbehinds read no mark these change).
_HALF_AFTER_CJK = tuple(
    (mark, re.compile(rf"{re.escape(mark)}(?<=[{CJK}”“》）]{re.escape(mark)})"), full) for mark, full in _HALF_TO_FULL.items()
)
_PAREN_PAIR = re.compile(r"\(([^()\n]{0,60})\)")
DATE_IN_LINE = re.compile(r"(20\d\d|19\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
# Day first, as some mirror sites print it: "15.03.2021 08:30"
DMY_IN_LINE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(20\d\d|19\d\d)(?![\d.])")
# A disclosure page's headline row: "• 标题：…"
TITLE_ROW = re.compile(r"^[•·]?\s*标题[:：]\s*(.{4,80})$")
# where a sentence ends: right after one of these marks, unless a closing quote follows (the mark is
# matched, not looked behind for, so that the regex engine skips from one mark to the next)
SENTENCE_END = re.compile(r"[。！？!?](?![”’」』）》\"])")
# spaces after or before Chinese punctuation (the lookbehind after the first space: see the top)
_SPACE_BY_PUNCT = re.compile(r"[ \t](?:(?<=[，。；：、！？“”][ \t])[ \t]*|[ \t]*(?=[，。；：、！？]))")
SOURCE_LINE = re.compile(rf"({vocab.cue('source_labels')})[:：]")


@tablecache.kept
def _t2s_tables() -> tuple[dict[int, str], re.Pattern, dict[str, str], frozenset[str], re.Pattern, str | None]:
    """OpenCC's t2s data: (character table, phrase pattern, phrase table, the characters the
    table changes, a pattern finding those of them in the first plane, and the first plane's part
    of the table as a string indexed by code point).

    OpenCC converts by forward maximum matching over its phrase list, then character by character
    (first candidate). One regex over the phrases (longest first) and str.translate do the same
    with OpenCC's own data, much faster than its pure-Python converter.
    """
    from pathlib import Path

    import opencc

    root = Path(opencc.__file__).parent / "dictionary"
    table: dict[int, str] = {}
    for line in (root / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and len(parts[0]) == 1:
            first = parts[1].split(" ")[0]
            if first != parts[0]:
                table[ord(parts[0])] = first
    for a, b in vocab.pairs("variants.tsv").items():
        table[ord(a)] = b
    phrases: dict[str, str] = {}
    for line in (root / "TSPhrases.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) == 2 and parts[0].translate(table) != parts[1].split(" ")[0]:
            phrases[parts[0]] = parts[1].split(" ")[0]
    traditional = frozenset(chr(k) for k in table)
    # a class of first-plane characters is a fast table lookup in the regex engine, much faster than
    # iterating a long text in Python (the few traditional characters beyond it are checked apart)
    first_plane = re.compile("[" + "".join(re.escape(c) for c in sorted(traditional) if c <= "\uffff") + "]")
    # str.translate with a dict raises and catches a KeyError for every character the dict lacks
    # (most of a text); a table holding every first-plane character (unchanged ones as themselves)
    # never misses, and converts a page in well under half the time. It indexes by code point only
    # while every conversion is one character; else the dict does all the work.
    chars = list(map(chr, range(0x10000)))
    for code, simple in table.items():
        if code < 0x10000:
            chars[code] = simple
    joined = "".join(chars)
    plane = joined if len(joined) == 0x10000 else None
    return table, re.compile(vocab.alternation(phrases) or "(?!)"), phrases, traditional, first_plane, plane


def to_simplified(text: str) -> str:
    """Convert traditional characters and known variants to simplified, skipping texts with none."""
    table, phrase_re, phrases, traditional, first_plane, plane = _t2s_tables()
    beyond = _beyond_bmp(text)
    if not first_plane.search(text) and (not beyond or traditional.isdisjoint(text)):
        return text
    text = phrase_re.sub(lambda m: phrases[m.group(0)], text)
    return text.translate(_plane_ordinals() if plane is not None and not beyond else table)


@tablecache.kept
def _plane_ordinals() -> list[int]:
    """The first plane's table (_t2s_tables) as code points, loaded once a process meets a
    traditional text: looked up in a list, a character costs str.translate no new one-character
    string (a fifth less time a page, for 2.7 MB)."""
    plane = _t2s_tables()[5]
    return list(map(ord, plane)) if plane is not None else []


def _full_parens(m: re.Match) -> str:
    """A pair of half-width parentheses in Chinese text becomes full width: 会议(扩大) -> 会议（扩大）."""
    s, e = m.start(), m.end()
    around = m.string[max(0, s - 1) : s] + m.group(1) + m.string[e : e + 1]
    return f"（{m.group(1)}）" if re.search(rf"[{CJK}]", around) else m.group(0)


_CN_DATE = re.compile(
    r"([〇零一二三四五六七八九][〇零一二三四五六七八九]{3})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
_CN_DIGIT = str.maketrans("〇零一二三四五六七八九", "00123456789")
_CN_YEAR_DIGITS = frozenset("〇零一二三四五六七八九")


def _cn_year_written(text: str) -> bool:
    """Whether some 年 has four of _CN_DATE's year digits before it: a text with none holds no date
    it would rewrite. Found from each 年 (str's own search), not by the pattern's scan for its first
    character, a numeral, which Chinese text is full of (a fifth of the time)."""
    i = text.find("年", 4)
    while i >= 0:
        if _CN_YEAR_DIGITS.issuperset(text[i - 4 : i]):
            return True
        i = text.find("年", i + 1)
    return False


def _cn_date(m: re.Match) -> str:
    try:
        return f"{m.group(1).translate(_CN_DIGIT)}年{cn_to_int(m.group(2), 'smart')}月{cn_to_int(m.group(3), 'smart')}日"
    except ValueError:
        return m.group(0)


# Characters no page, feed or Pelican cache can carry: C0/C1 controls (but tab and newline),
# lone surrogates and Unicode noncharacters (U+FDD0-FDEF and the last two of every plane).
# Two patterns: a class of characters of the first plane is one table lookup per character, but
# mixed with the 32 characters of the higher planes it becomes a slow list of tests; those are
# only looked for in the rare text that has any character beyond the first plane.
_UNCARRIABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def _beyond_bmp(text: str) -> bool:
    """Whether text has a character beyond the first plane: _BEYOND_BMP.search(text), but in a third of
    the time (such a character, and only such, takes four bytes in UTF-16)."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


# Any character that one of normalize_chars's passes looks for and most reports lack: the uncarriable
# ones of the first plane, tone-marked letters, full-width ASCII and odd spaces. One search for all
# (a class of the first plane: one table lookup a character) spares a text with none three passes.
_RARE = re.compile(_UNCARRIABLE.pattern[:-1] + _GLOSS_HINTS[0].pattern[1:-1] + _FW_CHARS.pattern[1:])

_UNCARRIABLE_BEYOND_BMP = re.compile(
    "[" + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17)) + "]"
)


def drop_uncarriable(text: str, rare: bool = True) -> str:
    """Remove characters that XML, HTML and Pelican cannot carry (with `rare` False, the caller
    found none of _RARE in the text: those of the first plane are not looked for again)."""
    if rare:
        text = _UNCARRIABLE.sub("", text)
    if _beyond_bmp(text):
        text = _UNCARRIABLE_BEYOND_BMP.sub("", text)
    return text


def full_width_marks(text: str) -> str:
    """Half-width punctuation next to Chinese text made full width, spaces around it dropped."""
    for mark, after_cjk, full in _HALF_AFTER_CJK:
        if mark in text:
            text = after_cjk.sub(full, text)
    return _HALF_PUNCT.sub(lambda m: _FULL_OF_MATCH.get(m[0]) or _HALF_TO_FULL[m[0].strip(" \t")], text)


def _toneless_glosses(text: str) -> list[str]:
    """TONELESS_GLOSS.findall(text, 0, TONELESS_SCAN), searched from the first parenthesis (str.find):
    most of a text lies before it, and a parenthesis opens every gloss."""
    at = min((i for i in (text.find("(", 0, TONELESS_SCAN), text.find("（", 0, TONELESS_SCAN)) if i >= 0), default=-1)
    return TONELESS_GLOSS.findall(text, at, TONELESS_SCAN) if at >= 0 else []


def normalize_chars(text: str) -> str:
    """Pinyin out, full-width ASCII in, simplified characters, punctuation unified."""
    rare = _RARE.search(text) is not None  # (the passes below only take characters out: none comes in)
    text = drop_uncarriable(text, rare)
    if "?" in text or "？" in text:
        text = GARBLED_INDENT.sub("", text)
    if (rare and _GLOSS_HINTS[0].search(text)) or _GLOSS_HINTS[1].search(text):
        text = PINYIN_GLOSS.sub("", text)
        text = BROKEN_GLOSS.sub("", text)
    if len(_toneless_glosses(text)) >= TONELESS_MIN:
        text = TONELESS_GLOSS.sub("", text)
    if rare and _FW_CHARS.search(text):
        text = text.translate(_FW_TABLE)
    text = to_simplified(text)
    if _cn_year_written(text):
        text = _CN_DATE.sub(_cn_date, text)  # 二〇二四年十一月二十七日 -> 2024年11月27日
    text = full_width_marks(text)
    text = _PAREN_PAIR.sub(_full_parens, text)
    return _SPACE_BY_PUNCT.sub("", text)


@lru_cache(maxsize=1)
def _inline_debris() -> re.Pattern:
    """Page widgets inside a line: a font-size switch, 【打印本文】 … (vocab/cues.toml), 扫一扫 prompts."""
    widgets = vocab.cue("page_widgets")
    return re.compile(rf"【\s*字体[:：]?.{{0,12}}?】|【(?:{widgets})】|扫一扫在手机(?:上)?打开当前页|请用微信[“\"]?扫一扫[”\"]?")


def clean_lines(text: str) -> tuple[list[str], list[str]]:
    """Return (kept lines, removed debris lines) of a normalized text."""
    debris = vocab.line_patterns("debris.txt")
    tail = vocab.line_patterns("tail_markers.txt")
    # every widget _inline_debris finds holds 【 or 扫一扫: a page with neither is not searched line by line
    inline = _inline_debris() if "【" in text or "扫一扫" in text else None
    kept: list[str] = []
    removed: list[str] = []
    body_chars = 0
    for raw in text.split("\n"):
        line = " ".join(raw.split())  # runs of whitespace to one space, none at the ends (faster than a regex)
        if not line:
            continue
        if tail.match(line) and body_chars >= TAIL_MIN_BODY:
            removed.append(line)
            break
        if len(line) <= DEBRIS_LINE_MAX and debris.match(line) and not (len(kept) < HEADER_LINES and is_publication_line(line)):
            removed.append(line)
            continue
        if inline is not None and ("【" in line or "扫一扫" in line):
            line = inline.sub("", line).strip()
            if not line:
                continue
        kept.append(line)
        body_chars += len(line)
    return kept, removed


def _iso(m: re.Match) -> str | None:
    if m.re is DMY_IN_LINE:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if 1 <= mo <= 12 and 1 <= d <= 31:
        return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def _date_in_line(line: str) -> re.Match | None:
    return DATE_IN_LINE.search(line) or DMY_IN_LINE.search(line)


def is_publication_line(line: str) -> bool:
    """A short line carrying a full date and no sentence: the page's publication line."""
    if len(line) > PUBLICATION_LINE_MAX or line.endswith("。"):
        return False
    m = _date_in_line(line)
    if not m:
        return False
    # "2023年12月17日，市委召开…" is the lead, not a publication line
    after = line[m.end() :].lstrip("日 ")
    if after.startswith(("，", ",")) or _MEETING.search(after):
        return bool(SOURCE_LINE.search(line)) or bool(re.match(r"^\s*(\d{1,2}[:：]\d{2}|\d{1,2}时)", after))
    return True


def is_headline_junk(line: str) -> bool:
    """A site name, a location row, a lone separator, a byline: never a headline."""
    return bool(vocab.line_patterns("headline_junk.txt").match(line))


_HEADLINE_EVENT = re.compile(vocab.cue("headline_events"))
_MEETING = re.compile(vocab.cue("meeting"))


def is_photo_caption(line: str) -> bool:
    """A line under a news photo (某某出席会议并讲话, …会场): it names no meeting, so it is no headline,
    though it may come first in a page that prints the real headline above the pictures."""
    return bool(vocab.line_patterns("photo_captions.txt").match(line))


def _looks_like_headline(line: str) -> bool:
    if not HEADLINE_MIN <= len(line) <= HEADLINE_MAX or line.endswith(("。", "；", "：")) or is_headline_junk(line):
        return False
    if is_photo_caption(line):
        return False
    if re.match(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日", line):
        return False
    return bool(re.search(rf"[{CJK}]", line))


_TRAILING_DATE = re.compile(r"[（(]\s*(20\d\d)年(\d{1,2})月(\d{1,2})日\s*[)）]\s*$")
TRAILING_LINES = 2  # a dateline closing the report: "（2024年5月8日）"


def _trailing_date(body: list[str]) -> str | None:
    """A date in parentheses closing the report stands for its publication date."""
    for line in body[-TRAILING_LINES:]:
        m = _TRAILING_DATE.search(line)
        if m:
            return _iso(m)
    return None


def _headline_before_date(publication: str) -> str | None:
    """Mirror sites print the headline on the publication line: "某某会议召开 2024-08-21 来源：…"."""
    m = _date_in_line(publication)
    before = publication[: m.start()].strip() if m else ""
    if before and _looks_like_headline(before) and _HEADLINE_EVENT.search(before):
        return before
    return None


def split_sentences(paragraphs: list[str]) -> tuple[Sentence, ...]:
    """Split paragraphs into sentences at 。！？, keeping closing quotes with their sentence."""
    out: list[Sentence] = []
    for p_idx, para in enumerate(paragraphs):
        cuts = [m.end() for m in SENTENCE_END.finditer(para)]
        for a, b in zip([0, *cuts], [*cuts, len(para)], strict=True):
            piece = para[a:b].strip()
            if piece:
                out.append(Sentence(len(out), p_idx, piece))  # (positional: a third faster, for every sentence)
    return tuple(out)


def normalize(src: Source) -> Report:
    """Turn a decoded Source into a cleaned Report."""
    lines, removed = clean_lines(normalize_chars(src.text))
    headline = normalize_chars(src.headline).strip() if src.headline else None
    publication = None
    published = src.published[:10] if src.published else None
    body: list[str] = []
    candidates: list[str] = []  # short header lines: the headline is the first that names an event
    dropped: list[str] = []  # header lines that are page furniture, not body
    for i, line in enumerate(lines):
        in_header = i < HEADER_LINES and not any(len(b) >= HEADLINE_MAX for b in body)
        if in_header and not body and TITLE_ROW.match(line):
            headline = headline or TITLE_ROW.match(line).group(1).strip()  # type: ignore[union-attr]
            continue
        if in_header and is_publication_line(line):
            if publication is None:
                publication = line
                m = _date_in_line(line)
                published = published or (_iso(m) if m else None)
            else:
                dropped.append(line)  # the same page's date again ("发布时间：…" after "成文日期：…")
            continue
        if (
            in_header
            and not body
            and "。" not in line
            and (len(line) < HEADLINE_MIN or (len(line) <= HEADLINE_MAX and is_headline_junk(line)))
        ):
            dropped.append(line)
            continue
        if in_header and headline is None and _looks_like_headline(line) and not body:
            candidates.append(line)
            if _HEADLINE_EVENT.search(line):
                headline = line  # short lines before it are the site's name, kept in `removed`
            continue
        if headline and line == headline:
            continue  # the headline repeated above the body
        if headline is None and candidates and not body:
            headline = candidates[0]  # no line names an event: the first short line is the headline
            body.extend(candidates[1:])
        body.append(line)
    if headline is None and publication:
        headline = _headline_before_date(publication)
    if headline is None and candidates:
        headline = candidates[0]
        body = candidates[1:] + body
    site_lines = tuple(c for c in candidates if c != headline and not _HEADLINE_EVENT.search(c))
    if published is None:
        published = _trailing_date(body)
    return Report(
        source=src.name,
        headline=headline,
        publication=publication,
        published=published,
        paragraphs=tuple(body),
        sentences=split_sentences(body),
        removed=tuple(removed) + tuple(dropped) + site_lines,
        url=src.url,
    )
