"""Rules for the numbered fields (tasks, targets, frameworks) drawn from classes of error on real reports.

Every example sentence is written for this file; none is copied from a report.
"""

import pytest

from generator.extract.frameworks import extract_frameworks, idioms
from generator.extract.targets import extract_targets
from generator.extract.tasks import extract_tasks
from generator.model import Source, Target
from generator.normalize import normalize


def report(body: str):
    return normalize(Source(name="t.txt", text="会议召开\n" + body, encoding="utf-8"))


def tasks(body: str) -> list[str]:
    return [t.text for t in extract_tasks(report(body))]


def targets(body: str, year: int | None) -> set[tuple[int | None, str, str]]:
    return {(t.year, t.indicator, t.value) for t in extract_targets(report(body), year)}


def frameworks(body: str) -> list[str]:
    return [f.name for f in extract_frameworks(report(body))]


# --- tasks ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "书记要求：一是抓好春耕；二是抓好防汛。县长强调：一是压实责任；二是强化督查；三是严肃问责。",
            ["抓好春耕", "抓好防汛", "压实责任", "强化督查", "严肃问责"],
        ),
        ("会议强调，一要稳住工业，二是要扩大消费，三是兜牢民生。", ["稳住工业", "扩大消费", "兜牢民生"]),
        (
            "会议要求，一要狠抓产业发展，重点是：一是建好园区，二是引好项目；二要保障改善民生。",
            ["狠抓产业发展", "建好园区", "引好项目", "保障改善民生"],
        ),
    ],
    ids=["two-series-in-order", "mixed-families", "nested-after-parent"],
)
def test_every_task_series_in_document_order(body, expected):
    got = tasks(body)
    assert len(got) == len(expected)
    assert all(g.startswith(e) for g, e in zip(got, expected, strict=True))


@pytest.mark.parametrize(
    "body",
    [
        "一年来，我们主要做了以下工作：一是产业稳步壮大；二是民生持续改善。",
        "报告分三个部分：一是回顾工作；二是部署任务；三是加强自身建设。",
        "当前存在的问题：一是产业结构单一；二是财政收支矛盾突出。",
        "会议议程如下：\n1.审议年度预算报告。\n2.审议人事任免事项。",
        "会议指出，第一批项目已经开工，第二批项目正在筹备。",
    ],
    ids=["past-results", "report-sections", "problems", "agenda", "di-yi-pi"],
)
def test_lists_that_are_not_tasks(body):
    assert tasks(body) == []


# --- targets -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, year, expected",
    [
        ("今年全市地区生产总值力争增长6%左右。", None, {(None, "地区生产总值", "增长6%左右")}),
        ("今年地区生产总值增长5-5.5%。", 2024, {(2024, "地区生产总值", "增长5-5.5%")}),
        ("今年人口自然增长率控制在5‰以内。", 2024, {(2024, "人口自然增长率", "控制在5‰以内")}),
        ("到2030年，全县地区生产总值比2020年翻一番以上。", 2024, {(2030, "地区生产总值", "比2020年翻一番以上")}),
        (
            "今年城乡居民人均可支配收入分别增长6%、8%左右。",
            2024,
            {(2024, "城镇居民人均可支配收入", "增长6%"), (2024, "农村居民人均可支配收入", "增长8%左右")},
        ),
        (
            "今年城镇和农村居民人均可支配收入分别增长6%和8%。",
            2024,
            {(2024, "城镇居民人均可支配收入", "增长6%"), (2024, "农村居民人均可支配收入", "增长8%")},
        ),
        ("今年主要预期目标是地区生产总值增长6%左右。", 2024, {(2024, "地区生产总值", "增长6%左右")}),
        ("明年地区生产总值预期目标为增长7%左右。", 2024, {(2025, "地区生产总值", "增长7%左右")}),
        (
            "二〇〇七年全市生产总值增长百分之十，城镇登记失业率控制在百分之四以内。",
            2007,
            {(2007, "生产总值", "增长百分之十"), (2007, "城镇登记失业率", "控制在百分之四以内")},
        ),
        ("到“十二五”末，全县生产总值达到50亿元。", 2011, {(2015, "生产总值", "达到50亿元")}),
        ("今年生产总值增长百分之八，力争打造营业收入超百亿元的产业集群。", 2024, {(2024, "生产总值", "增长百分之八")}),
        ("今年地区生产总值增速“保6争7”。", 2024, {(2024, "地区生产总值增速", "保6争7")}),
        (
            "2024年，合同利用外资20亿美元，与2023年持平，实际利用外资10亿美元。",
            2024,
            {(2024, "合同利用外资", "20亿美元"), (2024, "实际利用外资", "10亿美元")},
        ),
        (
            "要抓好工业，一季度完成工业投资100亿元，力争120亿元。",
            2024,
            {(2024, "工业投资", "100亿元"), (2024, "工业投资", "力争120亿元")},
        ),
    ],
    ids=[
        "year-unknown-kept",
        "range",
        "per-mille",
        "fan-yi-fan-yishang",
        "fenbie-chengxiang",
        "fenbie-shared-noun",
        "intro-words",
        "tail-words",
        "chinese-numerals",
        "plan-end",
        "magnitude-word",
        "bao-zheng",
        "base-year-no-anchor",
        "quarter-goal",
    ],
)
def test_targets(body, year, expected):
    assert targets(body, year) == expected


@pytest.mark.parametrize(
    "body, year",
    [
        ("预计2023年全市地区生产总值增长5%左右。", 2023),
        ("2023年，全县地区生产总值突破300亿元。", None),
    ],
    ids=["estimate", "past-year-unknown-meeting-year"],
)
def test_not_targets(body, year):
    assert targets(body, year) == set()


@pytest.mark.parametrize(
    "written, key",
    [
        ("全市生产总值", "地区生产总值"),
        ("GDP", "地区生产总值"),
        ("地区生产总值", "地区生产总值"),
        ("规上工业增加值", "规模以上工业增加值"),
        ("城市居民人均可支配收入", "城镇居民人均可支配收入"),
    ],
)
def test_target_key_is_one_indicator_across_reports(written, key):
    t = Target(2024, written, "增长6%")
    assert (t.key, t.indicator) == (key, written)
    assert t.to_json()["key"] == key


# --- frameworks ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, name",
    [
        ("统筹做好发展、民生、生态、安全五件大事。", "五件大事"),
        ("做好三篇大文章。", "三篇大文章"),
        ("推进十二大产业发展。", "十二大产业"),
        ("践行五大发展理念。", "五大发展理念"),
        ("推进四化同步发展。", "四化同步"),
        ("做好“三篇（pian）大文章”。", "三篇大文章"),
        ("建设“强富美高”新城市。", "强富美高"),
    ],
    ids=["jian", "pian", "shi-er-da", "head-noun", "joint", "pinyin-gloss", "glossary-no-numeral"],
)
def test_frameworks_found(body, name):
    assert name in frameworks(body)


@pytest.mark.parametrize(
    "body, forbidden",
    [
        ("十一五期间，全县经济快速发展。", "五"),
        ("会议传达“全国两会”精神。", "两会"),
        ("以“再次跻身全国千强镇”为目标。", "千强"),
        ("实现经济增速“七连冠”。", "连冠"),
        ("新华社北京一月二十八日电。", "月"),
        ("今年全市生产总值增长百分之三左右，共办理提案三百五十二件。", "百"),
        ("深入学习“7·26”重要讲话精神。", "7"),
        ("颁发“光荣在党50年”纪念章。", "50"),
        ("主要有六大方面成效。", "方面"),
        ("围绕一个中心目标、两大支撑、三大板块、四大工程、五个全面提升，抓好落实。", "、"),
    ],
    ids=[
        "plan-period",
        "meeting-name",
        "ranking",
        "streak",
        "date",
        "cn-quantities",
        "day",
        "years-span",
        "plain-count-prefix",
        "partial-list",
    ],
)
def test_not_frameworks(body, forbidden):
    assert not [f for f in frameworks(body) if forbidden in f]


def test_an_ordinal_is_no_joint_formulation():
    assert frameworks("推进四化同步发展。会议强调，四是统筹发展和安全。") == ["四化同步"]


def test_idioms_are_read_from_the_derived_data_file():
    from importlib import resources

    text = resources.files("generator").joinpath("data", "idioms.txt").read_text(encoding="utf-8")
    assert text.startswith("#") and "JioNLP" in text.splitlines()[1]
    assert "千方百计" in idioms()
