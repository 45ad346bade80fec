"""Round 4 rules for the meeting day's year, each on short sentences written here (no report text)."""

import pytest

from generator.extract import extract
from generator.model import Source
from generator.normalize import normalize


def digest(text: str):
    return extract(normalize(Source(name="t.txt", text=text, encoding="utf-8")))


CASES = [
    # --- how the day and the page's date are written ---
    ("mixed-numeral-year", "县委召开常委会议\n二0三0年3月15日上午，县委召开常委会议。", "2030-03-15"),
    ("circle-zero-year", "县委召开常委会议\n二○三○年3月15日上午，县委召开常委会议。", "2030-03-15"),
    (
        "stamp-in-header-row",
        # a header row too long for a publication line: headline, subtitles and the stamp run together
        "稳字当头谋发展 实干为先促振兴 凝心聚力开新局 某县第五届人民代表大会第二次会议隆重开幕 某某到会指导 "
        "甲乙丙出席 某某主持 某某作政府工作报告 作者：时间：2030-04-13 次数：12 语音阅读：语音阅读\n"
        "本报讯昨日上午，某县第五届人民代表大会第二次会议隆重开幕。",
        "2030-04-12",
    ),
    (
        "study-session-day",
        "区委中心组学习\n1月31日，区委理论学习中心组开展集体学习研讨，学习《求是》2031年第1期刊发的文章。",
        "2031-01-31",
    ),
    (
        "reposted-page",
        "市人大常委会举行会议\n2030-03-24 来源：某某网\n某某网8月17日讯 昨日，某市人大常委会举行第十二次会议。",
        "--08-16",
    ),
    # --- years the text writes in a role that fixes the meeting's ---
    (
        "budget-drafts",
        "市政府全体会议召开\n1月12日，市政府召开全体会议，审议某市2030年预算执行情况与2031年预算草案的报告。",
        "2031-01-12",
    ),
    (
        "budget-drafts-december",
        "常委会召开\n12月20日，县委召开常委会议，讨论县2030年计划执行情况和2031年计划草案的报告。",
        "2030-12-20",
    ),
    (
        "goals-of-the-province",
        "人代会开幕\n1月27日，某省人代会开幕。报告提出，2031年全省经济社会发展的主要预期目标是增长6%左右。",
        "2031-01-27",
    ),
    (
        "tasks-done-is-review",
        "人代会开幕\n1月27日，某省人代会开幕。2030年工作任务的完成，标志着目标实现。2031年全省经济社会发展的主要预期目标已经明确。",
        "2031-01-27",
    ),
    ("just-past-year", "政府全体会议举行\n2月1日，县政府全体会议举行。县长说，刚刚过去的2030年成绩来之不易。", "2031-02-01"),
    (
        "year-of-achievement",
        "经济工作会议举行\n1月5日，全市经济工作会议举行。会议指出，2030年是全市发展取得显著成绩的一年。",
        "2031-01-05",
    ),
    (
        "year-of-achievement-december",
        "经济工作会议举行\n12月15日，全市经济工作会议举行。会议指出，2030年是全市发展极不平凡、满载收获的一年。",
        "2030-12-15",
    ),
    (
        "year-then-this-year",
        "人代会开幕\n元月3日，某县人代会开幕。报告指出，2030年，是我县具有特殊意义的一年。这一年，新区建成。",
        "2031-01-03",
    ),
    ("year-ahead-not-review", "政府全体会议召开\n2月9日，区政府召开全体会议。区长强调，2031年仍然是较为艰难的一年。", "--02-09"),
    (
        "two-digit-year-passed",
        "人代会开幕\n某网1月18日电 今日上午，某市人代会开幕。市长表示，渡过了经济发展最困难的0九年，今年要加快发展。",
        "2010-01-18",
    ),
    (
        "year-end-review-meeting",
        "常委会召开\n1月20日，县委召开常委会议，部署开好2030年度民主生活会。",
        "2031-01-20",
    ),
    (
        "december-arranges-next-year",
        "汇报会召开\n12月12日上午，全市2031年经济工作安排情况汇报会召开，研究明年经济发展目标。",
        "2030-12-12",
    ),
    (
        "series-title-year",
        "某县2030年上半年重点工作督查活动系列报道之二\n某县召开督查总结会 某某讲话\n7月10日下午，县长某某主持召开督查总结会。",
        "2030-07-10",
    ),
    # --- years fixed by what the text refers to ---
    (
        "discipline-plenum",
        "政府全体会议召开\n2月9日下午，区政府召开全体会议，传达十八届中央纪委五次全会精神。",
        "2015-02-09",
    ),
    (
        "finance-conference-in-a-list",
        "政府全体会议召开\n1月9日上午，自治区人民政府全体会议召开，贯彻落实中央经济工作会议、农村工作会议、金融工作会议精神。",
        "2024-01-09",
    ),
    (
        "rules-campaign-2025",
        "常委会召开\n5月29日下午，市委常委会召开会议，听取深入贯彻中央八项规定精神学习教育情况汇报。",
        "2025-05-29",
    ),
    (
        "birth-anniversary",
        "常委会召开\n12月28日，市委常委会召开会议，传达学习纪念毛泽东同志诞辰130周年座谈会精神。",
        "2023-12-28",
    ),
    (
        "birth-anniversary-next-january",
        "常委会召开\n1月5日，市委常委会召开会议，传达学习纪念毛泽东同志诞辰130周年座谈会精神。",
        "2024-01-05",
    ),
    (
        "plan-closing-battle",
        "常委会召开\n5月29日，市委召开常委会议，要求为打好打赢“十四五”收官之战打下坚实基础。",
        "2025-05-29",
    ),
    (
        "plan-closing-ensured",
        "调度会召开\n10月9日晚，市长主持召开经济运行调度会，要求奋力实现“十三五”圆满收官。",
        "2020-10-09",
    ),
    ("plan-closed-looked-back", "人代会开幕\n3月2日上午，县人代会开幕。报告说，实现了“十二五”圆满收官。", "--03-02"),
    (
        "plan-start-prepared",
        "经济分析会召开\n12月8日，全市经济分析会召开，要求为实现“十五五”良好开局赢得主动、打好基础。",
        "2025-12-08",
    ),
    ("provincial-congress", "人代会开幕\n1月12日，河北省十一届人大三次会议在石家庄开幕。", "2010-01-12"),
    ("city-congress-not-province", "人代会开幕\n1月12日，吉林市第十七届人民代表大会第三次会议开幕。", "--01-12"),
]


@pytest.mark.parametrize("text, date", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_meeting_year(text, date):
    assert digest(text).date.value == date
