"""The kind of meeting (常委会, 全会, 人代会 …) from the headline, else the lead, by vocab/kinds.toml."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import vocab
from ..model import Report

OTHER = "其他"
LEAD = 2  # sentences of the lead that name the meeting


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    table = vocab.toml("kinds.toml")["kind"]
    if not table:
        raise vocab.EmptyVocabulary("generator/vocab/kinds.toml lists no kinds")
    return tuple((k["name"], re.compile(k["pattern"])) for k in table)


def kinds() -> tuple[str, ...]:
    """Every kind a digest may have, 其他 last."""
    return (*(name for name, _ in _kinds()), OTHER)


def kind_of(text: str) -> str | None:
    for name, pattern in _kinds():
        if pattern.search(text):
            return name
    return None


def extract_kind(report: Report, title: str) -> str:
    """The kind of the meeting the report is about: the headline's, else the lead's, else 其他."""
    for text in (title, *(s.text for s in report.sentences[:LEAD])):
        found = kind_of(text or "")
        if found:
            return found
    return OTHER
