"""Stage 2: clean text; real page debris goes, headline, publication line and body stay."""

import pytest

from generator.model import Source
from generator.normalize import normalize, normalize_chars
from generator.read import read_file
from tests.conftest import SEEDS


def _report(text: str):
    return normalize(Source(name="t.txt", text=text, encoding="utf-8"))


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("城鄉(xiāng)提升和縣(xiàn)域經(jīng)濟", "城乡提升和县域经济"),
        ("川陜革命老區", "川陕革命老区"),
        ("２０２３年１２月１７日，增长８％左右", "2023年12月17日，增长8%左右"),
        ("全会认为, 市委常委会", "全会认为，市委常委会"),
        ("Pelican(TOD)项目", "Pelican（TOD）项目"),
        ("一是抓项目﹔二是抓招商﹐抓服务﹑抓环境", "一是抓项目；二是抓招商，抓服务、抓环境"),  # small form variants
    ],
)
def test_characters(raw, clean):
    assert normalize_chars(raw) == clean


def test_debris_lines_go_and_body_stays():
    text = (
        "网站首页 > 资讯频道 > 正文阅读\n某某县召开推进会\n【字体：大 中 小】\n【打印本文】\n2024-01-05 10:30 来源：某某日报\n"
        "1月4日，某某县召开推进会。县委书记张三主持会议并讲话。\n请用微信扫一扫\n分享到：微信 微博\n责任编辑：李四\n"
        "相关新闻\n某某县召开另一个会议\n"
    )
    r = _report(text)
    body = r.body
    assert r.headline == "某某县召开推进会"
    assert r.published == "2024-01-05"
    assert "县委书记张三主持会议并讲话" in body
    for debris in ("字体", "打印本文", "扫一扫", "分享", "责任编辑", "网站首页", "另一个会议"):
        assert debris not in body


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_bodies_keep_their_sentences(path):
    r = normalize(read_file(path))
    assert len(r.sentences) > 10
    assert not any("扫一扫" in s.text or "字体" in s.text for s in r.sentences)
