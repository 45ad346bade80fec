"""Derive generator/data/surnames.txt from JioNLP's surname tables.

    python scripts/refresh_surnames.py                # reads rule_pattern.py from the installed jionlp
    python scripts/refresh_surnames.py --source PATH  # or from a given copy of the file

JioNLP (https://github.com/dongrixinyu/JioNLP, Apache License 2.0) keeps the 百家姓 list in
`jionlp/rule/rule_pattern.py`: `SINGLE_CHINESE_FAMILY_NAME` (bound twice: the full list, then a
list without ambiguous surnames such as 谢, 田, 和; both are kept here) and
`TWO_CHAR_CHINESE_FAMILY_NAME` (a |-separated list). The module is read with ast, never imported.
This script runs once, by hand, when the data should be refreshed; the extractor reads only the
file it writes. Surnames JioNLP lacks go in generator/vocab/surnames_extra.txt, not here.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "generator" / "data" / "surnames.txt"
SINGLE, TWO = "SINGLE_CHINESE_FAMILY_NAME", "TWO_CHAR_CHINESE_FAMILY_NAME"

HEADER = """\
# Chinese surnames (百家姓), one a line: one-character surnames first, then two-character ones.
# Derived by scripts/refresh_surnames.py from JioNLP's rule_pattern.py (jionlp {version},
# https://github.com/dongrixinyu/JioNLP, Apache License 2.0). Do not edit by hand: run the script
# again; surnames JioNLP lacks go in generator/vocab/surnames_extra.txt.
"""


def default_source() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("jionlp is not installed: pip install jionlp, or pass --source")
    return Path(next(iter(spec.submodule_search_locations))) / "rule" / "rule_pattern.py"


def jionlp_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jionlp")
    except PackageNotFoundError:
        return "unknown version"


def read_tables(source: str) -> tuple[list[str], list[str]]:
    """Return (one-character, two-character) surnames from the source of rule_pattern.py."""
    single: set[str] = set()
    two: set[str] = set()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            target = getattr(node.targets[0], "id", "")
            if target == SINGLE:
                single.update(node.value.value)
            elif target == TWO:
                two.update(x for x in node.value.value.split("|") if x)
    if not single or not two:
        raise SystemExit(f"{SINGLE} or {TWO} not found: the layout of rule_pattern.py has changed")
    return sorted(single), sorted(two)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=None, help="a copy of jionlp/rule/rule_pattern.py")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    source = args.source or default_source()
    single, two = read_tables(source.read_text(encoding="utf-8"))
    text = HEADER.format(version=jionlp_version()) + "\n".join(single + two) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(single)} one-character and {len(two)} two-character surnames", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
