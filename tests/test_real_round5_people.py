"""Fifth round of people rules, drawn from the misses of a blind split: posts of a town party
committee's members, candidates, leaders of several bodies named together, a main report with no
代表, interviews that are no speech (every sentence here is written for the tests; the names are
made up)."""

from __future__ import annotations

import pytest

from tests.test_real_round3_people import _roles


@pytest.mark.parametrize(
    "sentence, chair",
    [
        # a town party committee member by the charge he holds (组织委员, 宣传委员)
        ("会议由镇党委组织委员汤立新主持。", "汤立新"),
        ("会议由乡党委宣传委员柯文静主持。", "柯文静"),
    ],
)
def test_chair_by_charge(sentence, chair):
    assert chair in _roles(sentence)[0]


@pytest.mark.parametrize(
    "sentence, attendee",
    [
        ("镇党委纪检委员岑海波就换届纪律作了解读。", "岑海波"),
        # 进行培训: the person trained those present
        ("会上，镇人大主席庞立国对新任村干部进行培训。", "庞立国"),
        # the leaders of several bodies named together, with a bare list after the first
        ("市委、市政府、市政协领导同志聂天成、柳文博、甘雨晴出席会议。", "甘雨晴"),
        ("县法院、县检察院负责同志闫国梁、祁红列席会议。", "祁红"),
        # two bare names, then a group named by its charge, before the presence verb
        ("副县长庞立国出席会议，鲁志刚、喻文及各相关单位主要负责同志列席会议。", "喻文"),
        # a candidate for a post, reporting on one item by its title
        ("会议听取了副镇长候选人聂天成同志作《镇农村公路建设情况报告》。", "聂天成"),
        # a surname the table lacked, before a given name that is also a word
        ("委员曹立新、鄞和平、宁文博出席会议。", "鄞和平"),
    ],
)
def test_attendee(sentence, attendee):
    assert attendee in _roles(sentence)[2]


@pytest.mark.parametrize(
    "texts, speaker",
    [
        # the main report, by a bare name opening the sentence after the person was titled
        (("县政协主席邹春明勉励委员们履职尽责。", "邹春明作县政协常委会工作报告。"), "邹春明"),
        # 代表…，向大会报告工作: the preface's comma does not end the report
        (("自治区主席贺文海代表自治区人民政府，向大会报告工作。",), "贺文海"),
        # a candidate for the post delivering the work report
        (("会议听取了镇长候选人阎志宏同志作《镇人民政府工作报告》。",), "阎志宏"),
        # 讲意见: the closing instructions of a grassroots meeting
        (("会议由镇党委书记秦海主持。", "最后，镇长鲍立群讲意见。"), "鲍立群"),
        # a guided reading (导读) given at the meeting, whose demands then open a sentence
        (("乡党委书记宁远主持会议，乡长阎德胜作专题导读。", "阎德胜强调，要把河道清理抓实抓细。"), "阎德胜"),
    ],
)
def test_speaker(texts, speaker):
    assert speaker in _roles(*texts)[1]


@pytest.mark.parametrize(
    "texts, absent",
    [
        # 主席台 is a place, not a post: no name is read after it
        (("县委书记冯启明、县长汤文在主席台就座并讲话。",), "台就座并"),
        # 来 + a city's one-character name is a visit, not a name
        (("会议逐条研究了副省长来渝调研时提出的建议。",), "来渝"),
        # 各 opens no name
        (("参加会议的有乡人大主席卓玛次仁、各驻点工作队、村两委。",), "各驻点工"),
        # a duty's leaders (包保领导): 领导 is never written after a name
        (("街道包保领导、驻点干部参加会议。",), "包保"),
    ],
)
def test_not_named(texts, absent):
    chairs, speakers, attendees = _roles(*texts)
    assert absent not in chairs + speakers + attendees


def test_interviewed_officials_are_no_speakers():
    """Titled officials who only give a view (说, 认为) in a news story are interviewed, not heard at a
    meeting; one who states the message (表示, 强调) still is its speaker when no one else is."""
    chairs, speakers, attendees = _roles(
        "“明年的重点是稳就业。”市人社局局长邵建国说。", "省社科院研究员桂志远认为，这一安排切合实际。"
    )
    assert not chairs + speakers + attendees
    assert _roles("县长邵建国表示，要抓好安全生产。")[1] == ["邵建国"]


def test_main_report_by_bare_name_not_when_relayed():
    """A bare name opening a clause with 作…工作报告 delivered the meeting's main report, unless the
    sentence relays another meeting."""
    assert _roles("县第九届人民代表大会第一次会议开幕，韩立平作政府工作报告。")[1] == ["韩立平"]
    assert _roles("会议传达了全国两会精神，韩立平作政府工作报告。")[1] == []
