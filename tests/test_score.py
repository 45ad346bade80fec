"""generator.score: the scoring rules on small hand-made cases, and agreement with the shared script.

The cross-check runs only where ../shared/eval/score.py sits beside the clone; the unit tests
always run.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.cli import main as cli_main
from generator.score import report_lines, score, summary_lines
from tests.accuracy import predict, scored_sets

SHARED_SCORE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
needs_shared = pytest.mark.skipif(not SHARED_SCORE.exists(), reason=f"{SHARED_SCORE} is not beside this clone")

MISSING = object()  # a prediction that is not written at all


def run(tmp_path: Path, reports: dict[str, tuple[dict, Any]], verbose: bool = False) -> tuple[dict, list[str]]:
    """Write {stem: (gold, prediction)} into tmp_path/gold and tmp_path/pred and score them.

    A prediction that is a str is written as is (to test unreadable files); MISSING writes nothing."""
    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir(exist_ok=True)
    pred_dir.mkdir(exist_ok=True)
    for stem, (gold, pred) in reports.items():
        (gold_dir / f"{stem}.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        if pred is MISSING:
            continue
        text = pred if isinstance(pred, str) else json.dumps(pred, ensure_ascii=False)
        (pred_dir / f"{stem}.json").write_text(text, encoding="utf-8")
    return score(gold_dir, pred_dir, verbose)


def pick(result: dict, key: str) -> float:
    """result["date"] or result["attendees"]["precision"] as "attendees.precision"."""
    top, _, sub = key.partition(".")
    return result[top][sub] if sub else result[top]


# --- the rules -------------------------------------------------------------------------------

HAINAN_QH = {"province": "海南省", "city": None, "county": "琼海市"}
CQ_FL = {"province": "重庆市", "city": "重庆市", "county": "涪陵区"}
GD = {"province": "广东省", "city": None, "county": None}
GDP_2024 = {"year": 2024, "indicator": "地区生产总值", "value": "增长6%左右"}

# (id, gold, prediction, {result key: expected value})
CASES: list[tuple[str, dict, Any, dict[str, float]]] = [
    # date: the exact day, half a point for month and day with the year wrong or missing
    ("date-exact", {"date": "2024-05-08"}, {"date": "2024-05-08"}, {"date": 1.0, "date_exact": 1.0}),
    ("date-wrong-year-half", {"date": "2024-05-08"}, {"date": "2023-05-08"}, {"date": 0.5, "date_exact": 0.0}),
    ("date-no-year-half", {"date": "2024-05-08"}, {"date": "--05-08"}, {"date": 0.5, "date_exact": 0.0}),
    ("date-wrong-day", {"date": "2024-05-08"}, {"date": "2024-05-09"}, {"date": 0.0, "date_exact": 0.0}),
    ("date-missing", {"date": "2024-05-08"}, {"date": None}, {"date": 0.0, "date_exact": 0.0}),
    ("date-none-either-side", {"date": None}, {}, {"date": 1.0, "date_exact": 1.0}),
    ("date-claimed-where-none", {"date": None}, {"date": "2024-05-08"}, {"date": 0.0}),
    ("date-accept", {"date": "2024-08-29", "date_accept": ["--08-29"]}, {"date": "--08-29"}, {"date": 1.0, "date_exact": 1.0}),
    (
        "date-accept-not-listed",
        {"date": "2024-08-29", "date_accept": ["--08-29"]},
        {"date": "2023-08-29"},
        {"date": 0.5, "date_exact": 0.0},
    ),
    # place: county-level unit directly under its province
    ("place-county-under-province", {"place": HAINAN_QH}, {"place": dict(HAINAN_QH)}, {"place": 1.0}),
    ("place-county-under-province-with-city", {"place": HAINAN_QH}, {"place": {**HAINAN_QH, "city": "海口市"}}, {"place": 0.0}),
    (
        "place-county-under-province-wrong-province",
        {"place": HAINAN_QH},
        {"place": {**HAINAN_QH, "province": "广东省"}},
        {"place": 0.0},
    ),
    # place: half for the city, half for the county
    ("place-city-and-county", {"place": CQ_FL}, {"place": dict(CQ_FL)}, {"place": 1.0}),
    ("place-city-wrong-county", {"place": CQ_FL}, {"place": {**CQ_FL, "county": "渝中区"}}, {"place": 0.5}),
    ("place-wrong-city", {"place": CQ_FL}, {"place": {**CQ_FL, "city": "成都市"}}, {"place": 0.0}),
    # place: provincial meeting, no city allowed
    ("place-province", {"place": GD}, {"place": dict(GD)}, {"place": 1.0}),
    ("place-province-with-city", {"place": GD}, {"place": {**GD, "city": "广州市"}}, {"place": 0.0}),
    (
        "place-not-in-text",
        {"place": GD, "place_from_text": False},
        {"place": {**GD, "city": "广州市"}},
        {"place": 0.0},
    ),  # nothing scored: the place average has no reports
    # people: naming the chair among attendees is no error; a stranger is
    (
        "attendees-chair-named-too",
        {"chairs": [{"name": "张三"}], "attendees": [{"name": "李四"}]},
        {"chairs": [{"name": "张三"}], "attendees": [{"name": "张三"}, {"name": "李四"}]},
        {"attendees.precision": 1.0, "attendees.recall": 1.0, "chairs.f1": 1.0},
    ),
    (
        "attendees-speaker-named-too",
        {"speakers": ["王五"], "attendees": ["李四"]},
        {"attendees": ["王五", "李四"]},
        {"attendees.precision": 1.0, "speakers.recall": 0.0},
    ),
    (
        "attendees-stranger",
        {"chairs": [{"name": "张三"}], "attendees": [{"name": "李四"}]},
        {"attendees": [{"name": "赵六"}, {"name": "李四"}]},
        {"attendees.precision": 0.5, "attendees.recall": 1.0},
    ),
    (
        "chairs-missed",
        {"chairs": [{"name": "张三"}, {"name": "李四"}]},
        {"chairs": [{"name": " 张三 "}]},
        {"chairs.precision": 1.0, "chairs.recall": 0.5},
    ),
    # tasks: in order, by an 8-character prefix, only where the report numbers them itself
    (
        "tasks-prefix",
        {"tasks_explicit": True, "tasks": [{"text": "一是坚持稳中求进工作总基调，推动高质量发展"}]},
        {"tasks": [{"text": "坚持稳中求进工作总基调"}]},
        {"tasks.f1": 1.0},
    ),
    (
        "tasks-prefix-shorter-gold",
        {"tasks_explicit": True, "tasks": [{"text": "（一）要扎实推进乡村全面振兴"}]},
        {"tasks": ["扎实推进乡村全面振兴，建设宜居宜业和美乡村"]},
        {"tasks.f1": 1.0},
    ),
    (
        "tasks-wrong-order",
        {"tasks_explicit": True, "tasks": [{"text": "一是坚持稳中求进工作总基调"}, {"text": "二是扎实推进乡村全面振兴"}]},
        {"tasks": [{"text": "扎实推进乡村全面振兴"}, {"text": "坚持稳中求进工作总基调"}]},
        {"tasks.precision": 0.0, "tasks.recall": 0.0},
    ),
    (
        "tasks-different-start",
        {"tasks_explicit": True, "tasks": [{"text": "坚持稳中求进工作总基调"}]},
        {"tasks": [{"text": "全面坚持稳中求进工作总基调"}]},
        {"tasks.f1": 0.0},
    ),
    (
        "tasks-not-explicit",
        {"tasks_explicit": False, "tasks": [{"text": "坚持稳中求进工作总基调"}]},
        {"tasks": [{"text": "别的什么"}]},
        {"tasks.precision": 1.0, "tasks.recall": 1.0},
    ),
    # targets: the year must agree, the first number too; allowed targets are no extras
    (
        "target-match",
        {"targets": [GDP_2024]},
        {"targets": [{"year": 2024, "indicator": "全市地区生产总值", "value": "增长6%"}]},
        {"targets.f1": 1.0},
    ),
    (
        "target-year-mismatch",
        {"targets": [GDP_2024]},
        {"targets": [{**GDP_2024, "year": 2025}]},
        {"targets.precision": 0.0, "targets.recall": 0.0},
    ),
    ("target-value-mismatch", {"targets": [GDP_2024]}, {"targets": [{**GDP_2024, "value": "增长6.5%左右"}]}, {"targets.f1": 0.0}),
    (
        "target-allowed",
        {"targets": [GDP_2024], "allowed_targets": [{**GDP_2024, "year": 2025}]},
        {"targets": [GDP_2024, {**GDP_2024, "year": 2025}, "not a target"]},
        {"targets.precision": 1.0, "targets.recall": 1.0},
    ),
    (
        "target-extra",
        {"targets": [GDP_2024]},
        {"targets": [GDP_2024, {**GDP_2024, "year": 2025}]},
        {"targets.precision": 0.5, "targets.recall": 1.0},
    ),
    # frameworks: 4个创建 is 四个创建; quotes do not count; allowed names and listed parts are no extras
    ("framework-digit-variant", {"frameworks": ["四个创建"]}, {"frameworks": [{"name": "4个创建"}]}, {"frameworks.f1": 1.0}),
    ("framework-digit-variant-gold", {"frameworks": ["4个创建"]}, {"frameworks": ["“四个创建”"]}, {"frameworks.f1": 1.0}),
    ("framework-digits-stay", {"frameworks": ["22445"]}, {"frameworks": ["二二四四五"]}, {"frameworks.f1": 0.0}),
    (
        "framework-other-count",
        {"frameworks": ["四个创建"]},
        {"frameworks": ["5个创建"]},
        {"frameworks.precision": 0.0, "frameworks.recall": 0.0},
    ),
    (
        "framework-listed-part",
        {"frameworks": ["两新、两重"]},
        {"frameworks": ["两重"]},
        {"frameworks.precision": 1.0, "frameworks.recall": 1.0},
    ),
    (
        "framework-allowed",
        {"frameworks": ["四个创建"], "allowed_frameworks": ["三大攻坚"]},
        {"frameworks": ["四个创建", "三大攻坚"]},
        {"frameworks.precision": 1.0},
    ),
    (
        "framework-extra",
        {"frameworks": ["四个创建"]},
        {"frameworks": ["四个创建", "三大攻坚"]},
        {"frameworks.precision": 0.5, "frameworks.recall": 1.0},
    ),
]

FULL_GOLD = {
    "date": "2024-05-08",
    "place": CQ_FL,
    "chairs": [{"name": "张三"}],
    "speakers": [{"name": "李四"}],
    "attendees": [{"name": "王五"}],
    "tasks_explicit": True,
    "tasks": [{"text": "一是坚持稳中求进工作总基调"}],
    "targets": [GDP_2024],
    "frameworks": ["四个创建"],
}
ZERO = {
    "date": 0.0,
    "date_exact": 0.0,
    "place": 0.0,
    **{
        f"{k}.{m}": 0.0
        for k in ("chairs", "speakers", "attendees", "tasks", "targets", "frameworks")
        for m in ("precision", "recall", "f1")
    },
}


@pytest.mark.parametrize(("gold", "pred", "expected"), [pytest.param(*c[1:], id=c[0]) for c in CASES])
def test_rule(tmp_path, gold, pred, expected):
    result, _notes = run(tmp_path, {"r": (gold, pred)})
    assert {k: pick(result, k) for k in expected} == expected


@pytest.mark.parametrize(
    ("pred", "why"),
    [(MISSING, "FileNotFoundError"), ("{not json", "JSONDecodeError"), ("[]", "ValueError"), ("", "JSONDecodeError")],
)
def test_missing_prediction_scores_zero(tmp_path, pred, why):
    result, notes = run(tmp_path, {"r": (FULL_GOLD, pred)})
    assert {k: pick(result, k) for k in ZERO} == ZERO
    assert notes[0] == f"r: no usable prediction ({why})"


def test_full_prediction_scores_one(tmp_path):
    """The counterpart of the zero test: the gold itself as the prediction gets full marks."""
    result, notes = run(tmp_path, {"r": (FULL_GOLD, FULL_GOLD)}, verbose=True)
    assert notes == []
    assert {k: pick(result, k) for k in ZERO} == dict.fromkeys(ZERO, 1.0)


def test_averages_over_reports_and_place_only_where_scored(tmp_path):
    result, notes = run(
        tmp_path,
        {
            "a": ({"date": "2024-05-08", "place": GD}, {"date": "2024-05-08", "place": GD}),
            "b": ({"date": "2024-05-08", "place": CQ_FL}, {"date": "2023-05-08", "place": {**CQ_FL, "county": None}}),
            "c": ({"date": "2024-05-08", "place": GD, "place_from_text": False}, {"date": "x", "place": {}}),
        },
    )
    assert result["reports"] == 3
    assert result["date"] == round(1.5 / 3, 3) and result["date_exact"] == round(1 / 3, 3)
    assert result["place"] == 0.75  # (1 + 0.5) / 2: report c is not scored for place
    assert notes == [
        "b: date '2023-05-08', gold '2024-05-08'",
        f"b: place { ({**CQ_FL, 'county': None}) }, gold {CQ_FL}",
        "c: date 'x', gold '2024-05-08'",
    ]


def test_verbose_lists_every_miss(tmp_path):
    pred = {**FULL_GOLD, "chairs": [], "tasks": [], "targets": [{**GDP_2024, "year": 2025}], "frameworks": ["x"]}
    _result, quiet = run(tmp_path, {"r": (FULL_GOLD, pred)})
    _result, notes = run(tmp_path, {"r": (FULL_GOLD, pred)}, verbose=True)
    assert quiet == []
    assert notes == [
        "r: chairs missing ['张三'] extra []",
        "r: tasks 0/1 matched, 0 predicted",
        "r: targets 0/1 found, 1 extra",
        "r: frameworks missing ['四个创建'] extra ['x']",
    ]


def test_empty_gold_folder(tmp_path):
    result, notes = run(tmp_path, {})
    assert notes == [] and result["reports"] == 0 and result["date"] == 0.0
    assert result["chairs"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_summary_lines():
    result = {
        "reports": 2,
        "date": 0.75,
        "date_exact": 0.5,
        "place": 1.0,
        **{
            k: {"precision": 1.0, "recall": 0.5, "f1": 0.667}
            for k in ("chairs", "speakers", "attendees", "tasks", "targets", "frameworks")
        },
    }
    lines = summary_lines(result)
    assert lines[0] == "reports 2  date 0.750 (exact 0.500)  place 1.000"
    assert lines[1] == "chairs      P 1.000  R 0.500  F1 0.667"
    assert lines[6] == "frameworks  P 1.000  R 0.500  F1 0.667"
    assert report_lines(result, ["x: a note"]) == ["  x: a note", *lines]


# --- the command -----------------------------------------------------------------------------


def test_cli_score_prints_notes_then_summary_or_json(tmp_path, capsys):
    result, notes = run(tmp_path, {"r": (FULL_GOLD, {**FULL_GOLD, "date": "2023-05-08"})}, verbose=True)
    assert cli_main(["score", str(tmp_path / "gold"), str(tmp_path / "pred"), "--verbose"]) == 0
    assert capsys.readouterr().out.splitlines() == report_lines(result, notes)
    assert cli_main(["score", str(tmp_path / "gold"), str(tmp_path / "pred"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == result


def test_cli_score_refuses_a_missing_folder(tmp_path, capsys):
    assert cli_main(["score", str(tmp_path / "nothing"), str(tmp_path)]) == 2
    assert "nothing" in capsys.readouterr().err


# --- agreement with ../shared/eval/score.py --------------------------------------------------


@pytest.fixture(scope="module")
def shared_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_eval_score", SHARED_SCORE)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def perturb(d: dict, rng: random.Random) -> Any:
    """A prediction with mistakes of every kind the scorer knows, so the cross-check sees misses."""
    d = copy.deepcopy(d)
    roll = rng.random
    if roll() < 0.3 and d.get("date"):
        d["date"] = rng.choice(["2019" + d["date"][4:], "--" + d["date"][5:], d["date"][:-1] + "0", None, "5月8日"])
    if roll() < 0.3 and isinstance(d.get("place"), dict):
        d["place"] = rng.choice(
            [
                {**d["place"], "city": None},
                {**d["place"], "county": None},
                {**d["place"], "city": "某市"},
                {**d["place"], "province": "某省"},
                None,
            ]
        )
    for key in ("chairs", "speakers", "attendees"):
        if roll() < 0.3 and d.get(key):
            d[key] = d[key][1:]
        if roll() < 0.2:
            d[key] = [*(d.get(key) or []), {"name": rng.choice(["某甲", "某乙"])}]
    if roll() < 0.3:  # the chair and speakers among the attendees: no error
        d["attendees"] = [*(d.get("attendees") or []), *(d.get("chairs") or []), *(d.get("speakers") or [])]
    if roll() < 0.3 and d.get("tasks"):
        d["tasks"] = rng.choice(
            [d["tasks"][::-1], d["tasks"][1:], [*d["tasks"], {"text": "另外一项任务"}], [t.get("text") for t in d["tasks"]]]
        )
    if roll() < 0.4 and d.get("targets"):
        t = dict(d["targets"][0])
        t.update(rng.choice([{"year": (t.get("year") or 0) + 1}, {"value": "增长99%"}, {"indicator": "别的指标"}]))
        d["targets"] = [t, *d["targets"][1:], "not a target"]
    if roll() < 0.4 and d.get("frameworks"):
        names = [f["name"] if isinstance(f, dict) else f for f in d["frameworks"]]
        names = [n.replace("四", "4", 1).replace("三", "3", 1) for n in names]
        d["frameworks"] = [*names[1:], "“" + names[0] + "”", "某某工程"]
    r = roll()
    if r < 0.03:
        return "[1, 2]"
    if r < 0.06:
        return "{broken"
    if r < 0.09:
        return MISSING
    return d


@pytest.fixture(scope="module")
def prediction_sets(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """{name: (gold folder, prediction folder)}: the seeds, the corpus, and the corpus with mistakes."""
    out = {}
    rng = random.Random(20240508)
    for name, (files, gold) in scored_sets().items():
        pred = tmp_path_factory.mktemp(name)
        predict(files, pred)
        out[name] = (gold, pred)
        bad = tmp_path_factory.mktemp(f"{name}-perturbed")
        for p in sorted(pred.glob("*.json")):
            changed = perturb(json.loads(p.read_text(encoding="utf-8")), rng)
            if changed is not MISSING:
                text = changed if isinstance(changed, str) else json.dumps(changed, ensure_ascii=False)
                (bad / p.name).write_text(text, encoding="utf-8")
        out[f"{name}-perturbed"] = (gold, bad)
    return out


def flatten(result: dict) -> dict[str, float]:
    return {
        f"{k}.{m}" if isinstance(v, dict) else k: (v[m] if isinstance(v, dict) else v)
        for k, v in result.items()
        for m in (v if isinstance(v, dict) else [""])
    }


@needs_shared
@pytest.mark.parametrize("name", ["seeds", "corpus", "seeds-perturbed", "corpus-perturbed"])
@pytest.mark.parametrize("verbose", [False, True], ids=["quiet", "verbose"])
def test_agrees_with_the_shared_scorer(shared_scorer, prediction_sets, name, verbose):
    gold, pred = prediction_sets[name]
    theirs, their_notes = shared_scorer.score(gold, pred, verbose)
    ours, our_notes = score(gold, pred, verbose)
    assert ours["reports"] == theirs["reports"] > 0
    a, b = flatten(ours), flatten(theirs)
    assert a.keys() == b.keys()
    assert {k: round(v, 3) for k, v in a.items()} == {k: round(v, 3) for k, v in b.items()}
    assert our_notes == their_notes
    if name.endswith("perturbed"):  # the mistakes really are there to be scored
        assert any(v < 1 for v in a.values())


@needs_shared
@pytest.mark.parametrize("name", ["seeds", "corpus-perturbed"])
@pytest.mark.parametrize("flags", [[], ["--verbose"], ["--json"]], ids=["plain", "verbose", "json"])
def test_cli_prints_what_the_shared_script_prints(shared_scorer, prediction_sets, capsys, name, flags):
    gold, pred = prediction_sets[name]
    assert shared_scorer.main(["--gold", str(gold), "--pred", str(pred), *flags]) == 0
    theirs = capsys.readouterr().out
    assert cli_main(["score", str(gold), str(pred), *flags]) == 0
    assert capsys.readouterr().out == theirs


@needs_shared
@pytest.mark.parametrize(
    ("gold", "pred"),
    [pytest.param(*c[1:3], id=c[0]) for c in CASES]
    + [pytest.param(FULL_GOLD, p, id=f"full-{i}") for i, p in enumerate([MISSING, "[]", "{x", FULL_GOLD])],
)
def test_rule_cases_agree_with_the_shared_scorer(shared_scorer, tmp_path, gold, pred):
    ours, our_notes = run(tmp_path, {"r": (gold, pred)}, verbose=True)
    theirs, their_notes = shared_scorer.score(tmp_path / "gold", tmp_path / "pred", True)
    assert ours == theirs and our_notes == their_notes
