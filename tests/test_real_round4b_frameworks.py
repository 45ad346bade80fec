"""Round 4b rules for frameworks (numbered slogans) and tasks (numbered series), drawn from the classes
of error on the dev2 reports that were collected for other fields.

Every example sentence is written for this file; none is copied from a report. Each case of a rule
fails without the rule it names; the guard tests pin what the rules must not take.
"""

import pytest

from tests.test_real_round3_numbered import frameworks, tasks


# --- frameworks ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        "眼下离年底只剩两个多月，任务依然繁重。",  # 多: a rough quantity of time
        "调度会足足开了三个半小时，逐项过了进度。",  # 半: the same
        "乡四大班子领导、各村支部书记参加会议。",  # the leading bodies of a place, as 两委
        "县四大家领导、各部门主要负责人出席。",  # the same, by another name
        "当前周边县区千帆竞发、百舸争流，形势逼人。",  # set phrases the idiom list lacks
        "抓工作要坚持三分部署、七分落实。",  # a saying about work
        "全镇共有六个社区、九个行政村。",  # places counted with 个
        "会议集中学习了两个条例、三个办法。",  # documents counted with 个, in a 、-compound
        "重点抓好两个方面、三个环节的工作。",  # a compound of counts of parts
        "全年三次产业结构比调整为十一比三十九比五十。",  # a ratio in Chinese numerals
        "推动三大产业协调发展，做大经济总量。",  # the three sectors of an economy
    ],
    ids=[
        "rough-months",
        "rough-hours",
        "leading-bodies",
        "leading-bodies-jia",
        "set-phrases",
        "saying",
        "counted-places",
        "counted-documents",
        "compound-of-plain-counts",
        "cn-ratio",
        "three-sectors",
    ],
)
def test_round4b_no_framework(body):
    assert frameworks(body) == []


@pytest.mark.parametrize(
    "body, expected",
    [
        # a count of firsts is a package, though it holds an ordinal
        ("全镇要持续落实“三个第一”工作机制。", ["三个第一"]),
        # two glossary names in one 、-compound are two names, not one compound
        ("下半年要做好六稳工作、落实六保任务。", ["六稳", "六保"]),
        # a count ends where its predicate starts, not at the next tail word
        ("推动四大产业加快发展，壮大县域经济。", ["四大产业"]),
        ("全区两大平台持续推进建设。", ["两大平台"]),
    ],
    ids=["counted-ordinal", "compound-of-names", "ends-before-verb", "ends-before-adverb"],
)
def test_round4b_framework_found(body, expected):
    assert frameworks(body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("要力争“五大工程”、“三个中心”落地见效。", ["五大工程", "三个中心"]),  # quoted: always names
        ("全县实施五大工程、建设两个基地。", ["五大工程"]),  # 大 still counts a package; 个 + 基地 does not
        ("各村要明确“第一责任人”，压实责任。", []),  # a quoted ordinal with no count before it
        # counted names that are no plain units: the compound and its parts
        ("要在全市树立三个标杆、四个示范。", ["三个标杆、四个示范", "三个标杆", "四个示范"]),
    ],
    ids=["quoted-counts", "big-count-kept", "quoted-ordinal", "compound-kept"],
)
def test_round4b_framework_guards(body, expected):
    assert frameworks(body) == expected


# --- tasks ---------------------------------------------------------------------------------
def test_round4b_proceedings_are_no_tasks():
    """A 首先…其次…最后 series that says what named people did at the meeting is its business."""
    body = (
        "首先，镇党委副书记、镇长王小林同志传达了全县经济工作会议精神。"
        "其次，副镇长李大山同志宣读了表彰决定。\n"
        "最后，镇党委书记赵明同志对全年工作作了部署。"
    )
    assert tasks(body) == []


def test_round4b_comrades_told_to_act_are_tasks():
    """同志 in an item that tells people what to do (要) keeps the series a list of tasks."""
    body = "会议要求，首先，全体同志要提高认识；其次，领导同志要带头落实；最后，要严格考核。"
    assert tasks(body) == ["全体同志要提高认识", "领导同志要带头落实", "严格考核"]
