"""Golden copies: the built page of one report, data/digests.json and data/targets.csv, compared
byte for byte on every run (the way Pelican's functional tests compare a whole output folder).

A change that moves them on purpose refreshes them explicitly and the diff is reviewed:

    python -m pytest tests/test_golden.py --refresh-golden
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import GOLDEN, SEED_TEXTS, build_site

ARRIVAL = 1_764_547_200  # 2025-12-01 00:00 UTC: every seed "came into the site" then (file time)
PAGE_OF = "001_3eec6e6b6785901d.txt"


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("golden")
    seeds = tmp / "in"
    seeds.mkdir()
    for f in SEED_TEXTS.glob("*.txt"):
        shutil.copy(f, seeds / f.name)
        os.utime(seeds / f.name, (ARRIVAL, ARRIVAL))
    work = tmp / "w"
    work.mkdir()
    report, out = build_site(work, seeds)
    assert report.pelican_ok
    slug = next(o.slug for o in report.outcomes if o.source == PAGE_OF)
    return {
        "report-page.html": out / "reports" / slug / "index.html",
        "digests.json": out / "data" / "digests.json",
        "targets.csv": out / "data" / "targets.csv",
    }


@pytest.mark.parametrize("name", ["report-page.html", "digests.json", "targets.csv"])
def test_output_matches_its_golden_copy(golden_site, name, request):
    got = golden_site[name].read_bytes()
    path = GOLDEN / name
    if request.config.getoption("--refresh-golden"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(got)
        pytest.skip(f"refreshed {path.relative_to(GOLDEN.parent.parent.parent)}")
    assert path.exists(), f"no golden copy: run python -m pytest {__file__} --refresh-golden"
    assert got == path.read_bytes(), (
        f"{name} differs from tests/data/golden/{name}; if the change is meant, "
        "refresh with: python -m pytest tests/test_golden.py --refresh-golden"
    )
