"""Every claim links to its sentence: for every field with evidence, on every page of a site built
from the test corpus, the linked sentence holds the field's text, in the page and in the export."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest

from tests.conftest import CORPUS, SEED_TEXTS, build_site

CJK_OR_DIGIT = re.compile(r"[\u4e00-\u9fff0-9]")


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("evidence")
    seeds = tmp / "in"
    seeds.mkdir()
    for f in list((CORPUS / "reports").iterdir()) + list(SEED_TEXTS.glob("*.txt")):
        shutil.copy(f, seeds / f.name)
    work = tmp / "w"
    work.mkdir()
    report, out = build_site(work, seeds)
    assert report.pelican_ok
    digests = json.loads((out / "data" / "digests.json").read_text(encoding="utf-8"))
    return out, digests


def _core(text: str, n: int = 4) -> str:
    """The first n characters of a value that carry meaning (no punctuation, no leading 要)."""
    chars = "".join(CJK_OR_DIGIT.findall(text))
    return chars[:n]


def _holds(field: str, item: dict, sentence: str) -> bool:
    plain = "".join(CJK_OR_DIGIT.findall(sentence))
    if field in ("chairs", "speakers", "attendees"):
        return item["name"] in sentence
    if field == "tasks":
        return _core(item["text"]) in plain
    if field == "targets":
        number = re.search(r"\d+(?:\.\d+)?", item["value"])
        return (number.group(0) if number else _core(item["value"], 2)) in sentence
    if field == "frameworks":
        names = [item["name"], *item.get("variants", [])]
        return any(_core(n, 2) in plain for n in names)
    raise AssertionError(field)


FIELDS = ("chairs", "speakers", "attendees", "tasks", "targets", "frameworks")


@pytest.mark.parametrize("field", FIELDS)
def test_each_evidence_sentence_holds_its_field(corpus_site, field):
    _, digests = corpus_site
    checked, wrong = 0, []
    for d in digests:
        for item in d.get(field) or []:
            if item.get("evidence") is None:
                continue
            checked += 1
            if not _holds(field, item, item.get("evidence_text") or ""):
                wrong.append((d["source"], item.get("name") or item.get("text") or item.get("value"), item.get("evidence_text")))
    assert checked > 10
    assert not wrong, f"{len(wrong)} of {checked} point elsewhere, e.g. {wrong[:3]}"


def test_page_links_reach_the_same_sentences(corpus_site):
    out, digests = corpus_site
    for d in digests[:40]:
        page = (
            (out / d["url"].replace("index.html", "") / "index.html").read_text(encoding="utf-8")
            if d["url"].endswith("/") or d["url"].endswith("index.html")
            else ""
        )
        spans = dict(re.findall(r'<span id="s(\d+)"[^>]*>(.*?)</span>', page))
        for t in d.get("tasks") or []:
            if t.get("evidence") is not None:
                assert _core(t["text"]) in "".join(CJK_OR_DIGIT.findall(html.unescape(spans[str(t["evidence"])]))), (
                    d["source"],
                    t,
                )


def test_targets_csv_carries_evidence_date_and_place(corpus_site):
    out, _ = corpus_site
    raw = (out / "data" / "targets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel on Chinese Windows
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) > 20
    assert all(r["evidence"] for r in rows), [r for r in rows if not r["evidence"]][:2]
    assert sum(bool(r["meeting_date"]) for r in rows) > 0.9 * len(rows)
    assert sum(bool(r["province"]) for r in rows) > 0.9 * len(rows)
    assert all(re.search(r"\d", r["value"]) is None or re.search(r"\d+", r["value"]).group(0) in r["evidence"] for r in rows)
