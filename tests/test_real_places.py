"""The place of the meeting, rule by rule, on short reports written for these tests in the shapes
that real reports take (tests/real/): one case per class of error seen there."""

import pytest

from generator import gazetteer
from generator.extract import extract
from generator.extract.places import extract_place
from generator.model import Source
from generator.normalize import normalize


def report(text: str):
    return normalize(Source(name="t.txt", text=text, encoding="utf-8"))


def place_of(text: str) -> tuple:
    p = extract(report(text)).place
    return (p.province, p.city, p.county)


@pytest.mark.parametrize(
    "text, place",
    [
        # a municipality's own body: the municipality is its own city
        ("上海市人大常委会举行会议\n6月2日，上海市人大常委会举行会议，审议两项条例。", ("上海市", "上海市", None)),
        # 省委常委、州委书记: the higher post names no meeting body
        (
            "5月6日，省委常委、州委书记张某主持召开州委常委会会议。会议听取了工作汇报。会议要求，全力推动恩施高质量发展。",
            ("湖北省", "恩施土家族苗族自治州", None),
        ),
        # a dateline names where the reporter wrote
        ("本报杭州3月29日讯 省人大常委会第五次会议今天闭幕。会议审议通过了浙江省两项条例。", ("浙江省", None, None)),
        # 吴桂林 is a person, not 桂林
        (
            "市委全会召开\n9月15日，市委全会召开。市委书记张某讲话，市政协主席吴桂林出席。会议审议了有关文件。全会号召全市为马鞍山市发展努力。",
            ("安徽省", "马鞍山市", None),
        ),
        # 代县长 is an acting county head, not 代县
        (
            "县政府常务会议召开\n6月20日，县政府召开常务会议。县委副书记、代县长王某主持会议，研究黑山县乡村振兴工作。",
            ("辽宁省", "锦州市", "黑山县"),
        ),
        # 召开县委: 开 ends the word 召开, no 开县 (an old name) is meant
        ("全县经济工作会议召开\n3月1日，县委召开县委全会，部署浠水县全年工作。", ("湖北省", "黄冈市", "浠水县")),
        # 全面振兴 is no 振兴区; the short name 长白 counts where the text's province agrees
        (
            "县政府全体会议召开\n9月18日，县政府召开全体会议，奋力开创长白全面振兴新局面。会议传达了吉林省有关精神。全面振兴要抓落实。",
            ("吉林省", "白山市", "长白朝鲜族自治县"),
        ),
        # 龙湾水库, 友邻水库: a reservoir's name is no county's short name
        (
            "县政府常务会议召开\n县政府召开常务会议，研究龙湾水库和友邻水库建设。龙湾水库和友邻水库要加快推进。",
            (None, None, None),
        ),
        # a town's meeting is placed at its county: the only county with such a town
        ("朱家角镇召开党员大会\n5月8日，朱家角镇召开全体党员大会，部署全年工作。", ("上海市", "上海市", "青浦区")),
        # a town name shared by several counties: the county the text names decides
        (
            "5月8日，西塘镇召开全体党员大会，部署全年工作。会议要求，为嘉善发展作出贡献，争当嘉善排头兵。",
            ("浙江省", "嘉兴市", "嘉善县"),
        ),
        # 区委…举行 tells the meeting's level; 市委 in 贯彻市委…精神 is a higher body's
        (
            "为贯彻市委常委会扩大会议精神，3月17日，区委常委会扩大会议举行。会议要求，全力服务上海发展，推动杨浦高质量发展。杨浦要走在前列。",
            ("上海市", "上海市", "杨浦区"),
        ),
        # a first sentence is no headline: the city where a provincial meeting sat is no body
        ("4月1日，各地记者相聚南昌。当日上午，座谈会在南昌举行，省委副书记、省长张某出席。", ("江西省", None, None)),
        # a 地区 by its short name: 地委 and 行署 are its organs
        (
            "地委召开中心组学习会\n地委召开中心组学习会，行署领导出席。会议要求推动阿里高质量发展。阿里要走在前列。",
            ("西藏自治区", "阿里地区", None),
        ),
    ],
    ids=[
        "municipality-own-body",
        "senior-post",
        "dateline",
        "person-name",
        "acting-county-head",
        "word-before-county",
        "ordinary-word-alias",
        "feature-name",
        "town-unique",
        "town-shared",
        "meeting-clause-level",
        "first-sentence-venue",
        "area-short-name",
    ],
)
def test_place_rules(text, place):
    assert place_of(text) == place


@pytest.mark.parametrize(
    "text, place",
    [
        # an old name in text stays the meeting's name where the year is before the change
        ("户县县委召开全会\n2012年3月1日，户县县委召开全会。", ("陕西省", "西安市", "户县")),
        ("2010年5月1日，昌都地委召开会议，研究昌都发展。", ("西藏自治区", "昌都地区", None)),
        # today's name in a text of a year before the change: the name of that year
        ("2008年3月1日，襄阳市委召开常委会会议。", ("湖北省", "襄樊市", None)),
        # a county whose prefecture was renamed takes the prefecture's name of that year
        ("2008年3月1日，樊城区委召开常委会会议。", ("湖北省", "襄樊市", "樊城区")),
        # a unit merged into another is named by the one that took it over after the change
        ("2022年3月1日，萝岗区委召开常委会会议。", ("广东省", "广州市", "黄埔区")),
        ("2013年1月16日，萝岗区委召开全体会议。", ("广东省", "广州市", "萝岗区")),
    ],
    ids=["old-name-before", "area-before", "renamed-city-before", "renamed-parent", "merged-after", "merged-before"],
)
def test_names_as_of_the_meeting_year(text, place):
    assert place_of(text) == place


def test_the_callers_year_decides_the_name():
    r = report("鄠邑区委召开全会\n3月1日，鄠邑区委召开全会。")
    assert extract_place(r, "鄠邑区委召开全会", year=2012).county == "户县"
    assert extract_place(r, "鄠邑区委召开全会", year=2020).county == "鄠邑区"


@pytest.mark.parametrize(
    "old, year, new",
    [
        ("户县", 2017, "鄠邑区"),
        ("襄樊市", 2011, "襄阳市"),
        ("思茅市", 2008, "普洱市"),
        ("莱芜市", 2020, "济南市"),
        ("毕节地区", 2012, "毕节市"),
        ("海东地区", 2014, "海东市"),
        ("吐鲁番地区", 2016, "吐鲁番市"),
        ("哈密地区", 2017, "哈密市"),
    ],
)
def test_division_changes_map_old_names_forward(old, year, new):
    u = next(x for x in gazetteer.named(old) if x.until is not None)
    assert gazetteer.as_of(u, year).name == new
    assert gazetteer.as_of(u, u.until - 1).name == old


def test_division_tables_are_consistent():
    for ch in gazetteer.changes():
        assert any(u.province == ch.province for u in gazetteer.named(ch.new_name)), ch
    assert gazetteer.by_name()["阿里地区"].alias == "阿里"
    assert gazetteer.towns()["朱家角镇"][0].name == "青浦区"
