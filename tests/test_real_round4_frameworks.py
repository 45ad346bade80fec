"""Round 4 rules for frameworks (numbered slogans) and tasks (numbered series), drawn from classes of
error on the real-report set (fresh2 and the dev2 reports collected for this round).

Every example sentence is written for this file; none is copied from a report. Each case of a rule
fails without the rule it names; the guard tests pin what the rules must not take.
"""

import pytest

from tests.test_real_round3_numbered import frameworks, tasks


# --- frameworks ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, expected",
    [
        # quote entities a page's converter spelled in CJK characters, and a formal numeral (叁)
        ("会议要求，加快构建&濒诲辩耻辞;两屏叁带&谤诲辩耻辞;生态格局。", ["两屏三带"]),
        # a quoted “一个…” beside a counted name in the same enumeration
        ("全镇围绕“一个目标”、“三个抓手”部署全年工作。", ["一个目标", "三个抓手"]),
        # a quoted list too long for one name: its counted parts
        (
            "今后五年的总体要求是：“两个提升、三个突破、五个着力、一个全面达标”。",
            ["两个提升", "三个突破", "五个着力", "一个全面达标"],
        ),
        # three-character parts opening with one numeral, unquoted
        ("各村要做到三同步、三到位、三落实，确保工作见效。", ["三同步、三到位、三落实"]),
        # 发展 before the head noun belongs to the name
        ("全力推进四大片区发展战略落地。", ["四大片区发展战略"]),
        # a national slogan the glossary knows, unquoted
        ("会议要求持续纠治四风问题。", ["四风"]),
    ],
    ids=[
        "entity-quotes",
        "one-beside-counted",
        "long-quoted-list",
        "same-numeral-list",
        "development-head",
        "glossary-four-winds",
    ],
)
def test_round4_framework_found(body, expected):
    assert frameworks(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "对排查出的问题要“举一反三”，及时整改。",  # a quoted idiom with its numeral inside
        "全年增速比计划高出零点五个百分点。",  # a quantity in Chinese numerals with 点
        "与会人员学习了读本的五至九章。",  # a span of chapters
        "积极推动三家企业在“新三板”挂牌。",  # a market's name
        "确保脱贫路上“一个都不能少”。",  # a quoted 一个… with no counted name beside it
    ],
    ids=["quoted-idiom", "cn-decimal-quantity", "chapter-span", "market-name", "lone-one"],
)
def test_round4_no_framework(body):
    assert frameworks(body) == []


# --- tasks ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body, expected",
    [
        (  # 首先 … 第二 … 第三: one series of two families; the list inside its first item makes it a task list
            "书记指出，首先，必须提高认识。一是要把安全放在首位，二是要压实各级责任。第二，必须强化落实。第三，必须改进作风。",
            ["必须提高认识", "把安全放在首位", "压实各级责任", "必须强化落实", "必须改进作风"],
        ),
        (  # a first item run into its lead-in, with no mark before it
            "会上强调，老旧小区改造一是要摸清底数；二是要广泛征求意见；三是要严格组织验收。",
            ["摸清底数", "广泛征求意见", "严格组织验收"],
        ),
    ],
    ids=["first-then-second", "inline-first-item"],
)
def test_round4_task_rules(body, expected):
    got = tasks(body)
    assert len(got) == len(expected), got
    assert all(g.startswith(e) for g, e in zip(got, expected, strict=True)), got


def test_round4_unified_is_no_first_item():
    """统一是要… is a word, not 一是要: no series starts there."""
    assert tasks("会议认为，各方意见统一是要靠充分沟通的；二是要看到分歧仍然存在。") == []
