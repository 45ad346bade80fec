"""Score the extractor on the real-report set (texts restored in tests/real/texts/, see README.md).

python tests/real/evaluate.py              # both splits, summary lines
python tests/real/evaluate.py dev -v       # one split, every miss listed
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("heldout", "dev", "fresh", "fresh2", "dev2", "fresh3", "fresh4", "fresh5")


def evaluate(split: str, verbose: bool, partial: bool = False) -> list[str]:
    from generator.pipeline import process_all
    from generator.score import report_lines, score

    gold = HERE / "gold" / split
    stems = sorted(p.stem for p in gold.glob("*.json"))
    texts = [HERE / "texts" / f"{s}.txt" for s in stems]
    missing = [t.name for t in texts if not t.exists()]
    head = []
    if missing and not partial:
        raise SystemExit(f"{len(missing)} texts missing in tests/real/texts/ (restore them: tests/real/README.md): {missing[:5]}")
    if missing:  # --partial: score the reports whose text is here, against their gold only
        head = [
            f"PARTIAL: {len(texts) - len(missing)} of {len(texts)} reports (no text for {len(missing)}: {', '.join(missing)})"
        ]
        texts = [t for t in texts if t.exists()]
    with tempfile.TemporaryDirectory() as tmp:
        if missing:
            gold = _subset(gold, [t.stem for t in texts], Path(tmp) / "gold")
            tmp = str(Path(tmp) / "pred")
            Path(tmp).mkdir()
        for outcome, _md, js in process_all(texts, jobs=1):
            if js:
                (Path(tmp) / f"{Path(outcome.source).stem}.json").write_text(js, encoding="utf-8")
        result, notes = score(gold, Path(tmp), verbose)
        kinds = kind_accuracy(gold, Path(tmp))
    return [*head, *report_lines(result, notes), kinds]


def _subset(gold: Path, stems: list[str], dest: Path) -> Path:
    dest.mkdir()
    for stem in stems:
        (dest / f"{stem}.json").write_bytes((gold / f"{stem}.json").read_bytes())
    return dest


def kind_accuracy(gold: Path, pred: Path) -> str:
    """The share of reports whose kind of meeting is right (the schema's scorer leaves `kind` out)."""
    import json

    right = total = 0
    for g in sorted(gold.glob("*.json")):
        want = json.loads(g.read_text(encoding="utf-8")).get("kind")
        p = pred / g.name
        if not want or not p.exists():
            continue
        total += 1
        right += json.loads(p.read_text(encoding="utf-8")).get("kind") == want
    return f"kind        accuracy {right / total:.3f} ({right}/{total})" if total else "kind        no gold"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("splits", nargs="*", help=f"{', '.join(SPLITS)} (default: all)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ap.add_argument(
        "--partial", action="store_true", help="score the reports whose text is restored, leave out the rest (listed)"
    )
    args = ap.parse_args(argv)
    for split in args.splits or SPLITS:
        if split not in SPLITS:
            ap.error(f"unknown split {split!r}; choose from {SPLITS}")
        if not any((HERE / "gold" / split).glob("*.json")):
            continue
        print(f"== {split}")
        for line in evaluate(split, args.verbose, args.partial):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
