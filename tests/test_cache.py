"""The content-hash cache: unchanged reports cost nothing, a changed one re-does only itself."""

import os

import pytest

from tests.conftest import SEEDS, build_site, rebuild_site, seeds_and_work


def _cached(report):
    return {o.source for o in report.outcomes if o.cached}


def test_unchanged_inputs_are_not_extracted_again(tmp_path):
    seeds, work = seeds_and_work(tmp_path)
    first, _ = build_site(work, seeds)
    assert not _cached(first)
    second, out = rebuild_site(work, seeds)
    assert _cached(second) == {p.name for p in SEEDS.glob("*.txt")}
    assert [o.slug for o in second.outcomes] == [o.slug for o in first.outcomes]
    assert len(list(out.glob("reports/*/index.html"))) == 5


def test_a_changed_report_or_correction_redoes_only_itself(tmp_path):
    seeds, work = seeds_and_work(tmp_path)
    build_site(work, seeds)
    changed = seeds / "001_3eec6e6b6785901d.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\n会议要求，抓好落实。", encoding="utf-8")
    (seeds / "004_9d4fa8580e58e8e8.meta.toml").write_text('title = "人工标题"\n', encoding="utf-8")
    report, out = rebuild_site(work, seeds)
    redone = {o.source for o in report.outcomes} - _cached(report)
    assert redone == {"001_3eec6e6b6785901d.txt", "004_9d4fa8580e58e8e8.txt"}
    slug = next(o.slug for o in report.outcomes if o.source.startswith("004"))
    assert "人工标题" in (out / "reports" / slug / "index.html").read_text(encoding="utf-8")


def test_a_missing_page_is_rebuilt_even_when_the_manifest_says_current(tmp_path):
    seeds, work = seeds_and_work(tmp_path)
    first, _ = build_site(work, seeds)
    (work / "content" / f"{first.outcomes[0].slug}.md").unlink()
    report, out = rebuild_site(work, seeds)
    assert first.outcomes[0].source not in _cached(report)
    assert (out / "reports" / first.outcomes[0].slug / "index.html").exists()


@pytest.fixture
def trusting(monkeypatch):
    """File signatures trusted at once (a real build trusts those of files unchanged for 2 s before
    it looked at them); returns the names of the reports the build reads."""
    from generator import pipeline

    monkeypatch.setattr(pipeline, "RACY_NS", -1)
    read: list[str] = []
    real = pipeline.make_job

    def counting(path, added=None):
        read.append(path.name)
        return real(path, added)

    monkeypatch.setattr(pipeline, "make_job", counting)
    return read


def test_unchanged_reports_are_not_even_read_again(tmp_path, trusting):
    seeds, work = seeds_and_work(tmp_path)
    build_site(work, seeds)
    build_site(work, seeds)  # the pages' signatures are taken when the manifest is saved
    trusting.clear()
    report, _ = rebuild_site(work, seeds)
    assert trusting == []
    assert _cached(report) == {p.name for p in SEEDS.glob("*.txt")}


def _same_size_edit(path):
    """Change a file in place, keeping its size and its modification time."""
    st = path.stat()
    data = path.read_bytes()
    i = data.index("会议".encode())
    path.write_bytes(data[:i] + "大会".encode() + data[i + 6 :])
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("change", ["report edited in place", "report replaced", "corrections added", "page edited in place"])
def test_a_change_no_signature_field_but_one_shows_is_read_again(tmp_path, trusting, change):
    seeds, work = seeds_and_work(tmp_path)
    first, _ = build_site(work, seeds)
    build_site(work, seeds)
    name = sorted(p.name for p in seeds.glob("*.txt"))[1]
    report_file = seeds / name
    slug = next(o.slug for o in first.outcomes if o.source == name)
    if change == "report edited in place":
        _same_size_edit(report_file)
    elif change == "report replaced":  # another file, same size and times, renamed over it
        st = report_file.stat()
        other = seeds / "other.tmp"
        data = report_file.read_bytes()
        i = data.index("会议".encode())
        other.write_bytes(data[:i] + "大会".encode() + data[i + 6 :])
        os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
        other.replace(report_file)
    elif change == "corrections added":
        report_file.with_name(report_file.stem + ".meta.toml").write_text('title = "人工标题"\n', encoding="utf-8")
    else:
        page_before = (work / "content" / f"{slug}.md").read_bytes()
        _same_size_edit(work / "content" / f"{slug}.md")
    trusting.clear()
    report, out = rebuild_site(work, seeds)
    assert trusting == [name]
    page = (out / "reports" / slug / "index.html").read_text(encoding="utf-8")
    if change == "corrections added":
        assert "人工标题" in page
    elif change == "page edited in place":  # made again from its report: as it was before the edit
        assert (work / "content" / f"{slug}.md").read_bytes() == page_before
    else:
        assert name not in _cached(report)
