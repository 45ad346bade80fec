"""Round 4b rules for targets, drawn from classes of error on real reports (the dev2 misses of the
targets field: reports of unknown year, results read as goals, lead-in words read as an indicator).

Every example sentence is written for this file; none is copied from a report. Each case of the rule
tests fails without the rule it names; the guard tests pin what the rules must not take.
"""

import pytest

from generator.extract import extract, meeting_year
from generator.extract.targets import extract_targets
from generator.model import MeetingDate, Source
from generator.normalize import normalize

LEAD = "县委召开工作会议。\n"  # a first paragraph with no day, so the meeting's year is unknown


def targets(body: str, year: int | None) -> set[tuple[int | None, str, str]]:
    text = f"会议召开\n{LEAD}{body}"
    report = normalize(Source(name="t.txt", text=text, encoding="utf-8"))
    return {(t.year, t.indicator, t.value) for t in extract_targets(report, year)}


@pytest.mark.parametrize(
    "body, year, expected",
    [
        (  # a year reviewed as done (a rank reached) in a report of unknown year: 今年 is the year after
            "2018年，全县地区生产总值达到128.5亿元，增长7.9%，增速居全市第2位。今年全县主要预期目标是：地区生产总值增长7%左右。",
            None,
            {(2019, "地区生产总值", "增长7%左右")},
        ),
        (  # an estimate of a named year's whole: the same
            "2020年青河区预计全年实现地方财政收入12亿元。今年的主要预期目标是：地方财政收入增长6%。",
            None,
            {(2021, "地方财政收入", "增长6%")},
        ),
        (  # a year's record praised, with no number in the clause: the same
            "副区长对全区2016年度安全生产工作成绩给予肯定。会议提出，今年全区生产安全事故死亡人数控制在35人以内。",
            None,
            {(2017, "生产安全事故死亡人数", "控制在35人以内")},
        ),
        (  # 全年 in the sentence right after one that names a past year is that year's result, not a goal
            "在回顾2015年工作时，县长说：2015年，面对下行压力，我们迎难而上。全年实现生产总值83.5亿元、增长8.5%，基本完成年度目标任务。",
            2016,
            set(),
        ),
    ],
)
def test_round4b_target_rules(body, year, expected):
    assert targets(body, year) == expected


@pytest.mark.parametrize(
    "body, year, expected",
    [
        (  # a part of a year reviewed (上半年) is no whole year done: 今年 stays unknown
            "2019年上半年，全县完成固定资产投资25亿元，居全市第3位。今年全县固定资产投资增长10%以上。",
            None,
            {(None, "固定资产投资", "增长10%以上")},
        ),
        (  # goals for 明年 too: the meeting may be at the end of the year it reviews, so no year is fixed
            "2019年，全市生产总值预计增长6.5%，居全省第5位。今年工业增加值增长7%，明年地区生产总值增长6%左右。",
            None,
            {(None, "工业增加值", "增长7%"), (None, "地区生产总值", "增长6%左右")},
        ),
        (  # a later year named bare and not reviewed might be 今年 itself: no year is fixed
            "2018年全县生产总值增速居全市第4位。2019年是决战决胜之年。今年全县地区生产总值增长8%。",
            None,
            {(None, "地区生产总值", "增长8%")},
        ),
        (  # a year reviewed in a report whose year is known changes nothing
            "2018年，全县地区生产总值增速居全市第2位。今年地区生产总值增长7%左右。",
            2020,
            {(2020, "地区生产总值", "增长7%左右")},
        ),
        (  # the meeting's own year spoken of after the past year: 全年 in the next sentence is the meeting's
            "2023年全区财政收入完成38.6亿元，同比增长6.2%；今年1至5月，区级财政收入完成12.3亿元。确保实现全年区级财政收入增长4%的预期目标。",
            2024,
            {(2024, "区级财政收入", "增长4%")},
        ),
        (  # a past year two sentences back does not reach 全年
            "2015年，面对下行压力，全县迎难而上。会议分析了当前形势。全年力争实现生产总值增长8%。",
            2016,
            {(2016, "生产总值", "增长8%")},
        ),
    ],
)
def test_round4b_target_guards(body, year, expected):
    assert targets(body, year) == expected


@pytest.mark.parametrize(
    "body",
    [
        "今年增长的目标定为增长百分之十二。",  # lead-in words and a verb, no indicator: no goal made of them
        "今年增长的目标定为增长12%。",
    ],
)
def test_round4b_lead_in_words_are_no_indicator(body):
    assert targets(body, 2010) == set()


@pytest.mark.parametrize(
    "value, year",
    [
        ("2012-07-27", 2012),
        ("2012", 2012),  # a year with no day, should the date extractor give one
        ("--07-27", None),
        (None, None),
    ],
)
def test_meeting_year_from_the_date(value, year):
    assert meeting_year(MeetingDate(value, "inferred" if year else "unknown")) == year


def test_reposted_page_gives_no_year_to_this_years_goals():
    # the page is dated in March; the meeting day, in August, is then a year before: a re-post, whose
    # date must not give 今年 a year
    text = "会议召开\n8月16日，县委召开经济工作会议。\n会议提出，今年全县地区生产总值增长7%左右。"
    report = normalize(Source(name="t.txt", text=text, encoding="utf-8", published="2018-03-24"))
    digest = extract(report)
    assert digest.date.value == "--08-16"
    assert {(t.year, t.value) for t in digest.targets} == {(None, "增长7%左右")}
