"""Round 6 rules for frameworks (numbered slogans), drawn only from classes of error seen in at least
two reports from different sites.

Every example sentence is written for this file; none is copied from a report. Each case of a rule
fails without the rule it names; the guard tests pin what the rule must not take.
"""

import pytest

from tests.test_real_round3_numbered import frameworks


# A count whose "noun" is a predicate word (实现, 优先 …) followed by a content word counts a noun
# further on: it names no package.
@pytest.mark.parametrize(
    "body",
    [
        "全区明确了五条实现路径，推动产业升级。",
        "三个优先发展的行业增长较快。",
        "我们探索出两条实现模式，效果明显。",
    ],
    ids=["tiao-shixian-lujing", "ge-youxian-fazhan", "tiao-shixian-moshi"],
)
def test_round6_count_of_later_noun(body):
    assert frameworks(body) == []


@pytest.mark.parametrize(
    "body, expected",
    [
        # 优先 opens the predicate after a counted package, as 加快 does
        ("五大产业优先发展，带动就业。", ["五大产业"]),
    ],
    ids=["youxian-ends-name"],
)
def test_round6_predicate_ends_name(body, expected):
    assert frameworks(body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("全省要实现三个率先。", ["三个率先"]),  # before punctuation the word is the package
        ("明确六个全面的要求。", ["六个全面"]),  # … and before a particle
        ("确保两个率先和三个全面。", ["两个率先", "三个全面"]),
    ],
    ids=["before-punct", "before-de", "before-he"],
)
def test_round6_guard_predicate_package(body, expected):
    assert frameworks(body) == expected
