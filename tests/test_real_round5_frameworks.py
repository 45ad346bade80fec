"""Round 5 rules for frameworks (numbered slogans), tasks (numbered series) and the headline choice
they depend on, drawn from the classes of error on the fresh3 reports.

Every example sentence is written for this file; none is copied from a report. Each case of a rule
fails without the rule it names; the guard tests pin what the rules must not take.
"""

import pytest

from generator.extract.frameworks import extract_frameworks
from generator.model import Source
from generator.normalize import normalize
from tests.test_real_round3_numbered import frameworks, tasks


def page(text: str):
    return normalize(Source(name="t.txt", text=text, encoding="utf-8"))


# --- frameworks ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, expected",
    [
        # a count right after a quoted list of as many parts names the list
        ("面对“成本上升、需求不足、信心偏弱”三重挑战，全县稳住了大局。", ["三重挑战"]),
        ("全面完成“清产核资、确权到户”两项改革，激发农村活力。", ["两项改革"]),
        # a verb quoted with the counted package it governs: the package is the name
        ("要以“深化五个改革”激发发展活力。", ["五个改革"]),
        ("全力“打好三大硬仗”，确保全年目标实现。", ["三大硬仗"]),
        # 条 counts a package as 个 and 件 do
        ("全县要守牢三条红线，确保安全发展。", ["三条红线"]),
    ],
    ids=["listed-count", "listed-count-xiang", "quoted-verb", "quoted-verb-da", "count-tiao"],
)
def test_round5_framework_found(body, expected):
    assert frameworks(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "二是第一书记、驻村队员作交流发言。",  # an ordinal item whose subject holds a rank (第一)
        "全镇要大干三年、苦干三年，实现产值翻番。",  # a compound of spans of time
    ],
    ids=["ordinal-and-rank", "spans-of-time"],
)
def test_round5_no_framework(body):
    assert frameworks(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "坚持“稳中求进、好中求快”八字要求，抓好各项工作。",  # the count is not the list's length
        "围绕“抓产业、抓项目、抓民生”三个方面部署工作。",  # a plain count of parts
        "县里出台了十条措施，支持企业发展。",  # 条 before a document: a plain count
    ],
    ids=["count-not-length", "listed-plain-count", "tiao-document"],
)
def test_round5_guard_no_framework(body):
    assert frameworks(body) == []


# --- headline ------------------------------------------------------------------------------
CAPTIONED = (
    "第3版：要闻\n"
    "坚决打好“四张王牌” 推动县域高质量发展\n"
    "奋力开创县域发展新局面\n"
    "县委书记王明远出席会议并讲话\n"
    "县长李青山主持会议\n"
    "3月5日，县委经济工作会议召开，会议总结了去年工作，部署了今年任务。\n"
)


def test_round5_photo_caption_is_no_headline():
    r = page(CAPTIONED)
    assert r.headline == "坚决打好“四张王牌”推动县域高质量发展"
    assert "县委书记王明远出席会议并讲话" in r.paragraphs  # a caption stays in the body, names and all


def test_round5_framework_in_headline_only():
    found = extract_frameworks(page(CAPTIONED))
    assert [(f.name, f.evidence) for f in found] == [("四张王牌", None)]  # no body sentence writes it


def test_round5_page_label_is_no_headline():
    r = page("第2版：综合新闻\n银湖镇圆满完成换届选举\n1月5日，银湖镇召开第三届人民代表大会第一次会议。\n")
    assert r.headline == "银湖镇圆满完成换届选举"


def test_round5_guard_headline_naming_the_meeting():
    # a headline that names the meeting it reports is kept, though it ends as a caption does
    r = page("县委召开常委会会议 研究部署春耕生产 王明远主持会议\n3月5日，县委召开常委会会议。\n")
    assert r.headline is not None and r.headline.startswith("县委召开常委会会议")


# --- tasks ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, expected",
    [
        # 一、 right after a colon or a comma opens a list as it does after a sentence's end
        ("会议要求：一、压实责任；二、强化督查；三、严肃问责。", ["压实责任", "强化督查", "严肃问责"]),
        ("会议要求，一、压实责任；二、强化督查；三、严肃问责。", ["压实责任", "强化督查", "严肃问责"]),
        # a first item run into its lead-in with 要, as 一是要 is
        ("县长强调一要压实责任。二要强化督查。三要严肃问责。", ["压实责任", "强化督查", "严肃问责"]),
        # 补短板 in the lead-in is a thing to do, not a list of problems
        (
            "要求按照“补短板、强弱项”的思路抓落实。一要补短板，抓好基础。二要强弱项，抓好产业。",
            ["补短板，抓好基础", "强弱项，抓好产业"],
        ),
        # a lone first item cut off by the end of the text, whose ordinal says 要
        ("县委书记作了讲话。一是要深刻认识整治提升的意义，统筹", ["深刻认识整治提升的意义，统筹"]),
    ],
    ids=["dun-after-colon", "dun-after-comma", "inline-yi-yao", "remedy-lead", "cut-with-yao"],
)
def test_round5_tasks(body, expected):
    assert tasks(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "坚持发展第一要务，二要抓好安全。三要抓好民生。",  # 第一要务 is no first item
        "全县统一要求，二要抓好安全。三要抓好民生。",  # nor is 统一要求
        "县委书记作了讲话。一是深刻认识整治提升的意义，统筹",  # a cut item without 要 needs a lead-in
    ],
    ids=["first-priority", "unified-requirement", "cut-without-yao"],
)
def test_round5_guard_no_tasks(body):
    assert tasks(body) == []
