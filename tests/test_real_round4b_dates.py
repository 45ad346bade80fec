"""Round 4b rules for the meeting day's year, each on short sentences written here (no report text)."""

import pytest

from generator.extract import extract
from generator.model import Source
from generator.normalize import normalize


def digest(text: str):
    return extract(normalize(Source(name="t.txt", text=text, encoding="utf-8")))


CASES = [
    # a dateline on a line of its own above the body: 今天 counts from its day
    (
        "dateline-line-today",
        "某某网东川3月9日讯\n（记者 甲乙）今天上午，东川市第九届人民代表大会第二次会议在东川会堂开幕。"
        "市长作政府工作报告，回顾了2030年工作。",
        "2031-03-09",
    ),
    (
        "dateline-line-yesterday",
        "某某日报西岭5月20日电\n（记者 丙丁）昨天下午，西岭县委召开常委会议，部署2031年重点工作。",
        "2031-05-19",
    ),
    # a long-range goal's year in a draft's name is no year the meeting plans
    (
        "long-range-outline",
        "2月4日上午，南湖市第三届人民代表大会第五次会议开幕。会议印发了《南湖市国民经济和社会发展"
        "第十四个五年规划和二〇三五年远景目标纲要（草案）》。",
        "2021-02-04",
    ),
    # in December a year called a plan's last (or first) year may be the one ending or the one ahead
    (
        "december-plan-year-unsaid",
        "12月28日，县政协举行新年茶话会。县委书记指出，2030年是“十五五”规划收官之年，要善始善终。",
        "--12-28",
    ),
    (
        "december-plan-year-next",
        "12月28日，县政协举行新年茶话会。县委书记指出，明年是“十五五”规划收官之年，要善始善终。",
        "2029-12-28",
    ),
    # a year's work commended early in the next
    (
        "commended-year",
        "1月3日上午，市政协第五届委员会第二次会议开幕。大会通报表扬了市政协2030年度优秀提案。",
        "2031-01-03",
    ),
    (
        "commended-year-awards",
        "2月10日，县委召开全县干部大会，表彰2030年度综合考核先进单位。",
        "2031-02-10",
    ),
    # a session of a provincial CPPCC committee, in step with the congress
    (
        "provincial-cppcc-session",
        "1月15日上午，中国人民政治协商会议海南省第八届委员会第四次会议在海口开幕。",
        "2026-01-15",
    ),
    (
        "provincial-cppcc-term-first",
        "1月8日，政协第十二届西藏自治区委员会第二次会议在拉萨开幕。",
        "2024-01-08",
    ),
    (
        "provincial-cppcc-short",
        "1月20日上午，宁夏回族自治区政协十二届三次会议在银川开幕。",
        "2025-01-20",
    ),
    (
        "cppcc-standing-committee-not-a-session",
        "5月16日，政协海南省第八届委员会常务委员会第十次会议在海口召开。",
        "--05-16",
    ),
    (
        "city-cppcc-not-the-province",
        "1月5日，政协吉林市第十四届委员会第二次会议开幕。",
        "--01-05",
    ),
]


@pytest.mark.parametrize(("name", "text", "want"), CASES, ids=[c[0] for c in CASES])
def test_year(name: str, text: str, want: str) -> None:
    assert digest(text).date.value == want
