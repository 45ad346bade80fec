"""The compiled-regex cache: patterns saved by one run are the very patterns re would compile, and a
missing, damaged or foreign file only means they are compiled again."""

import marshal
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
    for (p, f), got in zip(PATTERNS, _compile_all(), strict=True):
        assert got is re._cache[str, p, f]  # re.compile found it preloaded
        fresh_one = re._compiler.compile(p, f)
        assert got == fresh_one  # same flags, pattern and engine code
        assert (got.flags, got.groups, got.groupindex) == (fresh_one.flags, fresh_one.groups, fresh_one.groupindex)
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


def test_every_pattern_a_run_uses_equals_a_fresh_compile():
    """The patterns of a real run (preloaded from this checkout's cache, if it has one) are the ones
    re compiles from their text."""
    from generator.pipeline import process_all
    from generator.read import list_inputs
    from tests.conftest import SEEDS

    process_all(list_inputs(SEEDS), 1)
    used = [(k, p) for k, p in list(re._cache.items()) if k[0] is str]
    assert len(used) > 100
    for (_, text, flags), p in used:
        assert p == re._compiler.compile(text, flags), text[:60]
