"""Stage 4, render: every value a digest shows on its page is escaped, whichever field holds it.

The page's lists (people, tasks, targets, frameworks) are built in Python, not by Jinja's
autoescaping, so each is checked here with markup in every value it shows."""

import pytest

from generator.model import Digest, Framework, MeetingDate, Person, Place, Sentence, Target, Task
from generator.render import render_markdown

EVIL = '<b onmouseover="x">&'
SAFE = "&lt;b onmouseover=&#34;x&#34;&gt;&amp;"


def _digest(**fields) -> Digest:
    return Digest(
        source="a.txt",
        title="某市委常委会召开会议",
        date=MeetingDate("2024-03-01", "stated", 0),
        place=Place("四川省", "成都市", None, "510100", 0, ("510000", "510100", None)),
        sentences=(Sentence(0, 0, "3月1日，成都市委常委会召开会议。"),),
        **fields,
    )


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
