"""The tool as a user gets it: a wheel in a fresh venv, `digest init`, `digest build`.

Builds the wheel from this checkout, installs it (with the search extra, as the README's first
command does) into a new virtual environment, makes a site folder with `digest init`, puts the
bundled seed reports in it and builds: every seed must have its page. The installed size is the
runtime footprint the README promises.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_TEXTS

RUNTIME_MAX_MB = 200  # du -s of the runtime venv (the wheel with [search] and its dependencies)


def _run(cmd, **kw):
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    return proc


def _du_mb(path: Path) -> float:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 2**20


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"  # a copy of the checkout's tracked files, so the build leaves nothing behind here
    files = _run(["git", "ls-files", "-z"], cwd=ROOT).stdout.split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp / "dist"), str(src)])
    wheel = next((tmp / "dist").glob("meeting_digest-*.whl"))
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    _run([str(venv / "bin" / "pip"), "install", "-q", f"{wheel}[search]"])
    return venv


def test_the_wheel_carries_templates_theme_vocabulary_and_data(installed):
    probe = (
        "import importlib.resources as r; g = r.files('generator'); s = r.files('generator.site');"
        "assert (s / 'theme' / 'templates' / 'base.html').is_file();"
        "assert (s / 'theme' / 'static' / 'css' / 'style.css').is_file();"
        "assert any(g.joinpath('vocab').iterdir()) and (g / 'skeleton' / 'pelicanconf.py').is_file()"
    )
    _run([str(installed / "bin" / "python"), "-c", probe], cwd="/")


def test_init_then_build_gives_every_seed_its_page(installed, tmp_path):
    site = tmp_path / "site"
    _run([str(installed / "bin" / "digest"), "init", str(site)])
    assert (site / ".github" / "workflows" / "site.yml").is_file() and (site / "seeds").is_dir()
    for seed in SEED_TEXTS.glob("*.txt"):
        shutil.copy(seed, site / "seeds" / seed.name)
    _run([str(installed / "bin" / "digest"), "build", "--strict"], cwd=site)
    pages = list((site / "output" / "reports").glob("*/index.html"))
    assert len(pages) == len(list(SEED_TEXTS.glob("*.txt"))) == 5
    assert (site / "output" / "pagefind").is_dir()


def test_the_runtime_install_is_small(installed):
    size = _du_mb(installed)
    assert size < RUNTIME_MAX_MB, f"the runtime venv is {size:.0f} MB"
