"""Compiled regular expressions kept between runs, as Python keeps the bytecode of modules.

A run compiles some 400 patterns before it reads its first report: 0.17 s, close to half of its
start-up, most of it spent in `re`'s pure-Python compiler (its charset optimizer walks every
character of a range such as 一-龥 one by one). The engine's compiled form of a pattern is plain
data (a list of integers and the group names), so it is saved beside the package's bytecode and,
at import, put into `re`'s own cache: `re.compile` then finds each pattern already compiled and
returns it. The patterns stay where they are written; nothing here changes what they match. One
thing is added to what `re` would give: a pattern that `re` gives no class to skip by (one opening
with a lookbehind, a lookahead guard, an optional or repeated part, an alternation of classes) is
told the characters a match can start with, for its searches (_with_first_characters).

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
import marshal
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from .files import beside_bytecode, write_atomic

FORMAT = 3  # 2: guarded patterns carry their first characters; 3: every pattern that can (_with_first_characters)
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
    """Where the cache lives: beside the package's bytecode (files.beside_bytecode)."""
    return beside_bytecode(f"regexcache.{_tag()}.marshal")


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
    """The code of a pattern with the characters a match can start with told to the engine in the
    code's info block, where `re` gives it none or a costlier class.

    `re` tells the engine a class to skip by only when a pattern opens with a class, a literal or an
    alternation of literals. A pattern that opens otherwise (a lookbehind, a lookahead guard, an
    optional or repeated part, an alternation of classes) has a search start a full match attempt at
    every position of the text; told the characters a match can start with (_first_characters), the
    engine skips to them in its own loop, as for a pattern that opens with a class. A class holding
    \\d or \\s is told as the characters themselves, looked up in one table, not by a category
    test per character of the text.

    Only searches (search, finditer, findall, sub, split) read the block, and a match can start
    only at those characters, so every search finds what it found; match and fullmatch ignore the
    block. Left as compiled: a pattern with a literal prefix (searched for faster still), one that
    can match the empty string (the engine steps over empty matches by itself), one anchored at
    the start of the text (a search of it fails at once after the first position), one that
    ignores case, and one whose first characters cannot be told (a negated class, any character)."""
    from re import _compiler, _constants  # type: ignore[attr-defined]

    data = list(p.data)
    if not data or flags & (re.IGNORECASE | re.LOCALE) or code[0] != _constants.INFO or code[3] == 0:
        return code
    if code[2] & ~_constants.SRE_INFO_CHARSET:  # a literal prefix: searched for faster than any class
        return code
    if data[0][0] is _constants.AT and data[0][1] in (_constants.AT_BEGINNING, _constants.AT_BEGINNING_STRING):
        return code
    first = _first_characters(data, flags)
    if first is None or first[1]:  # not known, or the pattern may match the empty string
        return code
    charset, hascased = _compiler._optimize_charset(first[0])
    if hascased:
        return code
    info = [_constants.INFO, 0, _constants.SRE_INFO_CHARSET, code[3], code[4]]
    _compiler._compile_charset(charset, flags, info)
    info[1] = len(info) - 1
    return info + list(code[1 + code[1] :])


def _first_characters(items: list, flags: int) -> tuple[list, bool] | None:
    """(the characters a match of a parsed sequence can start with, as class items; whether the
    sequence can match the empty string), or None where that cannot be told simply."""
    from re import _constants as c  # type: ignore[attr-defined]

    out: list = []
    for op, av in items:
        if op is c.LITERAL:
            return [*out, (c.LITERAL, av)], False
        if op is c.IN:
            if any(o is c.NEGATE for o, _ in av):
                return None
            return out + [x for o, a in av for x in _class_items(o, a, flags)], False
        if op is c.AT or op is c.ASSERT_NOT or (op is c.ASSERT and av[0] == -1):
            continue  # zero width: the match starts with what follows
        if op is c.ASSERT:  # a lookahead: the first character is also one it starts with
            ahead = _first_characters(list(av[1].data), flags)
            if ahead is not None and not ahead[1]:
                return out + ahead[0], False
            continue
        if op is c.SUBPATTERN:
            if av[1] & (re.IGNORECASE | re.LOCALE):
                return None
            inner = _first_characters(list(av[3].data), flags | av[1])
        elif op is c.ATOMIC_GROUP:
            inner = _first_characters(list(av.data), flags)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if av[1] == 0:
                return None
            inner = _first_characters(list(av[2].data), flags)
            inner = inner and (inner[0], inner[1] or av[0] == 0)
        elif op is c.BRANCH:
            alternatives = [_first_characters(list(alt.data), flags) for alt in av[1]]
            if any(a is None for a in alternatives):
                return None
            inner = ([x for a in alternatives for x in a[0]], any(a[1] for a in alternatives))  # type: ignore[index]
        else:  # any character, a negated literal, a group reference …
            return None
        if inner is None:
            return None
        out += inner[0]
        if not inner[1]:
            return out, False
    return out, True


def _class_items(op: Any, av: Any, flags: int) -> list:
    """A class's item, with \\d and \\s (in a text pattern) given as their characters."""
    from re import _constants as c  # type: ignore[attr-defined]

    if op is c.CATEGORY and av in (c.CATEGORY_DIGIT, c.CATEGORY_SPACE):
        return _category_ranges(av, bool(flags & re.ASCII))
    return [(op, av)]


@lru_cache(maxsize=4)
def _category_ranges(category: Any, ascii_only: bool) -> list:
    """The characters of \\d or \\s as the engine itself reads them, as class ranges: those of the
    first plane one by one (they go into the class's table), those beyond it as one range of every
    character beyond it (some tens of ranges, each compared with every character of a text, would
    cost more than the category test; a wider set only lets a match attempt start where none is)."""
    from re import _constants as c  # type: ignore[attr-defined]

    every = "".join(map(chr, range(0x110000)))
    pattern = r"\d" if category is c.CATEGORY_DIGIT else r"\s"
    codes = [ord(ch) for ch in re.findall(pattern, every, re.ASCII if ascii_only else 0)]
    beyond = [code for code in codes if code > 0xFFFF]
    out: list = [(c.RANGE, (0x10000, 0x10FFFF))] if beyond else []
    for code in (code for code in codes if code <= 0xFFFF):
        if out and out[-1][1][1] == code - 1:
            out[-1] = (c.RANGE, (out[-1][1][0], code))
        else:
            out.append((c.RANGE, (code, code)))
    return out


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
        write_atomic(path, marshal.dumps((_tag(), entries)))
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
