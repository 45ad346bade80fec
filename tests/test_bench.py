"""bench/bench.py's summary of repeated runs: the extraction ratio is the median of the runs' own
ratios (each run times both sides in turn), whichever run had the median time."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench


def _run(startup: float, seconds: float, jieba: float) -> dict:
    mem = {"tree_rss_mb": 1.0, "tree_pss_mb": 1.0, "rss_self_mb": 1.0, "rss_children_mb": 0.0, "stage_rss_mb": {}}
    return {"startup": startup, "seconds": seconds, "jieba_seconds": jieba, **mem}


def test_the_ratio_is_the_median_of_the_runs_ratios():
    runs = [_run(0.1, 2.0, 10.0), _run(0.1, 2.2, 8.0), _run(0.1, 2.4, 9.0)]  # ratios 0.21, 0.2875, 0.2778
    med = bench.combine(runs)
    assert med is not None
    assert med["seconds"] == 2.2  # the run with the median time ...
    assert med["all_ratios"] == sorted(bench.extract_ratio(r) for r in runs)
    assert bench.median_ratio(med) == bench.extract_ratio(runs[2])  # ... is not the one with the median ratio


def test_a_single_run_is_its_own_ratio():
    run = _run(0.2, 2.3, 10.0)
    assert bench.median_ratio(bench.combine([run])) == bench.extract_ratio(run) == 0.25
