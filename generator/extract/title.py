"""The headline, or a short one built from the lead sentence when the text has none."""
from __future__ import annotations

import re

from ..model import Report

MAX_BUILT = 40  # a built headline is one clause
_DATE_LEAD = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}[日号](?:上午|下午|晚上|晚)?")
_EVENT = re.compile(r"召开|举行|开幕|闭幕|会议")


def extract_title(report: Report) -> str:
    """Return the report's headline, simplified, or one built from its first sentence."""
    if report.headline:
        return report.headline
    if not report.sentences:
        return "无标题报道"
    first = report.sentences[0].text
    clauses = [c.strip() for c in re.split(r"[，。；]", first) if c.strip()]
    for c in clauses:
        c = _DATE_LEAD.sub("", c).strip("，、 ")
        if c and _EVENT.search(c):
            return c[:MAX_BUILT]
    lead = _DATE_LEAD.sub("", clauses[0] if clauses else first).strip("，、 ")
    return (lead or first)[:MAX_BUILT]
