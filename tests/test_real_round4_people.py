"""Fourth round of people rules, drawn from reports with several speakers, long attendee lists and
chairs named last (every sentence here is written for the tests; the names are made up)."""

from __future__ import annotations

import pytest

from generator.extract.people import surnames
from tests.test_real_round3_people import _roles


@pytest.mark.parametrize(
    "texts, speaker",
    [
        # 做 (for 作) after a name
        (("南山市代市长郑立平做政府工作报告。",), "郑立平"),
        # the main report named by its body at length (作政协某州第八届委员会常务委员会工作报告)
        (("万国华副主席在大会上作政协青川州第八届委员会常务委员会工作报告。",), "万国华"),
        # a numbered set of demands with a word inside (提出三点工作要求)
        (("办事处主任韩立东在会上提出三点工作要求：",), "韩立东"),
        # the work report quoted by its demands, on the day before (昨日在政府工作报告中提出)
        (("代市长蔡明远昨日在政府工作报告中提出今年的预期目标。",), "蔡明远"),
        # 她强调 inside the sentence that named her, after a closing summary (做了总结安排)
        (("镇党委书记邱海燕同志对全镇工作做了总结安排，她强调：要抓好落实。",), "邱海燕"),
        # a post after the name, then 并 and the verb
        (("会议选举陶建华同志为镇长，陶建华镇长并在会上作了讲话。",), "陶建华"),
    ],
)
def test_speaker(texts, speaker):
    assert speaker in _roles(*texts)[1]


def test_attendee_voice_opening_a_paragraph_speaks_beside_the_main_speaker():
    """An attendee whose 指出 opens a sentence of the report spoke there too, though an invited
    scholar gave the main report."""
    _, speakers, _ = _roles(
        "区委书记倪海波，区长严晓东参加。", "会议邀请青川大学教授葛宁作专题辅导报告。", "倪海波指出，要抓好学习。"
    )
    assert set(speakers) == {"倪海波", "葛宁"}


def test_motion_report_is_reporting_not_the_main_report():
    """The report on motions (提案工作报告), given on the standing committee's behalf, is an agenda item."""
    _, speakers, attendees = _roles("受常委会委托，县政协副主席金立群向大会作了提案工作报告。")
    assert "金立群" not in speakers
    assert "金立群" in attendees


@pytest.mark.parametrize(
    "sentence, chair",
    [
        # the chair named in a phrase before the title (主持会议的…宣布大会开幕)
        ("主持会议的市政协副主席龚建新宣布大会开幕。", "龚建新"),
        # a bare name opening the sentence, then 主持 and the session
        ("林国栋主持开幕大会，郝明远代表省政府向大会作政府工作报告。", "林国栋"),
        # a space between the organization and the post (市人大常委会 主任)
        ("市委书记、市人大常委会 主任段海洋主持会议并讲话。", "段海洋"),
    ],
)
def test_chair(sentence, chair):
    assert chair in _roles(sentence)[0]


@pytest.mark.parametrize(
    "sentence, names",
    [
        # a lead making everyone after it present, titled people in comma groups (and 原主席)
        (
            "应邀出席大会的领导有：州政协原主席孔繁星，州委常委姚立、蒋明华，副州长雷鸣等。",
            ["孔繁星", "姚立", "蒋明华", "雷鸣"],
        ),
        # the lead ending in 有 right before a title (…就座的有大会执行主席某某、…)
        ("在主席台就座的有大会执行主席吴明德、郑海平、黄立新。", ["吴明德", "郑海平", "黄立新"]),
        # lists of bare names in comma groups after the lead
        (
            "应邀出席大会的市领导还有：严东、韦明、邵海林、贺志，沈立平、孟凯、钟国华。",
            ["严东", "韦明", "邵海林", "贺志", "沈立平", "孟凯", "钟国华"],
        ),
        # two-character names padded to three with a space
        ("县领导严 峰、吕 强、柯志明参加会议。", ["严峰", "吕强", "柯志明"]),
        # 莅临: present
        ("市人大常委会副主任梁志高同志莅临大会。", ["梁志高"]),
        # 进行大会总结: reporting at the meeting; 茆 is a surname
        ("镇长茆建国进行大会总结。", ["茆建国"]),
        # 无党派人士: a person named for their standing
        ("民建市委主委汪海，无党派人士贺立明先后发言。", ["汪海", "贺立明"]),
        # 到会祝贺 after 等领导 is no name
        ("州委书记廖国强，州长李飞，州委副书记韩立等领导到会祝贺，并在主席台前排就座。", ["廖国强", "李飞", "韩立"]),
    ],
)
def test_attendees(sentence, names):
    assert _roles(sentence)[2] == names


def test_party_branch_is_no_name():
    """党总支 before 书记 is an organ, not a name (党 is also a surname)."""
    sentence = "会上，镇党委副书记王立作了部署；四个村（社区）党总支书记作表态发言；最后，镇党委书记陈明讲话。"
    assert _roles(sentence) == ([], ["陈明"], ["王立"])


@pytest.mark.parametrize("family", ["肖", "楼", "迟", "辜", "茆"])
def test_common_surnames_missing_from_the_table(family):
    assert family in surnames()[0]
