"""This process's memory: what it holds now, and giving back what it freed.

The build's long stages (the Pelican runs) start after stages that allocate and free a great deal
(extraction's results, the index builder's digests). CPython frees that memory to the C allocator,
which keeps most of it mapped; `release()` asks glibc to return it to the system (malloc_trim), so
the resident size that a memory budget, a forked copy or the machine sees is what is still in use.
"""

from __future__ import annotations

import gc
import os
from functools import lru_cache


def rss_mb() -> float:
    """This process's resident memory now, in MB (0 where /proc is not there to say)."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


@lru_cache(maxsize=1)
def _malloc_trim():
    import ctypes  # here, not at the top: ctypes.util brings subprocess and more, a start-up cost
    import ctypes.util  # for every run, where only a build's release() needs them

    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS): nothing to ask
        return None


def release() -> None:
    """Collect garbage and return the freed heap to the system, where the C library can."""
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


_settled = False


def settle_once() -> None:
    """Once per process, after its first report: freeze what it holds out of the collector's reach.
    That is what every report reads (the gazetteer, the vocabularies, compiled patterns, OpenCC's
    tables); the collections that the reports' short-lived objects set off walked all of it each
    time (2.5% of an extraction run's instructions). A process forked after this inherits it.
    No full collection first: it walked all of it once more (9 ms, a twentieth of start-up) and
    found no garbage there (start-up's tables hold no cycles to free); the young objects frozen with
    them are the first report's few."""
    global _settled
    if not _settled:
        _settled = True
        gc.freeze()
