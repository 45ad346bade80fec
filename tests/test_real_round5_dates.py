"""Round 5 rules for the meeting's date and place, each on short sentences written here (no report text)."""

import pytest

from generator.extract import extract
from generator.model import Source
from generator.normalize import normalize


def digest(text: str):
    return extract(normalize(Source(name="t.txt", text=text, encoding="utf-8")))


DATES = [
    # a late session of a provincial congress may follow an extra session held mid-term: no year
    (
        "late-provincial-session",
        "人代会开幕\n1月20日上午，河南省第十四届人民代表大会第五次会议在郑州开幕。省长作政府工作报告。",
        "--01-20",
    ),
    # a plan's name in corner brackets (traditional pages)
    (
        "plan-in-corner-brackets",
        "县委召开常委会议\n1月10日，县委召开常委会议。会议指出，今年是「十五五」开局之年，要开好局起好步。",
        "2026-01-10",
    ),
    # "…之年，是极不平凡的一年": a year looked back on, not the one ahead
    (
        "year-of-plan-looked-back-on",
        "县人代会开幕\n2月10日，县人代会开幕。县长说，2030年是攻坚突破之年，是极不平凡的一年。",
        "2031-02-10",
    ),
    # 回顾 does not reach over 、 into the next item of a list of the report's parts
    (
        "review-not-across-list",
        "区人代会开幕\n1月7日，区人代会开幕。报告分为三个部分：2030年工作回顾、2031年工作安排、加强政府自身建设。",
        "2031-01-07",
    ),
    # a header row holding only the page's day, written day first
    (
        "day-first-page-date",
        "某县两会观察\n15/01/2030\n昨日，县委召开常委会议，研究部署重点工作。",
        "2030-01-14",
    ),
    # a day without a month whose month, taken from the page's date, contradicts the meeting's own name
    (
        "bare-day-against-own-name",
        "县政府常务会议\n2031-01-09 来源：某某网\n14日，县长主持召开县政府2031年第1次常务会议。",
        None,
    ),
]


@pytest.mark.parametrize("text, date", [c[1:] for c in DATES], ids=[c[0] for c in DATES])
def test_meeting_date(text, date):
    assert digest(text).date.value == date


PLACES = [
    # 我市召开会议: the body's own words for itself, not the province whose sessions it relays
    (
        "our-city-held",
        "本报讯 1月20日下午，我市召开会议，传达学习省人大、省政协会议精神。市委书记张某某传达并讲话。"
        "会议要求，要紧密结合运城实际，抓好落实。",
        ("山西省", "运城市", None),
    ),
    # 会议指出，省委在某地召开现场会: another meeting; 我州 is the body's own word for itself
    (
        "message-sentence-and-our-prefecture",
        "会议指出，省委、省政府在大理召开现场办公会，为我州发展把脉定向。要坚决贯彻落实，推动大理各项工作。",
        ("云南省", "大理白族自治州", None),
    ),
    # a city's name run into its district's names the district
    (
        "city-then-district-headline",
        "大连市金州区第三届人民代表大会第二次会议开幕\n1月6日，大会开幕。区长作政府工作报告。",
        ("辽宁省", "大连市", "金州区"),
    ),
    # a site's menu taken for the headline names no body
    (
        "menu-headline",
        "首页 要闻 政务 专题 影像广州\n12月20日，番禺区第五届人民代表大会第三次会议开幕。区长作政府工作报告。",
        ("广东省", "广州市", "番禺区"),
    ),
    # 成渝地区双城经济圈 names no 双城区; 具有某地特色 is no person's name
    (
        "twin-city-phrase",
        "11月2日，区委常委会举行会议，研究推动成渝地区双城经济圈建设。区委书记主持会议。会议要求，打造具有綦江特色的改革成果。",
        ("重庆市", "重庆市", "綦江区"),
    ),
    # 全市…各镇: a 市 whose towns are its next level down is the county-level city
    (
        "towns-below-city",
        "全市经济运行分析会召开\n3月4日下午，市委常委、常务副市长刘某某主持召开全市经济运行分析会。"
        "各镇政府主要负责同志参加会议。会议要求，围绕宣城市委和广德市委经济工作会议精神狠抓落实。",
        ("安徽省", "宣城市", "广德市"),
    ),
]


@pytest.mark.parametrize("text, place", [c[1:] for c in PLACES], ids=[c[0] for c in PLACES])
def test_meeting_place(text, place):
    p = digest(text).place
    assert (p.province, p.city, p.county) == place
