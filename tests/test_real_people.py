"""People rules drawn from the classes of error seen on real reports (tests/real/), each shown on
short sentences written for this file (the real reports' own text is never copied here)."""

from __future__ import annotations

import importlib.util
import re
from importlib import resources
from pathlib import Path

import pytest

from generator.extract.people import assign_roles, surnames
from generator.model import Sentence

ROOT = Path(__file__).resolve().parent.parent


def roles(text: str) -> tuple[set[str], set[str], set[str]]:
    """(chairs, speakers, attendees) of a short report, one sentence per 。 or line."""
    parts = [p for p in re.split(r"(?<=。)|\n", text) if p.strip()]
    sentences = tuple(Sentence(i, 0, p.strip()) for i, p in enumerate(parts))
    chairs, speakers, attendees = assign_roles(sentences)
    return {p.name for p in chairs}, {p.name for p in speakers}, {p.name for p in attendees}


CASES = [
    # a free-form organization never swallows a name and its verb
    ("organ_stops_at_verb", "县委书记赵一鸣主持召开县委常委（扩大）会议，研究近期工作。", {"赵一鸣"}, None, None),
    # a bare 副主席 after a titled person of the same sentence shares that person's organ
    (
        "bare_post_after_titled",
        "市政协主席钱文博，副主席孙立新、李建华、周海涛在主席台就座。",
        None,
        None,
        {"钱文博", "孙立新", "李建华", "周海涛"},
    ),
    # bare names listed with 、 and a presence verb
    (
        "bare_list",
        "县长冯晓东主持会议，陈立群、褚建国、卫明辉等在主席台前排就座。",
        {"冯晓东"},
        None,
        {"陈立群", "褚建国", "卫明辉"},
    ),
    (
        "bare_list_with_ji",
        "方立新、任国强、袁志明及范文斌等在主席台前排就座。",
        None,
        None,
        {"方立新", "任国强", "袁志明", "范文斌"},
    ),
    ("two_bare_names_then_verb", "县长冯晓东主持会议。蒋文华、沈志远出席会议。", None, None, {"蒋文华", "沈志远"}),
    # a list introduced as present by the clause before it
    (
        "list_after_lead",
        "在主席台就座的还有：蒋文华、沈志远、韩立新等县领导，以及各部门负责同志。",
        None,
        None,
        {"蒋文华", "沈志远", "韩立新"},
    ),
    (
        "list_after_lead_no_colon",
        "在主席台就座的还有蒋文华、沈志远、韩立新等县领导。",
        None,
        None,
        {"蒋文华", "沈志远", "韩立新"},
    ),
    ("list_with_censored_item", "大会的执行主席是：章立群、卜文涛、王*、史国华。", None, None, {"章立群", "卜文涛", "史国华"}),
    # a bare name quoted later with its role, after a list made it present
    (
        "list_then_bare_chair",
        "大会的执行主席是：章立群、卜文涛、史国华。\n章立群主持大会。",
        {"章立群"},
        None,
        {"卜文涛", "史国华"},
    ),
    # a name written before its post
    ("name_before_post", "会议由许志明主席主持。", {"许志明"}, None, None),
    ("name_before_post_at_start", "9月5日，何建军县长主持召开县政府常务会议。", {"何建军"}, None, None),
    ("organ_name_post", "副市长朱立新主持会议，市政府严国栋秘书长参加了会议。", {"朱立新"}, None, {"严国栋"}),
    # 和 closing a given name
    ("he_in_name", "省委常委、秘书长吕永和等省领导出席会议。", None, None, {"吕永和"}),
    # a Politburo member who is a province's secretary is no national leader quoted from afar
    ("politburo_local", "中共中央政治局委员、自治区党委书记施国华主持会议并讲话。", {"施国华"}, {"施国华"}, None),
    # the meeting's main report
    ("government_report", "县长张德明代表县人民政府向大会作政府工作报告。", None, {"张德明"}, None),
    ("report_entrusted", "市委书记曹文军受市委常委会委托，向全会作工作报告。", None, {"曹文军"}, None),
    ("report_titled", "镇党委书记严立新代表镇党委向大会作题为《团结奋进，再创新绩》的报告。", None, {"严立新"}, None),
    ("report_given_by", "大会听取了由县长韩卫东所作的《政府工作报告》。", None, {"韩卫东"}, None),
    ("report_on_behalf_after_chair", "市委书记孔庆华主持会议并代表市委常委会报告工作。", {"孔庆华"}, {"孔庆华"}, None),
    # a report on one agenda item is reporting: an attendee (审计工作报告 holds no 作报告)
    (
        "agenda_item_report",
        "会议听取了区审计局局长王春来受区政府委托所作的关于区级预算执行的审计工作报告。",
        None,
        set(),
        {"王春来"},
    ),
    (
        "agenda_item_report_de",
        "会议听取了市人大财经委主任委员上官立作的关于预算调整方案审查结果的报告。",
        None,
        set(),
        {"上官立"},
    ),
    # the meeting's message, given at the meeting
    ("said_at_meeting", "市委书记华建中在会上强调，要抓好安全生产。", None, {"华建中"}, None),
    ("said_at_named_meeting", "在全市经济工作会议上，市委书记魏国栋说，今年经济运行平稳。", None, {"魏国栋"}, None),
    ("relayed_not_said_here", "会上，市长叶文清传达了全省大会精神。省委书记金永昌在大会上指出，要加快发展。", None, set(), None),
    # a chair's own 指出 after a titled mention; an attendee's closing 要求; 他强调
    (
        "chair_points_out_titled",
        "县委副书记、县长陶志刚主持会议。\n县委副书记、县长陶志刚指出，要做好防汛工作。",
        {"陶志刚"},
        {"陶志刚"},
        None,
    ),
    (
        "attendee_requires",
        "县委书记姜立军出席会议，副县长谢文涛主持会议。\n最后，县委书记姜立军要求各部门抓好落实。",
        {"谢文涛"},
        {"姜立军"},
        None,
    ),
    ("pronoun", "县委书记邹建明主持召开县委常委会议。\n他强调，要抓好秋收工作。", {"邹建明"}, {"邹建明"}, None),
    ("chair_and_review", "市委书记金立民主持并点评，市长章国华参加。", {"金立民"}, {"金立民"}, {"章国华"}),
    # a sub-headline: names glued, roles split by a space
    (
        "subheadline",
        "柏文华水建平出席 喻国强主持并讲话\n市委书记柏文华、市长水建平出席会议，市政协主席喻国强主持会议。",
        {"喻国强"},
        {"喻国强"},
        {"柏文华", "水建平"},
    ),
    # leading a visiting group is being present
    ("leads_a_group", "省督查组组长韦立国率督查组来我市督查工作，并召开座谈会。", None, None, {"韦立国"}),
    # posts: short department heads, democratic parties' heads, standing, assistants
    ("short_department_post", "区委常委、组织部长包文辉出席会议。", None, None, {"包文辉"}),
    ("party_heads", "民盟市委主委鲁志红、无党派人士代表韦晓东先后发言。", None, None, {"鲁志红", "韦晓东"}),
    ("assistant", "会议听取了区长助理殷春来关于上半年经济运行情况的通报。", None, None, {"殷春来"}),
    ("invited", "县人大常委会副主任强立业、县政协副主席邬文斌应邀出席会议。", None, None, {"强立业", "邬文斌"}),
]


@pytest.mark.parametrize("text, chairs, speakers, attendees", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_roles(text, chairs, speakers, attendees):
    got = roles(text)
    for want, have in zip((chairs, speakers, attendees), got, strict=True):
        if want is not None:
            assert have == want if not want else want <= have, (want, got)


NOBODY = [
    # elected, not present
    ("elected_list", "大会选举杨光明、朱建平、秦国庆为常务委员会委员。"),
    # 应邀 is no name after 政协委员
    ("invited_is_no_name", "部分市人大代表、政协委员应邀出席会议。"),
    # 主席团 is a body: no name after 主席
    ("presidium", "会议听取了2024年镇人大主席团工作报告。"),
    # a list of organs is no list of names
    ("organ_list", "区委、区政府、区政协、区法院等单位负责同志出席会议。"),
    # reporters are no attendees
    ("reporters", "本报记者杨立新、冯国栋、朱晓明报道。"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOBODY], ids=[c[0] for c in NOBODY])
def test_nobody(text):
    assert roles(text) == (set(), set(), set())


def test_surnames_come_from_the_data_file():
    text = resources.files("generator").joinpath("data", "surnames.txt").read_text(encoding="utf-8")
    listed = {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    one, two = surnames()
    assert {"王", "欧阳", "司马"} <= listed
    assert listed <= one | two
    assert "释" in one  # vocab/surnames_extra.txt adds to it


def test_refresh_surnames_reads_both_tables():
    spec = importlib.util.spec_from_file_location("refresh_surnames", ROOT / "scripts" / "refresh_surnames.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    source = (
        'SINGLE_CHINESE_FAMILY_NAME = "王李谢"\nSINGLE_CHINESE_FAMILY_NAME = "王李"\nTWO_CHAR_CHINESE_FAMILY_NAME = "欧阳|司马"\n'
    )
    assert mod.read_tables(source) == (["李", "王", "谢"], ["司马", "欧阳"])
