"""Round 3 rules for the numbered fields (tasks, targets, frameworks), drawn from classes of error on
the real-report set (dev, heldout, fresh).

Every example sentence is written for this file; none is copied from a report. Each case of the
rule tests fails without the rule it names; the guard tests (lone items, no target, no framework)
pin what the rules must not take.
"""

import pytest

from tests import test_real_numbered as numbered  # the same helpers, with a lead paragraph

LEAD = "3月5日，县委召开工作会议。\n"  # a first paragraph, so a one-line body is not read as the headline


def tasks(body: str) -> list[str]:
    return numbered.tasks(LEAD + body)


def targets(body: str, year: int | None) -> set[tuple[int | None, str, str]]:
    return numbered.targets(LEAD + body, year)


def frameworks(body: str) -> list[str]:
    return numbered.frameworks(LEAD + body)


# --- tasks ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, expected",
    [
        (  # 一、 right after a sentence's end, items split by ；
            "全会从四个方面作出部署。一、加快产业升级；二、扩大有效投资；三、保障改善民生。",
            ["加快产业升级", "扩大有效投资", "保障改善民生"],
        ),
        (  # 做了安排 is planning, not a result
            "副县长对近期三项工作做了安排。第一，抓好春耕生产；第二，抓好森林防火；第三，抓好安全生产。",
            ["抓好春耕生产", "抓好森林防火", "抓好安全生产"],
        ),
        (  # 确保…完成 looks ahead: 完成 is no result here
            "为确保全年目标如期完成，镇里抓住两个关键，一是加快项目落地，二是优化审批服务。",
            ["加快项目落地", "优化审批服务"],
        ),
        (  # the last item's own list follows its first sentence, in the same paragraph
            "会议要求：第一，稳定经济增长，一要扩大投资；二要促进消费。第二，维护社会稳定。一要化解矛盾；二要防范风险。",
            ["稳定经济增长", "扩大投资", "促进消费", "维护社会稳定", "化解矛盾", "防范风险"],
        ),
        (  # a series cut off by the end of the excerpt: one item, the text stops mid-sentence
            "会议强调，下半年要突出抓好几件事。一要抓好项目建设。项目是发展的支撑，各地要加快推进在建项目",
            ["抓好项目建设"],
        ),
    ],
    ids=["dun-after-period", "planned-lead", "ensure-lead", "nested-after-last-item", "cut-excerpt"],
)
def test_round3_task_rules(body, expected):
    got = tasks(body)
    assert len(got) == len(expected), got
    assert all(g.startswith(e) for g, e in zip(got, expected, strict=True)), got


@pytest.mark.parametrize(
    "body",
    [
        "会议强调，下半年要突出抓好几件事。一要抓好项目建设。项目是发展的支撑，各地要加快推进在建项目。",
        "一年来，我们完成了各项任务。一要感谢大家的支持，各地要继续努力",
    ],
    ids=["ends-with-period", "lead-of-results"],
)
def test_lone_item_is_no_series(body):
    assert tasks(body) == []


# --- targets -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, year, expected",
    [
        (  # spaces a page put around numbers
            "今年主要预期目标是：地区生产总值增长 6% 左右。",
            2024,
            {(2024, "地区生产总值", "增长6%左右")},
        ),
        (  # 净增 is a value verb
            "明年力争财政收入净增10亿元以上。",
            2024,
            {(2025, "财政收入", "净增10亿元以上")},
        ),
        (  # 在2022年的基础上 names the base year, not the goal's
            "全会提出2023年的目标，即在2022年的基础上，工业产值增长15%。",
            2023,
            {(2023, "工业产值", "增长15%")},
        ),
        (  # a plan period (时期, 期间) sets goals for its last year
            "“十五五”时期，全市地区生产总值年均增长6%左右。",
            2026,
            {(2030, "地区生产总值", "年均增长6%左右")},
        ),
        (  # goals for the coming years have no single year
            "今后五年的主要目标是：粮食产量年均增长2%。",
            2024,
            {(None, "粮食产量", "年均增长2%")},
        ),
        (  # a header announces the goals of the next paragraph
            "一、今年主要预期目标：\n地区生产总值增长5%左右，城镇新增就业1万人。",
            2024,
            {(2024, "地区生产总值", "增长5%左右"), (2024, "城镇新增就业", "1万人")},
        ),
        (  # a line the page wrapped mid-sentence goes on in the next paragraph
            "今年全县的主要预期目标是，地区生产总值增长\n7%左右，固定资产投资增长10%。",
            2024,
            {(2024, "地区生产总值", "增长7%左右"), (2024, "固定资产投资", "增长10%")},
        ),
        (  # year unknown: a 今年 goal repeating a dated goal fixes 今年 for every goal
            "报告提出，2025年全市生产总值增长目标为6%左右。今年的主要预期目标是：地区生产总值增长6%左右，财政收入增长3%。",
            None,
            {(2025, "生产总值增长", "6%左右"), (2025, "地区生产总值", "增长6%左右"), (2025, "财政收入", "增长3%")},
        ),
        (  # an adverb after 分别 goes with the value; one value is each subject's
            "今年城镇和农村居民人均可支配收入分别实际增长6%以上。",
            2024,
            {(2024, "城镇居民人均可支配收入", "实际增长6%以上"), (2024, "农村居民人均可支配收入", "实际增长6%以上")},
        ),
        (  # the wrapped line's last sentence is short; the line is long
            "全县经济运行总体平稳，结构持续优化。今年的主要预期目标\n是地区生产总值增长7%左右。",
            2024,
            {(2024, "地区生产总值", "增长7%左右")},
        ),
    ],
    ids=[
        "spaces",
        "net-increase",
        "base-year",
        "plan-period",
        "horizon",
        "header",
        "wrapped-line",
        "dated-fixes-this-year",
        "respectively-adverb",
        "wrapped-short-tail",
    ],
)
def test_round3_target_rules(body, year, expected):
    assert targets(body, year) == expected


@pytest.mark.parametrize(
    "body, year",
    [
        ("十一五期间，全县财政收入达到5亿元，首次突破亿元大关。", None),  # a plan period in review, year unknown
        ("一、过去一年工作回顾：\n我们做了很多工作，群众满意。", 2024),  # a header with no goals after it
    ],
    ids=["plan-period-in-review", "header-without-goals"],
)
def test_round3_no_target(body, year):
    assert targets(body, year) == set()


# --- frameworks ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, expected",
    [
        ("会议要求，加快“建设‘一廊两翼三中心’的区域发展新格局”。", ["一廊两翼三中心"]),  # inner quotes
        ("列入全省1311项目的企业有五家。", ["1311"]),  # a digit code before 项目
        ("努力实现五个新提升，推动全县发展。", ["五个新提升"]),  # a counted name of three characters
        ("推动四大片区协调发展。", ["四大片区"]),  # 协调, 联动, 协同 end the name
        ("坚决打好三大攻坚战成效明显，落实四方责任。", ["三大攻坚战", "四方责任"]),  # glossary names
        ("推进“双一流”建设。", ["双一流"]),  # no longer a stop word
    ],
    ids=["inner-quotes", "digit-project", "counted-three-chars", "joint-verb-tail", "glossary", "double-first-class"],
)
def test_round3_framework_found(body, expected):
    assert frameworks(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "他说：“过去三年极不平凡。”",  # a quoted saying with a sentence's end
        "会议审议了三个报告。",  # documents of the meeting
        "会议听取了两个单位的汇报。",  # bodies reporting
        "回顾一年，印象最深的十件事是：项目落地、民生改善。",  # a count of things
        "积极融入长三角一体化发展。",  # a place's numeral
        "前两个月经济发展平稳。",  # a span of months (a guard for counted names of three characters)
    ],
    ids=["quoted-saying", "reports", "units", "things", "place-numeral", "months"],
)
def test_round3_no_framework(body):
    assert frameworks(body) == []
