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
QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』\n]{%d,%d})[”\"」』]" % (MIN_CHARS, MAX_CHARS))
# A counting numeral: digits, or Chinese numerals other than a bare 一 (which is everywhere: 统一, 进一步).
NUMERAL = re.compile(r"\d|[二两双三四五六七八九十百千万]|一(?:号|干|核|圈|主|轴|带|极|区|城|中心|网|园|廊|环|群|县|村|镇|乡)")
ORDINAL = re.compile(r"第[一二三四五六七八九十\d]")
CJK_ALL = "\u4e00-\u9fff"
YEAR_ONLY = re.compile(r"(?:19|20)\d\d")
# Numerals that name an event, not a package: 党的二十大, 十一届三次全会, 五一 (a holiday)
EVENT_NUMERAL = re.compile(
    r"(?:党的)?(?:十[一二三四五六七八九]|二十[一二]?)大|[一二三四五六七八九十]+(?:届|中全会|中|次全会|次会议|次|周年)"
    r"|^(?:五一|十一|七一|八一|六一|三八|双十一)$"
)
COUNT_PREFIX = re.compile(r"^(\d{1,2})(?=[个大项条张件种类位支批])")


@lru_cache(maxsize=1)
def _NUMERAL_WORDS() -> re.Pattern:
    """Common words that contain a numeral character but count nothing (十分, 进一步, 千万)."""
    return re.compile(vocab.alternation(vocab.toml("frameworks.toml").get("numeral_words", [])) or "(?!)")


@lru_cache(maxsize=4096)
def _has_numeral(s: str) -> bool:
    stripped = _NUMERAL_WORDS().sub("", EVENT_NUMERAL.sub("", YEAR_ONLY.sub("", s)))
    return bool(NUMERAL.search(stripped)) and not ORDINAL.fullmatch(s[:2])


NUMERAL_CHARS = "一二两三四五六七八九十百千万双"
# Unquoted formulations. Structural, not a list: several numbered parts (一核三带, 三攻坚一盘活) …
# Words that end an unquoted formulation: 一核三带|区域发展格局, 一主六双|高质量发展战略
_TAIL = "的|和|与|及|为|建设|行动|战略|工程|格局|体系|目标|要求|高质量|发展|区域|改革|融入|突破|任务|部署|布局|理念|模式|路径|工作"
MULTI_PART = re.compile(rf"(?:[{NUMERAL_CHARS}][\u4e00-\u9fff]{{1,2}}?){{2,4}}(?=[，。；、：“”（）\s]|{_TAIL}|$)")
# … or a count of a named package: 八大产业集群, 四个确保, 三个一批 (digits are quantities: 5个农贸市场)
COUNTED = re.compile(
    rf"(?<![{NUMERAL_CHARS}\d第])[二两三四五六七八九十](?:大[\u4e00-\u9fff]{{2,4}}?|个[\u4e00-\u9fff]{{2}})(?=[，。；、：（）\s]|{_TAIL}|$)"
)
# … or a 、-joined compound whose parts carry numerals: 四化同步、城乡融合、五区共兴
# … or a digit formula anywhere: 1+3+N, （3+6）, 4×4
FORMULA = re.compile(r"(?<![\d.])\d{3,6}(?=战略|工程|行动|体系|发展战略|发展思路|工作思路|总体思路|布局|计划|产业)|(?<![\d.%])\d{1,2}(?:[+×]\d{1,2})+(?:[+][Nn])?(?![\d.%])|(?<![\d.])\d{1,2}(?:[+]\d{1,2})*[+][Nn](?![A-Za-z])")
COMPOUND = re.compile(r"(?:[\u4e00-\u9fff]{4}、){1,4}[\u4e00-\u9fff]{4}")


@lru_cache(maxsize=1)
def idioms() -> frozenset[str]:
    """Chinese idioms from JioNLP's dictionary: 千方百计, 一步一个脚印 carry numerals but name nothing."""
    import importlib.util
    import zipfile
    from pathlib import Path

    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(list(spec.submodule_search_locations)[0]) / "dictionary" / "chinese_idiom.zip"
    with zipfile.ZipFile(path) as z:
        lines = z.read("chinese_idiom.txt").decode("utf-8").splitlines()
    return frozenset(line.split("\t")[0] for line in lines if line)


def _idiomatic(s: str) -> bool:
    ids = idioms()
    return s in ids or any(s[i:i + 4] in ids for i in range(len(s) - 3))


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
    return re.compile(rf"(?<![{NUMERAL_CHARS}])(?:{vocab.alternation(names)})") if names else None


def extract_frameworks(report: Report) -> list[Framework]:
    """Return the frameworks a report invokes, in order of first appearance.

    Each pattern runs once over the whole body (sentences joined by newlines, which no pattern
    crosses); a match's sentence is found from its offset.
    """
    import bisect

    stop = set(vocab.toml("frameworks.toml").get("not_frameworks", []))
    plain_counts = set(vocab.toml("frameworks.toml").get("plain_counts", []))
    found: dict[str, tuple[list[str], int]] = {}  # name -> (variants as written, first offset)
    starts, pos = [], 0
    for sent in report.sentences:
        starts.append(pos)
        pos += len(sent.text) + 1
    text = "\n".join(sent.text for sent in report.sentences)

    def add(raw: str, at: int) -> None:
        name = canonical(raw)
        if not name or name in stop:
            return
        if name in found:
            variants, first = found[name]
            if raw not in variants:
                variants.append(raw)
            found[name] = (variants, min(first, at))
            return
        found[name] = ([raw], at)

    for m in QUOTED.finditer(text):
        inner = m.group(1).strip()
        if _has_numeral(inner) and not ORDINAL.search(inner):
            add(inner, m.start())
    unquoted = _unquoted_re()
    if unquoted:
        for m in unquoted.finditer(text):
            add(m.group(0), m.start())
    bare = QUOTED.sub(lambda q: "“" + "＿" * (len(q.group(0)) - 2) + "”", text)  # quoted text is done
    bare = EVENT_NUMERAL.sub(lambda e: "＿" * len(e.group(0)), bare)  # 党的二十大和二十届二中全会
    for m in FORMULA.finditer(bare):
        add(m.group(0), m.start())
    for m in COMPOUND.finditer(bare):
        parts = m.group(0).split("、")
        if sum(1 for p in parts if _has_numeral(p)) >= 2 and not any(_idiomatic(p) for p in parts):
            add(m.group(0), m.start())
    for m in MULTI_PART.finditer(bare):
        w = m.group(0)
        if sum(1 for ch in w if ch in NUMERAL_CHARS) >= 2 and not _idiomatic(w) and _has_numeral(w):
            if not any(w in f for f in found):
                add(w, m.start())
    for m in COUNTED.finditer(bare):
        w = m.group(0)
        if not _idiomatic(w) and w[2:] not in plain_counts:
            add(w, m.start())
    ordered = sorted(found.items(), key=lambda kv: kv[1][1])
    return [
        Framework(name, tuple(variants), report.sentences[bisect.bisect_right(starts, at) - 1].idx)
        for name, (variants, at) in ordered
    ]
