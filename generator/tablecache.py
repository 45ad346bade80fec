"""Tables built from the package's data, kept between runs beside its bytecode, as regexcache.py
keeps compiled patterns.

Before its first report a run builds tables from the package's data files and OpenCC's dictionary:
the gazetteer's units, OpenCC's conversion tables, the idioms, the parsed vocabularies. That was
some 50 ms, a third of an extraction run's start-up. Each table is a function of those files and
of the package's code alone, so `kept` saves what a builder returns beside the bytecode and a later
run loads it, in a fraction of the time, while the files are the same.

The same files means: the name, size and modification time of every file of the package (code,
vocabularies, data) and of OpenCC's dictionary, as Python tells a module's bytecode from its
source. Any change to any of them and every table is built again, as before.

Safe as the bytecode beside it is:
- written only where Python itself writes bytecode (not under PYTHONDONTWRITEBYTECODE), in one
  atomic rename, by the run that built the table;
- a file that is missing, damaged, from another Python, or keyed by other files is ignored and the
  table built as before, never half-used;
- it is pickle, which runs code when loaded, as the bytecode in the same folder does: whoever can
  write there can already run code in every run. Reports and corrections never reach it.
"""

from __future__ import annotations

import atexit
import copyreg
import functools
import io
import os
import pickle
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from .files import beside_bytecode, write_atomic

FORMAT = 1
_T = TypeVar("_T")
_PACKAGE = Path(__file__).parent


@functools.lru_cache(maxsize=1)
def fingerprint() -> tuple:
    """The name, size and modification time of every file the tables can come from: the package's
    own (code, vocab/, data/) and OpenCC's dictionary; with the Python build and this format."""
    stats: list[tuple[str, int, int]] = []
    folders = [_PACKAGE]
    try:
        import importlib.util

        spec = importlib.util.find_spec("opencc")
        if spec is not None and spec.origin:
            folders.append(Path(spec.origin).parent / "dictionary")
    except (ImportError, ValueError):
        pass
    while folders:
        folder = folders.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            if entry.is_dir(follow_symlinks=False):
                folders.append(Path(entry.path))
            elif entry.is_file():
                st = entry.stat()
                stats.append((entry.path, st.st_size, st.st_mtime_ns))
    return (FORMAT, sys.version, tuple(stats))


def cache_file(name: str) -> Path | None:
    """Where a table is kept: beside the package's bytecode (files.beside_bytecode)."""
    return beside_bytecode(f"table.{name}.pickle")


def load(name: str) -> tuple[bool, object]:
    """(True, the table) where a kept copy of these very files is there, else (False, None)."""
    path = cache_file(name)
    if path is None:
        return False, None
    try:
        key, value = pickle.loads(path.read_bytes())
    except Exception:  # missing, damaged or foreign: build it
        return False, None
    return (True, value) if key == fingerprint() else (False, None)


def save(name: str, value: object) -> bool:
    """Keep a table for later runs; return whether it was written."""
    path = cache_file(name)
    if path is None or sys.dont_write_bytecode:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, dumps((fingerprint(), value)))
    except Exception:  # a read-only install, a full disk, a table that cannot be pickled: not kept
        return False
    return True


def pattern(source: str | bytes, flags: int) -> re.Pattern:
    """A kept compiled pattern, made again on load as it was written: re.compile(source) where that
    has the pattern's flags (a pattern written without flags, as ours are), else with its flags less
    the UNICODE that re adds to every text pattern.

    A pattern pickles as re.compile(source, its flags), and its flags hold what re adds (UNICODE for
    text, a pattern's inline flags): a key that neither re's cache nor the compiled patterns that
    regexcache.py puts there hold (they are keyed by the flags as written), so each kept pattern was
    compiled afresh in every run. The pattern is the same either way."""
    compiled = re.compile(source)
    if compiled.flags != flags:
        compiled = re.compile(source, flags & ~re.UNICODE if isinstance(source, str) else flags)
    return compiled


def _reduce_pattern(p: re.Pattern) -> tuple:
    return pattern, (p.pattern, p.flags)


def dumps(value: object) -> bytes:
    """pickle.dumps, with compiled patterns kept as `pattern` makes them again."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, re.Pattern: _reduce_pattern}
    pickler.dump(value)
    return out.getvalue()


def kept(builder: Callable[..., _T]) -> Callable[..., _T]:
    """A table builder whose result is kept between runs (one file per argument), built once per
    process either way. Its arguments are names (of a vocabulary file), part of the file's name."""

    @functools.cache
    @functools.wraps(builder)
    def table(*args: str) -> _T:
        name = ".".join((builder.__module__.rpartition(".")[2], builder.__qualname__, *args))
        found, value = load(name)
        if found:
            return value  # type: ignore[return-value]
        value = builder(*args)
        save(name, value)
        return value

    return table


_dicts: dict[str, tuple[dict, int]] = {}  # the kept dicts of this run, with their size when loaded


def kept_dict(name: str) -> dict:
    """A dict of values worked out one key at a time (search_guarded's forms), kept between runs:
    what earlier runs put in, and what this run adds, saved at its end (the main process's: a
    pool's workers end without it)."""
    found, value = load(name)
    table = value if found and isinstance(value, dict) else {}
    if not _dicts:
        atexit.register(save_dicts)
    _dicts[name] = (table, len(table))
    return table


def save_dicts() -> None:
    """Keep the kept dicts that grew in this run."""
    for name, (table, size) in list(_dicts.items()):
        if len(table) != size and save(name, table):
            _dicts[name] = (table, len(table))
