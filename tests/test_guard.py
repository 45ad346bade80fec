"""vocab.search_guarded: a lookahead on a pattern's first characters changes none of its matches."""

from __future__ import annotations

import random
import re

import pytest

from generator import vocab


@pytest.mark.parametrize(
    ("pattern", "guard"),
    [
        (r"(?:x)?y", "[xy]"),
        (r"^(?:同志)?代表", "[代同]"),
        (r"(?<=a)b", "[b]"),
        (r"(?>ab|c)d", "[ac]"),
        (r"a*b", "[ab]"),
        (r"(?<!x)\d+年|今年", r"[\d今]"),
        (r"(?=x)y|z", "[yz]"),
    ],
)
def test_first_class(pattern, guard):
    assert vocab.first_class(pattern) == guard
    assert vocab.search_guarded(pattern).pattern.startswith(f"(?={guard})")


@pytest.mark.parametrize("pattern", [r"a|b", r"[ab]c", r"(a)\1", r".x", r"[^a]b", r"(?i:a)b", r"a?", r"\d{1,3}年", r"(?=[ab])a"])
def test_no_guard(pattern):
    """A pattern the engine scans by itself, or whose first character is not known, is left as it is."""
    assert vocab.search_guarded(pattern).pattern == pattern


def test_verbose_pattern_ending_in_a_comment():
    p = vocab.search_guarded("(?x) (?<!的)讲话 | ^代表  # a comment\n  # another")
    assert p.search("会上讲话").span() == (2, 4)
    assert p.search("代表发言").span() == (0, 2)
    assert p.search("的讲话") is None


def test_role_patterns_match_as_before():
    """Every guarded role pattern finds what it found unguarded, in random strings of its own words."""
    rng = random.Random(0)
    for key, text in vocab.toml("roles.toml").items():
        if not isinstance(text, str):
            continue
        plain, guarded = re.compile(text), vocab.search_guarded(text)
        if plain.pattern == guarded.pattern:
            continue
        alphabet = sorted({c for c in text if ord(c) > 0x2000}) + list("，。；：、同志的工")
        for _ in range(2000):
            s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
            a, b = plain.search(s), guarded.search(s)
            assert (a and a.span()) == (b and b.span()), (key, s)
            a, b = plain.match(s), guarded.match(s)
            assert (a and a.span()) == (b and b.span()), (key, s)


@pytest.mark.parametrize(
    ("pattern", "lead"),
    [
        ("迎接党的二十大|喜迎(党的)?二十大", "喜迎"),
        (r"(?<=x)庆祝|建党", "庆建"),
        (r"(?:x)?y", "xy"),
        (r"a*b", "ab"),
        (r"\d+年", None),  # any digit
        (r"[a-z]庆", None),  # more than six
        (r"(?i)ab", None),
    ],
)
def test_lead_characters_and_the_search_from_them(pattern, lead):
    rx = re.compile(pattern)
    assert vocab.lead_characters(rx) == lead
    rnd = random.Random(9)
    for _ in range(3000):
        text = "".join(rnd.choice("迎接党的二十大喜庆祝建xyab1年") for _ in range(rnd.randint(0, 14)))
        got = vocab.search_from_lead(rx, text, vocab.lead_characters(rx))
        want = rx.search(text)
        assert (got and got.span()) == (want and want.span()), text
