"""Shared fixtures: the repository's folders, a built site, and the scorer beside the repo."""
from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT / "tests" / "corpus"
SHARED = ROOT.parent / "shared"


def load_scorer():
    """Return ../shared/eval/score.py as a module, or None in a clone without ../shared."""
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["shared_score"] = mod
    spec.loader.exec_module(mod)
    return mod


def build_site(tmp: Path, seeds: Path, search: bool = False, settings: str = "pelicanconf.py"):
    """Build a site from `seeds` into tmp/output with a private copy of the settings."""
    from generator.pipeline import build

    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, tmp / name)
    (tmp / "templates").symlink_to(ROOT / "templates")
    report = build(seeds, tmp / "content", tmp / "output", tmp / settings, jobs=1, search=search)
    return report, tmp / "output"


def seeds_and_work(tmp_path: Path, seeds: Path = SEEDS) -> tuple[Path, Path]:
    """A private copy of the seeds (tmp/in) and an empty work folder (tmp/w) for one build."""
    copy = tmp_path / "in"
    shutil.copytree(seeds, copy)
    work = tmp_path / "w"
    work.mkdir()
    return copy, work


def rebuild_site(work: Path, seeds: Path):
    """Build again in the same work folder (its caches and content/ stay)."""
    (work / "templates").unlink()
    return build_site(work, seeds)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory):
    """The site built from the bundled seeds, with search, once per test session."""
    tmp = tmp_path_factory.mktemp("site")
    report, out = build_site(tmp, SEEDS, search=True)
    return report, out
