"""A site rendered in shards (generator.shards) is the site a single Pelican run makes: same files,
byte for byte; a change re-renders only the shard it touches; a Dask cluster makes the same site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.shards import PageStore, group_of, light_digest, plan_shards, read_front_matter, read_plan, store_path
from tests.conftest import CORPUS, build_site, rebuild_site

SHARD_SIZE = 4  # small enough that the test corpus makes province shards and province-year shards


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _differences(a: Path, b: Path) -> list[str]:
    ta, tb = _tree(a), _tree(b)
    only = sorted(set(ta) ^ set(tb))
    changed = sorted(k for k in set(ta) & set(tb) if ta[k] != tb[k])
    return [f"only in one: {k}" for k in only] + [f"differs: {k}" for k in changed]


def _copy_of_corpus(folder: Path, first: int | None = None) -> Path:
    """The corpus (or its first reports) outside git, so every build dates the reports' arrival
    alike (by file times, which the copy keeps)."""
    seeds = folder / "in"
    seeds.mkdir()
    for f in sorted((CORPUS / "reports").iterdir())[:first]:
        shutil.copy2(f, seeds / f.name)
    return seeds


@pytest.fixture(scope="module")
def single_site(tmp_path_factory):
    work = tmp_path_factory.mktemp("single")
    report, out = build_site(work, _copy_of_corpus(work), shards="off", jobs=1)  # the sharded builds use 2
    assert report.pelican_ok and report.count("failed") == 0
    return out


@pytest.fixture(scope="module")
def sharded_base(tmp_path_factory):
    base = tmp_path_factory.mktemp("sharded")
    seeds = _copy_of_corpus(base)
    work = base / "w"
    work.mkdir()
    report, _out = build_site(work, seeds, shards="on", shard_size=SHARD_SIZE, jobs=2)
    assert report.pelican_ok and report.count("failed") == 0
    return base


@pytest.fixture
def sharded(sharded_base, tmp_path):
    """A private copy of the sharded build (reports, content, output, caches) to change and rebuild."""
    shutil.copytree(sharded_base, tmp_path / "b", symlinks=True, copy_function=shutil.copy2)
    return tmp_path / "b" / "in", tmp_path / "b" / "w", tmp_path / "b" / "w" / "output"


def test_sharded_site_is_the_single_run_site(single_site, sharded_base):
    work = sharded_base / "w"
    out = work / "output"
    shards = {shard for shard, _card in read_plan(work / ".cache" / "shards" / "plan.json").values()}
    assert len(shards) >= 5 and any("-" in s for s in shards), shards  # province and province-year shards
    assert _differences(single_site, out) == []


def _mtimes(out: Path) -> dict[str, int]:
    return {p.parent.name: p.stat().st_mtime_ns for p in (out / "reports").glob("*/index.html")}


def test_a_change_renders_only_its_shard(sharded):

    seeds, work, out = sharded
    plan = {slug: shard for slug, (shard, _card) in read_plan(work / ".cache" / "shards" / "plan.json").items()}
    before = _mtimes(out)
    changed = sorted(seeds.glob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\n会议还研究了分片测试专用的事项。\n", encoding="utf-8")
    report, out = rebuild_site(work, seeds, shards="on", shard_size=SHARD_SIZE, jobs=2)
    assert report.pelican_ok
    slug = next(o.slug for o in report.outcomes if o.source == changed.name)
    after = _mtimes(out)
    touched = {s for s in before if after[s] != before[s]}
    assert slug in touched
    assert touched == {s for s, shard in plan.items() if shard == plan[slug]}
    assert "分片测试专用" in (out / "reports" / slug / "index.html").read_text(encoding="utf-8")
    # the site feed (every report of the corpus) carries the page as the shard's run stored it
    assert "分片测试专用" in (out / "feeds" / "atom.xml").read_text(encoding="utf-8")


@pytest.mark.parametrize("shards", ["on", "off"])
def test_a_rebuild_after_changes_is_the_cold_build(tmp_path, shards):
    """Pages skipped on a rebuild (shards not run again, index pages whose inputs did not change)
    are exactly what a cold build of the changed reports writes."""
    options = {"shards": shards, "shard_size": SHARD_SIZE, "jobs": 2}
    seeds = _copy_of_corpus(tmp_path, first=40)
    (tmp_path / "inc").mkdir()
    build_site(tmp_path / "inc", seeds, **options)
    files = sorted(seeds.glob("*.txt"))
    changed, gone = files[5], files[11]
    stat = changed.stat()
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("会议", "会议（增补）", 1) + "\n会议还研究了其他事项。\n", encoding="utf-8")
    os.utime(changed, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # the same arrival date for both builds
    gone.unlink()
    report, inc = rebuild_site(tmp_path / "inc", seeds, **options)
    assert report.pelican_ok and report.count("failed") == 0
    (tmp_path / "cold").mkdir()
    _, cold = build_site(tmp_path / "cold", seeds, **options)
    assert _differences(cold, inc) == []


def test_reports_that_swap_texts_rebuild_as_cold(tmp_path):
    """Two reports trade texts, so each leaves its places, people and frameworks for the other's and
    every count stays the same: the pages the memo keeps by their members (PageMemo.clean) must
    still be the ones a cold build writes."""
    options = {"shards": "on", "shard_size": SHARD_SIZE, "jobs": 2}
    seeds = _copy_of_corpus(tmp_path, first=40)
    (tmp_path / "inc").mkdir()
    build_site(tmp_path / "inc", seeds, **options)
    files = sorted(seeds.glob("*.txt"))
    a, b = files[2], files[30]
    times = [(f.stat().st_atime_ns, f.stat().st_mtime_ns) for f in (a, b)]
    ta, tb = a.read_bytes(), b.read_bytes()
    a.write_bytes(tb)
    b.write_bytes(ta)
    for f, ns in zip((a, b), times, strict=True):
        os.utime(f, ns=ns)
    report, inc = rebuild_site(tmp_path / "inc", seeds, **options)
    assert report.pelican_ok and report.count("failed") == 0
    (tmp_path / "cold").mkdir()
    _, cold = build_site(tmp_path / "cold", seeds, **options)
    assert _differences(cold, inc) == []


def test_a_removed_report_leaves_the_sharded_site(sharded):
    seeds, work, out = sharded
    gone = sorted(seeds.glob("*.txt"))[0]
    first, _ = rebuild_site(work, seeds, shards="on", shard_size=SHARD_SIZE, jobs=2)
    slug = next(o.slug for o in first.outcomes if o.source == gone.name)
    gone.unlink()
    report, out = rebuild_site(work, seeds, shards="on", shard_size=SHARD_SIZE, jobs=2)
    assert report.pelican_ok
    assert not (out / "reports" / slug).exists()
    assert slug not in (out / "data" / "digests.json").read_text(encoding="utf-8")
    assert slug not in (out / "index.html").read_text(encoding="utf-8")


def test_dask_cluster_builds_the_same_site(tmp_path):
    """A real dask.distributed cluster (a scheduler and two worker processes) runs the extraction and
    the shards; the site is the one a local single run makes of the same reports."""
    distributed = pytest.importorskip("distributed")
    (tmp_path / "local").mkdir()
    (tmp_path / "dask").mkdir()
    seeds = _copy_of_corpus(tmp_path, first=24)
    local, local_out = build_site(tmp_path / "local", seeds, shards="off", jobs=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report, out = build_site(tmp_path / "dask", seeds, shards="on", shard_size=3, scheduler=cluster.scheduler_address)
    assert report.pelican_ok and report.count("failed") == 0
    assert [o.slug for o in report.outcomes] == [o.slug for o in local.outcomes]
    assert _differences(local_out, out) == []


# -- the parts -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("groups", "size", "expected"),
    [
        ({"a": "44/2023", "b": "44/2024", "c": "11/2023"}, 2, {"11": ["c"], "44": ["a", "b"]}),
        ({"a": "44/2023", "b": "44/2024", "c": "44/2024"}, 2, {"44-2023": ["a"], "44-2024": ["b", "c"]}),
        ({"a": "00/0000", "b": "00/0000"}, 5, {"00": ["a", "b"]}),
    ],
)
def test_plan_shards(groups, size, expected):
    assert plan_shards(groups, size) == expected


@pytest.mark.parametrize(
    ("digest", "group"),
    [
        ({"place": {"codes": {"province": "440000"}}, "date": "2023-05-01"}, "44/2023"),
        ({"place": {"codes": {"province": None}}, "date": "--05-01"}, "00/0000"),
        ({"place": {}, "date": None}, "00/0000"),
    ],
)
def test_group_of(digest, group):
    assert group_of(digest) == group


def test_light_digest_keeps_only_the_evidence_it_shows():
    d = {
        "title": "t",
        "sentences": ["s0", "s1", "s2", "s3"],
        "tasks": [{"n": 1, "text": "x", "evidence": 0}],
        "frameworks": [{"name": "两个确立", "evidence": 2}],
        "targets": [{"indicator": "地区生产总值", "value": "增长6%", "evidence": 9}],
    }
    light = light_digest(d)
    assert light["sentences"] == {2: "s2"}
    assert "tasks" not in light


def test_front_matter_stops_at_the_first_blank_line(tmp_path):
    page = tmp_path / "r.md"
    page.write_text("Title: 标题: 含冒号\nDate: 2024-01-02 12:00\n\nBody: not metadata\n", encoding="utf-8")
    assert read_front_matter(page) == {"title": "标题: 含冒号", "date": "2024-01-02 12:00"}


def test_page_store_names_a_missing_page(tmp_path):
    from generator.shards import write_store

    write_store(store_path(tmp_path, "44"), [("r-1", "<p>a</p>")])
    store = PageStore(tmp_path)
    assert store.html("44", "r-1") == "<p>a</p>"
    with pytest.raises(LookupError, match="r-2"):
        store.html("44", "r-2")
    store.close()
    with pytest.raises(ValueError):
        store_path(tmp_path, "../x")


def test_stores_compare_equal_after_rebuild(sharded):
    """An unchanged rebuild renders no shard: every store file is the one the first build wrote."""
    seeds, work, _out = sharded
    stores = work / ".cache" / "shards" / "store"
    before = {p.name: p.stat().st_mtime_ns for p in stores.glob("*.sqlite")}
    report, _ = rebuild_site(work, seeds, shards="on", shard_size=SHARD_SIZE, jobs=2)
    assert report.pelican_ok
    assert {p.name: p.stat().st_mtime_ns for p in stores.glob("*.sqlite")} == before


def test_a_memory_budget_too_small_for_two_page_processes_makes_the_same_site(single_site, tmp_path):
    """--max-memory with room for no copy of the Pelican run: one process writes the index pages."""
    work = tmp_path / "w"
    work.mkdir()
    report, out = build_site(work, _copy_of_corpus(tmp_path), shards="off", jobs=2, max_memory_mb=1)
    assert report.pelican_ok and report.count("failed") == 0
    assert _differences(single_site, out) == []


@pytest.mark.parametrize(
    "wanted, budget, rss, procs",
    [
        (2, 4096, 1300.0, 2),  # room for both
        (2, 2048, 1300.0, 1),  # a forked copy may grow to its parent's size: only one fits
        (4, 2048, 600.0, 3),
        (2, 100, 1300.0, 1),  # never fewer than one
        (2, 100, 0.0, 2),  # no /proc to ask: as many as wanted
    ],
)
def test_processes_within_a_memory_budget(wanted, budget, rss, procs):
    from generator.pelican_plugin import processes_within

    assert processes_within(wanted, budget, rss) == procs


def test_max_memory_must_be_positive(tmp_path):
    from generator.errors import DigestError

    with pytest.raises(DigestError, match="--max-memory"):
        build_site(tmp_path, tmp_path, max_memory_mb=0)


def _ref(slug, card, title="标题", date="2024-01-02T00:00:00+08:00", meta=None):
    from datetime import datetime
    from types import SimpleNamespace

    return SimpleNamespace(slug=slug, card=card, title=title, date=datetime.fromisoformat(date), metadata=meta or {})


def test_reference_cache_keeps_a_report_only_under_its_card(tmp_path):
    from generator.shards import RefCache

    path = tmp_path / "refs.sqlite"
    cache = RefCache(path, "salt")
    assert cache.heads() == {}
    cache.put_light(_ref("r1", "card1", meta={"digest": "r1"}), {"date": "2024-01-02", "sentences": {3: "第四句。"}})
    cache.put_light(_ref("r2", "unknown-x"), {"date": "no card: never kept"})
    cache.save({"r1", "r2"})
    cache.close()

    again = RefCache(path, "salt")
    assert again.heads() == {"r1": ("card1", "标题", "2024-01-02T00:00:00+08:00", {"digest": "r1"})}
    assert again.light("r1", "card1") == {"date": "2024-01-02", "sentences": {3: "第四句。"}}  # evidence indexes stay numbers
    assert again.light("r1", "card2") is None  # the report changed since
    assert again.light("r2", "x") is None
    again.save(set())  # r1 is no longer planned
    again.close()
    assert RefCache(path, "salt").heads() == {}


@pytest.mark.parametrize("damage", ["other salt", "garbage"])
def test_reference_cache_starts_again_rather_than_trust_what_it_cannot_vouch_for(tmp_path, damage):
    from generator.shards import RefCache

    path = tmp_path / "refs.sqlite"
    cache = RefCache(path, "salt")
    cache.put_light(_ref("r1", "card1"), {"date": "2024-01-02"})
    cache.save({"r1"})
    cache.close()
    if damage == "garbage":
        path.write_bytes(b"not a database at all" * 100)
    again = RefCache(path, "other" if damage == "other salt" else "salt")
    assert again.heads() == {} and again.light("r1", "card1") is None


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2024-01-02", "2024-01-02T00:00:00+08:00"),
        ("2024-01-02 12:30", "2024-01-02T12:30:00+08:00"),
        ("2024-1-2", "2024-01-02T00:00:00+08:00"),
    ],
)
def test_page_datetime_reads_dates_as_pelican_does(value, expected):
    from pelican.utils import get_date, set_date_tzinfo

    from generator.shards import page_datetime

    assert page_datetime(value, "Asia/Shanghai").isoformat() == expected
    assert page_datetime(value, "Asia/Shanghai") == set_date_tzinfo(get_date(value), "Asia/Shanghai")


def test_damaged_caches_and_a_deleted_page_rebuild_the_same_site(single_site, sharded):
    """The page memo and the reference cache are trusted only when they can be read, and a page the
    memo knows but that is gone from output/ is written again."""
    seeds, work, out = sharded
    for name in ("pages.sqlite", "shards/refs.sqlite"):
        path = work / ".cache" / name
        assert path.is_file(), name
        path.write_bytes(b"SQLite format 3\0" + b"\xff" * 4000)  # a header, then garbage
    report, out = rebuild_site(work, seeds, shards="on", shard_size=SHARD_SIZE, jobs=2)
    assert report.pelican_ok
    assert _differences(single_site, out) == []
    person = next((out / "people").glob("*/index.html"))
    person.unlink()
    (out / "feeds" / "atom.xml").unlink()
    report, out = rebuild_site(work, seeds, shards="on", shard_size=SHARD_SIZE, jobs=2)
    assert report.pelican_ok
    assert _differences(single_site, out) == []


def test_reference_cache_writes_in_batches_and_keeps_every_row(tmp_path, monkeypatch):
    from generator import shards
    from generator.shards import RefCache

    monkeypatch.setattr(shards, "WRITE_BATCH", 2)
    cache = RefCache(tmp_path / "refs.sqlite", "salt")
    for i in range(5):
        cache.put_light(_ref(f"r{i}", f"c{i}"), {"n": i})
        cache.put_export(f"r{i}", f"c{i}", f'{{"n":{i}}}', "")
    assert cache.forget("export", [f"r{i}" for i in range(4)])  # r4 left the site
    cache.save([f"r{i}" for i in range(5)])
    cache.close()
    again = RefCache(tmp_path / "refs.sqlite", "salt")
    assert sorted(again.heads()) == [f"r{i}" for i in range(5)]
    assert [again.light(f"r{i}", f"c{i}") for i in range(5)] == [{"n": i} for i in range(5)]
    assert again.export_cards() == {f"r{i}": f"c{i}" for i in range(4)}


def test_caches_of_an_older_version_are_made_again(single_site, sharded):
    """A memo or reference cache whose tables have other columns (an older version wrote it) is
    emptied and made again, not written with columns it does not have (that failed the build)."""
    import sqlite3

    seeds, work, out = sharded
    for name, tables in (
        ("pages.sqlite", ("meta (k TEXT PRIMARY KEY, v TEXT)", "page (save_as TEXT PRIMARY KEY, key TEXT, count INTEGER)")),
        ("shards/refs.sqlite", ("meta (k TEXT PRIMARY KEY, v TEXT)", "ref (slug TEXT PRIMARY KEY, card TEXT)")),
    ):
        path = work / ".cache" / name
        path.unlink()
        con = sqlite3.connect(path)
        for table in tables:
            con.execute(f"CREATE TABLE {table}")
        con.execute("INSERT INTO meta VALUES ('salt', 'other'), ('stamp', 'other')")
        con.commit()
        con.close()
    report, out = rebuild_site(work, seeds, shards="on", shard_size=SHARD_SIZE, jobs=2)
    assert report.pelican_ok
    assert _differences(single_site, out) == []
    report, out = rebuild_site(work, seeds, shards="on", shard_size=SHARD_SIZE, jobs=2)  # and they serve
    assert report.pelican_ok
