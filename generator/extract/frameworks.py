"""Numbered formulations (提法): “两个确立”, “22445”, “3+4”, 一干多支、五区协同 …

A candidate is a quoted phrase that carries a counting numeral, or a glossary name written
without quotes. Names are canonicalized so one framework has one page across reports.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import cn2an

from .. import vocab
from ..model import Framework, Report

MIN_CHARS, MAX_CHARS = 2, 16  # longer quoted text is a slogan sentence, not a named package
QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』]{%d,%d})[”\"」』]" % (MIN_CHARS, MAX_CHARS))
# A counting numeral: digits, or Chinese numerals other than a bare 一 (which is everywhere: 统一, 进一步).
NUMERAL = re.compile(r"\d|[二两双三四五六七八九十百千万]|一(?:号|干|核|圈|主|轴|带|极|区|城|中心|网|园|廊|环|群|县|村|镇|乡)")
ORDINAL = re.compile(r"第[一二三四五六七八九十\d]")
YEAR_ONLY = re.compile(r"(?:19|20)\d\d")
# Numerals that name an event, not a package: 党的二十大, 十一届三次全会, 五一 (a holiday)
EVENT_NUMERAL = re.compile(
    r"(?:党的)?(?:十[一二三四五六七八九]|二十[一二]?)大|[一二三四五六七八九十]+(?:届|中全会|次全会|次会议|周年)"
    r"|^(?:五一|十一|七一|八一|六一|三八|双十一)$"
)
COUNT_PREFIX = re.compile(r"^(\d{1,2})(?=[个大项条张件种类位支批])")


def _has_numeral(s: str) -> bool:
    stripped = EVENT_NUMERAL.sub("", YEAR_ONLY.sub("", s))
    return bool(NUMERAL.search(stripped)) and not ORDINAL.fullmatch(s[:2])


@lru_cache(maxsize=1)
def glossary() -> dict[str, dict]:
    """Map canonical name -> glossary entry."""
    return {f["name"]: f for f in vocab.toml("frameworks.toml").get("framework", [])}


@lru_cache(maxsize=1)
def _variant_map() -> dict[str, str]:
    out = {}
    for name, entry in glossary().items():
        for v in entry.get("variants", []):
            out[v] = name
    return out


def canonical(name: str) -> str:
    """Canonical form: no quotes or spaces, 4个创建 -> 四个创建, glossary variants merged."""
    s = re.sub(r"[\s“”\"'‘’「」『』《》]", "", name)
    s = s.replace(",", "，")
    s = COUNT_PREFIX.sub(lambda m: cn2an.an2cn(m.group(1)), s)
    return _variant_map().get(s, s)


def slug(name: str) -> str:
    """A stable, collision-free URL slug for a framework."""
    return "f-" + hashlib.sha1(canonical(name).encode("utf-8")).hexdigest()[:10]


@lru_cache(maxsize=1)
def _unquoted_re() -> re.Pattern | None:
    names = set(glossary())
    for entry in glossary().values():
        names.update(entry.get("variants", []))
    return re.compile(vocab.alternation(names)) if names else None


def extract_frameworks(report: Report) -> list[Framework]:
    """Return the frameworks a report invokes, in order of first appearance."""
    stop = set(vocab.toml("frameworks.toml").get("not_frameworks", []))
    found: dict[str, tuple[list[str], int, int]] = {}

    def add(raw: str, sent_idx: int, pos: int) -> None:
        name = canonical(raw)
        if not name or name in stop:
            return
        if name in found:
            if raw not in found[name][0]:
                found[name][0].append(raw)
            return
        found[name] = ([raw], sent_idx, pos)

    unquoted = _unquoted_re()
    for sent in report.sentences:
        for m in QUOTED.finditer(sent.text):
            inner = m.group(1).strip()
            if _has_numeral(inner) and not ORDINAL.search(inner):
                add(inner, sent.idx, m.start())
        if unquoted:
            for m in unquoted.finditer(sent.text):
                add(m.group(0), sent.idx, m.start())
    ordered = sorted(found.items(), key=lambda kv: (kv[1][1], kv[1][2]))
    return [Framework(name, tuple(variants), idx) for name, (variants, idx, _) in ordered]
