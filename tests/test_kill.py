"""A build killed with SIGKILL at any moment leaves nothing that the next build gets wrong.

`pytest -m slow tests/test_kill.py`: a 300-report build is killed at 20 random moments; after each,
a normal build must give a site and content/ identical to a clean build's.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import CORPUS, ROOT

KILLS = 20
REPORTS = 300


def _site(folder: Path, seeds: Path) -> Path:
    folder.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, folder / name)
    (folder / "templates").symlink_to(ROOT / "templates")
    return folder


def _cmd(folder: Path, seeds: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "generator.cli",
        "build",
        "--seeds",
        str(seeds),
        "--content",
        str(folder / "content"),
        "--output",
        str(folder / "output"),
        "--settings",
        str(folder / "pelicanconf.py"),
        "--no-search",
        "--jobs",
        "2",
    ]


def _tree(folder: Path) -> dict[str, str]:
    out = {}
    for sub in ("output", "content"):
        for p in sorted((folder / sub).rglob("*")):
            if p.is_file():
                out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.mark.slow
def test_kill_9_at_random_moments_then_a_normal_build_is_clean(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    reports = sorted((CORPUS / "reports").glob("*.txt"))
    for i in range(REPORTS):
        src = reports[i % len(reports)]
        (seeds / f"{i:03d}_{src.name}").write_bytes(src.read_bytes())
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    clean = _site(tmp_path / "clean", seeds)
    start = time.monotonic()
    subprocess.run(_cmd(clean, seeds), check=True, env=env, capture_output=True)
    span = time.monotonic() - start
    expected = _tree(clean)
    rng = random.Random(9)
    work = _site(tmp_path / "work", seeds)
    for k in range(KILLS):
        if k % 4 == 0:  # now and then a report changes, so the kill also lands in rebuilds
            victim = seeds / f"{rng.randrange(REPORTS):03d}_{reports[0].name}"
            if victim.exists():
                victim.write_bytes(victim.read_bytes())
        proc = subprocess.Popen(
            _cmd(work, seeds), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(rng.uniform(0, span))
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its workers and Pelican child, at once
        proc.wait()
        subprocess.run(_cmd(work, seeds), check=True, env=env, capture_output=True)
        got = _tree(work)
        assert got == expected, f"kill {k}: {sorted(set(got.items()) ^ set(expected.items()))[:5]}"
