"""The content-hash cache: unchanged reports cost nothing, a changed one re-does only itself."""

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
