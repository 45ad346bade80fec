"""Accuracy gate: score the corpus and the seed gold; compare with the pinned baseline.

    python -m tests.accuracy            # print scores and whether each field holds its baseline
    python -m tests.accuracy --update   # move the baseline to the current scores (explicit, reviewed in git)

Both sets are scored with the project's own scorer (generator/score.py): the corpus in tests/corpus/
and the seeds bundled with the tests (tests/data/seeds/, gold in tests/data/seed_gold/), so the gate
needs nothing outside the clone.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from generator.score import score
from tests.conftest import CORPUS, ROOT, SEED_GOLD, SEED_TEXTS

BASELINE = ROOT / "tests" / "accuracy_baseline.json"
FIELDS = ("chairs", "speakers", "attendees", "tasks", "targets", "frameworks")
SLACK = 0.0  # a field may not drop below its pinned baseline at all


def predict(files: list[Path], out: Path) -> None:
    from generator.pipeline import process_all

    for outcome, _md, js in process_all(files, jobs=1):
        if js:
            (out / f"{Path(outcome.source).stem}.json").write_text(js, encoding="utf-8")


def scored_sets() -> dict[str, tuple[list[Path], Path]]:
    """{set name: (report files, gold folder)} for the corpus and the seeds."""
    from generator.read import list_inputs

    return {
        "corpus": (list_inputs(CORPUS / "reports"), CORPUS / "gold"),
        "seeds": (sorted(SEED_TEXTS.glob("*.txt")), SEED_GOLD),
    }


def scores() -> dict[str, dict]:
    """Return {set name: {field: score}} for the corpus and the seeds."""
    out = {}
    for name, (files, gold) in scored_sets().items():
        with tempfile.TemporaryDirectory() as tmp:
            predict(files, Path(tmp))
            result, _notes = score(gold, Path(tmp))
        flat = {k: result[k]["f1"] for k in FIELDS}
        flat.update({"date_exact": result["date_exact"], "place": result["place"]})
        out[name] = flat
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", action="store_true", help="pin the current scores as the baseline")
    args = ap.parse_args(argv)
    current = scores()
    baseline = json.loads(BASELINE.read_text(encoding="utf-8")) if BASELINE.exists() else {}
    for name, fields in current.items():
        print(name)
        for k, v in fields.items():
            pinned = baseline.get(name, {}).get(k)
            flag = "" if pinned is None or v >= pinned - SLACK else "  BELOW BASELINE"
            print(f"  {k:<11} {v:.3f}  (baseline {pinned if pinned is not None else '-'}){flag}")
    if args.update:
        BASELINE.write_text(json.dumps(current, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"baseline written to {BASELINE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
