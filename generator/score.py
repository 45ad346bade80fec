"""Score meeting digests (JSON, see DIGEST_SCHEMA.md) against hand-made gold files.

    digest score GOLD_DIR PRED_DIR [--json] [--verbose]

Each gold file GOLD_DIR/<stem>.json is matched with PRED_DIR/<stem>.json.
A missing or unreadable prediction scores zero on every field of that report.

A port of the shared evaluation script (../shared/eval/score.py) that ships with the project,
so the accuracy gate runs on a fresh clone: the rules, the notes and the rounding are the same
(tests/test_score.py checks the two agree whenever the shared script is beside the clone).
Standard library only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("chairs", "speakers", "attendees", "tasks", "targets", "frameworks")
PEOPLE = ("chairs", "speakers", "attendees")

CN_DIGITS = "零一二三四五六七八九十"
QUOTES = re.compile(r"[\s“”\"'‘’《》「」『』〈〉()（）]")
COUNTED = re.compile(r"^(\d)([个大项条张件种类]\S*)$")  # 4个创建, 3大攻坚
LIST_SEP = re.compile(r"[、,，]")
TASK_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十]+[）)、.是要]*|^第[一二三四五六七八九十]+[,，、]?|^\d+[.、]")
TASK_LEAD = re.compile(r"^(是要|要|是)")
TASK_PUNCT = re.compile(r"[\s,，。;；:：、“”\"]")
NUMBER = re.compile(r"\d+(?:\.\d+)?")
INDICATOR_NOISE = re.compile(r"[“”\"\s]")
TASK_PREFIX = 8  # a task matches when one text starts with the other's first 8 characters
INDICATOR_KEY = 4  # a target's indicator is known by its last 4 characters

Json = dict[str, Any]  # one digest or gold file, as read


# --- normalisation ---------------------------------------------------------------------------


def norm_framework(s: str | None) -> str:
    """A framework name without quotes or spaces; a single leading digit spelled out (4个创建 -> 四个创建)."""
    s = QUOTES.sub("", s or "")
    s = s.replace("，", ",")
    # "4个创建" and "四个创建" are the same formulation; "22445" and "3+4" stay digits.
    m = COUNTED.match(s)
    if m:
        s = CN_DIGITS[int(m.group(1))] + m.group(2)
    return s


def framework_variants(s: str) -> set[str]:
    """The normalised name as a whole and each of its listed parts (两新、两重 -> 两新、两重, 两新, 两重)."""
    whole = norm_framework(s)
    parts = {norm_framework(p) for p in LIST_SEP.split(s) if p.strip()}
    return {whole} | parts


def norm_text(s: str | None) -> str:
    """A task's text without its ordinal (一是, （二）, 第三, 4.), a leading 要/是 and punctuation."""
    s = TASK_NUMBER.sub("", s or "")
    s = TASK_LEAD.sub("", s)
    return TASK_PUNCT.sub("", s)


def first_number(s: object) -> str | None:
    m = NUMBER.search(str(s or ""))
    return m.group(0) if m else None


def names(items: Any) -> set[str]:
    """The names in a list of people (objects with "name", or bare strings)."""
    out: set[str] = set()
    for it in items or []:
        name = it.get("name") if isinstance(it, dict) else it
        if isinstance(name, str) and name.strip():
            out.add(name.strip())
    return out


# --- counting --------------------------------------------------------------------------------


@dataclass
class Tally:
    """True positives, false positives and false negatives of one field over all reports."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> tuple[float, float, float]:
        """Precision, recall, F1; nothing predicted where nothing was due counts as perfect."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Totals:
    """Running sums over the reports scored so far."""

    reports: int = 0
    date_pts: float = 0.0
    date_exact: int = 0
    place_pts: float = 0.0
    place_n: int = 0
    fields: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in FIELDS})

    def result(self) -> dict[str, Any]:
        """The summary, every score rounded to three decimals."""
        n = self.reports
        out: dict[str, Any] = {
            "reports": n,
            "date": round(self.date_pts / n, 3) if n else 0.0,
            "date_exact": round(self.date_exact / n, 3) if n else 0.0,
            "place": round(self.place_pts / self.place_n, 3) if self.place_n else 0.0,
        }
        for key, t in self.fields.items():
            p, r, f = t.prf()
            out[key] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}
        return out


# --- the rules, one field at a time ----------------------------------------------------------


def date_points(gold: Json, pred: Json) -> float:
    """1 for the exact day (or an accepted alternative, or no day where the text gives none);
    0.5 for month and day with the year wrong or missing; 0 otherwise."""
    gd, pd = str(gold.get("date") or ""), str(pred.get("date") or "")
    accept = {gd} | set(gold.get("date_accept") or [])  # honest alternatives, e.g. "--08-29"
    if not gd and not pd:  # no day in the text, and none claimed
        return 1.0
    if gd and pd in accept:
        return 1.0
    if gd and pd[-5:] == gd[-5:] and len(pd) >= 5:
        return 0.5
    return 0.0


def place_points(gold: Json, pred: Json) -> float | None:
    """The place score, or None where the text itself never names the place (not scored)."""
    if gold.get("place_from_text") is False:
        return None
    gp, pp = gold.get("place") or {}, pred.get("place") or {}
    if gp.get("city"):  # half for the prefecture-level city, half more for the county-level unit
        city_ok = gp.get("city") == pp.get("city")
        return 0.5 * city_ok + 0.5 * (city_ok and gp.get("county") == pp.get("county"))
    if gp.get("county"):  # a county-level unit directly under its province (琼海市, 济源市): no prefecture
        return float(gp.get("province") == pp.get("province") and gp.get("county") == pp.get("county") and not pp.get("city"))
    # a provincial-level meeting: the province, and no city
    return float(bool(gp.get("province")) and gp.get("province") == pp.get("province") and not pp.get("city"))


def people(gold: Json, pred: Json) -> Iterator[tuple[str, set[str], set[str]]]:
    """(field, gold names, predicted names) for chairs, speakers and attendees.

    Naming the chair or speaker among the attendees is no error: they are left out of the
    predicted attendees unless the gold lists them there too."""
    officials = names(gold.get("chairs")) | names(gold.get("speakers"))
    for key in PEOPLE:
        g, p = names(gold.get(key)), names(pred.get(key))
        if key == "attendees":
            p = p - (officials - g)
        yield key, g, p


def task_counts(gold: Json, pred: Json) -> tuple[int, int, int]:
    """(matched, predicted, gold) tasks: the i-th prediction against the i-th gold task, by prefix."""
    gt = [norm_text(t.get("text", "")) for t in gold.get("tasks") or []]
    pt = [norm_text(t.get("text", "") if isinstance(t, dict) else str(t)) for t in pred.get("tasks") or []]
    tp = sum(
        1
        for i, g in enumerate(gt)
        if i < len(pt) and pt[i] and (pt[i].startswith(g[:TASK_PREFIX]) or g.startswith(pt[i][:TASK_PREFIX]))
    )
    return tp, len(pt), len(gt)


def target_match(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    """Same year, same first number in the value, and the indicators agree (the gold's last
    four characters inside the prediction's, or the prediction's inside the gold's)."""
    if g.get("year") != p.get("year"):
        return False
    if first_number(g.get("value")) != first_number(p.get("value")):
        return False
    gi = INDICATOR_NOISE.sub("", g.get("indicator") or "")
    pi = INDICATOR_NOISE.sub("", p.get("indicator") or "")
    key = gi[-INDICATOR_KEY:] if len(gi) >= INDICATOR_KEY else gi
    return bool(key) and (key in pi or (len(pi) >= 2 and pi in gi))


def target_counts(gold: Json, pred: Json) -> tuple[int, int, int]:
    """(gold targets found, predictions matching no gold or allowed target, gold targets)."""
    gts = gold.get("targets") or []
    allowed = gts + (gold.get("allowed_targets") or [])
    preds = [t for t in pred.get("targets") or [] if isinstance(t, dict)]
    hit = sum(1 for g in gts if any(target_match(g, p) for p in preds))
    extra = sum(1 for p in preds if not any(target_match(g, p) for g in allowed))
    return hit, extra, len(gts)


@dataclass(frozen=True)
class FrameworkMatch:
    gold: list[str]  # as written in the gold file
    found: list[str]  # the gold names some prediction matches
    extra: list[str]  # normalised predictions matching no gold or allowed name, sorted

    @property
    def missing(self) -> list[str]:
        return sorted(set(self.gold) - set(self.found))


def framework_match(gold: Json, pred: Json) -> FrameworkMatch:
    gf: list[str] = gold.get("frameworks") or []
    allowed: set[str] = set()
    for s in gf + (gold.get("allowed_frameworks") or []):
        allowed |= framework_variants(s)
    predicted: set[str] = set()
    for item in pred.get("frameworks") or []:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip():
            predicted.add(norm_framework(name))
    found = [g for g in gf if framework_variants(g) & predicted]
    extra = sorted(p for p in predicted if p not in allowed)
    return FrameworkMatch(gf, found, extra)


# --- one report, all reports -----------------------------------------------------------------


def read_prediction(path: Path) -> tuple[Json, str | None]:
    """The prediction at `path`, or ({}, note) when it is missing or unusable."""
    try:
        pred = json.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:
        return {}, f"no usable prediction ({exc.__class__.__name__})"
    if not isinstance(pred, dict):  # the shared script reports this as a ValueError too
        return {}, "no usable prediction (ValueError)"
    return pred, None


def score_report(stem: str, gold: Json, pred: Json, totals: Totals, verbose: bool = False) -> list[str]:
    """Add one report's scores to `totals`; return its notes (every miss with `verbose`)."""
    notes: list[str] = []
    fields = totals.fields
    totals.reports += 1

    pts = date_points(gold, pred)
    totals.date_pts += pts
    if pts == 1:
        totals.date_exact += 1
    else:
        notes.append(f"{stem}: date {str(pred.get('date') or '')!r}, gold {str(gold.get('date') or '')!r}")

    place = place_points(gold, pred)
    if place is not None:
        totals.place_pts += place
        totals.place_n += 1
        if place < 1:
            notes.append(f"{stem}: place {pred.get('place') or {}}, gold {gold.get('place') or {}}")

    for key, g, p in people(gold, pred):
        fields[key].add(len(g & p), len(p - g), len(g - p))
        if verbose and g != p:
            notes.append(f"{stem}: {key} missing {sorted(g - p)} extra {sorted(p - g)}")

    if gold.get("tasks_explicit"):  # scored only where the report numbers them itself
        tp, n_pred, n_gold = task_counts(gold, pred)
        fields["tasks"].add(tp, n_pred - tp, n_gold - tp)
        if verbose and tp < max(n_gold, n_pred):
            notes.append(f"{stem}: tasks {tp}/{n_gold} matched, {n_pred} predicted")

    hit, extra, n_gold = target_counts(gold, pred)
    fields["targets"].add(hit, extra, n_gold - hit)
    if verbose and (hit < n_gold or extra):
        notes.append(f"{stem}: targets {hit}/{n_gold} found, {extra} extra")

    fw = framework_match(gold, pred)
    fields["frameworks"].add(len(fw.found), len(fw.extra), len(fw.gold) - len(fw.found))
    if verbose and (len(fw.found) < len(fw.gold) or fw.extra):
        notes.append(f"{stem}: frameworks missing {fw.missing} extra {fw.extra}")
    return notes


def score(gold_dir: Path, pred_dir: Path, verbose: bool = False) -> tuple[dict[str, Any], list[str]]:
    """Score PRED_DIR/<stem>.json against each GOLD_DIR/<stem>.json.

    Returns the summary ({"reports", "date", "date_exact", "place", and per field
    {"precision", "recall", "f1"}}) and the notes: dates and places below full marks, unusable
    predictions, and with `verbose` every miss."""
    totals = Totals()
    notes: list[str] = []
    for gpath in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        pred, problem = read_prediction(pred_dir / gpath.name)
        if problem:
            notes.append(f"{gpath.stem}: {problem}")
        notes += score_report(gpath.stem, gold, pred, totals, verbose)
    return totals.result(), notes


# --- printing --------------------------------------------------------------------------------


def summary_lines(result: Mapping[str, Any]) -> list[str]:
    """The summary as the shared script prints it: one line for date and place, one per field."""
    head = (
        f"reports {result['reports']}  date {result['date']:.3f} (exact {result['date_exact']:.3f})  place {result['place']:.3f}"
    )
    lines = [head]
    for key in FIELDS:
        v = result[key]
        lines.append(f"{key:<11} P {v['precision']:.3f}  R {v['recall']:.3f}  F1 {v['f1']:.3f}")
    return lines


def report_lines(result: Mapping[str, Any], notes: Iterable[str]) -> list[str]:
    """The notes, indented, then the summary."""
    return ["  " + line for line in notes] + summary_lines(result)


def to_json(result: Mapping[str, Any]) -> str:
    """The summary as one line of JSON."""
    return json.dumps(result, ensure_ascii=False)
