"""The data export: data/digests.json (every digest, evidence sentences inline) and
data/targets.csv (one row per target, with the meeting's date and place and the sentence it came
from). The CSV opens in spreadsheets as text: UTF-8 with a byte-order mark, formula characters
quoted away."""

from __future__ import annotations

import contextlib
import csv
import filecmp
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .files import PARTIAL_MARK

EVIDENCE_KEYS = ("chairs", "speakers", "attendees", "tasks", "targets", "frameworks")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet reads a cell starting so as a formula
CSV_COLUMNS = (
    "report",
    "url",
    "meeting_date",
    "province",
    "city",
    "county",
    "year",
    "indicator",
    "indicator_key",
    "value",
    "evidence",
)


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: a leading formula character is quoted away."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def evidence(d: Mapping[str, Any], idx: object) -> str:
    sentences = d.get("sentences") or []
    return sentences[idx] if isinstance(idx, int) and 0 <= idx < len(sentences) else ""


def slim(d: Mapping[str, Any], url: str) -> dict:
    """A digest as exported: the full sentence list replaced by each item's evidence sentence."""
    out = {k: v for k, v in d.items() if k != "sentences"}
    for key in EVIDENCE_KEYS:
        out[key] = [
            {**item, "evidence_text": evidence(d, item.get("evidence"))} for item in d.get(key) or [] if isinstance(item, dict)
        ]
    out["url"] = url
    return out


def export_part(d: Mapping[str, Any], url: str) -> tuple[str, str]:
    """One report's share of the export: its element of digests.json and its rows of targets.csv."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    p = d.get("place") or {}
    for t in d.get("targets") or []:
        if not isinstance(t, dict):
            continue
        w.writerow(
            [
                csv_cell(x)
                for x in (
                    d.get("source"),
                    url,
                    d.get("date"),
                    p.get("province"),
                    p.get("city"),
                    p.get("county"),
                    t.get("year"),
                    t.get("indicator"),
                    t.get("key") or t.get("indicator"),
                    t.get("value"),
                    evidence(d, t.get("evidence")),
                )
            ]
        )
    return json.dumps(slim(d, url), ensure_ascii=False, separators=(",", ":")), out.getvalue()


def write_exports(folder: Path, rows: Iterable[tuple[str, Mapping[str, Any] | Callable[[], Mapping[str, Any]]]]) -> None:
    """Write data/digests.json and data/targets.csv from (page URL, digest) pairs, sorted by URL.

    A digest may be given as a function that reads it: the files are written as they go, so a
    large site's digests are never all in memory at once."""
    ordered = sorted(rows, key=lambda r: r[0])
    write_export_parts(folder, (export_part(given() if callable(given) else given, url) for url, given in ordered))


def write_export_parts(folder: Path, parts: Iterable[tuple[str, str]]) -> None:
    """Write the two files from each report's part (export_part), in the order given."""
    folder.mkdir(parents=True, exist_ok=True)
    with _replace_if_changed(folder / "digests.json") as js, _replace_if_changed(folder / "targets.csv") as tc:
        tc.write("\ufeff")  # Excel on Chinese Windows reads a CSV without it as GBK
        csv.writer(tc, lineterminator="\r\n").writerow(CSV_COLUMNS)
        js.write("[")
        for i, (element, rows) in enumerate(parts):
            js.write(("," if i else "") + element)
            tc.write(rows)
        js.write("]")


@contextlib.contextmanager
def _replace_if_changed(path: Path) -> Iterator[io.TextIOWrapper]:
    """A text file written beside `path`, then put in its place unless `path` already holds the same
    bytes (an unchanged file keeps its modification time)."""
    tmp = path.with_name(f".{path.name}{PARTIAL_MARK}{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            yield fh
        if path.is_file() and path.stat().st_size == tmp.stat().st_size and filecmp.cmp(tmp, path, shallow=False):
            tmp.unlink()
        else:
            os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
