"""Rules added from the first held-out part once it had been scored (sentences written for the tests)."""

from __future__ import annotations

import pytest

from generator.extract import extract
from generator.extract.people import assign_roles
from generator.model import Sentence
from generator.normalize import normalize
from generator.read import read_bytes


def _digest(text: str):
    return extract(normalize(read_bytes(text.encode("utf-8"), "t.txt")))


@pytest.mark.parametrize(
    "sentence, speaker",
    [
        ("县委书记王建华主持会议并强调：一要抓好春耕生产。", "王建华"),
        ("全会听取李国强同志代表市委常委会所作的工作报告。", "李国强"),
    ],
)
def test_speakers_of_the_meeting(sentence, speaker):
    _, speakers, _ = assign_roles((Sentence(0, 0, sentence),))
    assert [p.name for p in speakers] == [speaker]


def test_comrade_mentioned_elsewhere_is_nobody():
    chairs, speakers, attendees = assign_roles((Sentence(0, 0, "会议期间，赵志远同志到代表团参加讨论。"),))
    assert not chairs and not speakers and not attendees


def test_a_list_of_section_headings_is_no_task_list():
    d = _digest(
        "县政府工作报告\n2021年2月1日，县长作政府工作报告。\n一、今年主要预期目标：\n地区生产总值增长6%。\n"
        "二、着重做好以下工作：\n（一）加快产业转型，提升竞争力\n（二）深化改革开放，激发活力\n（三）改善民生福祉，共享成果\n"
    )
    assert [t.text[:4] for t in d.tasks] == ["加快产业", "深化改革", "改善民生"]


def test_a_list_of_what_was_done_is_no_task_list():
    d = _digest(
        "区政府全体会议召开\n1月5日，区政府召开全体会议。过去一年，全区完成了年初确定的各项目标任务。"
        "一是经济发展迈上新台阶。二是改革活力持续增强。三是民生保障更加有力。\n"
    )
    assert d.tasks == ()


def test_a_body_named_by_its_term_is_the_meetings_level():
    d = _digest("全会召开\n8月14日上午，中国共产党乌审旗第十六届委员会第十一次全体会议召开。鄂尔多斯市委有关负责同志到会指导。\n")
    assert (d.place.city, d.place.county) == ("鄂尔多斯市", "乌审旗")
