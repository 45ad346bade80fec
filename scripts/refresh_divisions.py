"""Derive generator/data/divisions.tsv and towns.tsv from JioNLP's administrative-division data.

    python scripts/refresh_divisions.py            # reads china_location.zip from the installed jionlp
    python scripts/refresh_divisions.py --zip PATH # or from a given copy of the file

JioNLP (https://github.com/dongrixinyu/JioNLP, Apache License 2.0) ships `china_location.zip`, a
tab-indented tree of China's divisions compiled from the National Bureau of Statistics' division
codes: province, prefecture, county (name, code, short name), then towns and villages (names only).
This script runs once, by hand, when the data should be refreshed; the extractor reads only the TSV
files it writes, never the zip. Changes of names and levels over time are kept by hand in
generator/data/division_changes.tsv.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "generator" / "data"
PSEUDO_UNITS = ("省直辖行政区划", "自治区直辖县级行政区划", "市直辖行政区划")  # JioNLP's placeholders
LEVEL_BY_DEPTH = ("province", "city", "county")
_ROW = re.compile(r"^(\t*)([^\t\r\n]+)(?:\t(\d{6})\t([^\t\r\n]+))?\r?$")

DIVISIONS_HEADER = """\
# China's administrative divisions down to the county level, one unit a line.
# Derived by scripts/refresh_divisions.py from JioNLP's china_location.zip (jionlp {version},
# https://github.com/dongrixinyu/JioNLP, Apache License 2.0), itself compiled from the National
# Bureau of Statistics' division codes. Do not edit by hand: run the script again.
# code: the 6-digit division code; level: province / city (prefecture level: 市, 地区, 自治州, 盟) /
# county (县, 区, 县级市, 旗, 自治县 …); name: full official name; short: the usual short name;
# province: the provincial unit; city: the prefecture-level parent (a municipality for its own
# districts; empty for a province, and for a county-level unit directly under its province).
code\tlevel\tname\tshort\tprovince\tcity
"""
TOWNS_HEADER = """\
# Towns, townships and subdistricts (乡, 镇, 街道), one a line, with the code of their county-level
# unit (or of their prefecture-level city where it has no counties, as 东莞市).
# Derived by scripts/refresh_divisions.py from JioNLP's china_location.zip (jionlp {version},
# https://github.com/dongrixinyu/JioNLP, Apache License 2.0). Do not edit by hand.
parent_code\tname
"""


# Names the source gets wrong (never a unit's name at any time), by (code, name as the source has it).
# Historical changes do not belong here but in generator/data/division_changes.tsv.
SOURCE_FIXES = {
    ("610322", "凤翔市"): "凤翔区",  # 凤翔县 became 凤翔区 in 2021; there never was a 凤翔市
}


def default_zip() -> Path:
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("jionlp is not installed: pip install jionlp, or pass --zip")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary" / "china_location.zip"


def jionlp_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jionlp")
    except PackageNotFoundError:
        return "unknown"


def short_name(name: str, alias: str) -> str:
    """JioNLP's short name, except where it repeats the full name of a 地区 (阿里地区 → 阿里)."""
    if alias == name and name.endswith("地区") and len(name) > 3:
        return name[:-2]
    return alias


def derive(raw: str) -> tuple[list[tuple[str, ...]], list[tuple[str, str]]]:
    """Return (division rows, town rows) from the tree's text."""
    divisions: list[tuple[str, ...]] = []
    towns: list[tuple[str, str]] = []
    province = city = ""
    city_code = county_code = ""
    for line in raw.splitlines():
        m = _ROW.match(line)
        if not m:
            continue
        depth, name, code, alias = len(m.group(1)), m.group(2).strip(), m.group(3), m.group(4)
        if depth == 0 and code:
            province, city, city_code, county_code = name, "", "", ""
            divisions.append((code, "province", name, alias, name, ""))
        elif depth == 1 and code:
            city, city_code, county_code = ("", "", "") if name in PSEUDO_UNITS else (name, code, "")
            if city:
                divisions.append((code, "city", name, short_name(name, alias), province, city))
        elif depth == 2 and code:
            if name in PSEUDO_UNITS:  # towns directly under a city without counties (东莞市)
                county_code = city_code
                continue
            county_code = code
            divisions.append((code, "county", name, short_name(name, alias), province, city))
        elif depth == 3 and not code and county_code:
            towns.append((county_code, name))
    return divisions, towns


AMBIGUOUS_HEADER = """\
# Place names that are also, or run into, ordinary words: the place extractor's guard against
# reading 全面振兴 as 振兴区, 召开县委 as 开县 or 友邻水库 as 邻水. Derived by
# scripts/refresh_divisions.py from jieba's dictionary (jieba {jieba_version}, MIT License) and the
# names of divisions.tsv / division_changes.tsv; words used fewer than {min_freq} times are left out.
# kind word: name is a county's short name that jieba lists as an ordinary word (not a place's or a
# person's name); kind before: chars form a word with the character `name` when put before it (召
# before 开: 召开); kind after: chars form a word with `name` when put after it (库 after 水: 水库).
name\tkind\tchars
"""
WORD_MIN_FREQ = 100  # jieba's count below which a word is too rare to shadow a place name
PLACE_TAGS = ("ns", "nr", "nt")  # jieba's tags of place, person and organization names


def jieba_words() -> tuple[dict[str, tuple[int, str]], str]:
    """jieba's dictionary: word -> (count, tag), and jieba's version."""
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, tuple[int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 3:
            words[parts[0]] = (int(parts[1]), parts[2])
    return words, getattr(jieba, "__version__", "unknown")


def ambiguous(
    divisions: list[tuple[str, ...]], old_names: list[str], words: dict[str, tuple[int, str]]
) -> list[tuple[str, str, str]]:
    """County short names that are ordinary words; characters that join a name's edge into a word."""
    out: list[tuple[str, str, str]] = []
    shorts = sorted({d[3] for d in divisions if d[1] == "county" and len(d[3]) >= 2})
    for short in shorts:
        hit = words.get(short)
        if hit and hit[0] >= WORD_MIN_FREQ and not hit[1].startswith(PLACE_TAGS):
            out.append((short, "word", ""))
    two = {d[2] for d in divisions if d[1] == "county" and len(d[2]) == 2} | {n for n in old_names if len(n) == 2}
    firsts = {n[0] for n in two} | {s[0] for s in shorts}
    lasts = {s[-1] for s in shorts}
    before: dict[str, set[str]] = {}
    after: dict[str, set[str]] = {}
    for w, (freq, _tag) in words.items():
        if len(w) == 2 and freq >= WORD_MIN_FREQ:
            if w[1] in firsts:
                before.setdefault(w[1], set()).add(w[0])
            if w[0] in lasts:
                after.setdefault(w[0], set()).add(w[1])
    out += [(c, "before", "".join(sorted(v))) for c, v in sorted(before.items())]
    out += [(c, "after", "".join(sorted(v))) for c, v in sorted(after.items())]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--zip", type=Path, default=None, help="china_location.zip (default: the installed jionlp's)")
    ap.add_argument("--out", type=Path, default=OUT, help="output folder (default: generator/data)")
    args = ap.parse_args(argv)
    with zipfile.ZipFile(args.zip or default_zip()) as z:
        raw = z.read("china_location.txt").decode("utf-8")
    divisions, towns = derive(raw)
    divisions = [tuple(SOURCE_FIXES.get((r[0], r[2]), r[2]) if i == 2 else x for i, x in enumerate(r)) for r in divisions]
    version = jionlp_version()
    args.out.mkdir(parents=True, exist_ok=True)
    body = "".join("\t".join(r) + "\n" for r in divisions)
    (args.out / "divisions.tsv").write_text(DIVISIONS_HEADER.format(version=version) + body, encoding="utf-8")
    town_rows = list(dict.fromkeys(towns))  # a town listed twice under one county once
    body = "".join("\t".join(r) + "\n" for r in town_rows)
    (args.out / "towns.tsv").write_text(TOWNS_HEADER.format(version=version) + body, encoding="utf-8")
    changes = args.out / "division_changes.tsv"
    old_names = (
        [r.split("\t")[3] for r in changes.read_text(encoding="utf-8").splitlines()[1:] if r and not r.startswith(("#", "year"))]
        if changes.exists()
        else []
    )
    words, jieba_version = jieba_words()
    rows = ambiguous(divisions, old_names, words)
    header = AMBIGUOUS_HEADER.format(jieba_version=jieba_version, min_freq=WORD_MIN_FREQ)
    (args.out / "ambiguous_names.tsv").write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(divisions)} divisions, {len(town_rows)} towns -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
