"""The headline, or a short one built from the lead sentence when the text has none."""

from __future__ import annotations

import re

from .. import vocab
from ..model import Report

MAX_BUILT = 40  # a built headline is one clause
BUILT_FROM = 2  # sentences of the lead searched for the clause that names the meeting
_DATE_LEAD = re.compile(rf"^(?:\d{{4}}年)?\d{{1,2}}月\d{{1,2}}[日号](?:{vocab.cue('time_of_day')})?")
_EVENT = re.compile(vocab.cue("meeting"))
# A news dateline and byline opening the lead: "本报讯（记者 某某）", "某某网北京1月2日电（…）"
_BYLINE = re.compile(r"^(?:[^，。（(\s]{0,16}?(?:讯|\d{1,2}日电)(?=[\s（(]|\d)\s*)?(?:[（(][^）)]{0,40}[）)]\s*)?")


def _clauses(sentence: str) -> list[str]:
    text = _BYLINE.sub("", sentence, count=1)
    return [c for c in (_DATE_LEAD.sub("", c.strip()).strip("，、 ") for c in re.split(r"[，。；]", text)) if c]


def extract_title(report: Report) -> str:
    """Return the report's headline, simplified, or one built from its first sentences."""
    if report.headline:
        return report.headline
    if not report.sentences:
        return "无标题报道"
    for sent in report.sentences[:BUILT_FROM]:
        for c in _clauses(sent.text):
            if _EVENT.search(c):
                return c[:MAX_BUILT]
    first = report.sentences[0].text
    clauses = _clauses(first)
    return (clauses[0] if clauses else first)[:MAX_BUILT]
