"""Derive generator/data/idioms.txt from JioNLP's idiom dictionary.

    python scripts/refresh_idioms.py                # reads chinese_idiom.zip from the installed jionlp
    python scripts/refresh_idioms.py --source PATH  # or from a given copy of the zip

JioNLP (https://github.com/dongrixinyu/JioNLP, Apache License 2.0) ships its idiom dictionary as
`jionlp/dictionary/chinese_idiom.zip` (one `chinese_idiom.txt`, idiom<TAB>count a line). The
framework extractor uses idioms to drop numbered-looking phrases that name nothing (千方百计,
一步一个脚印); it reads only the file this script writes, never JioNLP's private paths. Run once, by
hand, when the data should be refreshed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "generator" / "data" / "idioms.txt"
MEMBER = "chinese_idiom.txt"

HEADER = """\
# Chinese idioms (成语), one a line, sorted. Derived by scripts/refresh_idioms.py from JioNLP's
# dictionary/chinese_idiom.zip (jionlp {version}, https://github.com/dongrixinyu/JioNLP, Apache
# License 2.0). Do not edit by hand: run the script again. Read by generator/extract/frameworks.py.
"""


def installed_source() -> tuple[Path, str]:
    """The zip inside the installed jionlp package, and that package's version."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("jionlp is not installed; pass --source PATH")
    from importlib.metadata import version

    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "chinese_idiom.zip", version("jionlp")


def read_idioms(zip_path: Path) -> list[str]:
    """Return the idioms of the dictionary, sorted, without duplicates."""
    with zipfile.ZipFile(zip_path) as z:
        lines = z.read(MEMBER).decode("utf-8").splitlines()
    return sorted({line.split("\t")[0].strip() for line in lines if line.strip()})


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, help="a copy of chinese_idiom.zip (default: the installed jionlp's)")
    args = ap.parse_args(argv)
    if args.source:
        src, ver = args.source, "unknown version"
    else:
        src, ver = installed_source()
    idioms = read_idioms(src)
    if not idioms:
        raise SystemExit(f"{src}: no idioms read")
    OUT.write_text(HEADER.format(version=ver) + "\n".join(idioms) + "\n", encoding="utf-8")
    print(f"{len(idioms)} idioms written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
