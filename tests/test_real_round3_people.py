"""Third round of people rules, drawn from the misses of the dev, held-out and fresh parts
(every sentence here is written for the tests; the names are made up)."""

from __future__ import annotations

import pytest

from generator.extract.people import assign_roles
from generator.model import Sentence


def _roles(*texts: str, headline: str | None = None) -> tuple[list[str], list[str], list[str]]:
    """Chairs, speakers and attendees (names) of a body of these sentences (and a headline); the
    later rounds' people tests use it too."""
    sentences = tuple(Sentence(i, i, t) for i, t in enumerate(texts))
    chairs, speakers, attendees = assign_roles(sentences, headline) if headline else assign_roles(sentences)
    return [p.name for p in chairs], [p.name for p in speakers], [p.name for p in attendees]


@pytest.mark.parametrize(
    "sentence, names",
    [
        # 就坐, the variant of 就座, makes a list present
        ("王立新、赵春明、钱海涛在主席台就坐。", ["王立新", "赵春明", "钱海涛"]),
        # 致辞 and 陪同: present at the meeting
        ("县委副书记、县长孙振华致辞。", ["孙振华"]),
        ("县委书记周文斌陪同参观。", ["周文斌"]),
        # a deputy head who 部署工作 at the meeting
        ("副县长郑明远部署工作。", ["郑明远"]),
        # 就…进行了说明 / 进行了强调: reporting at the meeting
        ("市委常委、组织部长吴光明就干部调整情况进行了说明。", ["吴光明"]),
        # a demand not numbered: speaking at the meeting (a numbered one makes a speaker)
        ("会上，县委书记冯志刚主持会议。副县长陈晓东对各部门提了具体要求。", ["陈晓东"]),
        # 作《…》的说明 with a long document title
        ("副市长褚建华作《关于加快推进城乡一体化发展实施方案（草案）》的说明。", ["褚建华"]),
        # 宣布 (大会开幕)
        ("市委书记卫国强宣布：大会开幕。", ["卫国强"]),
        # a scholar named by 教授 in a list of speakers
        ("市委宣传部部长蒋红梅，某某大学教授沈立言、韩慧先后发言。", ["蒋红梅", "沈立言", "韩慧"]),
        # 负责人 written before a name
        ("县委常委欧阳新民、县人民检察院负责人杨思远列席会议。", ["欧阳新民", "杨思远"]),
        # two bare names, then 等 and what they are, then the verb
        ("朱成林、秦晓峰等区委常委参加。", ["朱成林", "秦晓峰"]),
        # the names end at 等: what follows (等市委、市政府领导) is no name
        ("尤振华、许国庆、何东升、吕永康等市委、市人大、市政府领导出席会议。", ["尤振华", "许国庆", "何东升", "吕永康"]),
        # a sentence of nothing but officials (a verbless list of those present)
        ("副县长施建军、张志远、孔令华，县政府办公室主任曹文杰", ["施建军", "张志远", "孔令华", "曹文杰"]),
    ],
)
def test_attendees(sentence, names):
    _, _, attendees = _roles(sentence)
    assert sorted(attendees) == sorted(names)


@pytest.mark.parametrize(
    "texts, speakers",
    [
        # 代主席 is a post (代 + the post)
        (("自治区人民政府代主席严立国向大会作政府工作报告。",), ["严立国"]),
        # a numbered set of demands is the meeting's message
        (("街道办事处主任华立平主持会议。街道党工委书记金海峰立足工作实际，提出三点要求：一是…；二是…。",), ["金海峰"]),
        (("县委书记魏长青主持会议。魏长青就筹备工作提出了五点要求。",), ["魏长青"]),
        (("县水务局局长陶建平出席会议。陶建平就做好改革工作提三点希望。",), ["陶建平"]),
        # a bare name opening a sentence, then 代表…作工作报告
        (("张明远代表市政协常务委员会作工作报告。",), ["张明远"]),
        # nobody chairs or attends: the titled local officials whose words the report gives spoke there
        (("镇党委书记戚海洋强调，要把发展作为第一要务。", "镇党委副书记、镇长谢文博表示，要加快建设。"), ["戚海洋", "谢文博"]),
    ],
)
def test_speakers(texts, speakers):
    _, got, _ = _roles(*texts)
    assert sorted(got) == sorted(speakers)


@pytest.mark.parametrize(
    "sentence",
    [
        # a drafting note on the government's report is no main report
        "市委常委、常务副市长喻红军作《政府工作报告》起草说明。",
    ],
)
def test_no_speaker(sentence):
    _, speakers, attendees = _roles(sentence)
    assert speakers == [] and attendees != []


@pytest.mark.parametrize(
    "sentence, wrong",
    [
        # a leader relayed (…时的讲话精神) is cited, not present
        ("县长柏立群传达学习全省经济工作会议精神和省长苗振东参加代表团审议时的讲话精神。", "苗振东"),
        # places listed with a count after them are no people
        ("县经济开发区、李集、王店、张湾3乡镇负责人参加座谈会。", "王店"),
        ("县政府办、财政局负责人，刘庄、何集、高湾、陈桥四镇人大主席列席会议。", "何集"),
        # 和其他…, 干部, a title taken as a name
        ("县人大常委会副主任和其他列席人员参加会议。", "和其他"),
        ("副市长葛文涛，市人大各委室不是常委会组成人员的副处级以上领导干部列席会议。", "干部"),
        ("省委书记郝明远，全国人大、全国政协专委会领导蔡文华、梁国栋，省领导许志刚、陶文海在主席台就座。", "国人大"),
        # a person named inside a document's title is not present
        ("会议听取了《县人民法院副院长邵建平同志履职情况的报告》，县长严明主持会议并讲话。", "邵建平"),
    ],
)
def test_not_present(sentence, wrong):
    chairs, speakers, attendees = _roles(sentence)
    assert wrong not in chairs + speakers + attendees


def test_a_body_named_leading_group_is_no_post():
    """领导小组 is a body: the title runs on to its 组长 (and is not cut after 领导)."""
    chairs = assign_roles((Sentence(0, 0, "市委书记、市委专项工作领导小组组长邹志宏主持会议并讲话。"),))[0]
    assert [p.titles for p in chairs] == [("市委书记", "市委专项工作领导小组组长")]


def test_head_of_a_unit_written_before_the_name():
    """负责人 is a post before a name; never after one (3家企业负责人), and 述职/述廉 are no names."""
    _, _, attendees = _roles("县人民检察院负责人杨思远列席会议，3家企业负责人作交流发言，各部门主要负责人述纪述廉述作风报告。")
    assert attendees == ["杨思远"]


def test_a_count_of_places_drops_a_list_but_a_count_of_people_keeps_it():
    _, _, attendees = _roles(
        "县委常委会召开。刘春生、赵德明、陈建华、孙立平4名同志先后作研讨发言。",
        "县直单位、李集、王店、张湾3乡镇负责人参加座谈会。",
    )
    assert sorted(attendees) == sorted(["刘春生", "赵德明", "陈建华", "孙立平"])


def test_a_relaying_verb_in_the_clause_before_cites_nobody_after_a_comma():
    """传达 cites the names of its own clause only: 某某作传达，副主席甲、乙参加 lists people present."""
    _, _, attendees = _roles("省政协常务副主席许正平作传达，副主席吕红英、邱建新、戴国华参加会议。")
    assert sorted(attendees) == sorted(["许正平", "吕红英", "邱建新", "戴国华"])


def test_the_named_presenter_chairs():
    chairs, _, _ = _roles("大会主席团常务主席苏德胜、姜明海在主席台前排就座。", "上午9时，主持人苏德胜宣布大会开幕。")
    assert chairs == ["苏德胜"]


def test_national_official_seated_on_the_podium():
    """A national official seated on the podium is present; one only quoted is not."""
    _, _, attendees = _roles(
        "省委书记康建平传达全国政协主席邵明德的讲话。",
        "省委书记康建平，全国政协专委会领导顾晓梅、省领导任立新、尹长河在主席台就座。",
    )
    assert "顾晓梅" in attendees and "邵明德" not in attendees
