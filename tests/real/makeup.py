"""The real-report set's make-up, from SOURCES.tsv: reports per split, province, level, kind, year
band, script, and how many different sites they come from.

python tests/real/makeup.py             # every split
python tests/real/makeup.py fresh3      # some splits
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

SOURCES = Path(__file__).resolve().parent / "SOURCES.tsv"
YEAR_BANDS = (
    (0, 2009, "2003–2009"),
    (2010, 2014, "2010–2014"),
    (2015, 2019, "2015–2019"),
    (2020, 2022, "2020–2022"),
    (2023, 9999, "2023–2026"),
)


def year_band(year: str) -> str:
    if not year.isdigit():
        return "year not in the text"
    return next(label for lo, hi, label in YEAR_BANDS if lo <= int(year) <= hi)


def site(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.") or "(no address)"


def provinces(rows: list[dict[str, str]]) -> str:
    per = Counter(r["province"] for r in rows if r["province"] != "unknown")
    unplaced = len(rows) - sum(per.values())
    return f"provinces: {len(per)} ({min(per.values())}–{max(per.values())} reports each); {unplaced} placed nowhere in the text"


def makeup(rows: list[dict[str, str]]) -> list[str]:
    def line(title: str, counts: Counter) -> str:
        return f"{title}: " + ", ".join(f"{k} {v}" for k, v in counts.most_common())

    sites = Counter(site(r["url"]) for r in rows)
    return [
        f"reports: {len(rows)}",
        line("splits", Counter(r["split"] for r in rows)),
        provinces(rows),
        line("levels", Counter(r["level"] for r in rows)),
        line("kinds", Counter(r["kind"] for r in rows)),
        line("years", Counter(year_band(r["year"]) for r in rows)),
        line("script", Counter(r["script"] for r in rows)),
        f"sites: {len(sites) - ('(no address)' in sites)} different, {sites.get('(no address)', 0)} reports without an address",
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("splits", nargs="*", help="only these splits (default: all)")
    args = ap.parse_args(argv)
    with SOURCES.open(encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if not args.splits or r["split"] in args.splits]
    print("\n".join(makeup(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
