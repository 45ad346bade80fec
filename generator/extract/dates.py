"""The meeting day, with its year reasoned as DIGEST_SCHEMA.md says (never today's year).

In order: a day written with its year; a relative day (昨天) or a bare day counted from the
publication date (or from a news dateline's day: 某某日报3月20日讯…今天; the publication date may
come from a source line the clean-up put aside); the year in the meeting's own name
(省政府2022年第25次常务会议); the publication date, unless the text's own years say the page was
re-posted later; a date the meeting announces (决定…于2021年9月22日召开); years the text plans or
reviews (部署2022年工作); dated national events the report relays, nationwide campaigns among them
(generator/vocab/events.toml). Where nothing fixes the year, the day keeps none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from functools import cache, lru_cache

from .. import vocab
from ..model import MeetingDate, Report, Sentence
from .numerals import cn_to_int

LEAD_SENTENCES = 4  # the meeting day is given in the lead; later days are other events
HEADER_LINE_MAX = 40  # a short line with no stop and no comma is a subtitle or page debris, not the lead
ANNOUNCED_MAX_DAYS = 366  # a date the meeting fixes for a later event lies within a year of it
OVERRIDE_MIN_CLUES = 2  # the text's own years overrule a publication date only when said more than once
REPOST_MAX_DAYS = 183  # a page dated more than half a year after the meeting day re-posts the report
RELATIVE_YEAR_REACH = 12  # 明年是实施“十二五”规划的开局之年: 明年 stands this close before the plan
CN_NUM = "〇零一二三四五六七八九十"
# a year in digits, Chinese numerals or a mix of both as pages type them: 2012, 二〇一二, 二0一二, 二○一二
_YEAR_DIGITS = "0-9〇零○O一二三四五六七八九"
YEAR_NUMBER = rf"(?:19|20)\d\d|[1一2二][09〇零○O九][{_YEAR_DIGITS}]{{2}}"
_YEAR = rf"({YEAR_NUMBER})年"
_MD = rf"(\d{{1,2}}|[{CN_NUM}]{{1,3}}|元)月(\d{{1,2}}|[{CN_NUM}]{{1,3}})[日号]"
DAY = vocab.search_guarded(rf"(?:{_YEAR})?{_MD}")  # guarded: it opens with an optional year
ISO_DAY = re.compile(r"(?<!\d)(20\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")
DATELINE = re.compile(rf"[日号天](?:{vocab.cue('time_of_day')})?[，、 ]")
NEWS_DATELINE = re.compile(r"讯\s*(?:[（(][^）)]{0,30}[）)])?\s*$|^讯")  # 本报讯 3月2日 / 本报杭州3月29日讯
MEETING_CUE = re.compile(vocab.cue("meeting") + "|" + vocab.alternation(vocab.toml("days.toml")["meeting_nouns"]["words"]))
SAME_DAY = re.compile(r"^(?:当日|当天|同日)")  # "4月1日，…。当日上午，…座谈会举行"
RECENT = re.compile(vocab.cue("recent"))
_STOP = re.compile(r"[。！？!?]$")
_OPEN_END = re.compile(r"[、，,]$")  # a line broken inside a clause ("…下午，省委、" + "省政府…举行")
# "1 月 23 日", "2024 年": a space between a number and its unit, as some pages type dates
_SPACED = re.compile(r"(?<=[\d〇零一二三四五六七八九十]) +(?=[年月日号])|(?<=[年月]) +(?=\d)")
# a news dateline with its day (吉林日报3月20日讯, 新华社北京5月1日电): 今天 / 昨日 after it count from that day
DATELINE_DAY = re.compile(rf"(?:{_YEAR})?{_MD}(?:讯|电)")
# quotes around a plan's name as pages type them: “十四五”, 「十五五」 (traditional pages), 『十三五』
_OPEN_QUOTE, _CLOSE_QUOTE = '[“「『‘"]', '[”」』’"]'
_CN_YEAR = str.maketrans("〇零○O一二三四五六七八九", "0000123456789")


@dataclass(frozen=True)
class Day:
    """A day found in the lead: year (None when not written), month, day, sentence, how it was read."""

    year: int | None
    month: int
    day: int
    idx: int
    how: str = "written"  # written / relative (counted from the publication date) / bare (N日)


def _num(s: str) -> int:
    if s == "元":
        return 1
    if s.isdigit():
        return int(s)
    return cn_to_int(s, "smart")


def _year(s: str | None) -> int | None:
    """2012, 二〇一二, 二0一二 → 2012; a two-digit year of the 2000s (0九, 09) → 2009."""
    if not s:
        return None
    y = int(s) if s.isdigit() else int(s.translate(_CN_YEAR))
    return 2000 + y if len(s) == 2 else y


def _valid(y: int | None, m: int, d: int) -> bool:
    try:
        Date(y or 2000, m, d)  # 2000 is a leap year: 02-29 stays possible when the year is unknown
    except ValueError:
        return False
    return True


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)}


@lru_cache(maxsize=1)
def _day_words() -> dict:
    t = vocab.toml("days.toml")
    rel = t["relative"]
    return {
        "relative": rel,
        "relative_re": re.compile(rf"({vocab.alternation(rel)})(?:[（(](?:(\d{{1,2}})月)?(\d{{1,2}})日[)）])?"),
        "month_re": re.compile(rf"({vocab.alternation(t['months'])})(?=\d{{1,2}}[日号])"),
        "months": t["months"],
        "holiday_re": re.compile(vocab.alternation(t["holidays"])),
        "holidays": t["holidays"],
        "year_day_re": re.compile(rf"(\d{{4}})年的?({vocab.alternation(t['year_days'])})"),
        "year_days": t["year_days"],
    }


def _is_header(text: str) -> bool:
    """A subtitle, caption or leftover page line: short, no stop, no comma, no day."""
    return len(text) < HEADER_LINE_MAX and not _STOP.search(text) and "，" not in text and not DAY.search(text)


def lead(report: Report) -> list[Sentence]:
    """The first sentences of the body, past subtitles and page lines."""
    out: list[Sentence] = []
    for s in report.sentences:
        if _is_header(s.text):
            continue
        out.append(s)
        if len(out) == LEAD_SENTENCES:
            break
    return out


def _despace(text: str) -> str:
    """ "1 月 23 日" → "1月23日" (only where a space stands between a number and its unit)."""
    return _SPACED.sub("", text) if (" 月" in text or " 日" in text or " 年" in text or "月 " in text) else text


def _dateline_day(text: str) -> tuple[int, int | None, Date] | None:
    """The news dateline in text: (where it ends, the year if written, the day; a day without a year
    is kept in 2000, a leap year)."""
    m = DATELINE_DAY.search(text)
    if not m:
        return None
    try:
        y, mo, d = _year(m.group(1)), _num(m.group(2)), _num(m.group(3))
    except (ValueError, TypeError):
        return None
    if not _valid(y, mo, d):
        return None
    return m.end(), y, Date(y or 2000, mo, d)


@lru_cache(maxsize=1)
def _source_line() -> re.Pattern:
    return re.compile(vocab.toml("days.toml")["source_line"]["pattern"])


@lru_cache(maxsize=1)
def _stamp() -> tuple[re.Pattern, re.Pattern]:
    """A page's labelled date stamp inside a line of text (…作者：时间：2012-04-13 次数：…), and its
    label just before a date."""
    label = vocab.toml("days.toml")["stamp"]["labels"]
    return (
        re.compile(rf"(?:{label})[：:]\s*(?P<y>(?:19|20)\d\d)[-/.年](?P<m>\d{{1,2}})[-/.月](?P<d>\d{{1,2}})(?!\d)"),
        re.compile(rf"(?:{label})[：:]\s*$"),
    )


STAMP_SENTENCES = 2  # a header row the clean-up kept as text opens the body
# a header row that is nothing but a day written day first, as Hong Kong and Macao pages date
# themselves ("25/01/2016"); read only where the day (13-31) cannot be a month (01/02/2016 may be
# either way round)
_DAY_FIRST = re.compile(r"^\s*(?P<d>1[3-9]|2\d|3[01])/(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d\d)\s*$")


def published(report: Report) -> Date | None:
    """The publication day: the page's own line, else a full date on the source line the clean-up put
    aside ("来源：某某电视台 2007.3.28"), else a labelled stamp in a header row kept as the body's
    first sentence ("某某会议开幕 作者：时间：2012-04-13 次数：…") or a row holding only a day
    written day first ("25/01/2016")."""
    if report.published:
        return Date.fromisoformat(report.published)
    lines = (*report.removed, *(s.text for s in report.sentences[:STAMP_SENTENCES] if not _STOP.search(s.text)))
    for k, line in enumerate(lines):
        m = (_source_line() if k < len(report.removed) else _stamp()[0]).search(line) or _DAY_FIRST.match(line)
        if m:
            y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
            if _valid(y, mo, d):
                return Date(y, mo, d)
    return _pushed_down_date_line(report)


HEADER_SENTENCES = 20  # how far page furniture (a site's menu, an e-paper's list of stories) may reach
# a line opening with the page's full date: "2019-01-16 来源：…", "2009年2月28日 收藏 打印"
_DATE_LINE = re.compile(r"^\s*((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")


def _pushed_down_date_line(report: Report) -> Date | None:
    """The page's date line ("2019-01-16 来源：某某网", "2009年2月28日 收藏 打印") that a long menu or
    an e-paper's list of stories above it pushed past the lines the clean-up reads as the header: one
    among the lines before the body's first sentence (the first with a stop or a comma) that opens
    with a full date and tells of no meeting."""
    for s in report.sentences[:HEADER_SENTENCES]:
        if _STOP.search(s.text) or "，" in s.text:
            return None
        m = _DATE_LINE.match(s.text)
        if m and not MEETING_CUE.search(s.text, m.end()):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            return Date(y, mo, d) if _valid(y, mo, d) else None
    return None


def _stamped(text: str, start: int) -> bool:
    """A date right after a stamp's label (时间：2012-04-13) is the page's, not the meeting's."""
    return bool(_stamp()[1].search(text[max(0, start - 8) : start]))


# a line that is nothing but a news dateline (某某网青岛2月19日讯), kept apart as the headline
_DATELINE_LINE = re.compile(rf"^[^，。；：]{{0,20}}?{DATELINE_DAY.pattern}$")


def _header_dateline(report: Report) -> tuple[int, int | None, Date] | None:
    """The dateline the clean-up took for the headline or put aside ("某某网2月19日讯" on its own line,
    the body opening "（记者…）今天上午，…"): 今天 / 昨日 in the body count from its day."""
    for line in (report.headline or "", *report.removed):
        line = _despace(line.strip())
        if ("讯" in line or "电" in line) and _DATELINE_LINE.match(line):
            found = _dateline_day(line)
            if found:
                return 0, found[1], found[2]  # it stands before every word of the body
    return None


def _relative(
    text: str, pub: Date | None, header: tuple[int, int | None, Date] | None = None
) -> list[tuple[re.Match, int | None, int, int, str]]:
    """昨天 / 今天 / 昨日（9日）: the day counted back from the publication date, or from the day of a
    news dateline before it (吉林日报3月20日讯…今天 is 3-20, whenever the page was posted: its year is
    then reasoned as for a bare day); `header` is a dateline on a line of its own above the body."""
    words = _day_words()
    hits: list[tuple[re.Match, int | None, int, int, str]] = []
    dateline = _dateline_day(text) if "讯" in text or "电" in text else None
    dateline = dateline or header
    for m in words["relative_re"].finditer(text):
        back = words["relative"][m.group(1)]
        if dateline and dateline[0] <= m.start():
            day = dateline[2] - timedelta(days=back)
            year = day.year if dateline[1] else None
            hits.append((m, year, day.month, day.day, "relative" if year else "bare"))
            continue
        if pub is None:
            continue  # 今天（2月1日）: the day in parentheses is read as a written day
        day = pub - timedelta(days=back)
        if m.group(3):  # 昨日（9日）: the day in parentheses is the one meant
            d = int(m.group(3))
            back = 0
            while day.day != d and back < 31:
                day -= timedelta(days=1)
                back += 1
            if day.day != d:
                continue
        hits.append((m, day.year, day.month, day.day, "relative"))
    return hits


def find_day(report: Report) -> Day | None:
    """Return the meeting day given in the lead.

    Where the lead gives several days (another meeting relayed first: "2月24日，市委召开…。2月26日，
    区委召开…"), the day whose clause shares most with the headline is the meeting's; a news
    dateline (本报讯 3月2日) and a day opening its sentence count in favour.
    """
    head = _bigrams(report.headline or "")
    pub = published(report)
    header = _header_dateline(report)
    words = _day_words()
    found: list[tuple[int, int, Day]] = []  # (score, order, day)
    sentences = lead(report)
    for k_sent, sent in enumerate(sentences):
        text = _despace(sent.text)
        if "月" in text and words["month_re"].search(text):
            text = words["month_re"].sub(lambda m: f"{words['months'][m.group(1)]}月", text)
        hits: list[tuple[re.Match, int | None, int, int, str]] = []
        for m in DAY.finditer(text):
            try:
                y, mo, d = _year(m.group(1)), _num(m.group(2)), _num(m.group(3))
            except (ValueError, TypeError):
                continue
            if _valid(y, mo, d):
                hits.append((m, y, mo, d, "written"))
        for m in ISO_DAY.finditer(text):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if _valid(y, mo, d) and not _stamped(text, m.start()):
                hits.append((m, y, mo, d, "written"))
        for m in words["year_day_re"].finditer(text) if "年" in text else ():
            mo, d = (int(x) for x in words["year_days"][m.group(2)].split("-"))
            hits.append((m, int(m.group(1)), mo, d, "written"))
        hits.extend(_relative(text, pub, header))
        hits.sort(key=lambda h: h[0].start())
        nxt = sentences[k_sent + 1].text if k_sent + 1 < len(sentences) else ""
        cue_text = text + (nxt if SAME_DAY.match(nxt) or _OPEN_END.search(text) else "")
        for k, (m, y, mo, d, how) in enumerate(hits):
            end = hits[k + 1][0].start() if k + 1 < len(hits) else len(text)
            clause = text[m.end() : end]
            carried = k + 1 == len(hits) and SAME_DAY.match(nxt) and MEETING_CUE.search(nxt)  # 当日上午，…举行
            if not MEETING_CUE.search(clause if len(hits) > 1 else cue_text) and not carried:
                continue
            dateline = bool(DATELINE.match(text, m.end() - 1)) or (how == "relative" and m.start() == 0)
            news = bool(NEWS_DATELINE.search(text[max(0, m.start() - 40) : m.start()]) or text[m.end() : m.end() + 1] == "讯")
            score = len(_bigrams(clause) & head) if head else 0
            found.append((score + dateline + news, -len(found), Day(y, mo, d, sent.idx, how)))
    if not found:
        return _day_only(report, sentences)
    day = max(found)[2]
    if day.how == "written":
        return Day(day.year, day.month, _opening_day(report, day.month, day.day), day.idx)
    return day


_DAY_ONLY = re.compile(rf"(?<![月\d])(\d{{1,2}})日(?:{vocab.cue('time_of_day')})?[，、是]")


def _day_only(report: Report, sentences: list[Sentence]) -> Day | None:
    """ "8日上午，…召开": the month (and year) come from the publication date, or from a holiday
    named with the day ("2日是五一小长假后第一个工作日")."""
    pub = published(report)
    words = _day_words()
    for sent in sentences:
        m = _DAY_ONLY.search(sent.text)
        if not (m and MEETING_CUE.search(sent.text)):
            continue
        d = int(m.group(1))
        if pub:
            y, mo = (
                (pub.year, pub.month) if d <= pub.day else ((pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12))
            )
            if _valid(y, mo, d):
                return Day(None, mo, d, sent.idx, "bare")  # the year is then reasoned from the publication date
        holiday = words["holiday_re"].search(sent.text)
        if holiday and _valid(None, words["holidays"][holiday.group(0)], d):
            return Day(None, words["holidays"][holiday.group(0)], d, sent.idx, "bare")
    return None


_OPENED = re.compile(rf"(?:^|[，。])(\d{{1,2}})日(?:{vocab.cue('time_of_day')})?[，、]?(?:会议|大会|全会)?(?:隆重)?开幕")


def _opening_day(report: Report, month: int, day: int) -> int:
    """A report dated at the closing ("1月10日…闭幕。9日上午，会议开幕") keeps the first day."""
    for sent in report.sentences[: LEAD_SENTENCES + 2]:
        m = _OPENED.search(sent.text)
        if m and int(m.group(1)) < day:
            return int(m.group(1))
    return day


# --- years the text writes ------------------------------------------------------------------


# The placeholders of year_clues.toml: {YEAR} a year however typed (2012, 二〇一二, 二0一二); {YY} that
# or a two-digit year of the 2000s (渡过了…的0九年)
_CLUE_YEARS = {"{YEAR}": rf"(?P<y>{YEAR_NUMBER})", "{YY}": rf"(?P<y>{YEAR_NUMBER}|[0〇零○][0-9一二三四五六七八九])"}


def _clue_pattern(pattern: str) -> re.Pattern:
    for k, v in _CLUE_YEARS.items():
        pattern = pattern.replace(k, v)
    return vocab.search_guarded(pattern)  # many open with a lookbehind or an optional word


@lru_cache(maxsize=1)
def _written_clues() -> list[dict]:
    out = []
    for c in vocab.toml("year_clues.toml").get("written", []):
        out.append({**c, "re": _clue_pattern(c["pattern"]), "months": frozenset(c.get("months", range(1, 13)))})
    return out


@lru_cache(maxsize=64)
def _clues_for(kinds: frozenset[str], month: int) -> tuple[dict, ...]:
    """The written clues of these kinds that fit the month, in their order (a few sets are asked
    for, each in every report: sorted out once), each with whether it can match an empty text."""
    return tuple(
        {**c, "empty": c["re"].match("") is not None} for c in _written_clues() if c["kind"] in kinds and month in c["months"]
    )


def _sentence_of(report: Report, snippet: str) -> int | None:
    return next((s.idx for s in report.sentences if snippet in s.text), None)


# (?:YEAR_NUMBER|[0〇零○][0-9一二三四五六七八九])年, the first character taken out in front (speed)
_YEAR_WORD = re.compile(
    rf"[12一二0〇零○](?:(?<=1)9\d\d|(?<=2)0\d\d|(?<=[1一2二])[09〇零○O九][{_YEAR_DIGITS}]{{2}}|(?<=[0〇零○])[0-9一二三四五六七八九])年"
)
YEAR_WINDOW = (24, 48)  # characters before and after a written year that a clue may span


def _year_windows(text: str) -> str:
    """The stretches of text around written years, joined: the written clues need no more."""
    spans: list[list[int]] = []
    before, after = YEAR_WINDOW
    for m in _YEAR_WORD.finditer(text):
        a, b = max(0, m.start() - before), m.end() + after
        if spans and a <= spans[-1][1]:
            spans[-1][1] = b
        else:
            spans.append([a, b])
    return "\n".join(text[a:b] for a, b in spans)


def written_year(report: Report, month: int, idx: int, kinds: frozenset[str]) -> tuple[int, int | None, str, int] | None:
    """Return (year, sentence index, reason, number of clues) from years the text writes in a role
    that fixes the meeting's year (its own name, the year it plans or reviews), if they agree on one."""
    texts = {
        "lead": _despace(next((s.text for s in report.sentences if s.idx == idx), "")),
        "head": "\n".join(_despace(line) for line in (report.headline or "", *report.removed) if _YEAR_WORD.search(line)),
        "text": _year_windows(_despace(report.body)) if kinds - {"name"} else "",
    }
    years: dict[int, tuple[int | None, str]] = {}
    count = 0
    for clue in _clues_for(kinds, month):
        text = texts[clue["scope"]]
        if not text and not clue["empty"]:
            continue  # (most reports have no year in the headline, or none in their body)
        for m in clue["re"].finditer(text):
            written = _year(m.group("y"))
            if written is None:
                continue
            year = written + clue["offset"]
            count += 1
            if year not in years:
                where = {"lead": idx, "head": None}.get(clue["scope"], _sentence_of(report, m.group(0)))
                years[year] = (where, f"“{m.group(0)}” places the meeting in {year}")
    if len(years) == 1:
        ((y, (where, reason)),) = years.items()
        return y, where, reason, count
    return None


_ANNOUNCED = re.compile(r"(?:将|定|决定[^。]{0,40}?)于(\d{4})年(\d{1,2})月(\d{1,2})日")


def announced_year(report: Report, month: int, day: int) -> tuple[int, int | None, str] | None:
    """A later event the meeting fixes with its full date (决定…于2021年9月22日召开) bounds its year."""
    for m in _ANNOUNCED.finditer(report.body):
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not _valid(y, mo, d):
            continue
        later = Date(y, mo, d)
        for year in (y, y - 1):
            if _valid(year, month, day) and 0 <= (later - Date(year, month, day)).days <= ANNOUNCED_MAX_DAYS:
                return year, _sentence_of(report, m.group(0)), f"the meeting fixes “{m.group(0)}” for a later event"
    return None


# --- years fixed by what the text refers to ------------------------------------------------


@dataclass(frozen=True)
class _Event:
    name: str
    start: Date
    within: int
    congress_term: str | None = None  # for a party congress: its term, voided by "X届历次全会"


def _to_int(s: str) -> int:
    return int(s) if s.isdigit() else cn_to_int(s, "smart")


@lru_cache(maxsize=1)
def _events() -> dict:
    t = vocab.toml("events.toml")
    ctx = t["context"]
    dated = []
    for e in t["event"]:
        m = re.search(r"十[一二三四五六七八九]|二十", e["name"]) if e["name"].startswith("党的") else None
        event = _Event(e["name"], Date.fromisoformat(e["date"]), e["within"], m.group(0) if m else None)
        dated.append((re.compile(e["pattern"]), event, e["hint"]))
    plenums = {p["term"]: {n: Date.fromisoformat(d) for n, d in p["dates"].items()} for p in t["plenum"]}
    terms = vocab.alternation(plenums)
    ns = "一二三四五六七八九"
    plenum_res = (
        re.compile(rf"({terms})届((?:[{ns}]中(?:全会)?[、，和及与]*)+)全会"),
        re.compile(rf"第?({terms})届中央委员会第([{ns}])次全体会议"),
    )
    npc_terms = {x["term"]: x["year"] for x in t["npc_term"]}
    nt = vocab.alternation(npc_terms)
    npc_res = (
        re.compile(rf"({nt})届全国(?:人大|政协)([一二三四五])次(?:会议)?"),
        re.compile(rf"全国(?:人大|政协)({nt})届([一二三四五])次(?:会议)?"),
        re.compile(rf"第({nt})届全国(?:人民代表大会|委员会)第([一二三四五])次会议"),
    )
    # (pattern, fixed year, reason, the plan's name and ordinal: a match holds one of them, months, the
    # months where it holds without 今年 / 明年 before it); the patterns as text, compiled by _plan_re
    # when first needed: most (plans times phrases) are never needed in a run
    years = []
    for p in t["plan"]:
        name, ordinal, first = re.escape(p["name"]), re.escape(p["ordinal"]), p["first"]
        plan = rf"(?:{_OPEN_QUOTE}?{name}{_CLOSE_QUOTE}?(?:时期)?(?:发展)?|{ordinal})"
        words = (p["name"], p["ordinal"])
        for phrase in t["plan_phrase"]:
            months = frozenset(phrase.get("months", range(1, 13)))
            bare = frozenset(phrase.get("months_bare", months))
            rx = phrase["pattern"].replace("{plan}", plan)  # compiled when first needed: _plan_re
            years.append((rx, first + phrase["offset"], phrase["why"], words, months, bare))
    anniversaries = [(re.compile(a["pattern"]), a["base"]) for a in t["anniversary"] if "day" not in a]
    # a leader's birth anniversary is commemorated on its day: a dated event, relayed after it
    birthdays = [(re.compile(a["pattern"]), a["base"], a["day"], a["within"], a["name"]) for a in t["anniversary"] if "day" in a]
    ccdi = {p["term"]: {n: Date.fromisoformat(d) for n, d in p["dates"].items()} for p in t["ccdi_plenum"]}
    ct = vocab.alternation(ccdi)
    ccdi_res = (
        re.compile(rf"({ct})届中央纪委第?([{ns}])次全(?:体会议|会)"),
        re.compile(rf"中央纪委({ct})届([{ns}])次全(?:体会议|会)"),
        re.compile(rf"第({ct})届中央纪律检查委员会第([{ns}])次全体会议"),
    )
    pc = t["provincial_congress_rule"]
    congress_terms = {}
    for c in t["provincial_congress"]:
        congress_terms[c["name"]] = congress_terms[c["short"]] = c["term_2023"]
    congress_re = re.compile(
        rf"({vocab.alternation(congress_terms)})第?([{ns}十]{{1,3}})届(?:人大|人民代表大会)第?([{ns}])次(?:全体)?会议"
    )
    cppcc_terms = {}
    for c in t["provincial_congress"]:
        if "cppcc_2023" in c:
            cppcc_terms[c["name"]] = cppcc_terms[c["short"]] = c["cppcc_2023"]
    names, term, session = vocab.alternation(cppcc_terms), f"([{ns}十]{{1,3}})", f"第?([{ns}])次(?:全体)?会议"
    # (regex, group of the name, of the term, of the session): 政协上海市第十四届委员会第三次会议,
    # 政协第十二届西藏自治区委员会第一次会议, 海南省政协八届一次会议
    cppcc_res = (
        (re.compile(rf"(?:政协|政治协商会议)({names})第?{term}届委员会{session}"), 1, 2, 3),
        (re.compile(rf"(?:政协|政治协商会议)第?{term}届({names})委员会{session}"), 2, 1, 3),
        (re.compile(rf"({names})政协第?{term}届{session}"), 1, 2, 3),
    )
    return {
        "congress_terms": congress_terms,
        "cppcc_terms": cppcc_terms,
        "cppcc_res": cppcc_res,
        "congress_re": congress_re,
        "congress_rule": pc,
        "dated": dated,
        "plenums": plenums,
        "plenum_res": plenum_res,
        "plenum_within": t["plenum_rule"]["within"],
        "npc_terms": npc_terms,
        "npc_res": npc_res,
        "npc": t["npc"],
        "years": years,
        "anniversaries": anniversaries,
        "birthdays": birthdays,
        "ccdi": ccdi,
        "ccdi_res": ccdi_res,
        "ccdi_within": t["plenum_rule"]["within"],
        "not_after": re.compile(ctx["not_after"]),
        "not_before": re.compile(ctx["not_before"]),
        "relative_year": ctx["relative_year"],
        "congress_span": re.compile(rf"({terms})届{ctx['congress_span']}"),
    }


@cache
def _plan_re(pattern: str) -> re.Pattern:
    """A plan phrase's pattern (_events()["years"]), compiled once, when a text first needs it."""
    return re.compile(pattern)


_PLAN_HINT = re.compile("规划|之年|收官|开局|开好局")  # every plan phrase of events.toml holds one
_PLENUM_NUMBER = re.compile(r"([一二三四五六七八九])中")  # 十九届二中、三中全会 -> 二, 三


def _relayed(text: str, m: re.Match, ev: dict) -> bool:
    """A mention the meeting follows: not 十八大以来, not 迎接二十大."""
    return not ev["not_after"].match(text, m.end()) and not ev["not_before"].search(text[max(0, m.start() - 4) : m.start()])


def _mentioned_events(text: str) -> list[tuple[str, _Event]]:
    """Every dated event the text relays, as (the words, the event)."""
    ev = _events()
    out: list[tuple[str, _Event]] = []
    spans = {m.group(1) for m in ev["congress_span"].finditer(text)}
    for rx, event, hint in ev["dated"]:
        if hint not in text:
            continue
        for m in rx.finditer(text):
            if event.congress_term in spans:
                continue  # "二十大和二十届历次全会": later plenums decide
            if _relayed(text, m, ev):
                out.append((m.group(0), event))
    for k, rx in enumerate(ev["plenum_res"] if ("全会" in text or "全体会议" in text) else ()):
        for m in rx.finditer(text):
            if not _relayed(text, m, ev):
                continue
            term = m.group(1)
            numbers = _PLENUM_NUMBER.findall(m.group(2)) if k == 0 else [m.group(2)]
            for n in numbers:
                start = ev["plenums"][term].get(n)
                if start:
                    out.append((m.group(0), _Event(f"{term}届{n}中全会", start, ev["plenum_within"])))
    for rx in ev["ccdi_res"] if "中央纪" in text else ():
        for m in rx.finditer(text):
            start = ev["ccdi"][m.group(1)].get(m.group(2))
            if start and _relayed(text, m, ev):
                out.append((m.group(0), _Event(f"{m.group(1)}届中央纪委{m.group(2)}次全会", start, ev["ccdi_within"])))
    for rx, base, day, within, name in ev["birthdays"] if "诞辰" in text else ():
        for m in rx.finditer(text):
            try:
                start = Date.fromisoformat(f"{base + _to_int(m.group('n'))}-{day}")
            except ValueError:
                continue
            if _relayed(text, m, ev):
                out.append((m.group(0), _Event(name, start, within)))
    out.extend(_provincial_sessions(text, ev))
    for rx in ev["npc_res"] if "全国" in text else ():
        for m in rx.finditer(text):
            if not _relayed(text, m, ev):
                continue
            year = ev["npc_terms"][m.group(1)] + _to_int(m.group(2)) - 1
            md = ev["npc"]["exceptions"].get(str(year), ev["npc"]["opening"])
            out.append((m.group(0), _Event(m.group(0), Date.fromisoformat(f"{year}-{md}"), ev["npc"]["within"])))
    return out


def _provincial_sessions(text: str, ev: dict) -> list[tuple[str, _Event]]:
    """河北省十一届人大三次会议, 政协上海市第十四届委员会第三次会议: a session of a provincial
    congress or CPPCC committee (elected together), opened early in its year; only the first few
    sessions of a term (max_session in events.toml) fix it."""
    if "届" not in text:
        return []
    found = [(m, ev["congress_terms"], 1, 2, 3) for m in ev["congress_re"].finditer(text)]
    if "政协" in text or "政治协商会议" in text:
        found += [(m, ev["cppcc_terms"], *groups) for rx, *groups in ev["cppcc_res"] for m in rx.finditer(text)]
    out: list[tuple[str, _Event]] = []
    rule = ev["congress_rule"]
    for m, terms, g_name, g_term, g_session in found:
        try:
            term, session = _to_int(m.group(g_term)), _to_int(m.group(g_session))
        except ValueError:
            continue
        if not 1 <= session <= rule["max_session"]:
            continue  # a late session may follow an extra one: its year is this or the one before
        year = rule["year"] + (term - terms[m.group(g_name)]) * rule["span"] + session - 1
        if rule["since"] <= year and _relayed(text, m, ev):
            out.append((m.group(0), _Event(m.group(0), Date(year, 1, 1), rule["within"])))
    return out


@lru_cache(maxsize=1)
def _clues() -> list[dict]:
    out = []
    for c in vocab.toml("year_clues.toml")["clue"]:
        rx = re.compile(c["pattern"])
        out.append({**c, "re": rx, "lead": vocab.lead_characters(rx)})
    return out


def infer_year(report: Report, month: int, day: int) -> tuple[int, int | None, str] | None:
    """Return (year, sentence index, reason) from events the text refers to, if one year fits.

    The meeting follows the latest dated event it relays (a plenum, a national session), within the
    event's span; plans, anniversaries and the clues of year_clues.toml name their year outright.
    """
    md = f"{month:02d}-{day:02d}"
    text = report.body
    ev = _events()
    years: dict[int, tuple[str, str]] = {}  # year -> (words, reason)
    for clue in _clues():
        if clue.get("before") and md > clue["before"]:
            continue
        if clue.get("after") and md < clue["after"]:
            continue
        m = vocab.search_from_lead(clue["re"], text, clue["lead"])
        if m:
            years.setdefault(clue["year"], (m.group(0), f"“{m.group(0)}” places the meeting in {clue['year']}"))
    for rx, year, why, words, months, bare in ev["years"] if _PLAN_HINT.search(text) else ():
        if month not in months or not any(w in text for w in words):
            continue  # a plan the text never names (a quick test before the costlier search)
        m = _plan_re(rx).search(text)
        if m:
            before = text[max(0, m.start() - RELATIVE_YEAR_REACH) : m.start()]
            shift = [(before.rfind(w), off) for w, off in ev["relative_year"].items() if w in before]
            if not shift and month not in bare:
                continue  # in December "2020年是…收官之年" may be the year ending or the one ahead
            year += max(shift)[1] if shift else 0  # 明年是…开局之年: said the year before
            years.setdefault(year, (m.group(0), f"“{before[-4:]}…{m.group(0)}”: {why}, {year}"))
    for rx, base in ev["anniversaries"] if "周年" in text else ():
        for m in rx.finditer(text):
            try:
                year = base + _to_int(m.group("n"))
            except ValueError:
                continue
            years.setdefault(year, (m.group(0), f"“{m.group(0)}” falls in {year}"))
    mentioned = _mentioned_events(text)
    if mentioned:
        words, latest = max(mentioned, key=lambda x: x[1].start)
        year = latest.start.year
        if not _valid(year, month, day) or Date(year, month, day) < latest.start:
            year += 1
        if _valid(year, month, day) and (Date(year, month, day) - latest.start).days <= latest.within:
            years.setdefault(
                year, (words, f"the meeting relays “{words}” ({latest.start.isoformat()}), the latest event it names")
            )
        elif not years:
            return None
    if len(years) == 1:
        ((y, (words, reason)),) = years.items()
        return y, _sentence_of(report, words), reason
    return None


def _year_before(pub: Date, month: int, day: int) -> int:
    """The year of the last month-day on or before the publication date."""
    return pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1


def _reposted(pub: Date, month: int, day: int) -> bool:
    """A day more than half a year before the page's date: the page re-posts an older report (a
    dateline's 8月17日讯 on a page dated in March), so the page's date does not give the year."""
    year = _year_before(pub, month, day)
    return _valid(year, month, day) and (pub - Date(year, month, day)).days > REPOST_MAX_DAYS


def extract_date(report: Report) -> MeetingDate:
    """Return the meeting day and how its year is known."""
    pub = published(report)
    found = find_day(report)
    if found is None:
        recent = next((s.idx for s in lead(report) if RECENT.search(s.text)), None)
        if pub:
            why = "the report gives no meeting day; its publication date stands in"
            return MeetingDate(pub.isoformat(), "published", recent, why)
        return MeetingDate(None, "unknown", None, "the report gives no day and no publication date")
    y, mo, d, idx = found.year, found.month, found.day, found.idx
    if y and found.how == "relative":
        why = f"the day is counted back from the publication date {pub.isoformat() if pub else ''}"
        return MeetingDate(f"{y:04d}-{mo:02d}-{d:02d}", "stated", idx, why)
    if y:
        return MeetingDate(f"{y:04d}-{mo:02d}-{d:02d}", "stated", idx, "the year is written with the day")
    own = written_year(report, mo, idx, frozenset({"name"}))
    if own and pub and found.how == "bare" and own[0] != _year_before(pub, mo, d):
        # "14日…召开县政府2026年第1次常务会议" on a page of 2026-01-09: the month taken from the
        # page's date puts the day in another year than the meeting's own name, so the month is unknown
        why = f"the day has no month; the one before the publication date {pub.isoformat()} contradicts the meeting's name"
        return MeetingDate(None, "unknown", idx, why)
    if own and _valid(own[0], mo, d) and not (pub and Date(own[0], mo, d) > pub):
        return MeetingDate(f"{own[0]:04d}-{mo:02d}-{d:02d}", "stated", idx, own[2] + " (the meeting's own name)")
    text_year = written_year(report, mo, idx, frozenset({"plan", "review", "period"}))
    if pub and _reposted(pub, mo, d):
        pub = None  # the page's date is a later re-post's: it bounds the year but does not fix it
    if pub:
        year = _year_before(pub, mo, d)
        if text_year and text_year[0] < year and text_year[3] >= OVERRIDE_MIN_CLUES and _valid(text_year[0], mo, d):
            why = f"{text_year[2]}; the page was published later ({pub.isoformat()}): the text wins"
            return MeetingDate(f"{text_year[0]:04d}-{mo:02d}-{d:02d}", "inferred", idx, why)
        why = f"the year comes from the publication date {pub.isoformat()}"
        return MeetingDate(f"{year:04d}-{mo:02d}-{d:02d}", "stated", idx, why)
    # in this order, each looked for only when the ones before fix no year (infer_year is costly)
    candidates = (
        (lambda: announced_year(report, mo, d), "stated"),
        (lambda: text_year, "inferred"),
        (lambda: infer_year(report, mo, d), "inferred"),
    )
    for find, basis in candidates:
        inferred = find()
        if inferred is not None and _valid(inferred[0], mo, d):
            return MeetingDate(f"{inferred[0]:04d}-{mo:02d}-{d:02d}", basis, idx, inferred[2])
    return MeetingDate(f"--{mo:02d}-{d:02d}", "unknown", idx, "no year is written and nothing in the text fixes it")
