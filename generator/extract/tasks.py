"""Numbered work tasks: the longest run of one ordinal family (一要…二要…, （一）…, 1.…)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import vocab
from ..model import Report, Task
from .numerals import cn_to_int

MIN_RUN = 2  # a single "一是" is not a list
MAX_TASK_CHARS = 120  # a task is its first clause; a run-on without 。 is cut here
CLAUSE_MARKS = "。；：！？，"  # a clause starts after one of these (or at a line's start)
CLAUSE_START_COMMA = rf"(?:^|(?<=[{CLAUSE_MARKS}]))"
TASK_END = re.compile(r"[。；！？]")


@dataclass(frozen=True)
class Marker:
    family: str
    n: int
    start: int  # where the ordinal starts in the body
    text_start: int  # where the task text starts
    para: int
    group: str = ""  # families of one group continue each other's series (一要…二是要…三是)


@lru_cache(maxsize=1)
def _families() -> list[dict]:
    out = []
    for f in vocab.toml("ordinals.toml")["family"]:
        lead = "^" if f.get("para_start") else CLAUSE_START_COMMA
        if f.get("para_start") and f.get("also_after"):  # 一、 after a sentence's end: …作出部署。一、…；二、…
            lead = rf"(?:^|(?<=[{re.escape(f['also_after'])}]))"
        if f.get("inline"):  # right after a word of its lead-in (建设一是要…), not after 统 (统一是要…);
            # the lookahead in front lets the regex engine skip to a numeral (speed)
            not_after = re.escape(f.get("inline_not_after", ""))
            lead = rf"(?=[一二三四五六七八九十])(?<=[\u4e00-\u9fff])(?<![{not_after}])"
        not_after = tuple(f.get("not_followed_by", ()))
        out.append({**f, "re": re.compile(lead + r"\s*" + f["pattern"], re.M), "not_after": not_after})
    return out


def _number(f: dict, token: str) -> int | None:
    if f["kind"] == "digit":
        return int(token)
    if f["kind"] == "word":
        return f["words"].index(token) + 1 if token in f["words"] else None
    try:
        return cn_to_int(token, "strict")
    except (ValueError, KeyError):
        return None


@lru_cache(maxsize=1)
def _family_ahead() -> tuple[re.Pattern, re.Pattern]:
    """Where some family's ordinal may start: (at a paragraph's start, right after a clause's end).

    Speed: one scan of a paragraph finds the few places where any family may match; each family's
    own pattern is then tried there alone, instead of scanning the paragraph once per family. Every
    match of a family starts at a line's start or right after a mark its lead names, so
    nothing is missed; the second pattern consumes that mark, which lets the regex engine skip
    straight from one mark to the next. (The families' patterns are joined into one here: they
    must not name their groups or refer back to them.)"""
    any_family = "|".join(f"(?:{f['pattern']})" for f in _families())
    # the characters the families' ordinals open with, tested first: most marks have none after them
    first = vocab.first_class(any_family)
    ahead = rf"(?=\s*{first})(?=\s*(?:{any_family}))" if first else rf"(?=\s*(?:{any_family}))"
    # the marks some family's lead looks behind for: a clause's end, and the also_after of a family
    marks = set(CLAUSE_MARKS) | {c for f in _families() for c in f.get("also_after", "")}
    after_mark = "[" + "".join(re.escape(c) for c in sorted(marks)) + "\n]"
    return re.compile(ahead, re.M), re.compile(after_mark + ahead, re.M)  # re.M as the families


def _candidates(para: str) -> list[int]:
    """The positions where a family may match, in order (see _family_ahead)."""
    at_start, after_end = _family_ahead()
    return ([0] if at_start.match(para) else []) + [m.end() for m in after_end.finditer(para)]


def find_markers(paragraphs: tuple[str, ...]) -> list[Marker]:
    """Find every ordinal that could start a task, in text order."""
    out: list[Marker] = []
    offset = 0
    for p_idx, para in enumerate(paragraphs):
        starts = _candidates(para)
        for f in _families():
            if f.get("inline"):  # no mark before it: looked for only where its literal words are (speed)
                if f["literal"] in para:
                    out.extend(_inline_markers(f, para, p_idx, offset))
                continue
            if not starts:
                continue
            end = 0  # as in finditer: a family's matches do not overlap
            for pos in starts:
                m = f["re"].match(para, pos) if pos >= end else None
                if not m:
                    continue
                end = m.end()
                if f["not_after"] and para.startswith(f["not_after"], m.end(1)):
                    continue  # 第一批, 第一次, 第一书记: no ordinal of a list
                n = _number(f, m.group(1))
                if n:
                    out.append(Marker(f["name"], n, offset + m.start(1), offset + m.end(), p_idx, f.get("group", "")))
        offset += len(para) + 1
    out.sort(key=lambda mk: mk.start)
    return out


def _inline_markers(f: dict, para: str, p_idx: int, offset: int) -> list[Marker]:
    """A first item run into its lead-in (…建设一是要…): a marker of its own family, which only a
    next item of its group (二是要…) makes a series."""
    out = []
    for m in f["re"].finditer(para):
        n = _number(f, m.group(1))
        if n:
            out.append(Marker(f["name"], n, offset + m.start(1), offset + m.end(), p_idx, f.get("group", "")))
    return out


def _runs(markers: list[Marker]) -> list[list[Marker]]:
    """Group markers into numbered series: 一, 二, 三 … of one family, or of one group where the family
    changes mid-list (一要…二是要…三是) and no series of the marker's own family waits for it."""
    runs: list[list[Marker]] = []
    open_runs: dict[str, list[Marker]] = {}
    for mk in markers:
        last_word = mk.family == "shouxian" and mk.n == 4  # 最后 closes a 首先 run of any length
        if mk.n == 1:
            open_runs[mk.family] = [mk]
            runs.append(open_runs[mk.family])
            continue
        run: list[Marker] | None = open_runs.get(mk.family)
        if not (run and (mk.n == run[-1].n + 1 or last_word)) and mk.group:
            run = next(
                (r for fam, r in open_runs.items() if fam != mk.family and r[-1].group == mk.group and r[-1].n + 1 == mk.n), run
            )
        if run and (mk.n == run[-1].n + 1 or last_word):
            run.append(mk if not last_word else Marker(mk.family, run[-1].n + 1, mk.start, mk.text_start, mk.para))
    return [r for r in runs if len(r) >= MIN_RUN]


LOOK_BACK = 60  # characters before a list that say what it is
PERSON_ITEM = 30  # a title and a name before 同志: 镇党委副书记、镇长某某同志
SHORT_LEAD = 4  # a list that opens its sentence is read from the sentence before


@lru_cache(maxsize=1)
def _lead_patterns() -> dict[str, re.Pattern]:
    lead = vocab.toml("ordinals.toml")["lead"]
    numerals = r"[一二两三四五六七八九十\d]+"
    return {
        "ahead": re.compile(vocab.alternation(lead["ahead"]) + r"|要(?<![主需重只必纪]要)"),
        "planned": re.compile(vocab.alternation(lead["planned"])),
        "past": re.compile(vocab.alternation(lead["past"])),
        "done": re.compile(vocab.alternation(lead["done"])),
        "problems": re.compile(vocab.alternation(lead["problems"])),
        "remedied": re.compile(rf"(?:{vocab.alternation(lead['remedies'])})(?:{vocab.alternation(lead['problems'])})"),
        "sections": re.compile(rf"{numerals}个?大?(?:{vocab.alternation(lead['sections'])})"),
        "agenda": re.compile(rf"^(?:{vocab.alternation(lead['agenda'])})"),
        "person": re.compile(rf"^[^，。；：要]{{2,{PERSON_ITEM}}}?同志(?:{vocab.alternation(lead['person_acts'])})"),
    }


def _lead(body: str, start: int) -> str:
    """The words before a list: its sentence up to the first ordinal, or the sentence before."""
    before = body[max(0, start - LOOK_BACK) : start]
    cut = max(before.rfind("。"), before.rfind("\n"))
    lead = before[cut + 1 :]
    if len(lead.strip(" ：，")) < SHORT_LEAD:
        prev = before[: cut + 1].rstrip("。\n")
        lead = prev[max(prev.rfind("。"), prev.rfind("\n")) + 1 :]
    return lead


def _intent(body: str, run: list[Marker]) -> int:
    """+1 for a list of things to do (会议要求…), -1 for one of results, problems, report sections or
    agenda items (审议…, or what named people did: …同志传达了…), else 0."""
    p = _lead_patterns()
    lead = _lead(body, run[0].start)
    lead = p["planned"].sub("部署", lead)  # 对…工作做了安排: a plan, not a result
    lead = p["remedied"].sub("", lead)  # 补短板, 缩小差距: a thing to do, not a list of problems
    if p["sections"].search(lead) or p["problems"].search(lead) or p["done"].search(lead):
        return -1
    if _headings(body, run):
        return -1
    items = [body[mk.text_start : mk.text_start + LOOK_BACK] for mk in run]
    if 2 * sum(1 for it in items if p["agenda"].match(it.strip()) or p["person"].match(it.strip())) >= len(items):
        return -1
    ahead = p["ahead"].search(lead)
    if p["past"].search(lead) and not ahead:
        return -1
    return 1 if ahead else 0


HEADING_MAX = 20  # a heading line: 一、今年主要预期目标：


def _headings(body: str, run: list[Marker]) -> bool:
    """A list of section headings (一、今年主要预期目标：二、着重做好以下工作：): each item a short line of
    its own with no clause inside, ending in a colon or nothing. The tasks are in the sections."""
    for mk in run:
        end = body.find("\n", mk.text_start)
        line = body[mk.text_start : end if end >= 0 else len(body)].strip()
        if not line or len(line) > HEADING_MAX or any(c in line for c in "，。；") or line[-1] not in "：:":
            return False
    return True


def _task_text(body: str, start: int, stop: int) -> str:
    chunk = body[start:stop]
    m = TASK_END.search(chunk)
    if m:
        chunk = chunk[: m.start()]
    chunk = chunk.split("\n")[0][:MAX_TASK_CHARS]
    chunk = re.sub(r"^(?:是要|要|是)", "", chunk.strip(" ，、："))
    return chunk.strip(" ，、：")


def _span_end(body: str, run: list[Marker]) -> int:
    """Where a series ends: the end of its last item's paragraph (第五，维护稳定。一要…二要… : the
    last item's own list follows its first sentence)."""
    stop = body.find("\n", run[-1].text_start)
    return stop if stop >= 0 else len(body)


def _select(body: str, runs: list[list[Marker]]) -> list[list[Marker]]:
    """The series that are lists of tasks: those a lead-in marks as such (会议要求…) or, where none
    is, those no lead-in marks as results, problems or sections; a series inside a chosen one's
    span (its parent's items) comes along."""
    intents = [_intent(body, r) for r in runs]
    best = 1 if 1 in intents else 0
    chosen = [r for r, i in zip(runs, intents, strict=True) if i == best]
    # a series whose item holds a list of things to do is one too (首先，统一思想。一是…二是…第二，…)
    chosen += [r for r, i in zip(runs, intents, strict=True) if 0 <= i < best and _holds(r, chosen)]
    spans = [(r[0].start, _span_end(body, r)) for r in chosen]
    nested = [
        r
        for r, i in zip(runs, intents, strict=True)
        if 0 <= i < best and r not in chosen and any(a < r[0].start < b for a, b in spans)
    ]
    return sorted(chosen + nested, key=lambda r: r[0].start)


def _holds(run: list[Marker], chosen: list[list[Marker]]) -> bool:
    """Whether a chosen series starts inside one of this series' items before its last."""
    return any(run[0].start < r[0].start < run[-1].start for r in chosen)


def extract_tasks(report: Report) -> list[Task]:
    """Return the numbered tasks of a report, or [] when it numbers none.

    Every numbered series that is a list of things to do is taken, in document order, so a series
    inside another's item follows that item."""
    body = report.body
    found = find_markers(report.paragraphs)
    runs = _runs(found)
    cut = _cut_run(body, found, runs)
    runs = _select(body, runs + ([cut] if cut else []))
    if cut and cut not in runs:  # chosen by its own test (its ordinal says 要), though others' lead-ins say more
        runs.append(cut)  # the text's last item: it comes last
    markers = sorted((mk for r in runs for mk in r), key=lambda mk: mk.start)
    tasks: list[Task] = []
    for i, mk in enumerate(markers):
        stop = markers[i + 1].start if i + 1 < len(markers) else len(body)
        text = _task_text(body, mk.text_start, stop)
        if text:
            tasks.append(Task(len(tasks) + 1, text, _sentence_at(report, mk.start)))
    return tasks if len(tasks) >= MIN_RUN or (cut and tasks) else []


CUT_ENDS = '。！？!?”"）)'  # a text that ends in one of these was not cut off mid-sentence


def _cut_run(body: str, markers: list[Marker], runs: list[list[Marker]]) -> list[Marker] | None:
    """A series cut off by the end of an excerpt: a lone first item (一要…) in the text's last
    paragraph, with nothing numbered after it, where the text stops mid-sentence. It counts as a
    series of one when its lead-in says it is a list of things to do (会议要求，一要…), or when the
    ordinal says so itself (…作了讲话。一是要…) and the lead-in does not say otherwise."""
    last = markers[-1] if markers else None
    end = body.rstrip()
    if not last or last.n != 1 or any(last in r for r in runs) or not end or end[-1] in CUT_ENDS:
        return None
    if "\n" in body[last.start : len(end)]:
        return None
    intent = _intent(body, [last])
    return [last] if intent == 1 or (intent == 0 and "要" in body[last.start : last.text_start]) else None


def _sentence_at(report: Report, pos: int) -> int | None:
    """Return the index of the sentence that contains body offset pos: the last sentence of its
    paragraph that starts at or before it (a sentence keeps its closing 。, so the next one starts
    right after it)."""
    offset = 0
    for p_idx, para in enumerate(report.paragraphs):
        if pos <= offset + len(para):
            local = pos - offset
            seen = 0
            best = None
            for s in report.sentences:
                if s.para != p_idx:
                    continue
                found = para.find(s.text, seen)
                if found < 0:
                    continue
                if found > local:
                    break
                best = s.idx
                seen = found + len(s.text)
            return best
        offset += len(para) + 1
    return None
