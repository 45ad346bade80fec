"""Shared fixtures: the repository's folders and a built site."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
# The seed reports and their gold, bundled with the tests: no test depends on the user-facing
# seeds/ folder (a user may add reports there) or on anything outside the clone.
SEED_TEXTS = ROOT / "tests" / "data" / "seeds"
SEEDS = SEED_TEXTS
SEED_GOLD = ROOT / "tests" / "data" / "seed_gold"
GOLDEN = ROOT / "tests" / "data" / "golden"


def pytest_addoption(parser):
    parser.addoption(
        "--refresh-golden",
        action="store_true",
        help="rewrite the golden copies in tests/data/golden/ from this build (review the diff)",
    )


def build_site(tmp: Path, seeds: Path, search: bool = False, settings: str = "pelicanconf.py", **options):
    """Build a site from `seeds` into tmp/output with a private copy of the settings; `options` go
    to pipeline.build (jobs, shards, shard_size, scheduler)."""
    from generator.pipeline import build

    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, tmp / name)
    if not (tmp / "templates").is_symlink():
        (tmp / "templates").symlink_to(ROOT / "templates")
    options.setdefault("jobs", 1)
    report = build(seeds, tmp / "content", tmp / "output", tmp / settings, search=search, **options)
    return report, tmp / "output"


def seeds_and_work(tmp_path: Path, seeds: Path = SEEDS) -> tuple[Path, Path]:
    """A private copy of the seeds (tmp/in) and an empty work folder (tmp/w) for one build."""
    copy = tmp_path / "in"
    shutil.copytree(seeds, copy)
    work = tmp_path / "w"
    work.mkdir()
    return copy, work


def rebuild_site(work: Path, seeds: Path, **options):
    """Build again in the same work folder (its caches and content/ stay)."""
    return build_site(work, seeds, **options)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory):
    """The site built from the bundled seeds, with search, once per test session."""
    tmp = tmp_path_factory.mktemp("site")
    report, out = build_site(tmp, SEEDS, search=True)
    return report, out
