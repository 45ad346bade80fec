"""Vocabulary tables (data files in generator/vocab/), loaded and compiled once per process."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources


def _text(name: str) -> str:
    return resources.files("generator").joinpath("vocab", name).read_text(encoding="utf-8")


class EmptyVocabulary(RuntimeError):
    """A word list or data table that must not be empty is empty (a pattern would never match)."""


def data_text(name: str) -> str:
    """The text of a data table in generator/data/ (derived from maintained sources by scripts/refresh_*)."""
    return resources.files("generator").joinpath("data", name).read_text(encoding="utf-8")


@cache
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


@cache
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


def fingerprint() -> str:
    """Return a hash of every vocabulary file, part of the cache key."""
    import hashlib

    h = hashlib.sha256()
    root = resources.files("generator").joinpath("vocab")
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
