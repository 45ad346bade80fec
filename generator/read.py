"""Stage 1, read: bytes on disk -> Source (decoded text, page metadata, hand corrections)."""
from __future__ import annotations

import codecs
import hashlib
import logging
import re
import tomllib
from pathlib import Path

from .errors import BadCorrections, InputTooLarge, UnreadableInput
from .model import Source

log = logging.getLogger(__name__)

MAX_INPUT_BYTES = 5 * 1024 * 1024  # the longest real report is ~100 KB; 5 MB leaves room for saved HTML
MIN_PRINTABLE_SHARE = 0.85  # below this share of printable characters a decoded file is binary junk
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".md")
CORRECTIONS_SUFFIX = ".meta.toml"
CORRECTABLE = {"title", "date", "date_basis", "place", "chairs", "speakers", "attendees", "tasks", "targets", "frameworks"}

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding) for raw bytes, detecting the encoding; raise UnreadableInput."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise UnreadableInput(name, "not text in any known encoding (binary file?)") from None
        text, enc = str(best), best.encoding
    if "\x00" in text:
        raise UnreadableInput(name, "contains NUL bytes: a binary file, not a saved report")
    control = len(_CONTROL.findall(text))
    if text and 1 - control / len(text) < MIN_PRINTABLE_SHARE:
        raise UnreadableInput(name, f"decoded as {enc} but is mostly control characters (binary file?)")
    return text, enc


def _from_html(html: str, name: str) -> tuple[str, str | None, str | None]:
    """Return (main text, headline, published date) of a saved web page."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    if doc is None:
        raise UnreadableInput(name, "HTML page has no main text that could be extracted")
    text = getattr(doc, "text", None) or ""
    title = getattr(doc, "title", None)
    date = getattr(doc, "date", None)
    if title and not text.startswith(title):
        text = title + "\n" + text
    return text, title, date


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _from_markdown(text: str) -> tuple[str, str | None, str | None]:
    """Return (body, headline, published date) of a Markdown file with optional YAML front matter."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, None, None
    import yaml

    try:
        meta = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        meta = {}
    if not isinstance(meta, dict):
        meta = {}
    title = meta.get("title")
    date = meta.get("date")
    body = text[m.end():]
    if title and not body.lstrip().startswith(str(title)):
        body = f"{title}\n{body}"
    return body, (str(title) if title else None), (str(date)[:10] if date else None)


def load_corrections(report_path: Path) -> dict:
    """Return the hand corrections beside a report (<stem>.meta.toml), or {}."""
    meta = report_path.with_name(report_path.stem + CORRECTIONS_SUFFIX)
    if not meta.exists():
        return {}
    try:
        data = tomllib.loads(meta.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadCorrections(meta.name, f"cannot parse corrections: {exc}") from None
    unknown = sorted(set(data) - CORRECTABLE)
    if unknown:
        raise BadCorrections(meta.name, f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(sorted(CORRECTABLE))}")
    return data


def read_bytes(data: bytes, name: str) -> Source:
    """Turn the raw bytes of one report file into a Source."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLarge(name, f"{len(data) / 2**20:.1f} MB is larger than the {MAX_INPUT_BYTES // 2**20} MB limit for one report")
    text, enc = decode(data, name)
    headline = published = None
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm") or (suffix == ".txt" and re.match(r"\s*<(!doctype|html)", text[:200], re.I)):
        text, headline, published = _from_html(text, name)
    elif suffix == ".md":
        text, headline, published = _from_markdown(text)
    return Source(
        name=name,
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        encoding=enc,
        sha256=hashlib.sha256(data).hexdigest(),
        headline=headline,
        published=published,
    )


def read_file(path: Path) -> Source:
    """Read one report file (and its corrections) from disk."""
    size = path.stat().st_size
    if size > MAX_INPUT_BYTES:
        raise InputTooLarge(path.name, f"{size / 2**20:.1f} MB is larger than the {MAX_INPUT_BYTES // 2**20} MB limit for one report")
    src = read_bytes(path.read_bytes(), path.name)
    corrections = load_corrections(path)
    if corrections:
        src = Source(**{**src.__dict__, "overrides": corrections})
    return src


def list_inputs(folder: Path) -> list[Path]:
    """Return the report files in a folder, sorted, corrections files excluded."""
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES and not p.name.endswith(CORRECTIONS_SUFFIX)
    )
