"""The search index's own parts, without a browser: the shard map's words and the filter counts.

The browser tests (tests/test_search.py) check the whole search against Pagefind; these pin what a
page's record gives the shard map, so that a change to the record's markup that the map no longer
reads fails here, with the page in view.
"""

from __future__ import annotations

import json

import pytest

from generator import search

RECORD = (
    '<div class="pf-search" hidden>'
    '<span data-pagefind-ignore data-pagefind-meta="title">忽略标题</span>'
    '<span data-pagefind-ignore data-pagefind-filter="省级">河北省</span>'
    '<span data-pagefind-ignore data-pagefind-filter="年份">2021</span>'
    '<span data-pagefind-ignore data-pagefind-filter="提法">两个&lt;确立&gt;</span>'
    '<span data-pagefind-ignore data-pagefind-filter="提法">两个&lt;确立&gt;</span>'
    '<span class="pf-title">会 议， 召 开 ¦ </span>'
    '<span class="pf-fulltext">G D P 增 长 3 . 5 % ¦ 要 求␣ 落 实 ¦ </span>'
    '<span class="pf-digest">王 卫 东 ¦ </span>'
    "</div>"
)


@pytest.mark.parametrize(
    "gram, held",
    [
        ("会议", True),  # neighbours in the title
        ("议召", True),  # punctuation and spaces between words take no position
        ("gd", True),  # letters lowered, each a word
        ("3.", True),  # + . % are words of their own
        (".5", True),
        ("5%", True),
        ("求落", True),  # a real space (␣) is no word either
        ("王卫", True),
        ("开g", False),  # ¦ ends a field: no phrase runs across it
        ("实王", False),
        ("忽略", False),  # data-pagefind-ignore spans are not searched
        ("河北", False),
        ("东", True),  # single words too, for one-character queries
        ("¦", False),
    ],
)
def test_record_grams(gram, held):
    assert (gram in search.record_grams(RECORD)) is held


def test_digest_only_leaves_the_report_text_out():
    grams = search.record_grams(RECORD, digest_only=True)
    assert "会议" in grams and "王卫" in grams
    assert "gd" not in grams and "求落" not in grams


def test_filter_values_are_read_unescaped_and_counted_once_per_page():
    assert search.page_filters(RECORD) == {("省级", "河北省"), ("年份", "2021"), ("提法", "两个<确立>")}


@pytest.mark.parametrize("files", [1, 2, 64, 4096])
def test_gram_buckets_spread_and_stay_in_range(files):
    grams = [chr(0x4E00 + i) + chr(0x4E00 + j) for i in range(60) for j in range(60)]
    buckets = {search.gram_bucket(g, files) for g in grams}
    assert buckets <= set(range(files))
    # as a random spread would: every file used when there are few, most of them when many
    assert len(buckets) == files if files <= 64 else len(buckets) >= 0.55 * files


def test_the_map_marks_each_gram_with_the_shards_that_hold_it(tmp_path):
    masks = {"会议": 0b101, "王": 0b010}
    search._write_map(tmp_path, masks, 3)
    meta = json.loads((tmp_path / search.GRAMS_META).read_text(encoding="utf-8"))
    assert meta == {"files": 1, "shards": 3}
    assert json.loads((tmp_path / search.GRAMS / "0.json").read_text(encoding="utf-8")) == {"会议": "5", "王": "2"}


def test_a_one_shard_index_has_a_map_without_files(tmp_path):
    search._write_map(tmp_path, {}, 1)
    assert json.loads((tmp_path / search.GRAMS_META).read_text(encoding="utf-8")) == {"files": 0, "shards": 1}
    assert not (tmp_path / search.GRAMS).exists()
