"""Round 6 rules for targets, each drawn from a class of error seen on reports of at least two sites:
the base of a comparison (比2010年, 比“十一五”末) belongs with the value; a year reviewed in one
mention and only named in another is still reviewed; goals listed bare after a sentence that
announces them.

Every example sentence is written for this file; none is copied from a report. Each case fails
without the rule it names.
"""

import pytest

from tests.test_real_round4b_targets import targets  # a body after a lead with no day


@pytest.mark.parametrize(
    "body, year, expected",
    [
        (  # a base year after the indicator goes with the value, and a pair shares a value with no number
            "到2030年，全县地区生产总值和城乡居民人均收入比2020年翻一番以上。",
            2024,
            {(2030, "地区生产总值", "比2020年翻一番以上"), (2030, "城乡居民人均收入", "比2020年翻一番以上")},
        ),
        (  # a base in a clause of its own, after the indicator's clause
            "力争到2035年，全县农业总产值，比2025年翻一番。",
            2026,
            {(2035, "农业总产值", "比2025年翻一番")},
        ),
        (  # a plan period after 比 is the base of a comparison, not the goal's year
            "到2029年，全县单位生产总值能耗比“十四五”末下降12%。",
            2026,
            {(2029, "单位生产总值能耗", "比“十四五”末下降12%")},
        ),
        (  # a year reviewed in one mention and only named in another: 今年 is the year after it
            "县长首先回顾了2019年工作。他说，2019年，全县经济平稳运行。今年全县地区生产总值增长6%左右。",
            None,
            {(2020, "地区生产总值", "增长6%左右")},
        ),
        (  # goals listed bare after a sentence that announces them (目标是：…) under a span of years
            "今后五年全县发展的主要目标是：建成生态强县，群众生活更加殷实。全县生产总值年均增长7%，森林覆盖率超过62%。",
            2021,
            {(None, "生产总值", "年均增长7%"), (None, "森林覆盖率", "超过62%")},
        ),
        (  # goals listed bare after a sentence that ends by naming the goals: the meeting's year
            "站在新起点上，我们锁定目标，再出发！全县生产总值增长5%，固定资产投资增长8%以上。",
            2021,
            {(2021, "生产总值", "增长5%"), (2021, "固定资产投资", "增长8%以上")},
        ),
    ],
)
def test_round6_target_rules(body, year, expected):
    assert targets(body, year) == expected


@pytest.mark.parametrize(
    "body, year, expected",
    [
        # a sentence that names the goals, then results of the year just ended: no goals
        ("我们明确了目标任务。上年全县生产总值增长6%，同比提高1个百分点。", 2021, set()),
        # the goals met, then the year's results: no goals
        ("全县上下齐心，圆满完成年度目标。全县生产总值增长6%，财政收入增长4%。", 2021, set()),
        # the announcing sentence set a goal of its own: the next one's result is no part of its list
        ("今年的主要目标是：地区生产总值增长6%。全县去年完成投资80亿元。", 2021, {(2021, "地区生产总值", "增长6%")}),
        # a year reviewed, but another mention of it looks ahead: 今年 is not fixed by it
        (
            "报告回顾了2019年工作。2019年还要力争更好。今年全县地区生产总值增长6%左右。",
            None,
            {(None, "地区生产总值", "增长6%左右")},
        ),
    ],
)
def test_round6_no_wrong_target(body, year, expected):
    assert targets(body, year) == expected
