"""Round 5 rules for targets, drawn from classes of error on the fresh3 and dev2 misses: goals that
name no year, lists that go on past a full stop, small-form punctuation, word counts read as goals.

Every example sentence is written for this file; none is copied from a report. Each case fails
without the rule it names.
"""

import pytest

from tests.test_real_round4b_targets import targets  # a body after a lead with no day


@pytest.mark.parametrize(
    "body, year, expected",
    [
        (  # small-form semicolons (﹔) part clauses like ；
            "2023年青川区的主要预期目标是：地区生产总值增长5%左右，居民收入与经济增长同步﹔税收占比提高﹔"
            "粮食总产量保持在8.6万吨以上﹔空气质量完成市定目标。",
            2023,
            {(2023, "地区生产总值", "增长5%左右"), (2023, "粮食总产量", "保持在8.6万吨以上")},
        ),
        (  # a goal of no change: 与上年持平, a value with no number
            "今年全县的主要预期目标是：地区生产总值增长6%，固定资产投资与上年度持平。",
            2022,
            {(2022, "地区生产总值", "增长6%"), (2022, "固定资产投资", "与上年度持平")},
        ),
        (  # a list of goals that goes on past a full stop in the same paragraph
            "今年全县经济社会发展的主要预期目标是：地区生产总值增长6%，在实际工作中力求更好。"
            "一般公共预算收入增长4%，出口增长7%，城镇调查失业率控制在5.5%以内。",
            2021,
            {
                (2021, "地区生产总值", "增长6%"),
                (2021, "一般公共预算收入", "增长4%"),
                (2021, "出口", "增长7%"),
                (2021, "城镇调查失业率", "控制在5.5%以内"),
            },
        ),
        (  # a goal pledged with 力争 or 确保 in a sentence that names no year: the meeting's year
            "加快发展特色农业，力争全县茶叶产量1.2万吨、水果产量30万吨。稳定生猪生产，确保出栏量稳定在45万头以上。",
            2023,
            {(2023, "茶叶产量", "1.2万吨"), (2023, "水果产量", "30万吨"), (2023, "出栏量", "稳定在45万头以上")},
        ),
        (  # so too one pledged with 要
            "县长强调，要打好污染防治攻坚战；空气质量优良率要达到90%以上。",
            2020,
            {(2020, "空气质量优良率", "达到90%以上")},
        ),
        (  # a pair of names in Latin letters shares the noun after the last one
            "今年全县PM2.5、PM10年均浓度分别低于32μg/m3、55μg/m3。",
            2021,
            {(2021, "PM2.5年均浓度", "低于32μg/m3"), (2021, "PM10年均浓度", "低于55μg/m3")},
        ),
        (  # 预期 inside an indicator before a growth word is a modal, no part of the indicator
            "今年我县经济预期增长目标为7%以上，工业增加值增长9%。",
            2012,
            {(2012, "经济增长", "7%以上"), (2012, "工业增加值", "增长9%")},
        ),
        (  # 大约 between an indicator and its number goes with neither
            "今年的主要预期目标是：地区生产总值增长6%，居民消费价格涨幅预期大约3%。",
            2016,
            {(2016, "地区生产总值", "增长6%"), (2016, "居民消费价格涨幅", "3%")},
        ),
        (  # 实现 right before 翻一番 is no part of the indicator
            "到2027年，全县旅游收入突破80亿元，研学人次实现翻一番。",
            2023,
            {(2027, "旅游收入", "突破80亿元"), (2027, "研学人次", "翻一番")},
        ),
        (  # a plan's name in corner brackets: 「十四五」时期 is the plan's last year
            "「十四五」时期，全县地区生产总值年均增长6.5%。",
            2021,
            {(2025, "地区生产总值", "年均增长6.5%")},
        ),
        (  # an indicator in a clause of its own, its value in the next with a note in brackets
            "希望到2030年，全县地区生产总值，可达到500亿元（按现价计算，下同）。",
            2024,
            {(2030, "地区生产总值", "可达到500亿元")},
        ),
        (  # a year reviewed (回顾) and the very next year named with its goals: 今年 is that year
            "县长的报告分三部分：2008年工作回顾；2009年工作的目标任务；加强政府自身建设。"
            "今年全县的主要预期目标是：地区生产总值增长11%。",
            None,
            {(2009, "地区生产总值", "增长11%")},
        ),
    ],
)
def test_round5_target_rules(body, year, expected):
    assert targets(body, year) == expected


@pytest.mark.parametrize(
    "body, year",
    [
        # how often a word is used in a report is a count of words, no goal
        ("据统计，2025年县政府工作报告中，“发展”出现58次，“改革”出现31次。", 2025),
        # a bare number a word follows is the name of a package of policies, no value
        ("今年要奋力实现2135战略目标，展现新担当。", 2024),
        # a named year followed at once by an estimate: that year's estimate, no goal
        ("2019年预计完成情况没有达到8%的预期目标。", None),
    ],
)
def test_round5_no_target(body, year):
    assert targets(body, year) == set()
