"""Red team: hostile and careless inputs (a report, a corrections file, a symlink, a folder).

Every case builds a real site in a private folder and checks, besides its own promise, that no
file outside output/, content/ and .cache/ changed (the input folder and a sentinel folder next to
the site included). The texts are written for these tests.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.corrections import FIELDS, parse_corrections
from generator.errors import BadCorrections, DigestError
from tests.conftest import ROOT

REPORT = (
    "县委常委会召开会议\n2024-03-02 来源：某县融媒体中心\n"
    "3月1日，安吉县委常委会召开会议。县委书记张建国主持会议并讲话。县委副书记、县长李明出席会议。\n"
    "会议强调，一要坚持“两个确立”，抓好当前各项工作；二要全力推进项目建设。\n"
    "会议强调，今年全县地区生产总值增长6%左右，城镇化率达到60%以上。\n"
)
NO_PLACE = "会议召开\n3月1日，某委召开会议。书记张建国主持会议。\n会议强调，要抓好各项工作。\n"
OWNED = ("output", "content", ".cache")


def _snapshot(root: Path, site: Path) -> dict[str, str]:
    """Hash of every file under root, outside the folders a build of `site` may write."""
    out = {}
    owned = {site / name for name in OWNED}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel = Path(dirpath).relative_to(root)
        dirnames[:] = [d for d in dirnames if Path(dirpath) / d not in owned]
        for name in filenames:
            p = Path(dirpath) / name
            if p.is_symlink() or not p.is_file():
                out[str(rel / name)] = "special"
                continue
            out[str(rel / name)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


class Site:
    """A site folder tmp/site (settings, templates, seeds/) next to a sentinel folder tmp/elsewhere."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.root = tmp / "site"
        self.seeds = self.root / "seeds"
        self.seeds.mkdir(parents=True)
        for name in ("pelicanconf.py", "publishconf.py"):
            shutil.copy(ROOT / name, self.root / name)
        (self.root / "templates").symlink_to(ROOT / "templates")
        (tmp / "elsewhere").mkdir()
        (tmp / "elsewhere" / "keep.txt").write_text("untouched", encoding="utf-8")

    def add(self, name: str, text: str | bytes) -> Path:
        p = self.seeds / name
        p.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return p

    def build(self, **kw):
        from generator.pipeline import build

        before = _snapshot(self.tmp, self.root)
        args = {"jobs": 1, "search": False}
        args.update(kw)
        content = args.pop("content", self.root / "content")
        output = args.pop("output", self.root / "output")
        try:
            report = build(self.seeds, content, output, self.root / "pelicanconf.py", **args)
        finally:
            assert _snapshot(self.tmp, self.root) == before, "a file outside output/, content/ and .cache/ changed"
        self.report = report
        return report

    def outcome(self, name: str):
        return next(o for o in self.report.outcomes if o.source == name)

    @property
    def out(self) -> Path:
        return self.root / "output"


@pytest.fixture
def site(tmp_path):
    return Site(tmp_path)


# -- critical: corrections never become paths or metadata -------------------------------------


@pytest.mark.parametrize(
    "meta, key",
    [
        ('date = "../../../../../elsewhere/x"', "date"),
        ('date = "2024-01-01\\nSave_as: evil.html"', "date"),
        ('date = "2024-01-01\\nStatus: hidden"', "date"),
        ('date = "2024-01-01\\nTemplate: page"', "date"),
        ('title = "标题\\nSave_as: evil.html"', "title"),
        ('place = { province = "重庆市", code = "../../output2" }', "place.code"),
        ('place = { province = "重庆市", code = "999999" }', "place.code"),
        ('date = "' + "2" * 300 + '"', "date"),
        ('date = "2024-13-45"', "date"),
        ('date = "2023-02-29"', "date"),
        ("date = 5", "date"),
        ('date_basis = "stated"', "date_basis"),
        ('date_basis = "guessed"\ndate = "2024-01-01"', "date_basis"),
        ('chairs = "张三"', "chairs"),
        ('chairs = [{ name = "张三", titles = "书记" }]', "chairs.titles"),
        ('tasks = "abc"', "tasks"),
        ('targets = [{ year = 2024, indicator = "地区生产总值", value = 7 }]', "targets.value"),
        ('targets = [{ year = "2024", indicator = "地区生产总值", value = "增长7%" }]', "targets.year"),
        ("frameworks = [3]", "frameworks"),
        ("colour = 'red'", "colour"),
    ],
)
def test_bad_corrections_fail_alone_with_file_and_key(site, meta, key):
    site.add("a.txt", REPORT)
    site.add("a.meta.toml", meta + "\n")
    site.add("b.txt", REPORT)
    report = site.build()
    a = site.outcome("a.txt")
    assert a.status == "failed" and "a.meta.toml" in a.messages[0] and key in a.messages[0], a.messages
    assert site.outcome("b.txt").status == "ok" and report.pelican_ok
    assert not (site.out / "evil.html").exists() and not (site.tmp / "output2").exists()
    assert not list(site.tmp.glob("elsewhere/x*"))
    assert sorted(p.parent.name for p in (site.out / "reports").glob("*/index.html")) == [site.outcome("b.txt").slug]


def test_good_corrections_apply_and_keep_the_url(site):
    from generator.render import report_slug

    site.add("a.txt", REPORT)
    site.add(
        "a.meta.toml",
        '\ufeffdate = "2019-05-04"\nplace = { province = "重庆市", city = "重庆市", county = "涪陵区" }\n'
        'chairs = [{ name = "刘忠", titles = ["区委副书记", "区政府区长"] }]\n'
        'targets = [{ indicator = "地区生产总值", value = "增长7%" }]\n',
    )
    site.build()
    a = site.outcome("a.txt")
    assert a.status == "ok" and a.slug == report_slug("a.txt")
    page = (site.out / "reports" / a.slug / "index.html").read_text(encoding="utf-8")
    assert "2019-05-04" in page and "刘忠" in page and "人工校正" in page and "未定" in page
    assert 'href="../../place/None/' not in page and "place/500102/" in page
    assert (site.out / "place" / "500102" / "index.html").is_file()


def test_corrections_clear_the_warnings_they_answer(site):
    site.add("a.txt", NO_PLACE)
    site.build()
    assert site.outcome("a.txt").status == "warning"
    site.add("a.meta.toml", 'place = { province = "浙江省", city = "湖州市", county = "安吉县" }\n')
    site.build()
    assert site.outcome("a.txt").status == "ok"


def test_corrections_file_size_is_limited(site):
    site.add("a.txt", REPORT)
    site.add("a.meta.toml", "# " + "x" * 70_000 + "\n")
    site.build()
    assert site.outcome("a.txt").status == "failed" and "limit" in site.outcome("a.txt").messages[0]


# -- high: symlinks, odd entries, one input never stops the others ----------------------------


def test_symlinks_are_refused_and_never_published(site):
    secret = site.tmp / "elsewhere" / "credentials.txt"
    secret.write_text("3月1日，安吉县委常委会召开会议。绝密口令ZX81。\n", encoding="utf-8")
    (site.seeds / "notes.txt").symlink_to(secret)
    (site.seeds / "loop.txt").symlink_to(site.seeds / "loop.txt")
    site.add("a.txt", REPORT)
    report = site.build()
    skipped = {s.name: s.reason for s in report.skipped}
    assert "symbolic link" in skipped["notes.txt"] and "symbolic link" in skipped["loop.txt"]
    for p in site.out.rglob("*"):
        if p.is_file():
            assert b"ZX81" not in p.read_bytes(), p


def test_every_other_entry_is_listed_with_a_reason(site):
    site.add("a.txt", REPORT)
    (site.seeds / "folder.txt").mkdir()
    (site.seeds / "2024").mkdir()
    (site.seeds / "2024" / "b.txt").write_text(REPORT, encoding="utf-8")
    site.add("report.docx", b"PK\x03\x04")
    site.add("orphan.meta.toml", 'title = "x"\n')
    os.mkfifo(site.seeds / "pipe.txt")
    report = site.build()
    skipped = {s.name: s.reason for s in report.skipped}
    assert set(skipped) == {"folder.txt", "2024", "report.docx", "orphan.meta.toml", "pipe.txt"}
    data = json.loads((site.out / "build-report.json").read_text(encoding="utf-8"))
    assert {s["name"] for s in data["skipped_entries"]} == set(skipped)
    assert site.outcome("a.txt").status == "ok"


def test_a_fifo_or_folder_named_as_corrections_fails_its_report_without_hanging(site):
    site.add("a.txt", REPORT)
    os.mkfifo(site.seeds / "a.meta.toml")
    site.add("b.txt", REPORT)
    (site.seeds / "b.meta.toml").mkdir()
    site.build()
    for name, meta in (("a.txt", "a.meta.toml"), ("b.txt", "b.meta.toml")):
        o = site.outcome(name)
        assert o.status == "failed" and meta in o.messages[0] and "regular file" in o.messages[0]


def test_unreadable_file_fails_alone(site, monkeypatch):
    site.add("a.txt", REPORT)
    bad = site.add("locked.txt", REPORT)
    real_open = os.open

    def guarded(path, flags, *a, **kw):
        if Path(path) == bad:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *a, **kw)

    monkeypatch.setattr(os, "open", guarded)
    report = site.build()
    o = site.outcome("locked.txt")
    assert o.status == "failed" and "Permission denied" in o.messages[0]
    assert site.outcome("a.txt").status == "ok" and report.pelican_ok


def test_a_file_name_that_is_not_utf8_builds_under_an_escaped_name(site):
    (site.seeds / os.fsdecode(b"\xb9\xfa.txt")).write_text(REPORT, encoding="utf-8")
    site.add("a.txt", REPORT)
    report = site.build()
    names = {o.source for o in report.outcomes}
    assert "\\xb9\\xfa.txt" in names and report.pelican_ok
    assert all(o.status == "ok" for o in report.outcomes)


@pytest.mark.parametrize("text", ["\b", "\x00", "\uffff", "\ufffe", "\x1b[31m", "\U0010ffff", "\ud800"])
def test_characters_no_page_or_feed_can_carry_are_dropped(site, text):
    body = REPORT.replace("主持会议", f"主持{text}会议")
    site.add("a.txt", body.encode("utf-8", "surrogatepass"))
    report = site.build()
    o = site.outcome("a.txt")
    assert report.pelican_ok and o.status in ("ok", "failed")
    if text in ("\x00", "\ud800"):
        assert o.status == "failed" and "binary" in o.messages[0]  # NUL bytes, bytes that are no UTF-8
        return
    assert o.status == "ok"
    for feed in ("rss.xml", "atom.xml"):
        ET.fromstring((site.out / "feeds" / feed).read_bytes())  # well-formed XML


def test_empty_and_bom_only_files_fail(site):
    site.add("empty.txt", b"")
    site.add("bom.txt", b"\xef\xbb\xbf")
    site.add("blank.txt", "  \n\n ")
    site.add("a.txt", REPORT)
    site.build()
    for name in ("empty.txt", "bom.txt", "blank.txt"):
        assert site.outcome(name).status == "failed"


def test_a_huge_file_is_refused_before_it_is_read(site):
    with (site.seeds / "huge.txt").open("wb") as f:
        f.truncate(3 * 2**30)  # sparse: 3 GiB on paper
    site.add("a.txt", REPORT)
    site.build()
    o = site.outcome("huge.txt")
    assert o.status == "failed" and "limit" in o.messages[0]


def test_yaml_alias_bombs_in_front_matter_are_refused(site):
    bomb = (
        "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ntitle: *h\n---\n" + REPORT
    )
    site.add("bomb.md", bomb)
    site.build()
    assert site.outcome("bomb.md").status == "ok"


# -- the cache is a transaction -------------------------------------------------------------


def _page_text(site, name):
    o = site.outcome(name)
    return (site.out / "reports" / o.slug / "index.html").read_text(encoding="utf-8")


def test_no_cache_build_then_cached_build_serves_current_text(site):
    site.add("a.txt", REPORT)
    site.build()
    site.add("a.txt", REPORT.replace("李明", "王强"))
    site.build(use_cache=False)
    site.add("a.txt", REPORT)  # back to the first version: the manifest must not vouch for the second page
    site.build()
    assert "李明" in _page_text(site, "a.txt") and "王强" not in _page_text(site, "a.txt")


def test_a_page_changed_behind_the_manifest_is_rebuilt(site):
    site.add("a.txt", REPORT)
    site.build()
    page = site.root / "content" / f"{site.outcome('a.txt').slug}.md"
    page.write_text(page.read_text(encoding="utf-8").replace("李明", "赵六"), encoding="utf-8")  # a crash mid-write, say
    (site.root / "content" / ".x.md.partial-123").write_text("half", encoding="utf-8")
    site.build()
    assert "赵六" not in _page_text(site, "a.txt")
    assert not (site.root / "content" / ".x.md.partial-123").exists()


def test_a_truncated_pelican_cache_is_rebuilt(site):
    site.add("a.txt", REPORT)
    site.build()
    cache = site.root / ".cache" / "pelican"
    files = [p for p in cache.rglob("*") if p.is_file()]
    assert files
    for p in files:
        p.write_bytes(p.read_bytes()[: max(1, p.stat().st_size // 2)])
    assert site.build().pelican_ok
    assert site.build(use_cache=False).pelican_ok


def test_a_second_build_in_the_same_folder_is_refused(site):
    from generator.pipeline import build_lock

    site.add("a.txt", REPORT)
    with build_lock(site.root), pytest.raises(DigestError, match="another build"):
        site.build()


def test_a_deleted_report_leaves_the_search_index(site):
    site.add("a.txt", REPORT)
    site.add("b.txt", REPORT.replace("安吉县", "德清县"))
    site.build(search=True)
    if site.report.search != "ok":
        pytest.skip(f"search index not built here: {site.report.search}")
    entry = site.out / "pagefind" / "pagefind-entry.json"
    count = lambda: sum(v["page_count"] for v in json.loads(entry.read_text())["languages"].values())  # noqa: E731
    files_before = len(list((site.out / "pagefind").rglob("*")))
    assert count() == 2
    (site.seeds / "b.txt").unlink()
    site.build(search=True)
    assert count() == 1
    site.build(search=True)
    assert len(list((site.out / "pagefind").rglob("*"))) <= files_before


# -- the tool deletes only what it made --------------------------------------------------------


@pytest.mark.parametrize(
    "content, output",
    [(".", "output"), ("seeds", "output"), ("content", "."), ("content", "seeds"), ("content", "content"), ("seeds/x", "output")],
)
def test_folders_that_are_not_ours_are_refused(site, content, output):
    (site.root / "README.md").write_text("mine", encoding="utf-8")
    site.add("a.txt", REPORT)
    with pytest.raises(DigestError):
        site.build(content=site.root / content, output=site.root / output)
    assert (site.root / "README.md").read_text(encoding="utf-8") == "mine"
    assert (site.seeds / "a.txt").exists()


def test_an_output_that_is_a_file_is_refused(site):
    site.add("a.txt", REPORT)
    (site.root / "out.html").write_text("x", encoding="utf-8")
    with pytest.raises(DigestError, match="is a file"):
        site.build(output=site.root / "out.html")


def test_only_the_tools_own_files_are_pruned_from_content(site):
    site.add("a.txt", REPORT)
    site.build()
    notes = site.root / "content" / "notes.md"
    notes.write_text("my notes", encoding="utf-8")
    site.build()
    assert notes.read_text(encoding="utf-8") == "my notes"


# -- the data export ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, shown",
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("增长6%", "增长6%"),
        (None, ""),
        (2024, "2024"),
    ],
)
def test_csv_cells_are_never_formulas(value, shown):
    from generator.export import csv_cell

    assert csv_cell(value) == shown


def test_targets_csv_neutralizes_a_formula_file_name(site):
    site.add("=HYPERLINK(1).txt", REPORT)
    site.build()
    rows = (site.out / "data" / "targets.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) > 1 and all(not r.startswith(("=", "+", "-", "@")) for r in rows)
    assert rows[1].startswith("'=HYPERLINK")


def test_a_page_pelican_drops_counts_as_failed(tmp_path):
    from generator.pipeline import Outcome, _check_page

    o = _check_page(Outcome("a.txt", "ok", (), "r-000000000000"), tmp_path)
    assert o.status == "failed" and "Pelican" in o.messages[-1]


# -- hypothesis: any corrections file ----------------------------------------------------------

_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.text(max_size=40)
    | st.sampled_from(["../../x", "2024-01-01\nSave_as: e.html", "2024-02-30", "--02-29", "500102", "重庆市"]),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["name", "titles", "year", "indicator", "value", "text", "province", "city", "county", "code"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)
_keys = st.sampled_from([*FIELDS, "Save_as", "status"])  # every correctable field and two that are none


def _toml(data: dict) -> str:
    def val(v):
        if v is None:
            return '""'
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, str):
            return json.dumps(v)
        if isinstance(v, list):
            return "[" + ", ".join(val(x) for x in v) + "]"
        return "{ " + ", ".join(f"{k} = {val(x)}" for k, x in v.items()) + " }"

    return "".join(f"{k} = {val(v)}\n" for k, v in data.items())


def _check_corrections(data: dict) -> None:
    from generator.extract import apply_corrections, extract
    from generator.normalize import normalize
    from generator.read import read_bytes
    from generator.render import render_markdown, report_slug

    try:
        fix = parse_corrections(_toml(data).encode("utf-8"), "x.meta.toml", lambda c: c == "500102")
    except BadCorrections:
        return
    d = apply_corrections(extract(normalize(read_bytes(REPORT.encode(), "x.txt"))), fix)
    md = render_markdown(d, report_slug("x.txt"))
    head = md.split("\n\n", 1)[0].splitlines()
    assert [line.split(":", 1)[0] for line in head] == ["Title", "Date", "Slug", "Digest", "Place"]  # no key added by a value
    assert head[2] == f"Slug: {report_slug('x.txt')}"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_keys, _value, max_size=5))
def test_any_corrections_file_is_refused_or_applied_never_injected(data):
    _check_corrections(data)


@pytest.mark.slow
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_keys, _value, max_size=5))
def test_any_corrections_file_long_run(data):
    _check_corrections(data)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.dictionaries(_keys, _value, max_size=5))
def test_any_corrections_file_through_a_whole_build(tmp_path_factory, data):
    site = Site(tmp_path_factory.mktemp("h"))
    site.add("a.txt", REPORT)
    site.add("a.meta.toml", _toml(data))
    report = site.build()  # checks that nothing outside the site's folders changed
    assert report.pelican_ok
    o = site.outcome("a.txt")
    assert o.status == "failed" or (site.out / "reports" / o.slug / "index.html").is_file()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to see the workers")
def test_workers_die_with_a_build_killed_by_sigkill(site):
    import signal
    import subprocess
    import sys
    import time

    for i in range(200):
        site.add(f"r{i:03d}.txt", REPORT.replace("安吉县", ["德清县", "长兴县", "安吉县", "吴兴区"][i % 4]))
    cmd = [
        sys.executable,
        "-m",
        "generator.cli",
        "build",
        "--seeds",
        str(site.seeds),
        "--content",
        str(site.root / "content"),
        "--output",
        str(site.root / "output"),
        "--settings",
        str(site.root / "pelicanconf.py"),
        "--no-search",
        "--jobs",
        "2",
        "--no-cache",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def children() -> set[int]:
        out = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == proc.pid:
                out.add(int(stat.parent.name))
        return out

    deadline = time.monotonic() + 30
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers |= children()
        time.sleep(0.05)
    if not workers:
        proc.wait()
        pytest.skip("the build finished before its workers could be seen")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(1.0)
    alive = {
        pid
        for pid in workers
        if Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    }
    assert not alive, f"workers outlived the killed build: {alive}"


def test_opencc_tables_are_in_the_cache_key(tmp_path, monkeypatch):
    """A new OpenCC (or any data package the extraction reads) changes every cache key."""
    import importlib.util
    from types import SimpleNamespace

    from generator import pipeline

    fake = tmp_path / "opencc"
    (fake / "dictionary").mkdir(parents=True)
    table = fake / "dictionary" / "TSCharacters.txt"
    table.write_text("萬\t万\n", encoding="utf-8")
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: SimpleNamespace(submodule_search_locations=[str(fake)]) if name == "opencc" else real(name, *a),
    )
    before = pipeline._data_fingerprint()
    table.write_text("萬\t万\n與\t与\n", encoding="utf-8")
    assert pipeline._data_fingerprint() != before
