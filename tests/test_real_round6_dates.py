"""Round 6 rules for the meeting's day and place, each drawn from misses of several reports from
different sites, on short sentences written here (no report text)."""

import pytest

from generator.extract import extract
from generator.model import Source
from generator.normalize import normalize


def digest(text: str):
    return extract(normalize(Source(name="t.txt", text=text, encoding="utf-8")))


def _place(text: str) -> tuple:
    p = digest(text).place
    return (p.province, p.city, p.county)


MENU = (
    "".join(f"{w}\n" for w in ("主页", "本地要闻", "视听", "短视频", "直播间", "便民服务", "文旅", "图说"))
    + "要闻 民生 公告 专题 影像\n"
)
STORIES = "".join(f"◇ 本版第{n}篇稿件的标题\n" for n in "一二三四五六七八九")


@pytest.mark.parametrize(
    "text, day",
    [
        # the page's date line under a long site menu, past the header lines the clean-up reads
        (
            MENU + "某市第九届人民代表大会第二次会议开幕\n2030-01-16 来源：某某新闻网 编辑：甲某某\n"
            "某某新闻网1月16日讯（记者 甲某某）代表们齐聚一堂。1月16日上午，某市第九届人民代表大会第二次会议开幕。",
            "2030-01-16",
        ),
        # an e-paper page: the list of the day's stories above the page's date line
        (
            STORIES + "2030年2月28日 星期四 打印本页\n省政府召开全体会议\n"
            "本报某地2月27日讯 （记者 乙某某） 省政府第三次全体会议今天召开。省长丙某某出席会议并讲话。",
            "2030-02-27",
        ),
    ],
)
def test_round6_date_line_pushed_down(text, day):
    assert digest(text).date.value == day


@pytest.mark.parametrize(
    "text, place",
    [
        # a bare level word past the lead (a ranking in the 市) does not outweigh the county the lead names
        (
            "甲某某表示，这几年达拉特旗财政收入连年增长，来之不易。第一，要把握方向。"
            "达拉特旗要把资源优势变成发展优势。第二，要凝聚合力。第三，要敢于创新。"
            "达拉特旗多项指标在全市领先，要继续保持。",
            ("内蒙古自治区", "鄂尔多斯市", "达拉特旗"),
        ),
        # ... nor a byline's 某区政协 the prefecture whose meeting sat in that district
        (
            "5月8日，曲靖市基层民主议事经验交流会在沾益召开。主席甲某某、副主席乙某某到会。"
            "与会人员参观了两个村的议事室。甲某某充分肯定了这项工作。他就下一步工作谈了意见。"
            "（沾益区政协 丙某某）",
            ("云南省", "曲靖市", None),
        ),
        # the publisher a county-level city (its site's footer), a list of provinces relayed in the lead
        (
            "研究安全生产工作\n本报讯 3月15日上午，市长甲某某主持召开市政府第9次常务会议，学习领导同志同"
            "湖南、四川、重庆代表团代表座谈时的讲话精神，安排我市安全生产工作。\n"
            "乙某某、丙某某等副市长参加会议。\n"
            "版权所有©瑞金市人民政府网 主办单位：瑞金市人民政府办公室",
            ("江西省", "赣州市", "瑞金市"),
        ),
        # the county's short name only in the page's breadcrumbs
        (
            "您当前的位置：首页>城口要闻\n甲某某主持召开县政府第9次常务会议\n"
            "9月5日，县委副书记、县长甲某某主持召开县政府第9次常务会议。乙某某、丙某某等县领导参加。",
            ("重庆市", "重庆市", "城口县"),
        ),
    ],
)
def test_round6_place_rules(text, place):
    assert _place(text) == place


@pytest.mark.parametrize(
    "text, place",
    [
        # a clause past the lead that tells of the meeting (区委书记…主持会议) still gives its level
        (
            "开放之路越走越宽\n先行先试，敢闯敢干。要对标国际规则，服务上海发展大局。\n闯出新天地\n"
            "要拿出更多突破性举措。\n浦东新区开放工作推进会3月11日下午举行。"
            "市委常委、区委书记甲某某主持会议并讲话。",
            ("上海市", "上海市", "浦东新区"),
        ),
    ],
)
def test_round6_place_rules_keep(text, place):
    assert _place(text) == place
