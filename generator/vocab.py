"""Vocabulary tables (data files in generator/vocab/), loaded and compiled once per process."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from . import tablecache

# The package's own folder. Its files are read by path: importlib.resources, which a zipped
# package would need, costs more to import than the tables it reads (5 ms of every start-up).
PACKAGE_DIR = Path(__file__).parent


def package_text(*parts: str) -> str:
    """The text of a file shipped in the package (generator/vocab/…, generator/data/…)."""
    return PACKAGE_DIR.joinpath(*parts).read_text(encoding="utf-8")


def _text(name: str) -> str:
    return package_text("vocab", name)


class EmptyVocabulary(RuntimeError):
    """A word list or data table that must not be empty is empty (a pattern would never match)."""


def data_text(name: str) -> str:
    """The text of a data table in generator/data/ (derived from maintained sources by scripts/refresh_*)."""
    return package_text("data", name)


@tablecache.kept
def data_words(name: str) -> frozenset[str]:
    """The words of a one-word-per-line data table; '#' lines are comments. Empty is an error."""
    out = frozenset(line.strip() for line in data_text(name).splitlines() if line.strip() and not line.startswith("#"))
    if not out:
        raise EmptyVocabulary(f"generator/data/{name} holds no words: run its scripts/refresh_*.py")
    return out


def _lines(name: str) -> list[str]:
    """Return the non-comment, non-blank lines of a vocabulary file."""
    out = []
    for line in _text(name).splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            out.append(line.rstrip("\n"))
    return out


@tablecache.kept
def toml(name: str) -> dict:
    """Return a parsed TOML vocabulary file."""
    return tomllib.loads(_text(name))


@cache
def line_patterns(name: str) -> re.Pattern:
    """Compile a file of line regexes into one pattern matching a whole line."""
    alts = "|".join(f"(?:{p.strip()})" for p in _lines(name))
    return re.compile(rf"^(?:{alts})$")


@cache
def pairs(name: str) -> dict[str, str]:
    """Return a two-column TSV file as a dict."""
    out = {}
    for line in _lines(name):
        a, b = line.split("\t")[:2]
        out[a] = b
    return out


@cache
def words(name: str) -> tuple[str, ...]:
    """Return a one-word-per-line file (whitespace-separated words also accepted)."""
    out: list[str] = []
    for line in _lines(name):
        out.extend(line.split())
    return tuple(out)


def alternation(items) -> str:
    """Build a regex alternation in which the longest word wins; an empty list is an error (it would
    make a pattern that never matches, silently).

    The words are written as a trie: 市委(?:书记|常委)? for 市委书记|市委常委|市委. The regex engine
    tries the branches of an alternation one by one, so a flat list of a few hundred words costs a
    few hundred tests wherever its first character is found; the trie costs one per character. The
    matches are the same, and in the same order of preference, as those of the flat list longest
    first: the words that match at one place are prefixes of each other, on one path of the trie,
    and a greedy optional group tries the longer before the shorter."""
    items = list(items)
    if not items:
        raise EmptyVocabulary("an empty word list would make a pattern that never matches")
    trie: dict = {}
    for w in set(items):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_regex(trie, top=True)


def _trie_regex(node: dict, top: bool = False) -> str:
    branches = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    if len(branches) == 1:
        inner = branches[0] if len(branches[0]) == 1 or ("" not in node) else f"(?:{branches[0]})"
    else:
        inner = "|".join(branches) if top and "" not in node else "(?:" + "|".join(branches) + ")"
    # a word ending here with longer ones going on: the longer first (a greedy optional group)
    return inner + "?" if "" in node else inner


def first_chars(items) -> str:
    """A regex character class of the first characters of the words: "[…]"."""
    return "[" + "".join(sorted({re.escape(w[0]) for w in items if w})) + "]"


def guarded(items) -> str:
    """alternation(items) preceded by a lookahead on the words' first characters.

    Same matches, but faster inside a larger pattern: the regex engine tries the words of an
    alternation one by one, where the lookahead is one table lookup that fails at once where no
    word can start. (At the very start of a pattern a bare alternation is better: the engine then
    skips to the words' first characters by itself.)"""
    items = list(items)
    alt = alternation(items)
    if "" in items:
        return alt  # the empty word matches anywhere: no first character to test
    return f"(?={first_chars(items)})(?:{alt})"


# The first characters a pattern's matches can open with, read from the regex parser's tree, for a
# guard in front of a pattern that gives the regex engine no first character to look for by itself.
MAX_GUARD_RANGE = 512  # a longer range (all CJK characters) would guard nothing
MAX_GUARD_CHARS = 512
DIGITS = -1  # in a set of first characters: \d, any decimal digit


def _sre_module(name: str):
    """The regex module's parser or constants (re._parser, re._constants: no public interface)."""
    import importlib

    return importlib.import_module(f"re.{name}")


def _first_of(items) -> tuple[frozenset[int] | None, bool]:
    """(the code points a match of this sequence of parsed items can start with, or None where that is
    not known or any character may; whether the sequence can match the empty string)."""
    c = _sre_module("_constants")
    chars: set[int] = set()
    for op, av in items:
        if op is c.LITERAL:
            return frozenset(chars | {av}), False
        if op is c.IN:
            for op2, av2 in av:
                if op2 is c.LITERAL:
                    chars.add(av2)
                elif op2 is c.RANGE and av2[1] - av2[0] < MAX_GUARD_RANGE:
                    chars.update(range(av2[0], av2[1] + 1))
                elif op2 is c.CATEGORY and av2 in (c.CATEGORY_DIGIT, c.CATEGORY_UNI_DIGIT):
                    chars.add(DIGITS)  # \d: every decimal digit
                else:  # a negated class, a category (\d, \s), a long range
                    return None, False
            return frozenset(chars), False
        if op is c.AT or op is c.ASSERT or op is c.ASSERT_NOT:
            continue  # zero width: the match opens with what follows (a lookahead only narrows it)
        if op is c.ATOMIC_GROUP:
            first, empty = _first_of(av)
        elif op is c.SUBPATTERN:
            if av[1] or av[2]:  # flags set inside the group ((?i:…))
                return None, False
            first, empty = _first_of(av[-1])
        elif op is c.BRANCH:
            first, empty = frozenset(), False
            for alternative in av[1]:
                f, e = _first_of(alternative)
                if f is None:
                    return None, False
                first, empty = first | f, empty or e
        elif op is c.MAX_REPEAT or op is c.MIN_REPEAT or op is c.POSSESSIVE_REPEAT:
            first, empty = _first_of(av[2])
            empty = empty or av[0] == 0
        else:  # any character, a back reference, a conditional …: unknown
            return None, False
        if first is None:
            return None, False
        chars |= first
        if not empty:
            return frozenset(chars), False
    return frozenset(chars), True


def _opening(tree, most: int) -> frozenset[int] | None:
    """The characters every match of a parsed pattern opens with, or None where that is not known,
    a match may be empty, case is ignored, or they are more than `most`."""
    first, empty = _first_of(list(tree))
    if tree.state.flags & re.IGNORECASE or first is None or empty or not first or len(first) > most:
        return None
    return first


def first_class(pattern: str) -> str | None:
    """A character class of the characters every match of the pattern opens with ("[一二第（]"), or
    None where that is not known, any character may, or a match may be empty."""
    try:
        first = _opening(_sre_module("_parser").parse(pattern), MAX_GUARD_CHARS)
    except Exception:  # a parser of another Python version: no class
        return None
    return None if first is None else _class_of(first)


def lead_characters(pattern: re.Pattern, most: int = 6) -> str | None:
    """The few characters every match of a pattern opens with (迎接二十大|喜迎二十大: 迎喜), or None
    where they are more than `most`, not known, or a match may be empty. A text that holds none of
    them has no match: str.find tells that in a fraction of a microsecond, where a search that
    scans for a class of first characters takes some ten (search_from_lead)."""
    try:
        first = _opening(_sre_module("_parser").parse(pattern.pattern, pattern.flags), most)
    except Exception:  # a parser of another Python version: no lead, a plain search
        return None
    if first is None or DIGITS in first:
        return None
    return "".join(chr(c) for c in sorted(first))


def search_from_lead(pattern: re.Pattern, text: str, lead: str | None) -> re.Match | None:
    """pattern.search(text), started where the first of its lead characters stands (no match can
    start before it; a lookbehind still sees the text before), or None at once if none does."""
    if lead is None:
        return pattern.search(text)
    at = -1
    for ch in lead:
        i = text.find(ch, 0, at if at >= 0 else len(text))
        if i >= 0:
            at = i
    return pattern.search(text, at) if at >= 0 else None


def _class_of(chars: frozenset[int]) -> str:
    return "[" + "".join("\\d" if x == DIGITS else re.escape(chr(x)) for x in sorted(chars)) + "]"


def search_guarded(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a pattern used with search or finditer, with a lookahead in front naming the
    characters a match can start with, where the regex engine cannot tell them by itself
    (_guarded_form; worked out once and kept between runs, _guards).

    Same matches: every match opens with one of those characters (a pattern that may match the empty
    string, or open with any character, gets no guard). The engine skips by itself to the first
    character of a pattern that opens with a character, a class or an alternation of words; one that
    opens with a lookbehind, an anchor or an optional part (讲话 | ^代表 | (?<!工)作…) it tries in full
    at every position, where the guard is one table lookup that fails at once almost everywhere."""
    guards = _guards()
    form = guards.get((pattern, flags))
    if form is None:
        form = guards[pattern, flags] = _guarded_form(pattern, flags)
    return re.compile(*form)


@cache
def _guards() -> dict[tuple[str, int], tuple[str, int]]:
    """The guarded forms worked out by earlier runs: parsing every pattern again took 12 ms of start-up."""
    return tablecache.kept_dict("vocab.guards")


def _guarded_form(pattern: str, flags: int) -> tuple[str, int]:
    """search_guarded's pattern and flags: the pattern with its guard, or as it is where a guard
    would not help or its first characters cannot be told."""
    c = _sre_module("_constants")
    try:
        tree = _sre_module("_parser").parse(pattern, flags)
    except Exception:  # a parser of another Python version: no guard, same matches
        return pattern, flags
    data = list(tree)
    head = data[0] if data else None
    while head is not None and head[0] is c.SUBPATTERN and not (head[1][1] or head[1][2]) and head[1][-1]:
        head = next(iter(head[1][-1]))
    if head is None or head[0] is c.LITERAL or head[0] is c.IN:
        return pattern, flags  # the engine finds the first character by itself
    if head[0] is c.ASSERT and head[1][0] == 1:
        return pattern, flags  # a lookahead in front: guarded by hand
    repeat = head[0] in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)
    if repeat and head[1][0] >= 1 and len(head[1][2]) == 1 and head[1][2][0][0] in (c.LITERAL, c.IN):
        return pattern, flags  # a run of one class (\d{1,3}…): the engine fails it as fast
    if head[0] is c.BRANCH and all(alt and alt[0][0] is c.LITERAL for alt in head[1][1]):
        return pattern, flags
    first = _opening(tree, MAX_GUARD_CHARS)
    flags = tree.state.flags
    if first is None:
        return pattern, flags
    lead = re.match(r"\(\?[aiLmsux]+\)", pattern)  # global flags: they stay in `flags`
    body = pattern[lead.end() :] if lead else pattern
    end = "\n)" if flags & re.VERBOSE else ")"  # a verbose pattern may end in a comment
    return f"(?={_class_of(first)})(?:{body}{end}", flags


def fingerprint() -> str:
    """Return a hash of every vocabulary file, part of the cache key."""
    import hashlib

    h = hashlib.sha256()
    root = PACKAGE_DIR / "vocab"
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_file():
            h.update(entry.name.encode())
            h.update(entry.read_bytes())
    return h.hexdigest()[:16]


def word_list(name: str, key: str) -> list[str]:
    """One list of words of a TOML vocabulary file; a missing or empty list is an error."""
    words = toml(name).get(key)
    if not words:
        raise EmptyVocabulary(f"generator/vocab/{name} has no list {key!r}")
    return list(words)


@cache
def cue(name: str) -> str:
    """A regex alternation of one list of vocab/cues.toml (longest word first); unknown or empty is an error."""
    words = toml("cues.toml").get(name)
    if not words:
        raise EmptyVocabulary(f"generator/vocab/cues.toml has no list {name!r}")
    return alternation(words)
