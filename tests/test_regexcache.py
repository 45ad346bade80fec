"""The compiled-regex cache: patterns saved by one run are the very patterns re would compile, and a
missing, damaged or foreign file only means they are compiled again."""

import marshal
import random
import re
import sys

import pytest

from generator import regexcache

PATTERNS = [
    (r"(?P<year>(?:19|20)\d\d)年(?P<month>\d{1,2})月", 0),
    (r"[\u3400-\u9fff]{2,4}(?=[^\u3400-\u9fff]|$)", 0),
    ("市委(?:书记|常委)? # a comment\n", re.VERBOSE),
    (r"(?i)abc|[a-z]+\d", 0),
    (r"^\s*来源[:：]", re.M),
]


@pytest.fixture
def fresh(monkeypatch):
    """An empty re cache and no patterns known to the module, bytecode writing allowed."""
    monkeypatch.setattr(re, "_cache", {})
    monkeypatch.setattr(regexcache, "_loaded", set())
    monkeypatch.setattr(regexcache, "_entries", {})
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _compile_all():
    return [re.compile(p, f) for p, f in PATTERNS]


def test_saved_patterns_are_what_re_compiles(fresh, tmp_path):
    path = tmp_path / "rx.marshal"
    _compile_all()
    assert regexcache.save(path)
    re._cache.clear()
    assert regexcache.preload(path) >= len(PATTERNS)
    texts = _random_texts("于2024年3月召开市委书记常委 \n来源：abcAB12一二龥")
    for (p, f), got in zip(PATTERNS, _compile_all(), strict=True):
        assert got is re._cache[str, p, f]  # re.compile found it preloaded
        fresh_one = re._compiler.compile(p, f)
        assert (got.flags, got.groups, got.groupindex) == (fresh_one.flags, fresh_one.groups, fresh_one.groupindex)
        _same_code_after_info(got, p, f)
        _same_behaviour(got, fresh_one, texts)
    m = re.compile(*PATTERNS[0]).search("于2024年3月召开")
    assert m and m.group("year", "month") == ("2024", "3")


def test_a_run_that_compiled_nothing_new_writes_nothing(fresh, tmp_path):
    path = tmp_path / "rx.marshal"
    _compile_all()
    assert regexcache.save(path)
    before = path.stat().st_mtime_ns
    re._cache.clear()
    regexcache.preload(path)
    _compile_all()
    assert not regexcache.save(path)
    assert path.stat().st_mtime_ns == before


def test_nothing_is_written_where_python_writes_no_bytecode(fresh, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    _compile_all()
    assert not regexcache.save(tmp_path / "rx.marshal")
    assert not (tmp_path / "rx.marshal").exists()


def _tampered(path, how):
    tag, entries = marshal.loads(path.read_bytes())
    if how == "garbage":
        return b"\x00not marshal at all"
    if how == "truncated":
        return path.read_bytes()[:100]
    if how == "other python":
        return marshal.dumps(("cpython-99-final0-0-4-1", entries))
    if how == "wrong shape":
        return marshal.dumps([tag, entries])
    if how == "bad engine code":
        key = next(iter(entries))
        flags, code, groups, gi, ig = entries[key]
        return marshal.dumps((tag, {**entries, key: (flags, [99999, *code[1:]], groups, gi, ig)}))
    raise AssertionError(how)


@pytest.mark.parametrize("how", ["garbage", "truncated", "other python", "wrong shape", "bad engine code"])
def test_a_damaged_or_foreign_file_preloads_nothing(fresh, tmp_path, how):
    path = tmp_path / "rx.marshal"
    _compile_all()
    assert regexcache.save(path)
    path.write_bytes(_tampered(path, how))
    re._cache.clear()
    assert regexcache.preload(path) == 0
    assert re._cache == {}
    assert [p.pattern for p in _compile_all()] == [p for p, _ in PATTERNS]  # compiled as usual


def _plain_code(pattern, flags):
    return [int(x) for x in re._compiler._code(re._parser.parse(pattern, flags), flags)]


def _same_behaviour(a: re.Pattern, b: re.Pattern, texts) -> None:
    for t in texts:
        assert [m.span() for m in a.finditer(t)] == [m.span() for m in b.finditer(t)], (a.pattern, t)
        assert [bool(a.match(t, i)) for i in range(len(t))] == [bool(b.match(t, i)) for i in range(len(t))], t
        assert a.sub("#", t) == b.sub("#", t) and a.split(t) == b.split(t)


def _random_texts(alphabet: str, n: int = 3000, seed: int = 0) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14))) for _ in range(n)]


def _same_code_after_info(compiled: re.Pattern, pattern: str, flags: int) -> None:
    """A cached pattern's engine code is re's own, but for the info block (what searches skip by)."""
    from generator.regexcache import _compiled

    code, plain = _compiled(pattern, flags)[1], _plain_code(pattern, flags)
    assert code[1 + code[1] :] == plain[1 + plain[1] :], pattern
    assert compiled == regexcache._engine_pattern(pattern, _compiled(pattern, flags))


FIRST = [
    # (pattern, whether the engine is told the characters a match starts with)
    ("(?=[主讲])(?:(?<![的])讲话|主持(?:会议)?)", True),  # a guard (vocab.search_guarded)
    ("(?=[一二三])(?P<n>[一二三])(?<!二二)要", True),
    ("(?=[^，。])(?:(?<=，)[^，。]{2}|[^，。]{3})", False),  # a negated class: not told
    ("(?=[主讲])(?:讲话)?", False),  # may match the empty string
    ("(?=[ab])(?:(?<!x)a|b)", True),
    ("(?=[a])(?:(?<!x)[ab]c?)", True),  # the guard narrower than what follows: match keeps to it
    ("(?=[ab])(?:(?<!x)[abc]d?)", True),
    ("(?=[ab])(?:(?<!x)a|b)|c", True),  # an alternation: the characters of both branches
    ("(?i)(?=[ab])(?:(?<!x)a|b)", False),  # ignores case
    ("(?<=x)a", True),  # a lookbehind first: the character after it
    ("(?<![一二])[一二三]{2}要", True),  # a repeated class: re tells none
    ("(?:第)?[一二三]要", True),  # an optional part first: its characters and the next's
    ("(?:^|[，。])(\\d{1,2})日", True),  # an anchor or a class, then digits (\\d as its characters)
    ("[\\d一二]+万", True),  # re tells a class holding \\d as a category test per character
    ("\\s*[：:]x", True),
    ("(?>[ab]c)|d", True),
    ("^a|b", True),
    ("^ab", False),  # anchored at the start: a search fails at once after it
    ("\\Aab", False),
    ("abc|abd", False),  # a literal prefix: found faster still
    ("a", False),
    ("[^，]x", False),  # a negated class
    (".x", False),  # any character
    ("(a)\\1|b", True),
    ("(a)?(?(1)b|c)", False),  # a conditional on a group: not told
    ("(?:[ab](?i:b)|c)", True),  # case ignored only after the first character
    ("(?i:a)b", False),
]

# beside the pattern's own characters: digits and spaces of other scripts and planes
OTHER_DIGITS_AND_SPACES = "٣۵５𝟘𝟡\u3000\u00a0\u2003\n"


@pytest.mark.parametrize("pattern, told", FIRST)
def test_a_pattern_is_told_its_first_characters_and_matches_as_before(pattern, told):
    from generator.regexcache import _compiled, _engine_pattern

    entry = _compiled(pattern, 0)
    plain = _plain_code(pattern, 0)
    assert (entry[1] != plain) == told
    _same_code_after_info(_engine_pattern(pattern, entry), pattern, 0)
    alphabet = "".join(sorted(set(re.sub(r"[^\w，。：:]", "", pattern)))) + "x，。的 1" + OTHER_DIGITS_AND_SPACES
    _same_behaviour(_engine_pattern(pattern, entry), re._compiler.compile(pattern, 0), _random_texts(alphabet))


def test_digits_and_spaces_are_told_as_the_engine_reads_them():
    """\\d and \\s told as characters: every character of the first plane the engine's category holds,
    and none it lacks; beyond the plane, all (a wider set costs only a match attempt)."""
    from re import _constants as c

    from generator.regexcache import _category_ranges

    for category, pattern in ((c.CATEGORY_DIGIT, r"\d"), (c.CATEGORY_SPACE, r"\s")):
        for ascii_only in (False, True):
            told = set()
            for _, (lo, hi) in _category_ranges(category, ascii_only):
                told.update(range(lo, min(hi, 0xFFFF) + 1))
            engine = re.compile(pattern, re.ASCII if ascii_only else 0)
            assert told == {i for i in range(0x10000) if engine.match(chr(i))}
            beyond = any(engine.match(chr(i)) for i in range(0x10000, 0x110000))
            assert beyond == any(lo > 0xFFFF for _, (lo, _) in _category_ranges(category, ascii_only))


def test_every_pattern_a_run_uses_is_what_re_compiles_or_that_told_its_first_characters():
    """The patterns of a real run (preloaded from this checkout's cache, if it has one) are the ones
    re compiles from their text, but for those the cache tells their first characters, which find
    what re's own do in the seeds' text."""
    from generator.pipeline import process_all
    from generator.read import list_inputs
    from generator.regexcache import _compiled, _engine_pattern
    from tests.conftest import SEEDS

    process_all(list_inputs(SEEDS), 1)
    used = [(k, p) for k, p in list(re._cache.items()) if k[0] is str]
    assert len(used) > 100
    texts = [path.read_text(encoding="utf-8") for path in list_inputs(SEEDS)]
    told = 0
    for (_, text, flags), p in used:
        fresh = re._compiler.compile(text, flags)
        if p != fresh:
            assert p == _engine_pattern(text, _compiled(text, flags)), text[:60]
            _same_code_after_info(p, text, flags)
            _same_behaviour(p, fresh, texts)
            told += 1
    assert told == 0 or told > 20  # with a cache file, many are told
