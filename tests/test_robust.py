"""Robust input, safe output, nothing lost: adversarial reports through the whole build."""

import codecs
import hashlib
import json

import feedparser
import pytest

from tests.conftest import SEEDS, build_site

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "{{ 7*7 }}",
    "{% include 'base.html' %}",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    seeds = tmp / "in"
    seeds.mkdir()
    title = "市委常委会召开会议" + PAYLOADS[0]
    body = (
        f"{title}\n2024-03-02 来源：某某日报\n3月1日，成都市委常委会召开会议。市委书记张三{PAYLOADS[1]}主持会议并讲话。\n"
        f"Title: 被注入的标题\nSlug: injected\n会议强调，要落实“两个确立”{PAYLOADS[2]}，推进{PAYLOADS[3]}和{PAYLOADS[4]}。\n"
    )
    (seeds / "hostile.txt").write_text(body, encoding="utf-8")
    # inputs that must be reported, not crash the build
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (seeds / "english.txt").write_text("The city council met on Tuesday and discussed the budget.", encoding="utf-8")
    (seeds / "gbk.txt").write_bytes((SEEDS / "001_3eec6e6b6785901d.txt").read_text(encoding="utf-8").encode("gb18030"))
    (seeds / "big5.txt").write_bytes(
        "全市工作會議召開\n7月27日，成都市委工作會議召開。市委書記施小琳主持會議並講話。".encode("big5")
    )
    (seeds / "utf16.txt").write_bytes(
        codecs.BOM_UTF16_LE + "全市工作会议召开\n7月27日，成都市委工作会议召开。".encode("utf-16-le")
    )
    (seeds / "nonames.txt").write_text("会议召开\n会议强调，要抓好各项工作。", encoding="utf-8")
    (seeds / "page.html").write_text(
        "<html><head><title>县委常委会召开会议</title><script>alert(1)</script></head><body><article>"
        "<h1>县委常委会召开会议</h1><p>3月1日，安吉县委常委会召开会议。县委书记李四主持会议并讲话。</p>"
        "<p>会议强调，要坚持“八八战略”，持续深化“千万工程”，把各项工作抓实抓细抓到位。</p></article></body></html>",
        encoding="utf-8",
    )
    (seeds / "fm.md").write_text(
        "---\ntitle: 区委召开务虚会\ndate: 2024-01-05\n---\n1月4日，长安区委召开务虚会。区委书记吕强主持会议并讲话。\n",
        encoding="utf-8",
    )
    work = tmp / "work"
    work.mkdir()
    report, out = build_site(work, seeds)
    return report, out


def _outcome(report, name):
    return next(o for o in report.outcomes if o.source == name)


def test_every_input_is_accounted_for(hostile_site):
    report, out = hostile_site
    data = json.loads((out / "build-report.json").read_text(encoding="utf-8"))
    assert data["inputs"] == 10 == len(data["files"])
    assert report.pelican_ok


@pytest.mark.parametrize(
    "name, status, phrase",
    [
        ("binary.txt", "failed", "binary"),
        ("empty.txt", "failed", "empty"),
        ("english.txt", "warning", "no place"),
        ("nonames.txt", "warning", "no meeting day"),
    ],
)
def test_bad_inputs_get_a_clear_reason(hostile_site, name, status, phrase):
    o = _outcome(hostile_site[0], name)
    assert o.status == status
    assert any(phrase in m for m in o.messages), o.messages


@pytest.mark.parametrize("name", ["gbk.txt", "big5.txt", "utf16.txt", "page.html", "fm.md"])
def test_other_encodings_and_formats_build(hostile_site, name):
    report, out = hostile_site
    o = _outcome(report, name)
    assert o.status in ("ok", "warning") and o.slug
    assert (out / "reports" / o.slug / "index.html").exists()


def test_report_text_is_never_markup(hostile_site):
    report, out = hostile_site
    o = _outcome(report, "hostile.txt")
    page = (out / "reports" / o.slug / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page
    assert "{{ 7*7 }}" in page and "49" not in page.split("{{ 7*7 }}")[0][-5:]
    assert "{% include" in page or "{%" in page
    assert "被注入的标题" in page and "<title>被注入的标题" not in page  # a metadata line inside the text stays text
    assert not (out / "reports" / "injected").exists()


def test_feeds_and_json_keep_the_text_literal(hostile_site):
    _report, out = hostile_site
    feed = feedparser.parse((out / "feeds" / "rss.xml").read_bytes())
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    assert any(t.endswith("<script>alert(1)</script>") for t in titles)
    raw = (out / "feeds" / "rss.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw  # escaped in the XML
    digests = json.loads((out / "data" / "digests.json").read_text(encoding="utf-8"))
    hostile = next(d for d in digests if d["source"] == "hostile.txt")
    assert hostile["title"].endswith("<script>alert(1)</script>")


# Pagefind writes its filter index (and the meta/entry files naming it) in hash-map order, which
# differs from run to run; every other file, the search index fragments included, must be identical.
PAGEFIND_UNORDERED = (".pf_filter", ".pf_meta", "pagefind-entry.json")


def _tree_hash(root):
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        if p.is_file() and not p.name.endswith(PAGEFIND_UNORDERED):
            h.update(p.relative_to(root).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_two_builds_are_byte_identical(tmp_path):
    outs = []
    for i in range(2):
        work = tmp_path / f"w{i}"
        work.mkdir()
        _, out = build_site(work, SEEDS, search=True)
        outs.append(_tree_hash(out))
    assert outs[0] == outs[1]


def _build_with_corrections(tmp_path, seed: str, meta: str):
    """Build one seed with a <stem>.meta.toml beside it; return (its outcome, output folder)."""
    seeds = tmp_path / "in"
    seeds.mkdir()
    src = SEEDS / seed
    (seeds / src.name).write_bytes(src.read_bytes())
    (seeds / (src.stem + ".meta.toml")).write_text(meta, encoding="utf-8")
    work = tmp_path / "w"
    work.mkdir()
    report, out = build_site(work, seeds)
    return report.outcomes[0], out


def test_corrections_override_and_show(tmp_path):
    o, out = _build_with_corrections(tmp_path, "002_3531d760dda4e55b.txt", 'date = "2018-08-29"\ndate_basis = "stated"\n')
    from generator.render import report_slug

    assert o.slug == report_slug("002_3531d760dda4e55b.txt")  # a correction never moves the page
    page = (out / "reports" / o.slug / "index.html").read_text(encoding="utf-8")
    assert "人工校正" in page and "2018-08-29" in page


def test_bad_corrections_fail_that_input_with_the_file_named(tmp_path):
    o, _ = _build_with_corrections(tmp_path, "004_9d4fa8580e58e8e8.txt", "colour = 'red'\n")
    assert o.status == "failed"
    assert "004_9d4fa8580e58e8e8.meta.toml" in o.messages[0] and "colour" in o.messages[0]


def test_a_50_mb_file_is_refused_quickly_with_its_name(tmp_path):
    import time

    from generator.pipeline import process

    big = tmp_path / "archive.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing to write
    start = time.perf_counter()
    outcome, md, _js = process(big)
    assert outcome.status == "failed" and "52,428,800 bytes" in outcome.messages[0] and md is None
    assert time.perf_counter() - start < 5  # refused from its size, never read


def test_a_report_without_headline_gets_a_built_title_and_its_own_page(tmp_path):
    seeds = tmp_path / "in"
    seeds.mkdir()
    text = "7月27日，成都市委工作会议召开。省委常委、成都市委书记施小琳主持会议并讲话。"
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    (seeds / "b.txt").write_text("\n" + text, encoding="utf-8")
    work = tmp_path / "w"
    work.mkdir()
    report, out = build_site(work, seeds)
    assert len({o.slug for o in report.outcomes}) == 2
    page = (out / "reports" / report.outcomes[0].slug / "index.html").read_text(encoding="utf-8")
    assert '<h1 data-pagefind-meta="title">成都市委工作会议召开</h1>' in page
