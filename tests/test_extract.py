"""Stage 3, field by field, on short reports in the shapes real reports take."""

import pytest

from generator.extract import extract
from generator.model import Source
from generator.normalize import normalize


def digest(text: str, name: str = "t.txt"):
    return extract(normalize(Source(name=name, text=text, encoding="utf-8")))


def names(people):
    return [p.name for p in people]


# --- people -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, chairs, speakers, attendees",
    [
        (
            "市委常委会召开会议\n3月5日，市委书记张建国主持会议并讲话。市委副书记、市长李红梅，市人大常委会主任王强出席会议。",
            ["张建国"],
            ["张建国"],
            ["李红梅", "王强"],
        ),
        (
            "全区大会召开\n区长刘忠主持会议，区委书记王志杰出席并讲话。区人大常委会主任李景耀，区政协主席杜海波参加。",
            ["刘忠"],
            ["王志杰"],
            ["李景耀", "杜海波"],
        ),
        (
            "县委常委会召开\n县委书记欧阳振华主持会议。县委副书记、代县长司马青作说明。县委常委列席会议。",
            ["欧阳振华"],
            [],
            ["司马青"],
        ),
        (
            "自治区党委常委会召开\n自治区党委书记马兴瑞主持会议。自治区副主席阿不都热合曼·买买提列席会议。",
            ["马兴瑞"],
            [],
            ["阿不都热合曼·买买提"],
        ),
        (
            "区委常委会召开\n区委书记格桑扎西主持会议并讲话。区委副书记、区长旦增尼玛出席。",
            ["格桑扎西"],
            ["格桑扎西"],
            ["旦增尼玛"],
        ),
        ("会议召开\n会议由市委副书记、市长何平主持。市委书记罗增斌出席会议并作重要讲话。", ["何平"], ["罗增斌"], []),
    ],
    ids=["chair-speaks", "chair-ne-speaker", "compound-surname", "middle-dot", "tibetan", "you-zhuchi"],
)
def test_roles(text, chairs, speakers, attendees):
    d = digest(text)
    assert names(d.chairs) == chairs
    assert names(d.speakers) == speakers
    assert sorted(names(d.attendees)) == sorted(attendees)


def test_titles_are_split_at_the_enumeration_comma():
    d = digest("会议召开\n省委常委、成都市委书记施小琳主持会议并讲话。")
    assert d.chairs[0].titles == ("省委常委", "成都市委书记")


@pytest.mark.parametrize(
    "text, not_attendee",
    [
        ("会议召开\n（记者 吴芳 程淇）2月19日，区委书记王志杰主持会议。编辑：雷舸 责任编辑：张三", "吴芳"),
        ("会议召开\n会议传达学习了省委书记王晓晖在省委工作会议上的讲话精神，区委副书记刘晟出席。", "王晓晖"),
        ("会议召开\n要全面领会省委书记王晓晖在省委工作会议上的讲话精神。市长王凤朝出席会议。", "王晓晖"),
        ("会议召开\n会议深入学习贯彻习近平总书记重要讲话精神。市委书记李明主持。", "习近平"),
    ],
    ids=["reporter", "relayed", "cited", "quoted"],
)
def test_people_only_quoted_or_credited_are_not_attendees(text, not_attendee):
    d = digest(text)
    assert not_attendee not in names(d.attendees) + names(d.chairs) + names(d.speakers)


def test_common_words_tagged_as_names_are_not_people():
    d = digest("会议召开\n要坚持惠民生，绘好蓝图。市委书记张三出席会议。")
    assert names(d.attendees) == ["张三"]


# --- dates ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, date, basis",
    [
        ("会议召开\n2023年12月17日，市委常委会召开会议。", "2023-12-17", "stated"),
        ("会议召开\n二〇二三年十二月十七日，县委召开全会。", "2023-12-17", "stated"),
        ("会议召开\n2024-02-20 02:03:38来源：某某融媒体中心\n2月19日，区推进会召开。", "2024-02-19", "stated"),
        ("会议召开\n2024-01-03 09:00 来源：某某日报\n12月28日，市委常委会召开会议。", "2023-12-28", "stated"),
        ("会议召开\n2024-01-03 来源：某某日报\n近日，市委常委会召开会议。", "2024-01-03", "published"),
        ("会议召开\n7月27日，市委工作会议召开，以实际行动迎接党的二十大胜利召开。", "2022-07-27", "inferred"),
        ("会议召开\n12月17日，省委常委会召开会议。", "--12-17", "unknown"),
        ("会议召开\n市委常委会召开会议。", None, "unknown"),
    ],
    ids=["full", "chinese-numerals", "pub-line", "pub-next-year", "recent", "inferred", "no-year", "no-day"],
)
def test_dates(text, date, basis):
    d = digest(text)
    assert (d.date.value, d.date.basis) == (date, basis)


def test_the_current_year_is_never_assumed():
    import datetime

    d = digest("会议召开\n3月1日，县委召开会议。")
    assert not d.date.value.startswith(str(datetime.date.today().year))


# --- places --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, place",
    [
        (
            "长安区委召开务虚会\n1月4日，长安区委召开会议。要支持与曲江新区合作共建西安杜陵遗址保护区。",
            ("陕西省", "西安市", "长安区"),
        ),
        ("长安区委召开务虚会\n1月4日，长安区委召开会议，深入贯彻石家庄市委全会精神。", ("河北省", "石家庄市", "长安区")),
        ("涪陵区推进会召开\n2月19日，涪陵区召开推进会，深入贯彻重庆市委部署。", ("重庆市", "重庆市", "涪陵区")),
        ("全市城乡提升大会召开\n8月29日，全市大会召开。要加快巴中振兴发展，推动巴州区、平昌县发展。", ("四川省", "巴中市", None)),
        ("省委常委会召开会议\n省委常委会召开会议，研究四川省经济工作。", ("四川省", None, None)),
    ],
    ids=["changan-xian", "changan-shijiazhuang", "municipality-district", "quan-shi", "province"],
)
def test_places(text, place):
    p = digest(text).place
    assert (p.province, p.city, p.county) == place


# --- tasks ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, first, count",
    [
        ("会议强调，一要加强基层治理。二要推动区域协调。三要壮大特色产业。", "加强基层治理", 3),
        ("会议要求：一是要全力抓好项目建设；二是要优化营商环境；三是要保障民生。", "全力抓好项目建设", 3),
        ("会议指出，第一，坚持创新驱动。第二，坚持绿色发展。", "坚持创新驱动", 2),
        ("会议强调\n（一）强化党建引领。要如何如何。\n（二）推动产业升级。\n（三）改善民生福祉。", "强化党建引领", 3),
        ("会议部署\n1.抓好春耕生产。\n2.抓好森林防火。", "抓好春耕生产", 2),
        ("会议强调，首先，要提高站位。其次，要压实责任。最后，要强化督导。", "提高站位", 3),
    ],
    ids=["yi-yao", "yi-shi", "di-yi", "paren", "digit", "shouxian"],
)
def test_numbered_tasks(body, first, count):
    d = digest("会议召开\n" + body)
    assert len(d.tasks) == count
    assert d.tasks[0].text.startswith(first)
    assert [t.n for t in d.tasks] == list(range(1, count + 1))


def test_unnumbered_report_has_no_tasks():
    d = digest("会议召开\n会议要求，要统一思想，要压实责任，要狠抓落实。统一是前提。")
    assert d.tasks == ()


# --- targets -------------------------------------------------------------------------------
def test_targets_sharing_one_year():
    d = digest(
        "会议召开\n2023年12月17日，市委召开全会。力争2024年，地区生产总值增长8%左右，规上工业增加值增长10%以上、城镇化率达到45%以上。"
    )
    got = {(t.year, t.indicator, t.value) for t in d.targets}
    assert got == {
        (2024, "地区生产总值", "增长8%左右"),
        (2024, "规上工业增加值", "增长10%以上"),
        (2024, "城镇化率", "达到45%以上"),
    }


def test_several_years_in_one_sentence_and_counts():
    d = digest(
        "会议召开\n2023年5月1日，县委召开会议。到2025年，建成特色小镇40个、省级重点镇12个，到2027年，地区生产总值突破200亿元。"
    )
    got = {(t.year, t.value) for t in d.targets}
    assert got == {(2025, "40个"), (2025, "12个"), (2027, "突破200亿元")}


def test_past_results_are_not_targets():
    d = digest("会议召开\n2024年1月5日，市委召开会议。2023年，全市地区生产总值同比增长5.2%。去年完成投资100亿元。")
    assert d.targets == ()


def test_this_year_is_null_when_the_meeting_year_is_unknown():
    known = digest("会议召开\n2024年2月1日，市政府召开会议。今年全市地区生产总值力争增长6%左右。")
    unknown = digest("会议召开\n2月1日，市政府召开会议。今年全市地区生产总值力争增长6%左右。")
    assert [(t.year, t.value) for t in known.targets] == [(2024, "增长6%左右")]
    assert [(t.year, t.value) for t in unknown.targets] == [(None, "增长6%左右")]  # listed, year null (schema)


# --- frameworks ----------------------------------------------------------------------------
def test_frameworks_are_canonical():
    d = digest(
        "会议召开\n坚定捍卫“两个确立”，聚力“4个创建”，科学提出“22445”总体思路，构建“3+4”产业体系，融入“一干多支、五区协同”新格局，推进“產業提質年”。"
    )
    assert [f.name for f in d.frameworks] == ["两个确立", "四个创建", "22445", "3+4", "一干多支、五区协同"]


def test_quoted_phrases_without_numerals_or_with_events_are_not_frameworks():
    d = digest("会议召开\n深化“放管服”改革，建设“无废城市”，学习“党的二十大精神”，过好“五一”假期。")
    assert d.frameworks == ()


def test_unquoted_glossary_framework():
    d = digest("会议召开\n深刻领悟两个确立的决定性意义。")
    assert [f.name for f in d.frameworks] == ["两个确立"]


# --- title ---------------------------------------------------------------------------------
def test_title_built_from_first_sentence_when_there_is_no_headline():
    d = digest("7月27日，成都市委工作会议召开，深入学习贯彻有关精神，坚定信心决心。省委常委施小琳主持会议。")
    assert d.title == "成都市委工作会议召开"


def test_national_leaders_with_titles_are_cited_not_present():
    d = digest("会议召开\n会议传达中共中央总书记、国家主席、中央军委主席习近平重要讲话精神。市委书记李明出席会议。")
    assert names(d.attendees) == ["李明"]


def test_day_only_lead_takes_month_and_year_from_a_closing_dateline():
    d = digest("项目推进会召开\n8日上午，旗委召开重点项目建设推进会。旗委书记巴特尔主持会议并讲话。\n（2024年5月8日）")
    assert (d.date.value, d.date.basis) == ("2024-05-08", "stated")


@pytest.mark.parametrize("headline", ["、,市书记㐀㐀", "张某，、李某，王某出席", "，、"])
def test_comma_groups_with_an_empty_word_are_no_names(headline):
    """A comma group that opens or closes with 、 holds an empty word (found by the property test
    tests/test_property.py): it is no group of names, and reading it raises nothing."""
    d = extract(normalize(Source("x.txt", f"{headline}\n8月1日，县委书记张某主持召开会议。", "utf-8")))
    assert all(p.name for p in (*d.chairs, *d.speakers, *d.attendees))
