"""Round 3 rules for the meeting day and place, each on short sentences written here (no report text)."""

import pytest

from generator.extract import extract
from generator.model import Source
from generator.normalize import normalize


def digest(text: str):
    return extract(normalize(Source(name="t.txt", text=text, encoding="utf-8")))


_END = (
    "{}\n"
    + "".join(f"{n}、全省一项指标达到{n}0%以上；\n" for n in range(1, 10))
    + "来源:某某电视台 2030.3.28\n版权所有：某某研究所"
)


# --- the meeting day ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, date",
    [
        # a space between a number and its unit
        ("县人代会开幕\n2030 年 3 月 15 日上午，县第五届人民代表大会第三次会议开幕。", "2030-03-15"),
        ("县人代会开幕\n3 月 15 日上午，县第五届人民代表大会第三次会议开幕。", "--03-15"),
        # 今天 / 昨日 after a news dateline count from the dateline's day, not the page's date
        ("区委召开常委会议\n2027-05-11 来源：某某日报\n某某日报5月9日讯（记者 某某）今天，区委召开常委会议。", "2027-05-09"),
        ("区委召开常委会议\n2027-05-11 来源：某某日报\n某某日报5月9日讯 昨日，区委召开常委会议。", "2027-05-08"),
        # …and in parentheses after a relative word
        ("县政府召开全体会议\n某某网讯 今天（3 月2日）上午，县政府召开全体会议。", "--03-02"),
        # no publication line: the date on the source line the clean-up put aside at the end
        (_END.format("从正在召开的省人大常委会会议上了解到，全省将加大投入。"), "2030-03-28"),
        (_END.format("3月27日，县委召开常委会议。"), "2030-03-27"),
        # a line broken inside the clause that tells of the meeting
        ("省里召开报告会\n发布时间：2029-04-30\n本报讯 1月22日下午，省委、\n省政府在省会举行形势报告会。", "2029-01-22"),
        # a kind of meeting named in the clause (大会, 推进会 …) makes its day the meeting's
        ("某街道开展述职评议\n为总结全年工作，某街道于2月20日组织开展社区书记述职评议大会。", "--02-20"),
        # nationwide campaigns date the meeting that relays them
        ("学习会召开\n4月30日，市委召开理论学习中心组学习会，推动党史学习教育走深走实。", "2021-04-30"),
        ("常委会召开\n8月2日，县委召开常委会议，部署学习贯彻习近平新时代中国特色社会主义思想主题教育。", "2023-08-02"),
        ("常委会召开\n7月9日，县委召开常委会议，研究“不忘初心、牢记使命”主题教育有关工作。", "2019-07-09"),
        ("常委会召开\n6月3日，县委召开常委会议，研究“三严三实”专题教育有关工作。", "2015-06-03"),
        # …but not a campaign long past whose results are kept up (巩固…成果)
        ("常委会召开\n6月3日，县委召开常委会议，研究巩固拓展党史学习教育成果有关工作。", "--06-03"),
        # the year a report reviews or plans
        ("县人代会开幕\n1月20日，县第五届人民代表大会第三次会议开幕。政府工作报告回顾了2030年工作。", "2031-01-20"),
        ("县人代会开幕\n1月20日，县第五届人民代表大会第三次会议开幕。报告提出了2031年工作总体要求。", "2031-01-20"),
        ("县人代会开幕\n1月20日，县第五届人民代表大会第三次会议开幕。2031年全县生产总值增长目标为7%左右。", "2031-01-20"),
        ("镇党代会召开\n12月21日，镇第九次党员代表大会第三次会议召开。报告对2030年镇党委各项工作进行全面总结。", "2030-12-21"),
    ],
    ids=[
        "spaced-year",
        "spaced-day",
        "dateline-today",
        "dateline-yesterday",
        "spaced-in-parenthesis",
        "source-line",
        "source-line-year",
        "broken-line",
        "meeting-noun",
        "campaign-2021",
        "campaign-2023",
        "campaign-2019",
        "campaign-2015",
        "campaign-kept-up",
        "review-huigu",
        "plan-requirements",
        "plan-growth-target",
        "review-december",
    ],
)
def test_meeting_day(text, date):
    assert digest(text).date.value == date


# --- the meeting place ----------------------------------------------------------------------
def _place(text: str) -> tuple:
    p = digest(text).place
    return (p.province, p.city, p.county)


@pytest.mark.parametrize(
    "text, place",
    [
        # 沛县县委: a name ending in its level word may repeat it before the organ
        ("徐州沛县县委召开常委会议\n3月2日，县委召开常委会议。", ("江苏省", "徐州市", "沛县")),
        # 江苏沭阳: a province's name run into a county's (short) name qualifies it
        ("江苏沭阳全力推进项目建设\n记者从全县项目建设推进会上获悉，全县将全力抓好项目。", ("江苏省", "宿迁市", "沭阳县")),
        # 沭阳召开…: a county's short name followed by 召开 is the headline's subject
        ("沭阳召开全县项目建设推进会\n3月2日，县长主持召开推进会，县委书记讲话。", ("江苏省", "宿迁市", "沭阳县")),
        # …but not the city a meeting sat in (在来凤召开)
        (
            "全州工业推进会在来凤召开\n9月6日，全州工业推进会在来凤召开。恩施州副州长出席。",
            ("湖北省", "恩施土家族苗族自治州", None),
        ),
        # a headline that is a site's banner (某某网) names no body
        (
            "温州网・某某新闻网 网络支持：某某传媒有限公司\n2027-01-05 来源：苍南县融媒体中心\n昨日，县第十届人民代表大会第三次会议开幕。",
            ("浙江省", "温州市", "苍南县"),
        ),
        # …while 网信办 is an office, not a site
        ("浙江网信办召开工作会议\n3月2日，省网信办召开全省网信工作会议。", ("浙江省", None, None)),
        # a place named as the body a national leader heard is not the meeting's
        (
            "省委常委会召开会议\n9月29日，省委常委会召开会议，传达学习习近平总书记在听取西藏自治区党委和政府工作汇报时的重要讲话精神。山东各级要抓好落实。",
            ("山东省", None, None),
        ),
        # a short name shared by a 县 and a 区: the text's own level word picks
        (
            "常委会召开\n3月17日，县委召开常委会议。会议要求，全县上下推动五华高质量发展，五华要走在前列。",
            ("广东省", "梅州市", "五华县"),
        ),
        (
            "常委会召开\n3月17日，区委召开常委会议。会议要求，全区上下推动五华高质量发展，五华要走在前列。",
            ("云南省", "昆明市", "五华区"),
        ),
        # a provincial meeting sat in a city of the province
        ("推进会召开\n全省经济工作调度推进会10月29日在太原召开。", ("山西省", None, None)),
        # a county named in a slogan (产业富县) of a province the text never names gives way to the county
        # the text names by its short name, in the province it names
        (
            "推进会召开\n9月6日，全州工业推进会在我县召开。湖北某公司负责人发言。推进会在宣恩召开，对宣恩是鼓舞，要坚持产业富县。",
            ("湖北省", "恩施土家族苗族自治州", None),
        ),
        # 市委常委、区委书记: the municipality's post is held besides the district's own
        (
            "推进会举行\n3月11日下午，重点工作推进会举行。\n市委常委、区委书记王某主持会议并强调，闵行区要走在前列。",
            ("上海市", "上海市", "闵行区"),
        ),
        # a 街道 that 于 some day held the meeting is placed at its county
        ("述职评议大会召开\n真新街道于2月20日召开社区书记述职评议大会。", ("上海市", "上海市", "嘉定区")),
    ],
    ids=[
        "doubled-level",
        "province-qualifies",
        "alias-convenes",
        "alias-venue-not",
        "site-banner",
        "site-office-not",
        "cited-body",
        "level-word-county",
        "level-word-district",
        "venue-province",
        "named-province",
        "senior-municipal-post",
        "town-yu",
    ],
)
def test_meeting_place(text, place):
    assert _place(text) == place
