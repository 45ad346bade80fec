"""Round 4 rules for the meeting's place, each on short sentences written here (no report text)."""

import pytest

from generator import gazetteer
from generator.extract import extract
from generator.model import Source
from generator.normalize import normalize


def _place(text: str) -> tuple:
    p = extract(normalize(Source(name="t.txt", text=text, encoding="utf-8"))).place
    return (p.province, p.city, p.county)


@pytest.mark.parametrize(
    "text, place",
    [
        # 州委 is an autonomous prefecture's: a municipality named in a slogan is not the body
        (
            "3月5日，州委常委会召开会议。会议强调，要聚焦发展主线。州委书记王某某主持会议。"
            "会议要求，始终做到心向上海，扎实做好怒江各项工作。",
            ("云南省", "怒江傈僳族自治州", None),
        ),
        # a title chain (市委常委、某新区工委书记、某区委书记): the district's own post decides the level
        (
            "本报讯 4月2日下午，市委常委、高新区工委书记、江北区委书记李某某主持召开中共宁波市江北区委常委会会议，"
            "研究部署重点工作。",
            ("浙江省", "宁波市", "江北区"),
        ),
        # 市委常委、某市委书记 attending: the county-level city is the person's, the bare 市 the prefecture
        (
            "市委书记赵某某出席会议并讲话。市委副书记、市长钱某某出席会议。"
            "市委常委、常务副市长孙某某，市委常委、迁安市委书记李某某出席会议。会议由孙某某主持。"
            "主会场设在唐山高新区，各县（市、区）设分会场。",
            ("河北省", "唐山市", None),
        ),
        # 传达某市委…精神: the relayed prefecture is a higher body; the 市委 that met is its county-level city
        (
            "5月20日，市委召开常委会议，传达省委、绍兴市委有关会议精神。市委书记周某某主持会议并讲话。"
            "会议要求，结合诸暨实际，推进诸暨城市建设。",
            ("浙江省", "绍兴市", "诸暨市"),
        ),
        # a banner named without 旗 (准格尔 for 准格尔旗, whose short name is 准旗)
        (
            "旗委常委会召开\n9月1日，旗委常委会召开会议。旗委书记刘某某主持会议。"
            "会议强调，要在推动内蒙古高质量发展中贡献准格尔力量。",
            ("内蒙古自治区", "鄂尔多斯市", "准格尔旗"),
        ),
        # 2030年泉州: the 年 of a year is no surname before a short place name
        (
            "政府工作报告提出：2030年泉州经济社会发展预期目标\n本网讯 代市长吴某某昨日在政府工作报告中提出今年的预期目标。",
            ("福建省", "泉州市", None),
        ),
        # a county's text that names no other place names its county once
        (
            "县政府召开常务会议\n6月1日，县政府召开第三次常务会议。代县长郑某某主持会议。"
            "会议指出，规划工作决定彰武未来发展空间。",
            ("辽宁省", "阜新市", "彰武县"),
        ),
        # …and a 市委 whose text names only a county-level city (新某某) is that city's
        (
            "市委常委会议召开\n20日，市委书记冯某某主持召开市委常委会议。会议要求，为建设新溧阳贡献力量。",
            ("江苏省", "常州市", "溧阳市"),
        ),
        # names that changed: the unit as it was named in the meeting's year (县改区 of 2013, a merger of 2012)
        ("县委召开常委会议\n2011年3月5日，绍兴县委召开常委会议。", ("浙江省", "绍兴市", "绍兴县")),
        ("区委召开常委会议\n2016年3月5日，柯桥区委召开常委会议。", ("浙江省", "绍兴市", "柯桥区")),
        ("市委召开常委会议\n2010年3月5日，胶南市委召开常委会议。", ("山东省", "青岛市", "胶南市")),
        ("县委召开常委会议\n2008年3月5日，郫县县委召开常委会议。", ("四川省", "成都市", "郫县")),
    ],
    ids=[
        "autonomous-prefecture-word",
        "title-chain-senior-post",
        "subordinate-county-city",
        "relayed-prefecture",
        "banner-stem",
        "year-before-name",
        "sole-county-name",
        "sole-county-city-name",
        "renamed-county-old-year",
        "renamed-county-new-year",
        "merged-city-old-year",
        "renamed-county-short-name",
    ],
)
def test_round4_place_rules(text, place):
    assert _place(text) == place


@pytest.mark.parametrize(
    "text, place",
    [
        # a prefecture's meeting that sat in a county-level city stays the prefecture's
        ("全市推进会召开\n3月1日，全市工业推进会在溧阳召开。市委书记何某某出席会议并讲话。", ("江苏省", "常州市", None)),
        # a county that relays its prefecture's decisions is still the county
        (
            "县委常委会召开\n5月3日，县委常委会召开会议，传达学习衢州市委全会精神。县委书记方某某主持。会议要求，推动开化发展。",
            ("浙江省", "衢州市", "开化县"),
        ),
    ],
    ids=["venue-county-city", "county-relays-prefecture"],
)
def test_round4_place_rules_keep(text, place):
    assert _place(text) == place


@pytest.mark.parametrize(
    "old, year, new",
    [("绍兴县", 2014, "柯桥区"), ("胶南市", 2013, "黄岛区"), ("陕县", 2016, "陕州区"), ("米林县", 2024, "米林市")],
)
def test_round4_division_changes(old, year, new):
    (u,) = gazetteer.named(old)
    assert gazetteer.as_of(u, year).name == new
    assert gazetteer.as_of(u, year - 2).name == old
