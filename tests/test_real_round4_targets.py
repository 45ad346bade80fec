"""Round 4 rules for targets, drawn from classes of error on real reports (dev2 H01-H12 and the visible
misses of fresh2).

Every example sentence is written for this file; none is copied from a report. Each case of the rule
tests fails without the rule it names; the guard tests pin what the rules must not take.
"""

import pytest

from generator.extract.targets import extract_targets
from generator.model import Source
from generator.normalize import normalize

LEAD = "3月5日，县委召开工作会议。\n"  # a first paragraph, so a one-line body is not read as the headline


def targets(body: str, year: int | None, headline: str = "会议召开") -> set[tuple[int | None, str, str]]:
    text = f"{headline}\n{LEAD}{body}"
    report = normalize(Source(name="t.txt", text=text, encoding="utf-8"))
    return {(t.year, t.indicator, t.value) for t in extract_targets(report, year)}


@pytest.mark.parametrize(
    "body, year, expected",
    [
        (  # 均 after a pair of indicators: one goal each, with the one value
            "今年全县主要预期目标是：城镇居民人均可支配收入和农民人均纯收入均增长9%左右。",
            2024,
            {(2024, "城镇居民人均可支配收入", "增长9%左右"), (2024, "农民人均纯收入", "增长9%左右")},
        ),
        (  # a pair of whole indicators with one value and no 分别: one goal each
            "今年的主要目标是，地区生产总值和地方财政收入增长8%以上。",
            2024,
            {(2024, "地区生产总值", "增长8%以上"), (2024, "地方财政收入", "增长8%以上")},
        ),
        (  # 全年 after a year named in the same sentence is that year, not the meeting's (unknown here)
            "副县长指出，2019年全县农业工作要突出重点，全年实现农业总产值18亿元，增长6%。",
            None,
            {(2019, "农业总产值", "18亿元"), (2019, "农业总产值", "增长6%")},
        ),
        (  # the same where the meeting's year is known and the named year is a later one
            "会议提出，2026年要抓好项目，全年完成工业投资40亿元。",
            2025,
            {(2026, "工业投资", "40亿元")},
        ),
        (  # a sentence opening with 力争 goes on with the year of the sentence before it
            "今年，桥东镇将继续抓好工业发展，在乡村振兴上迈出新步伐。力争实现工业总产值12亿元，增长9%以上。",
            2024,
            {(2024, "工业总产值", "12亿元"), (2024, "工业总产值", "增长9%以上")},
        ),
        (  # a heading line announces goals listed a line each, with no lead-in words
            "今后五年的主要目标\n地区生产总值突破800亿元；\n一般公共预算收入突破60亿元。",
            2024,
            {(None, "地区生产总值", "突破800亿元"), (None, "一般公共预算收入", "突破60亿元")},
        ),
        (  # a heading with its year in digits does too
            "2024年主要预期目标\n地区生产总值增长6%左右；\n固定资产投资增长8%。",
            2024,
            {(2024, "地区生产总值", "增长6%左右"), (2024, "固定资产投资", "增长8%")},
        ),
        (  # year unknown: a year the report set goals for stays a goal year in a later paragraph
            "报告提出了2031年全市的主要预期目标：地区生产总值增长6%左右。\n2031年，城镇登记失业率控制在4%以内。",
            None,
            {(2031, "地区生产总值", "增长6%左右"), (2031, "城镇登记失业率", "控制在4%以内")},
        ),
        (  # words framing an indicator are no part of it: 并要求, 我市
            "今年我市经济增长目标为7%以上，并要求单位生产总值能耗下降3%。",
            2024,
            {(2024, "经济增长", "7%以上"), (2024, "单位生产总值能耗", "下降3%")},
        ),
        (  # a restated goal: 的增长目标都在 is no part of the indicator, and the pair is split
            "今年确定地区生产总值和财政收入的增长目标都在9%以上。",
            2024,
            {(2024, "地区生产总值", "9%以上"), (2024, "财政收入", "9%以上")},
        ),
        (  # a concentration unit of an air-quality goal
            "今年全区细颗粒物年均浓度控制在35微克/立方米以下。",
            2024,
            {(2024, "细颗粒物年均浓度", "控制在35微克/立方米以下")},
        ),
    ],
    ids=[
        "shared-value-jun",
        "whole-indicator-pair",
        "whole-year-of-named-year",
        "whole-year-of-later-year",
        "sentence-opens-with-goal-verb",
        "heading-line-goals",
        "heading-with-year",
        "goal-year-in-later-paragraph",
        "framing-words",
        "restated-growth-goal",
        "concentration-unit",
    ],
)
def test_round4_target_rules(body, year, expected):
    assert targets(body, year) == expected


def test_headline_names_the_goals_year():
    """Year unknown: a headline naming the year of the goals it announces fixes 主要预期目标."""
    body = "市长在报告中提出了今年的工作要求。\n经济社会发展的主要预期目标是：地区生产总值增长9%，财政总收入增长8%。"
    got = targets(body, None, headline="政府工作报告提出：2012年临川市经济社会发展预期目标")
    assert got == {(2012, "地区生产总值", "增长9%"), (2012, "财政总收入", "增长8%")}


@pytest.mark.parametrize(
    "body, year, expected",
    [
        (  # a pair whose first part is no whole indicator stays one
            "今年要完成工业和信息化投资50亿元。",
            2024,
            {(2024, "工业和信息化投资", "50亿元")},
        ),
        (  # the 均 of 人均 is no shared-value word
            "今年全县农民人均增长8%。",
            2024,
            {(2024, "农民人均", "增长8%")},
        ),
        (  # a heading of another part ends the goals of the heading before it
            "今后五年的奋斗目标\n生产总值突破500亿元；\n过去五年的成绩\n财政收入达到50亿元；",
            2024,
            {(None, "生产总值", "突破500亿元")},
        ),
        (  # 全年 after 今年 is the meeting's year even where a later year was named before
            "到2030年，高新技术企业达到100家，今年全年新增20家。",
            2025,
            {(2030, "高新技术企业", "达到100家"), (2025, "高新技术企业", "新增20家")},
        ),
    ],
    ids=["partial-pair", "per-capita-jun", "heading-of-another-part", "this-year-after-named"],
)
def test_round4_target_guards(body, year, expected):
    assert targets(body, year) == expected


@pytest.mark.parametrize(
    "body, year",
    [
        ("今年要实现“两个翻番”的目标。", 2024),  # a slogan that names doubling, not a goal's value
        ("这一成绩与去年年初确定的目标差距较大。年初确定的预期目标为：生产总值增长9%左右。", 2024),  # last year's goals
        ("一、今年主要预期目标：\n过去一年，全县生产总值增长5%。", 2024),  # a result after a goals header
        ("赶超发展的三年\n全县生产总值从80亿元增加到100亿元；", 2024),  # a heading of results, not goals
        ("会议要求，确保完成任务。力争各项工作走在前列，全县生产总值去年增长6%。", 2024),  # no year before it
    ],
    ids=["slogan-doubling", "last-years-goals", "result-under-header", "results-heading", "no-year-to-go-on"],
)
def test_round4_no_target(body, year):
    assert targets(body, year) == set()


def test_respectively_after_the_values_clause_is_no_crash():
    """分别 right after a comma (…达到2万元和7千元，分别增长8%和10%): nothing before it names the
    values, so they make no target; the report still digests (it failed with an IndexError)."""
    body = "今年城乡居民收入力争达到2万元和7千元，分别增长8%和10%。"
    assert all(value not in {"增长8%", "增长10%"} for _, _, value in targets(body, 2024))
