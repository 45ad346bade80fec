"""Where the build's tasks run: extraction (one task per report) and shard rendering (one task per
shard, generator.shards).

- `LocalEngine` (the default): a process pool on this machine for extraction, and one child
  process per shard, as many at a time as there are cores. Nothing to set up.
- `DaskEngine`: the same tasks on a Dask cluster (`digest build --scheduler tcp://HOST:8786`, or
  `--scheduler local` for a LocalCluster on this machine). Reports travel to the workers inside
  the tasks (their bytes, read and size-checked here); a shard's run reads content/ and writes
  output/ on the worker, so on a real cluster the site folder must be on a filesystem every worker
  mounts at the same path (README: "Running on a cluster"). Needs the `dask` extra.

Both give results in input order, so a build's output does not depend on the engine.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

from .errors import DigestError

log = logging.getLogger(__name__)

DASK_BATCH = 512  # reports in flight on a cluster at once: bounds what waits in memory here


@dataclass(frozen=True)
class ShardTask:
    """One Pelican run over part of content/ (see generator.shards)."""

    settings_file: str
    content_dir: str
    output_dir: str
    overrides: dict  # Pelican settings of this run (ARTICLE_PATHS, DIGEST_RENDER …), JSON-able

    @property
    def name(self) -> str:
        return str(self.overrides.get("DIGEST_SHARD") or self.overrides.get("DIGEST_RENDER") or "site")


class Engine(Protocol):
    def extract(self, items: Iterable[Any], fn: Callable[[Any], Any], total: int | None = None) -> Iterator[Any]: ...

    def render(self, tasks: Sequence[ShardTask]) -> list[bool]: ...

    def close(self) -> None: ...


class LocalEngine:
    """A process pool for extraction; a forked child per shard, `jobs` at a time."""

    def __init__(self, jobs: int | None = None):
        self.jobs = jobs or os.cpu_count() or 1

    def extract(self, items: Iterable[Any], fn: Callable[[Any], Any], total: int | None = None) -> Iterator[Any]:
        from .pipeline import iter_process

        return iter_process(items, self.jobs, fn, total)

    def render(self, tasks: Sequence[ShardTask]) -> list[bool]:
        """Each shard in a child process, `jobs` at a time (started and awaited from this thread: a
        fork from a helper thread is not safe); a failed shard is tried once more on its own."""
        from multiprocessing.connection import wait

        from .pipeline import pelican_process, run_pelican_isolated

        ok: list[bool] = [False] * len(tasks)
        pending = list(enumerate(tasks))
        running: dict[Any, tuple[int, Any]] = {}
        while pending or running:
            while pending and len(running) < self.jobs:
                i, t = pending.pop(0)
                proc = pelican_process(Path(t.settings_file), Path(t.content_dir), Path(t.output_dir), t.overrides)
                proc.start()
                running[proc.sentinel] = (i, proc)
            for sentinel in wait(list(running)):
                i, proc = running.pop(sentinel)
                proc.join()
                ok[i] = proc.exitcode == 0
        for i, t in enumerate(tasks):
            if not ok[i]:
                ok[i] = run_pelican_isolated(Path(t.settings_file), Path(t.content_dir), Path(t.output_dir), t.overrides)
        return ok

    def close(self) -> None:
        pass


class DaskEngine:
    """The same tasks on a Dask cluster: `address` is a scheduler (tcp://HOST:PORT) or "local"."""

    def __init__(self, address: str, jobs: int | None = None):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise DigestError(address, "a Dask scheduler needs the dask extra: pip install 'meeting-digest[dask]'") from None
        self.cluster = None
        self.jobs = jobs or os.cpu_count() or 1  # local processes for the index pages
        try:
            if address == "local":
                self.cluster = LocalCluster(n_workers=jobs or os.cpu_count() or 1, threads_per_worker=1, processes=True)
                self.client = Client(self.cluster)
            else:
                self.client = Client(address, timeout=30)
        except (OSError, TimeoutError) as exc:
            raise DigestError(address, f"cannot reach the Dask scheduler: {exc}") from None

    def extract(self, items: Iterable[Any], fn: Callable[[Any], Any], total: int | None = None) -> Iterator[Any]:
        it = iter(items)
        while batch := list(itertools.islice(it, DASK_BATCH)):
            futures = self.client.map(fn, batch, pure=False)
            yield from self.client.gather(futures)

    def render(self, tasks: Sequence[ShardTask]) -> list[bool]:
        futures = self.client.map(render_in_subprocess, list(tasks), pure=False)
        return list(self.client.gather(futures))

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(scheduler: str | None, jobs: int | None) -> Engine:
    return DaskEngine(scheduler, jobs) if scheduler else LocalEngine(jobs)


def render_in_subprocess(task: ShardTask) -> bool:
    """Run one shard in a new Python process (a Dask worker may not fork children of its own)."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator.engine"],
        input=json.dumps(asdict(task)),
        text=True,
        check=False,
    )
    return proc.returncode == 0


def _main() -> int:
    """`python -m generator.engine` < task.json: render one shard (what a Dask task runs)."""
    from .pipeline import run_pelican

    t = ShardTask(**json.loads(sys.stdin.read()))
    run_pelican(Path(t.settings_file), Path(t.content_dir), Path(t.output_dir), t.overrides)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
