"""Numbered work tasks: the longest run of one ordinal family (一要…二要…, （一）…, 1.…)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import cn2an

from .. import vocab
from ..model import Report, Task

MIN_RUN = 2  # a single "一是" is not a list
MAX_TASK_CHARS = 120  # a task is its first clause; a run-on without 。 is cut here
CLAUSE_START = r"(?:^|(?<=[。；：！？]))"
CLAUSE_START_COMMA = r"(?:^|(?<=[。；：！？，]))"
TASK_END = re.compile(r"[。；！？]")


@dataclass(frozen=True)
class Marker:
    family: str
    n: int
    start: int  # where the ordinal starts in the body
    text_start: int  # where the task text starts
    para: int


@lru_cache(maxsize=1)
def _families() -> list[dict]:
    out = []
    for f in vocab.toml("ordinals.toml")["family"]:
        lead = CLAUSE_START if f.get("para_start") else CLAUSE_START_COMMA
        if f.get("para_start"):
            lead = "^"
        out.append({**f, "re": re.compile(lead + r"\s*" + f["pattern"], re.M)})
    return out


def _number(f: dict, token: str) -> int | None:
    if f["kind"] == "digit":
        return int(token)
    if f["kind"] == "word":
        return f["words"].index(token) + 1 if token in f["words"] else None
    try:
        return int(cn2an.cn2an(token, "strict"))
    except (ValueError, KeyError):
        return None


def find_markers(paragraphs: tuple[str, ...]) -> list[Marker]:
    """Find every ordinal that could start a task, in text order."""
    out: list[Marker] = []
    offset = 0
    for p_idx, para in enumerate(paragraphs):
        for f in _families():
            for m in f["re"].finditer(para):
                n = _number(f, m.group(1))
                if n:
                    out.append(Marker(f["name"], n, offset + m.start(1), offset + m.end(), p_idx))
        offset += len(para) + 1
    out.sort(key=lambda mk: mk.start)
    return out


def _runs(markers: list[Marker]) -> list[list[Marker]]:
    runs: list[list[Marker]] = []
    open_runs: dict[str, list[Marker]] = {}
    for mk in markers:
        run = open_runs.get(mk.family)
        last_word = mk.family == "shouxian" and mk.n == 4  # 最后 closes a 首先 run of any length
        if mk.n == 1:
            run = [mk]
            open_runs[mk.family] = run
            runs.append(run)
        elif run and (mk.n == run[-1].n + 1 or last_word):
            run.append(mk if not last_word else Marker(mk.family, run[-1].n + 1, mk.start, mk.text_start, mk.para))
    return [r for r in runs if len(r) >= MIN_RUN]


_PAST = re.compile(r"过去一年|一年来|去年|以来|回顾|取得|成效|成绩|完成")
_AHEAD = re.compile(r"强调|要求|部署|提出|明确|重点|任务|必须|要|做好|抓好|下一步|今后|明年|今年")
LOOK_BACK = 60  # characters before a list that say what it is


def _intent(body: str, run: list[Marker]) -> int:
    """+1 for a list of things to do (会议要求…), -1 for a list of results (过去一年…取得…), else 0."""
    before = body[max(0, run[0].start - LOOK_BACK):run[0].start]
    before = before.split("。")[-1] or before
    if _PAST.search(before) and not _AHEAD.search(before):
        return -1
    return 1 if _AHEAD.search(before) else 0


def _task_text(body: str, start: int, stop: int) -> str:
    chunk = body[start:stop]
    m = TASK_END.search(chunk)
    if m:
        chunk = chunk[: m.start()]
    chunk = chunk.split("\n")[0][:MAX_TASK_CHARS]
    chunk = re.sub(r"^(?:是要|要|是)", "", chunk.strip(" ，、："))
    return chunk.strip(" ，、：")


def extract_tasks(report: Report) -> list[Task]:
    """Return the numbered tasks of a report, or [] when it numbers none."""
    body = report.body
    runs = _runs(find_markers(report.paragraphs))
    if not runs:
        return []
    best = max(runs, key=lambda r: (_intent(body, r), len(r), -r[0].start))
    para_sentence = {}
    for s in report.sentences:
        para_sentence.setdefault(s.para, s.idx)
    tasks = []
    for i, mk in enumerate(best):
        stop = best[i + 1].start if i + 1 < len(best) else len(body)
        text = _task_text(body, mk.text_start, stop)
        if text:
            tasks.append(Task(len(tasks) + 1, text, _sentence_at(report, mk.start)))
    return tasks if len(tasks) >= MIN_RUN else []


def _sentence_at(report: Report, pos: int) -> int | None:
    """Return the index of the sentence that contains body offset pos."""
    offset = 0
    for p_idx, para in enumerate(report.paragraphs):
        if pos <= offset + len(para):
            local = pos - offset
            seen = 0
            for s in report.sentences:
                if s.para != p_idx:
                    continue
                found = para.find(s.text, seen)
                if found <= local < found + len(s.text) + 1:
                    return s.idx
                seen = found + len(s.text) if found >= 0 else seen
            return None
        offset += len(para) + 1
    return None
