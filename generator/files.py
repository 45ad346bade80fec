"""Writing files only when their content changes.

A rebuild renders every page again; most come out identical. Rewriting an identical file costs a
truncate and, on some disks (ext4 mounted with `discard`), a slow block discard, while reading it
back to compare is cheap. Unchanged files also keep their modification time.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PARTIAL_MARK = ".partial-"  # in the name of a file being written; a crash may leave one, the next build removes it


def is_partial_write(name: str) -> bool:
    return name.startswith(".") and PARTIAL_MARK in name


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to a temporary name beside path, then rename: readers and crashes see the old
    file or the new one, never half of one."""
    tmp = path.with_name(f".{path.name}{PARTIAL_MARK}{os.getpid()}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def beside_bytecode(name: str) -> Path | None:
    """A file in the package's bytecode folder (__pycache__, or under PYTHONPYCACHEPREFIX), where
    the compiled patterns and kept tables live; None where there is no such folder (a frozen or
    zipped package)."""
    try:
        from importlib.util import cache_from_source

        return Path(cache_from_source(__file__)).with_name(name)
    except Exception:
        return None


def write_if_changed(path: Path | str, text: str) -> bool:
    """Write text to path (atomically) unless the file already holds exactly that; return whether it wrote."""
    path = Path(path)
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    return True
