"""Writing files only when their content changes.

A rebuild renders every page again; most come out identical. Rewriting an identical file costs a
truncate and, on some disks (ext4 mounted with `discard`), a slow block discard, while reading it
back to compare is cheap. Unchanged files also keep their modification time.
"""
from __future__ import annotations

import io
import os
from pathlib import Path


def write_if_changed(path: Path | str, text: str) -> bool:
    """Write text to path unless the file already holds exactly that; return whether it wrote."""
    path = Path(path)
    data = text.encode("utf-8")
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


class ChangedOnlyFile(io.StringIO):
    """A text buffer that goes to disk on close, and only if the content changed."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def close(self) -> None:
        if not self.closed:
            if self.path == os.devnull:
                pass
            else:
                write_if_changed(self.path, self.getvalue())
        super().close()

    def __exit__(self, *exc) -> None:
        self.close()
