"""Tables kept between runs (generator/tablecache.py): a kept table is the one the builder gives, it is
used only while the package's files are the ones it was built from, and anything unusable (a
damaged file, other files, no right to write bytecode) means the table is built as before."""

import pickle
import re
import sys

import pytest

from generator import gazetteer, normalize, tablecache, vocab
from generator.extract import frameworks, places


@pytest.fixture
def folder(monkeypatch, tmp_path):
    """Tables kept in a temporary folder, writing allowed; the fingerprint of the real package."""
    monkeypatch.setattr(tablecache, "cache_file", lambda name: tmp_path / f"table.{name}.pickle")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return tmp_path


def _counting_table(calls: list):
    def build(name: str) -> dict:
        calls.append(name)
        return {"name": name, "words": ["两个确立", "两个维护"]}

    build.__qualname__ = f"build_{len(calls)}_{id(calls)}"
    return build


def test_a_kept_table_is_loaded_not_built_again(folder):
    calls: list = []
    build = _counting_table(calls)
    first = tablecache.kept(build)
    assert first("titles.toml") == {"name": "titles.toml", "words": ["两个确立", "两个维护"]}
    assert calls == ["titles.toml"]
    assert len(list(folder.glob("table.*titles.toml.pickle"))) == 1
    again = tablecache.kept(build)  # as in the next run: nothing built in this process yet
    assert again("titles.toml") == first("titles.toml")
    assert calls == ["titles.toml"]
    assert again("roles.toml")["name"] == "roles.toml" and calls == ["titles.toml", "roles.toml"]


@pytest.mark.parametrize("spoil", ["other-files", "damaged", "empty", "not-a-pair"])
def test_a_table_from_other_files_or_spoiled_is_built_again(folder, spoil):
    calls: list = []
    build = _counting_table(calls)
    tablecache.kept(build)("a")
    (path,) = folder.glob("table.*.pickle")
    if spoil == "other-files":
        key, _ = pickle.loads(path.read_bytes())
        path.write_bytes(pickle.dumps(((key[0], key[1], key[2][:-1]), {"stale": True})))
    elif spoil == "damaged":
        path.write_bytes(path.read_bytes()[:-7])
    elif spoil == "empty":
        path.write_bytes(b"")
    else:
        path.write_bytes(pickle.dumps({"stale": True}))
    assert tablecache.kept(build)("a") == {"name": "a", "words": ["两个确立", "两个维护"]}
    assert calls == ["a", "a"]
    assert tablecache.load(path.name[len("table.") : -len(".pickle")])[0]  # and kept afresh


def test_nothing_is_kept_where_python_writes_no_bytecode(folder, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    calls: list = []
    tablecache.kept(_counting_table(calls))("a")
    assert not list(folder.glob("*.pickle"))


def test_the_fingerprint_names_every_file_tables_come_from():
    _, version, files = tablecache.fingerprint()
    names = {path.replace("\\", "/") for path, _, _ in files}
    assert version == sys.version
    for part in ("/generator/gazetteer.py", "/generator/data/divisions.tsv", "/generator/vocab/titles.toml"):
        assert any(n.endswith(part) for n in names), part
    assert any(n.endswith("/opencc/dictionary/TSCharacters.txt") for n in names)
    assert not any("/__pycache__/" in n for n in names)


@pytest.mark.parametrize(
    "table",
    [
        gazetteer._tables,
        gazetteer._scan_tables,
        gazetteer._full_forms,
        gazetteer._pair_finder,
        places._alias_prefixes,
        normalize._t2s_tables,
        normalize._plane_ordinals,
        frameworks._set_phrases,
        lambda: vocab.toml("titles.toml"),
        lambda: vocab.data_words("common_words.txt"),
    ],
    ids=["gazetteer", "scan", "full-forms", "pairs", "aliases", "opencc", "code-points", "idioms", "vocabulary", "words"],
)
def test_the_package_tables_come_back_as_built(table):
    """What each kept table of the package pickles to comes back equal (the gazetteer's units
    through their constructor, so they are units like any other)."""
    value = table()
    back = pickle.loads(tablecache.dumps(value))
    assert back == value
    if table is gazetteer._tables:
        units, succ, pred, index = back
        assert all(type(u) is gazetteer.Unit for u in units)
        assert all(old in units and new in units for old, new in succ.items())
        ids = {id(u) for u in units}  # one object a unit, as built: in the successions and the index too
        assert {id(u) for u in [*succ, *succ.values(), *pred, *pred.values()]} <= ids
        assert {id(u) for named in index.values() for u in named} <= ids


def test_a_kept_dict_keeps_what_a_run_added(folder, monkeypatch):
    monkeypatch.setattr(tablecache, "_dicts", {})
    table = tablecache.kept_dict("forms")
    assert table == {}
    table["(?<!的)讲话", 0] = ("(?=[讲])(?:(?<!的)讲话)", 32)
    tablecache.save_dicts()
    monkeypatch.setattr(tablecache, "_dicts", {})  # the next run
    again = tablecache.kept_dict("forms")
    assert again == {("(?<!的)讲话", 0): ("(?=[讲])(?:(?<!的)讲话)", 32)}
    path = folder / "table.forms.pickle"
    before = path.stat().st_mtime_ns
    tablecache.save_dicts()  # nothing added: nothing written
    assert path.stat().st_mtime_ns == before


def test_guarded_forms_kept_or_worked_out_are_the_same(monkeypatch):
    pattern = "(?x) (?<!的)讲话 | ^代表  # a comment"
    worked_out = vocab._guarded_form(pattern, 0)
    monkeypatch.setattr(vocab, "_guards", lambda: {})
    fresh = vocab.search_guarded(pattern)
    monkeypatch.setattr(vocab, "_guards", lambda: {(pattern, 0): worked_out})
    kept = vocab.search_guarded(pattern)
    assert fresh is kept is re.compile(*worked_out)
    assert fresh.pattern.startswith("(?=[")  # it was guarded


@pytest.mark.parametrize(
    "source, flags",
    [("书记|县长", 0), ("(?s)书记.{0,3}", 0), ("书记|县长", re.MULTILINE), (b"[\\x80-\\xff]", 0), ("(?s)书记.{0,3}", re.M)],
    ids=["plain", "inline-flag", "with-flags", "bytes", "inline-and-written-flags"],
)
def test_a_kept_pattern_comes_back_as_the_one_re_keeps(source, flags):
    """A pattern pickles with the flags re adds (UNICODE for text, inline flags); a kept one comes
    back as the pattern re.compile gives for what was written, the one in re's cache (and in
    regexcache's file), not compiled afresh under other flags; and as the same pattern always."""
    original = re.compile(source, flags)
    back = pickle.loads(tablecache.dumps({"p": original}))["p"]
    assert (back.pattern, back.flags) == (original.pattern, original.flags)
    if not (flags and "(?s)" in str(source)):  # written and inline flags both: not told apart, compiled again
        assert back is re.compile(source, flags)
