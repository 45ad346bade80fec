"""Dates, text clean-up and headlines in the shapes real reports take (short sentences written here)."""

import pytest

from generator.extract import extract
from generator.model import Source
from generator.normalize import normalize, normalize_chars


def _report(text: str):
    return normalize(Source(name="t.txt", text=text, encoding="utf-8"))


def digest(text: str):
    return extract(_report(text))


# --- the meeting day and its year -----------------------------------------------------------
@pytest.mark.parametrize(
    "text, date",
    [
        # the year a January meeting plans
        ("会议召开\n1月8日，县委召开经济工作会议，总结去年工作，研究部署2031年经济工作。", "2031-01-08"),
        ("会议召开\n2030年是全县发展的关键之年。在1月9日召开的全县工作会议上，明确了全年任务。", "2030-01-09"),
        ("会议召开\n12月20日，市委召开经济工作会议，部署2032年经济工作。", "2031-12-20"),
        # the year the meeting looks back on
        ("大会召开\n2月27日，全县推进大会召开。会议指出，2033年，县委县政府交出了一份满意答卷。", "2034-02-27"),
        ("会议召开\n3月28日，县长主持召开县政府全体会议。会议通报了2029年一季度经济运行情况。", "2029-03-28"),
        # the year in the meeting's own name
        ("会议召开\n10月25日，县长主持召开县政府2029年第12次常务会议，研究有关工作。", "2029-10-25"),
        ("会议召开\n9月21日上午，我县召开2028年秋收暨防火工作动员会。", "2028-09-21"),
        # relative days counted back from the publication date
        ("市委召开工作会议\n2027-03-04 08:10 来源：某某日报\n昨天，市委召开工作会议。", "2027-03-03"),
        ("区委召开常委会议\n2027-05-10 来源：某某日报\n昨日（9日）下午，区委召开常委会议。", "2027-05-09"),
        # 元月, day-first publication lines, a day named by its place in the year
        ("县人代会开幕\n2028年01月08日\n元月7日上午，县人民代表大会第四次会议开幕。", "2028-01-07"),
        ("市委召开常委会议\n15.03.2027 08:30 来源：某某网\n3月14日，市委召开常委会议。", "2027-03-14"),
        ("县委召开常委会议\n2026年的最后一天，县委召开常委会议，研究年终工作。", "2026-12-31"),
        # a news dateline beats a photo caption with a mistyped month
        (
            "省人代会开幕\n发布时间：2026-01-28\n11月27日上午，某省人民代表大会第四次会议开幕。\n某某网讯 1月27日上午，某省人民代表大会第四次会议开幕。",
            "2026-01-27",
        ),
        # a page re-posted a year later: the text's own years win
        (
            "市委经济工作会议举行\n发布时间：2031-12-27\n市委经济工作会议于12月26日举行。会议总结了全市2030年的各项工作。预计2030年全市实现生产总值100亿元。",
            "2030-12-26",
        ),
        # page furniture does not push the lead out
        (
            "市政协会议闭幕\n2024-01-29 06:56:59 来源：某某网\n- 超大\n- 大\n- 标准\n- 小\n一行副标题写在这里\n某某出席 某某主持\n1月28日下午，市政协会议闭幕。",
            "2024-01-28",
        ),
        ("会议召开\n????\n????\n????\n????梧州日报讯 6月15日，督查组召开座谈会。", "--06-15"),
        # a meeting that fixes a later event's full date
        ("全会召开\n9月15日，市委全会召开。全会决定市第十次党代会于2031年9月22日召开。", "2031-09-15"),
    ],
    ids=[
        "plan-jan",
        "plan-zhinian",
        "plan-dec",
        "review-le",
        "period",
        "own-name-numbered",
        "own-name",
        "yesterday",
        "yesterday-paren",
        "yuanyue",
        "dmy-pub",
        "year-day",
        "news-dateline",
        "reposted",
        "font-widget",
        "garbled-indent",
        "announced",
    ],
)
def test_year_from_the_text(text, date):
    assert digest(text).date.value == date


@pytest.mark.parametrize(
    "text, date",
    [
        ("全会召开\n9月15日，市委全会召开。全会深入学习贯彻党的二十届三中全会精神。", "2024-09-15"),
        (
            "会议召开\n9月18日，县政府全体会议召开。会议要求深入学习贯彻党的十九大和十九届二中、三中、四中、五中全会精神。",
            "2021-09-18",
        ),
        ("会议闭幕\n3月29日，省人大常委会会议闭幕。这次会议是十届全国人大四次会议后召开的第一次例会。", "2006-03-29"),
        ("座谈会召开\n12月2日，市委召开座谈会，就市委关于制定国民经济和社会发展第十五个五年规划的建议听取意见。", "2025-12-02"),
        ("会议召开\n12月13日，省政府召开常务会议。会议指出，明年是实施“十二五”规划的开局之年。", "2010-12-13"),
        ("会议召开\n3月17日，区委召开学习会，传达全国两会精神。会议指出，今年是“十四五”规划收官之年。", "2025-03-17"),
        ("活动举行\n6月24日，街道举行庆祝中国共产党成立103周年活动暨党建联席会议。", "2024-06-24"),
        ("会议召开\n10月31日，县委召开常委会议，学习贯彻党的十九大精神。", "2017-10-31"),
        # a day carried to the next sentence, a month from a holiday
        ("座谈会举行\n4月1日，采访团抵达某市。当日上午，座谈会在某市举行。", "--04-01"),
        ("会议召开\n2日是五一小长假后第一个工作日，上午，县委召开常委会议。", "--05-02"),
    ],
    ids=[
        "plenum",
        "plenum-list",
        "npc-session",
        "plan-proposal",
        "next-year-plan",
        "plan-last-year",
        "anniversary",
        "congress",
        "same-day",
        "holiday",
    ],
)
def test_year_from_events_the_text_relays(text, date):
    assert digest(text).date.value == date


@pytest.mark.parametrize(
    "text",
    [
        "会议召开\n5月22日，县委召开常委会议。会议指出，党的十八大以来，全县发展取得成就。",
        "全会召开\n1月17日，市委全会召开，表决推荐出席党的二十大代表候选人。",
        "会议召开\n1月20日，市政府召开座谈会。过去一年，全市深入学习贯彻党的二十大和二十届历次全会精神。",
    ],
    ids=["since-congress", "congress-delegates", "all-plenums"],
)
def test_an_event_the_meeting_does_not_follow_fixes_no_year(text):
    """The limits of the event rule: 以来, 出席…代表 and 历次全会 name no event the meeting follows
    (these hold without the rule too; they fail if the rule loses its limits)."""
    assert digest(text).date.value.startswith("--")


# --- text clean-up ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, clean",
    [
        ("区人(ren)大常委会主任程(cheng)某，区政(zheng)协主席", "区人大常委会主任程某，区政协主席"),
        ("某某晚?bào)讯", "某某晚讯"),
        ("加快建设(shè", "加快建设"),
        ("会(huì )议召开", "会议召开"),
        ("??记者 张某\n??县委召开会议。", "记者 张某\n县委召开会议。"),
    ],
    ids=["toneless-gloss", "broken-gloss", "cut-gloss", "spaced-gloss", "garbled-indent"],
)
def test_characters(raw, clean):
    assert normalize_chars(raw) == clean


@pytest.mark.parametrize(
    "text, debris",
    [
        ("县委召开常委会议\n记者 张某某 李某\n3月2日，县委召开常委会议。县委书记王某主持会议。", "记者 张某某"),
        ("县委召开常委会议\n3月2日，县委召开常委会议。县委书记王某主持会议。\n张某 李某某 摄", "摄"),
        ("县委召开常委会议\n找回密码\n立即注册\n查看：832|回复：0\n楼主\n3月2日，县委召开常委会议。", "楼主"),
        ("县委召开常委会议\n• 索引号：12345/2026-00001\n• 发文机关：某某县人民政府\n3月2日，县委召开常委会议。", "索引号"),
        (
            "县委召开常委会议\n3月2日，县委召开常委会议。县委书记王某主持会议，要求抓好落实。\n免责声明：本站转载的稿件仅供参考。\n某某网站其他新闻",
            "免责声明",
        ),
        ("县委召开常委会议\n3月2日，县委召开常委会议。\n京ICP备12345678号", "ICP"),
    ],
    ids=["byline", "photo-credit", "forum", "disclosure-rows", "disclaimer", "icp"],
)
def test_debris_leaves_the_body(text, debris):
    assert debris not in _report(text).body


@pytest.mark.parametrize(
    "text, headline",
    [
        ("某某县人民代表大会常务委员会官网\n某某县人代会隆重开幕\n3月2日，县人代会开幕。", "某某县人代会隆重开幕"),
        ("当前位置：首页 新闻中心\n|\n县委召开常委会议\n3月2日，县委召开常委会议。", "县委召开常委会议"),
        ("• 标题：某某县召开常务会议\n• 组配分类：政府会议\n3月2日，某某县召开常务会议。", "某某县召开常务会议"),
        (
            "鼓足干劲 某某县人大常委会会议举行 2027-08-21 来源：某某报\n县人大常委会会议昨天举行。",
            "鼓足干劲 某某县人大常委会会议举行",
        ),
        ("某论坛\n务虚谋发展 凝心聚合力\n2027-12-12 10:32 来源：某某日报\n昨天，全市务虚会召开。", "务虚谋发展 凝心聚合力"),
    ],
    ids=["site-name", "location-row", "title-row", "on-publication-line", "forum-name"],
)
def test_headline(text, headline):
    assert _report(text).headline == headline


@pytest.mark.parametrize(
    "text, title",
    [
        ("某某社北京3月2日电（记者 张某）全国某某工作会议2日在京开幕。", "全国某某工作会议2日在京开幕"),
        ("本报讯（记者 张某 通讯员 李某）县委常委会议3月2日召开。", "县委常委会议3月2日召开"),
    ],
    ids=["dateline-dian", "dateline-xun"],
)
def test_a_built_headline_drops_the_news_byline(text, title):
    assert digest(text).title == title
