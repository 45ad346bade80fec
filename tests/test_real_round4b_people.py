"""Second pass of the fourth round of people rules, drawn from the misses of reports collected for
other fields: headlines naming the chair, bare names grouped with commas, the chair's words opening a
sentence, voiced officials beside a chair (every sentence here is written for the tests; the names
are made up)."""

from __future__ import annotations

import pytest

from tests.test_real_round3_people import _roles


@pytest.mark.parametrize(
    "sentence, attendee",
    [
        # a division head's post (副处长, 科长) ends the title before the name
        ("省联合督查组组长、省水利厅监察处副处长林志远等列席会议。", "林志远"),
        ("市财政局预算科科长潘国梁参加会议。", "潘国梁"),
        # 安排 right after the name ends it: the person arranged work at the meeting
        ("市委书记高建国主持会议，市长林海安排下半年工作，市人大常委会主任许明参加会议。", "林海"),
    ],
)
def test_attendee(sentence, attendee):
    assert attendee in _roles(sentence)[2]


def test_bare_names_raising_suggestions_spoke_there():
    """A list of bare names whose clause says they raised suggestions (提出了意见建议) is of people
    speaking at the meeting: attendees."""
    _, _, attendees = _roles("会上，周文、吴海、郑山、冯雪等委员紧扣主题，从不同角度提出了意见建议。")
    assert {"周文", "吴海", "郑山", "冯雪"} <= set(attendees)


@pytest.mark.parametrize(
    "sentence, absent",
    [
        # the one who entrusted the chair is not at the meeting (的 ends a dotted name; 同志委托)
        ("受自治区政协主席多吉·扎西的委托，副主席韩明主持会议。", "多吉·扎西"),
        ("受州长扎西·次仁同志委托，副州长李平主持会议。", "扎西·次仁"),
        # a leader the participants talked about (围绕…讲话精神): the title match took the words before
        # it, which still mark the person as only cited
        ("会上，与会同志围绕省委书记郑光明调研时讲话精神作了交流发言。", "郑光明"),
    ],
)
def test_not_present(sentence, absent):
    chairs, speakers, attendees = _roles(sentence)
    assert absent not in chairs + speakers + attendees
    assert not any(name.endswith("的委托") for name in chairs + speakers + attendees)


def test_chair_entrusted_by_another():
    chairs, _, _ = _roles("受自治区政协主席多吉·扎西的委托，副主席韩明主持会议。")
    assert chairs == ["韩明"]


def test_comma_groups_of_bare_names_before_a_list():
    """Bare names grouped by body with commas (甲，乙、丙，丁，老领导戊、己也出席) take the sentence's verb."""
    _, _, attendees = _roles("韩立，钱明、孙亮，周正，老领导吴刚、郑伟、冯雷也应邀出席大会。")
    assert {"韩立", "钱明", "孙亮", "周正", "吴刚", "郑伟", "冯雷"} <= set(attendees)


def test_one_bare_name_before_a_list_is_not_a_group():
    """A single clause before the list is too little to read a lone word as a name."""
    _, _, attendees = _roles("韩立，老领导吴刚、郑伟、冯雷也应邀出席大会。")
    assert "韩立" not in attendees


def test_titled_voice_beside_a_chair_is_the_speech():
    """An official whose 强调 the report gives as the meeting's message spoke there, though the report
    names a chair and attendees and no one 讲话."""
    _, speakers, _ = _roles(
        "县委副书记、县长周明强调，要坚定信心，确保完成全年目标。",
        "县委常委、常务副县长陈力主持会议，县领导王一、李二、赵三等参加。",
    )
    assert speakers == ["周明"]


def test_chair_stressing_beside_the_main_speaker_speaks_too():
    """A chair whose 强调 opens a sentence spoke there, beside the main speaker."""
    chairs, speakers, _ = _roles("市委书记龙志海出席会议并讲话，市长何建英主持会议。", "何建英强调，要抓好落实。")
    assert chairs == ["何建英"]
    assert set(speakers) == {"龙志海", "何建英"}


def test_chair_demands_are_the_speech_only_without_another_speaker():
    """A chair whose 要求 opens a sentence gives the meeting's message when no one else spoke; beside a
    main speaker it is a closing word."""
    _, speakers, _ = _roles("县委书记陆建平主持召开县委常委会议。", "陆建平要求，要抓好学习。")
    assert speakers == ["陆建平"]
    _, speakers, _ = _roles("市委书记龙志海出席会议并讲话，市长何建英主持会议。", "何建英要求，要抓好落实。")
    assert speakers == ["龙志海"]


@pytest.mark.parametrize(
    "headline, body, chairs, speakers",
    [
        # parts set apart by spaces, each opening with a name the body lists
        (
            "全县人代会开幕 罗志平讲话 冯向东主持会议",
            ("罗志平、冯向东、陈金、杨柳等大会主席团成员在主席台就座。",),
            ["冯向东"],
            ["罗志平"],
        ),
        # a name the body titles, 主持并点评 in the headline
        (
            "市委召开工作点评会 孟凡舟主持并点评",
            ("会上，各区负责同志依次发言，并接受市委书记孟凡舟现场点评。",),
            ["孟凡舟"],
            ["孟凡舟"],
        ),
        # a person titled in the headline only
        ("县委书记乔立山出席会议并讲话", ("会议于1月26日召开。",), [], ["乔立山"]),
    ],
)
def test_headline_roles(headline, body, chairs, speakers):
    got_chairs, got_speakers, _ = _roles(*body, headline=headline)
    assert got_chairs == chairs
    assert got_speakers == speakers


def test_headline_citing_a_speech_names_no_speaker():
    """A headline about studying a leader's speech (讲话精神) names no one who spoke there."""
    _, speakers, _ = _roles("县委常委会召开。", headline="县委书记乔立山讲话精神在全县引起反响")
    assert speakers == []
