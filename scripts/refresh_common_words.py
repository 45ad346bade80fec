"""Derive generator/data/common_words.txt from jieba's dictionary.

    python scripts/refresh_common_words.py

jieba (https://github.com/fxsjy/jieba, MIT License) ships dict.txt: word, corpus count, part of
speech. The people extractor needs only the frequent words that are not person names (count >= 300,
tags other than nr*): a name without a known surname may not contain one (抓基层党建工 is no name).
This script runs once, by hand, when the data should be refreshed; the extractor reads only the
file it writes, so jieba is not needed to run the tool.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "generator" / "data" / "common_words.txt"
MIN_COUNT = 300  # jieba counts: 基层 1998, 登台 429 are words; 洛桑 (nrt), 买买提 272 are names
LINE = re.compile(r"^(\S{2,}) (\d{3,}) (\S+)$", re.M)

HEADER = """\
# Frequent words of jieba's dictionary that are not person names (count >= {min_count}, tag not nr*),
# one a line. Derived by scripts/refresh_common_words.py from jieba {version}'s dict.txt
# (https://github.com/fxsjy/jieba, MIT License). Do not edit by hand: run the script again.
"""


def main() -> int:
    import jieba

    text = jieba.get_dict_file().read().decode("utf-8")
    words = sorted({w for w, count, tag in LINE.findall(text) if int(count) >= MIN_COUNT and not tag.startswith("nr")})
    OUT.write_text(HEADER.format(min_count=MIN_COUNT, version=jieba.__version__) + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
