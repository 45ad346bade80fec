"""Stage 1: bytes -> text, whatever the encoding; clear errors for what is not a report."""

import codecs

import pytest

from generator.errors import InputTooLarge, UnreadableInput
from generator.read import MAX_INPUT_BYTES, read_bytes

SAMPLE = "成都市委工作会议召开\n7月27日，成都市委工作会议召开。省委常委、成都市委书记施小琳主持会议并讲话。"
TRAD = "全市城鄉提升和縣域經濟發展大會召開\n8月29日下午，全市城鄉提升和縣域經濟發展大會召開。市委書記羅增斌出席會議並講話。"


@pytest.mark.parametrize(
    "data, text",
    [
        (SAMPLE.encode("utf-8"), SAMPLE),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), SAMPLE),
        (SAMPLE.encode("gb18030"), SAMPLE),
        (SAMPLE.encode("gbk"), SAMPLE),
        (TRAD.encode("big5"), TRAD),
        (SAMPLE.encode("utf-16"), SAMPLE),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), SAMPLE),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "big5", "utf16-le-bom", "utf16-be-bom"],
)
def test_decodes_common_encodings(data, text):
    assert read_bytes(data, "r.txt").text == text


def test_binary_file_is_refused_with_its_name():
    with pytest.raises(UnreadableInput) as exc:
        read_bytes(bytes(range(256)) * 40, "photo.txt")
    assert "photo.txt" in str(exc.value)


def test_oversized_input_is_refused():
    with pytest.raises(InputTooLarge) as exc:
        read_bytes(b"a" * (MAX_INPUT_BYTES + 1), "huge.txt")
    assert "huge.txt" in str(exc.value) and "MiB" in str(exc.value)


def test_html_page_main_text_and_metadata():
    html = """<!DOCTYPE html><html><head><title>涪陵区推进会召开_涪陵网</title>
    <meta property="og:title" content="涪陵区推动成渝地区双城经济圈建设工作推进会召开">
    <meta name="PubDate" content="2024-02-20 02:03"><script>var tracker = 1;</script></head>
    <body><nav>网站首页 | 新闻中心</nav><article><h1>涪陵区推动成渝地区双城经济圈建设工作推进会召开</h1>
    <p>2月19日，涪陵区推动成渝地区双城经济圈建设工作推进会召开。区委书记王志杰参加会议并讲话。</p>
    <p>区委副书记、区政府区长刘忠主持，区人大常委会主任李景耀，区政协主席杜海波参加。</p></article>
    <footer>版权所有</footer></body></html>"""
    src = read_bytes(html.encode("utf-8"), "page.html")
    assert "王志杰参加会议并讲话" in src.text
    assert "tracker" not in src.text
    assert src.headline and "推进会" in src.headline


def test_markdown_front_matter_gives_headline_and_date():
    md = "---\ntitle: 长安区委召开务虚会\ndate: 2023-01-05\n---\n1月4日，长安区委召开务虚工作会议。\n"
    src = read_bytes(md.encode("utf-8"), "x.md")
    assert src.headline == "长安区委召开务虚会"
    assert src.published == "2023-01-05"
    assert "1月4日" in src.text


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 250, 70000])
def test_a_file_is_read_whole_up_to_its_limit(tmp_path, size):
    """read_regular reads the whole file, or refuses it when it holds more than the limit."""
    from generator.read import read_regular

    limit = 100 if size < 1000 else 69999
    path = tmp_path / "r.txt"
    path.write_bytes(bytes(i % 251 for i in range(size)))
    if size > limit:
        with pytest.raises(InputTooLarge):
            read_regular(path, limit)
    else:
        assert read_regular(path, limit) == path.read_bytes()


@pytest.mark.parametrize("first", [1, 7, 100, 1000])
def test_a_file_longer_than_its_size_said_is_read_on_but_never_past_most(first):
    """A file that grew after its size was taken is read on to its end, and never past `most`."""
    import os

    from generator.read import _read_to_end

    data = bytes(range(256)) * 400  # 102,400 bytes, more than one read after the first
    r, w = os.pipe()
    try:
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(r)
            os.write(w, data)
            os._exit(0)
        os.close(w)
        w = -1
        got = _read_to_end(r, first, len(data) + 1)
        os.waitpid(pid, 0)
    finally:
        os.close(r)
        if w != -1:
            os.close(w)
    assert got == data
    r2, w2 = os.pipe()
    os.write(w2, data[:5000])
    os.close(w2)
    assert _read_to_end(r2, first, 3001) == data[:3001]
    os.close(r2)


def test_controls_counted_on_utf8_bytes_as_on_the_text():
    """The count of control characters a UTF-8 file's bytes give is the one a scan of its text gives."""
    import random

    from generator import read

    rnd = random.Random(5)
    alphabet = ["中", "a", "\n", "\t", "\r", "\x00", "\x01", "\x1f", "\x7f", "\x80", "\x9f", "\xa0", "·", "\ufffd", "😀"]
    for _ in range(30000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        assert read._controls(s, s.encode("utf-8")) == len(read._CONTROL.findall(s)), repr(s)
