"""Compiled regular expressions kept between runs, as Python keeps the bytecode of modules.

A run compiles some 400 patterns before it reads its first report: 0.17 s, close to half of its
start-up, most of it spent in `re`'s pure-Python compiler (its charset optimizer walks every
character of a range such as 一-龥 one by one). The engine's compiled form of a pattern is plain
data (a list of integers and the group names), so it is saved beside the package's bytecode and,
at import, put into `re`'s own cache: `re.compile` then finds each pattern already compiled and
returns it. The patterns stay where they are written; nothing here changes what they match. One
thing is added to what `re` would give: a pattern guarded by a lookahead of one class is also told
that class for its searches (_with_first_characters).

Safe by construction:
- the file is keyed by the interpreter's exact build and the regex engine's magic number, and read only
  as marshal data (no code runs);
- each entry is handed to the engine's own constructor, which validates the code it is given;
- anything unexpected (another Python, a damaged or foreign file, an engine whose internals
  differ) means nothing is preloaded and every pattern is compiled as before;
- it is written only where Python itself would write bytecode (not under
  PYTHONDONTWRITEBYTECODE), atomically, at the end of a run that compiled patterns it lacked.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]  # the regex engine re itself compiles into
import atexit
import contextlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 2  # 2: guarded patterns carry their first characters (_with_first_characters)
MAX_ENTRIES = 4000  # a file that grew past this (patterns of old code) is started afresh

_loaded: set[tuple[str, int]] = set()
_entries: dict[tuple[str, int], tuple] = {}


def _tag() -> str:
    """The file's name part: the interpreter's exact build (a patch release may change how `re`
    compiles a pattern, not only the engine's format), the engine's magic number and code size."""
    import hashlib

    build = hashlib.sha1(sys.version.encode()).hexdigest()[:8]
    return f"{sys.implementation.cache_tag}-{build}-{_sre.MAGIC}-{_sre.CODESIZE}-{FORMAT}"


def cache_file() -> Path | None:
    """Where the cache lives: beside this module's bytecode (honouring PYTHONPYCACHEPREFIX)."""
    try:
        from importlib.util import cache_from_source

        return Path(cache_from_source(__file__)).with_name(f"regexcache.{_tag()}.marshal")
    except Exception:  # no bytecode location (a frozen or zipped package): no cache
        return None


def _compiled(pattern: str, flags: int) -> tuple:
    """What re._compiler.compile hands the engine for a pattern, as plain data (with the first
    characters of a guarded pattern told to the engine: _with_first_characters)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    p = _parser.parse(pattern, flags)
    code = _with_first_characters(_compiler._code(p, flags), p, flags | p.state.flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[Any] = [None] * p.state.groups
    for k, i in groupindex.items():
        indexgroup[i] = k
    return (int(flags | p.state.flags), [int(x) for x in code], p.state.groups - 1, groupindex, tuple(indexgroup))


def _with_first_characters(code: list, p: Any, flags: int) -> list:
    """The code of a pattern that opens with a lookahead of one character class, `(?=[…])…` (the
    guard written before patterns that open with a lookbehind, an anchor or an optional part:
    vocab.search_guarded), with that class also in the code's info block.

    `re` gives the engine a class to skip by only when a pattern opens with one; a guard in a
    lookahead it does not read, so a search starts a full match attempt at every position, where the
    guard fails. Told the class, the engine skips by it in its own loop, as it does for a pattern
    that opens with a class. The lookahead stays in the code, so every match is what it was: the
    block is read only by searches (search, finditer, findall, sub, split), which try only
    positions where the lookahead holds anyway; match and fullmatch ignore it. Left as compiled:
    a pattern that can match the empty string (the engine steps over empty matches by itself),
    one whose block already holds a prefix or class, and one that ignores case."""
    from re import _compiler, _constants  # type: ignore[attr-defined]

    data = list(p.data)
    if not data or flags & (re.IGNORECASE | re.LOCALE) or code[0] != _constants.INFO or code[2] != 0 or code[3] == 0:
        return code
    op, av = data[0]
    if op is not _constants.ASSERT or av[0] != 1:  # a lookahead (1), not a lookbehind (-1)
        return code
    inner = list(av[1].data)
    if len(inner) != 1 or inner[0][0] not in (_constants.IN, _constants.LITERAL):
        return code
    items = inner[0][1] if inner[0][0] is _constants.IN else [inner[0]]  # (a class of one is parsed as a literal)
    charset, hascased = _compiler._optimize_charset(items)
    if hascased:
        return code
    info = [_constants.INFO, 0, _constants.SRE_INFO_CHARSET, code[3], code[4]]
    _compiler._compile_charset(charset, flags, info)
    info[1] = len(info) - 1
    return info + list(code[1 + code[1] :])


def _engine_pattern(pattern: str, entry: tuple) -> re.Pattern:

    final_flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)


def preload(path: Path | None = None) -> int:
    """Put the saved patterns into re's cache; return how many (0 when there is no usable file)."""
    path = path or cache_file()
    cache = getattr(re, "_cache", None)
    if path is None or not isinstance(cache, dict):
        return 0
    try:
        data = marshal.loads(path.read_bytes())
        if not (isinstance(data, tuple) and len(data) == 2 and data[0] == _tag() and isinstance(data[1], dict)):
            return 0
        made = {}
        for (pattern, flags), entry in data[1].items():
            made[(str, pattern, flags)] = _engine_pattern(pattern, entry)
    except Exception:  # missing, damaged or foreign: compile as usual
        return 0
    room = getattr(re, "_MAXCACHE", 512) - len(cache)
    for key in list(made)[: max(0, room)]:
        cache.setdefault(key, made[key])
    _entries.update(data[1])
    _loaded.update(data[1])
    return len(made)


def save(path: Path | None = None) -> bool:
    """Add the patterns this run compiled and the file lacks; return whether the file was written."""
    path = path or cache_file()
    cache = getattr(re, "_cache", None)
    if path is None or not isinstance(cache, dict) or sys.dont_write_bytecode:
        return False
    new = [(k[1], k[2]) for k in list(cache) if k[0] is str and (k[1], k[2]) not in _loaded]
    if not new:
        return False
    try:
        entries = {} if len(_entries) + len(new) > MAX_ENTRIES else dict(_entries)
        for pattern, flags in new:
            entries[(pattern, flags)] = _compiled(pattern, flags)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regexcache-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(marshal.dumps((_tag(), entries)))
            os.chmod(tmp, 0o644)  # as bytecode is: readable by all, written by its owner
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    except Exception:  # a read-only install, a full disk, an engine whose internals differ: no cache
        return False
    _entries.clear()
    _entries.update(entries)
    _loaded.update(entries)
    return True


def install() -> None:
    """Preload now; save at the end of the run (the main process's: pool workers end without it)."""
    preload()
    atexit.register(save)
