"""Sixth round of people rules, each for a shape of text that cost people in reports of at least two
sites: demands listed after a colon, an adverbial between a name and its verb, a local official
quoted beside the speaker, a bare 副主席 with its own verb or beside titled colleagues (every
sentence here is written for the tests; the names are made up)."""

from __future__ import annotations

import pytest

from tests.test_real_round3_people import _roles


@pytest.mark.parametrize(
    "texts, speaker",
    [
        # the meeting's demands, numbered after a colon: the meeting's message, as 提出三点要求
        (("会议由副镇长柯文静主持。", "镇党委书记庞立国提出要求：一是压实责任，二是狠抓落实。"), "庞立国"),
        (("会后，乡党委书记鲁志刚同志对全乡干部提出了具体要求：第一，要统一思想。",), "鲁志刚"),
        # words opening an adverbial between the name and the verb (以…为题, 走上讲台)
        (("县委副书记汤立新以学习体会为题作宣讲报告。",), "汤立新"),
        (("市长聂天成走上讲台作政府工作报告。",), "聂天成"),
    ],
)
def test_speaker(texts, speaker):
    assert speaker in _roles(*texts)[1]


@pytest.mark.parametrize(
    "sentence, chair",
    [
        ("市长岑海波利用周末，到开发区主持召开企业家座谈会。", "岑海波"),
        # a bare 副主席 (no organ in front) with its own chairing verb
        ("会议由副主席汤立新主持。", "汤立新"),
    ],
)
def test_chair(sentence, chair):
    assert chair in _roles(sentence)[0]


@pytest.mark.parametrize(
    "texts, attendee",
    [
        # a bare 主席 and 副主席 listed with a titled colleague
        (("主席庞立国、副主席柯文静、秘书长鲁志刚出席会议。",), "庞立国"),
        (("主席庞立国、副主席柯文静、秘书长鲁志刚出席会议。",), "柯文静"),
        # a local official quoted beside the meeting's speaker: present, so an attendee
        (("县委书记庞立国出席会议并讲话。", "县长柯文静强调，要抓好春耕生产。"), "柯文静"),
        (("镇党委书记岑海波讲话。", "镇人大主席聂天成表示，要做好代表联络工作。"), "聂天成"),
    ],
)
def test_attendee(texts, attendee):
    assert attendee in _roles(*texts)[2]


@pytest.mark.parametrize(
    "texts",
    [
        # a bare 领导 before words that are no name, even before 作: nobody
        ("会议宣读了包保领导和驻村工作队员名单。", "县长庞立国讲话。"),
        # a bare 副主席 with no verb of its own and no titled colleague stays out
        ("副主席柯文静的提案获评优秀提案。", "县长庞立国讲话。"),
    ],
)
def test_no_extra_people(texts):
    chairs, speakers, attendees = _roles(*texts)
    assert set(chairs) | set(speakers) | set(attendees) <= {"庞立国"}
