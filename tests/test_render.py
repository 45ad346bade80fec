"""Stage 4, render: every value a digest shows on its page is escaped, whichever field holds it.

The page is put together in Python (no template engine escapes for it), so each value is checked
here with markup in it, and the page's frame: its front matter, and the sections it holds."""

import pytest

from generator.model import Digest, Framework, MeetingDate, Person, Place, Sentence, Target, Task
from generator.render import render_markdown

EVIL = '<b onmouseover="x">&'
SAFE = "&lt;b onmouseover=&#34;x&#34;&gt;&amp;"


def _digest(**fields) -> Digest:
    base = {
        "date": MeetingDate("2024-03-01", "stated", 0),
        "place": Place("四川省", "成都市", None, "510100", 0, ("510000", "510100", None)),
    }
    base = {"source": "a.txt", "title": "某市委常委会召开会议", **base}
    return Digest(sentences=(Sentence(0, 0, "3月1日，成都市委常委会召开会议。"),), **{**base, **fields})


CASES = {
    "chair name": {"chairs": (Person(EVIL, ("市委书记",), 0),)},
    "speaker title": {"speakers": (Person("张三", ("市长", EVIL), 0),)},
    "attendee name": {"attendees": (Person(EVIL),)},
    "task": {"tasks": (Task(1, EVIL, 0),)},
    "target indicator": {"targets": (Target(2024, EVIL, "8%", 0),)},
    "target value": {"targets": (Target(None, "地区生产总值", EVIL, 0),)},
    "framework": {"frameworks": (Framework(EVIL, (), 0),)},
}


@pytest.mark.parametrize("field", sorted(CASES))
def test_a_value_in_any_list_is_escaped(field):
    page = render_markdown(_digest(**CASES[field]), "r-000000000000")
    body = page.split('<div class="digest">', 1)[1]
    assert EVIL not in body and "<b " not in body
    assert SAFE in body


def test_lists_link_each_value_to_its_sentence_and_page():
    d = _digest(
        chairs=(Person("张三", ("市委书记",), 0),),
        tasks=(Task(1, "抓好项目建设", 0), Task(2, "改善民生", None)),
        targets=(Target(None, "地区生产总值", "增长6%", None),),
        frameworks=(Framework("两个确立", (), 0),),
    )
    body = render_markdown(d, "r-000000000000").split('<div class="digest">', 1)[1]
    assert '<ul class="people"><li><a href="../../people/p-' in body and '<span class="titles">市委书记</span>' in body
    assert '<ol><li>抓好项目建设 <a class="ev-link" data-pagefind-ignore href="#s0">原文</a></li><li>改善民生</li></ol>' in body
    assert '<td class="nowrap">未定</td>' in body and '<td class="value">增长6%</td><td></td></tr>\n</tbody>' in body
    assert '<a class="chip" href="../../framework/f-' in body and ">两个确立</a>" in body


def _card(**fields) -> str:
    body = render_markdown(_digest(**fields), "r-000000000000").split('<section class="card"', 1)[1]
    return body.split("</dl>", 1)[0]


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": EVIL},
        {"source_url": "https://example.org/a?x=1&y=" + EVIL},
        {"place": Place(EVIL, None, None, None, None)},
        {"place": Place("四川省", EVIL, None, "510100", 0)},
        {"date": MeetingDate(EVIL, "stated", 0)},
    ],
    ids=["kind", "source url", "place without code", "place with code", "date"],
)
def test_a_card_value_is_escaped(fields):
    card = _card(**fields)
    assert EVIL not in card and "<b " not in card
    assert SAFE in card


def test_card_rows_say_how_the_date_is_known_and_what_was_corrected():
    card = _card(date=MeetingDate("--07-27", "unknown", None), corrected=("date", "kind", "speakers"))
    assert (
        '<span class="nowrap">7月27日（年份不详）</span> <span class="basis basis-unknown" title="原文未写年份，也无从推断">年份不详</span> <span class="corrected">人工校正</span></dd>'
        in card
    )
    assert '<dt>类型</dt><dd>其他 <span class="corrected">人工校正</span></dd>' in card
    assert '<dt>讲话</dt><dd><span class="none">未列明</span> <span class="corrected">人工校正</span></dd>' in card
    assert '<dt>主持</dt><dd><span class="none">未列明</span></dd>' in card
    assert "原文网址" not in card
    assert (
        '<dt>地点</dt><dd><a href="../../place/510100/index.html">四川省成都市</a> <a class="ev-link" data-pagefind-ignore href="#s0">原文</a></dd>'
        in card
    )
    assert "<dt>地点</dt><dd>未知</dd>" in _card(place=Place())


def test_values_are_escaped_as_markupsafe_escapes_them():
    """The card's and lists' own escaping gives what markupsafe.escape gives, character for character."""
    import random

    from markupsafe import escape

    from generator.render import _esc

    rnd = random.Random(3)
    alphabet = "&<>\"'中文 a;#"
    for _ in range(5000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        assert _esc(s) == str(escape(s)), repr(s)
    assert _esc(2024) == "2024"


@pytest.mark.parametrize("added", [None, "2025-12-01T00:00:00+00:00"])
@pytest.mark.parametrize("lists", [False, True], ids=["no-lists", "lists"])
def test_page_frame_front_matter_and_sections(added, lists):
    """Front matter of one line a field, Added only when known; one raw HTML block, no blank line
    in it (Markdown would end the block there); a section only for a list that has items."""
    fields = {"title": "某市\n委常委会  召开", "source": EVIL}
    if lists:
        fields |= {
            "tasks": (Task(1, "抓好项目建设", 0),),
            "targets": (Target(2024, "地区生产总值", "增长6%", 0),),
            "frameworks": (Framework("两个确立", (), 0),),
        }
    page = render_markdown(_digest(**fields), "r-000000000000", added)
    head, body = page.split("\n\n", 1)
    assert head.split("\n") == [
        "Title: 某市 委常委会 召开",
        "Date: 2024-03-01 12:00",
        "Slug: r-000000000000",
        "Digest: r-000000000000",
        "Place: 四川省成都市",
        *([f"Added: {added}"] if added else []),
    ]
    assert body.startswith('<div class="digest">\n<section class="card"') and body.endswith("</section>\n</div>\n")
    assert "\n\n" not in body
    for section in ("tasks", "targets", "frameworks"):
        assert (f'<section class="{section}">' in body) is lists
    assert f"<code>{SAFE}</code>" in body
