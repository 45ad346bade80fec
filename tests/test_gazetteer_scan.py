"""gazetteer.scan against the plainest reading of its contract: at each position, left to right, the
longest name that starts there, and the next search after its end."""

import random

import pytest

from generator import gazetteer


def _plain_scan(text: str) -> list[tuple[int, int, str]]:
    idx = gazetteer.index()
    longest = max(map(len, idx))
    out, i = [], 0
    while i < len(text):
        for L in range(min(longest, len(text) - i), 1, -1):
            if text[i : i + L] in idx:
                out.append((i, i + L, text[i : i + L]))
                i += L
                break
        else:
            i += 1
    return out


def _texts(seed: int, n: int) -> list[str]:
    """Texts dense in names: names cut and run together, overlapping pairs (成都都江堰), filler."""
    rnd = random.Random(seed)
    names = sorted(gazetteer.index())
    filler = list("的工作全市会议召开，。、\n在和县区省")
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(0, 12)):
            name = rnd.choice(names)
            cut = rnd.randint(1, len(name))
            parts.append(rnd.choice([name, name[:cut], name[cut - 1 :], rnd.choice(filler)]))
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_scan_finds_what_a_plain_scan_finds(seed):
    for text in _texts(seed, 500):
        assert [(m.start, m.end, m.surface) for m in gazetteer.scan(text)] == _plain_scan(text), text


def test_scan_reads_overlapping_candidates_and_repeats():
    text = "北京市北京市朝阳区在北京召开，北北京"
    assert [(m.start, m.end, m.surface) for m in gazetteer.scan(text)] == _plain_scan(text)
    assert len(gazetteer.scan(text)) >= 3
