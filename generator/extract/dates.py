"""The meeting day, with its year reasoned as DIGEST_SCHEMA.md says (never today's year)."""
from __future__ import annotations

import re
from datetime import date as Date
from functools import lru_cache

import cn2an

from .. import vocab
from ..model import MeetingDate, Report

LEAD_SENTENCES = 4  # the meeting day is given in the lead; later days are other events
CN_NUM = "〇零一二三四五六七八九十"
_YEAR = rf"(\d{{4}}|[{CN_NUM}]{{4}})年"
_MD = rf"(\d{{1,2}}|[{CN_NUM}]{{1,3}})月(\d{{1,2}}|[{CN_NUM}]{{1,3}})[日号]"
DAY = re.compile(rf"(?:{_YEAR})?{_MD}")
ISO_DAY = re.compile(r"(?<!\d)(20\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")
DATELINE = re.compile(r"[日号](?:上午|下午|晚上|晚间|晚|早上|凌晨|中午)?[，、 ]")
MEETING_CUE = re.compile(r"召开|举行|主持|会议|全会|开幕|闭幕|召集|出席")
RECENT = re.compile(r"近日|日前|近期|本周|昨天|昨日|今天|今日")
_CN_YEAR = str.maketrans({"〇": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"})


def _num(s: str) -> int:
    if s.isdigit():
        return int(s)
    return int(cn2an.cn2an(s, "smart"))


def _year(s: str | None) -> int | None:
    if not s:
        return None
    return int(s) if s.isdigit() else int(s.translate(_CN_YEAR))


def _valid(y: int | None, m: int, d: int) -> bool:
    try:
        Date(y or 2000, m, d)  # 2000 is a leap year: 02-29 stays possible when the year is unknown
    except ValueError:
        return False
    return True


def _bigrams(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def find_day(report: Report) -> tuple[int | None, int, int, int] | None:
    """Return (year or None, month, day, sentence index) of the meeting day in the lead.

    Where the lead gives several days (another meeting relayed first: "2月24日，市委召开…。2月26日，
    区委召开…"), the day whose clause shares most with the headline is the meeting's.
    """
    head = _bigrams(report.headline or "")
    found: list[tuple[int, int, tuple[int | None, int, int, int]]] = []  # (score, order, day)
    for sent in report.sentences[:LEAD_SENTENCES]:
        hits = []
        for m in DAY.finditer(sent.text):
            try:
                y, mo, d = _year(m.group(1)), _num(m.group(2)), _num(m.group(3))
            except (ValueError, TypeError):
                continue
            if _valid(y, mo, d):
                hits.append((m, y, mo, d))
        for m in ISO_DAY.finditer(sent.text):
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if _valid(y, mo, d):
                hits.append((m, y, mo, d))
        hits.sort(key=lambda h: h[0].start())
        for k, (m, y, mo, d) in enumerate(hits):
            end = hits[k + 1][0].start() if k + 1 < len(hits) else len(sent.text)
            clause = sent.text[m.end():end]
            if not MEETING_CUE.search(clause if len(hits) > 1 else sent.text):
                continue
            dateline = bool(DATELINE.match(sent.text, m.end() - 1))
            score = len(_bigrams(clause) & head) if head else 0
            found.append((score + (1 if dateline else 0), -len(found), (y, mo, d, sent.idx)))
    if not found:
        return _day_only(report)
    y, mo, d, idx = max(found)[2]
    return y, mo, _opening_day(report, mo, d), idx


_DAY_ONLY = re.compile(r"(?<![月\d])(\d{1,2})日(?:上午|下午|晚上|晚)?[，、]")


def _day_only(report: Report) -> tuple[int | None, int, int, int] | None:
    """"8日上午，…召开": the month (and year) come from the publication date."""
    if not report.published:
        return None
    pub = Date.fromisoformat(report.published)
    for sent in report.sentences[:LEAD_SENTENCES]:
        m = _DAY_ONLY.search(sent.text)
        if m and MEETING_CUE.search(sent.text):
            d = int(m.group(1))
            y, mo = (pub.year, pub.month) if d <= pub.day else ((pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12))
            if _valid(y, mo, d):
                return None, mo, d, sent.idx  # the year is then reasoned from the publication date
    return None


_OPENED = re.compile(r"(?:^|[，。])(\d{1,2})日(?:上午|下午|晚上)?[，、]?(?:会议|大会|全会)?(?:隆重)?开幕")


def _opening_day(report: Report, month: int, day: int) -> int:
    """A report dated at the closing ("1月10日…闭幕。9日上午，会议开幕") keeps the first day."""
    for sent in report.sentences[:LEAD_SENTENCES + 2]:
        m = _OPENED.search(sent.text)
        if m and int(m.group(1)) < day:
            return int(m.group(1))
    return day


@lru_cache(maxsize=1)
def _clues() -> list[dict]:
    out = []
    for c in vocab.toml("year_clues.toml")["clue"]:
        out.append({**c, "re": re.compile(c["pattern"])})
    return out


def infer_year(report: Report, month: int, day: int) -> tuple[int, int, str] | None:
    """Return (year, sentence index, reason) from events the text refers to, if one year fits."""
    md = f"{month:02d}-{day:02d}"
    years: dict[int, tuple[int, str]] = {}
    for clue in _clues():
        if clue.get("before") and md > clue["before"]:
            continue
        if clue.get("after") and md < clue["after"]:
            continue
        for sent in report.sentences:
            m = clue["re"].search(sent.text)
            if m:
                years.setdefault(clue["year"], (sent.idx, f"“{m.group(0)}” places the meeting in {clue['year']}"))
                break
    if len(years) == 1:
        (y, (idx, reason)), = years.items()
        return y, idx, reason
    return None


def extract_date(report: Report) -> MeetingDate:
    """Return the meeting day and how its year is known."""
    pub = Date.fromisoformat(report.published) if report.published else None
    found = find_day(report)
    if found is None:
        recent = next((s.idx for s in report.sentences[:LEAD_SENTENCES] if RECENT.search(s.text)), None)
        if pub:
            why = "the report gives no meeting day; its publication date stands in"
            return MeetingDate(pub.isoformat(), "published", recent, why)
        return MeetingDate(None, "unknown", None, "the report gives no day and no publication date")
    y, mo, d, idx = found
    if y:
        return MeetingDate(f"{y:04d}-{mo:02d}-{d:02d}", "stated", idx, "the year is written with the day")
    if pub:
        year = pub.year if (mo, d) <= (pub.month, pub.day) else pub.year - 1
        why = f"the year comes from the publication date {pub.isoformat()}"
        return MeetingDate(f"{year:04d}-{mo:02d}-{d:02d}", "stated", idx, why)
    inferred = infer_year(report, mo, d)
    if inferred:
        year, _, reason = inferred
        if _valid(year, mo, d):
            return MeetingDate(f"{year:04d}-{mo:02d}-{d:02d}", "inferred", idx, reason)
    return MeetingDate(f"--{mo:02d}-{d:02d}", "unknown", idx, "no year is written and nothing in the text fixes it")
