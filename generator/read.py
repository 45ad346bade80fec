"""Stage 1, read: bytes on disk -> Source (decoded text, page metadata, hand corrections)."""

from __future__ import annotations

import codecs
import errno
import logging
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .corrections import MAX_CORRECTIONS_BYTES, WEB_ADDRESS, Corrections, parse_corrections
from .errors import BadCorrections, EmptyReport, InputTooLarge, UnreadableInput
from .model import Source

log = logging.getLogger(__name__)

MAX_INPUT_BYTES = 5 * 1024 * 1024  # the longest real report is ~100 KB; 5 MB leaves room for saved HTML
MIN_PRINTABLE_SHARE = 0.85  # below this share of printable characters a decoded file is binary junk
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".md")
CORRECTIONS_SUFFIX = ".meta.toml"
MAX_FRONT_MATTER = 16 * 1024  # a front matter block is a few lines of metadata

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
    control = _controls(text, data if enc == "utf-8" else None)
    if text and 1 - control / len(text) < MIN_PRINTABLE_SHARE:
        raise UnreadableInput(name, f"decoded as {enc} but is mostly control characters (binary file?)")
    return text, enc


# The characters of _CONTROL below U+0080, as the bytes UTF-8 writes them (one byte each).
_C0_BYTES = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20)) + b"\x7f"


def _controls(text: str, utf8: bytes | None = None) -> int:
    """len(_CONTROL.findall(text)); for a text decoded from the UTF-8 bytes `utf8` that hold no
    \xc2 (the first byte of every character U+0080-U+00BF, C1 controls among them) and no
    U+FFFD, counted on the bytes by one C pass that keeps only the others (a regex scan of the
    text cost a third of reading a report)."""
    if utf8 is not None and b"\xc2" not in utf8 and b"\xef\xbf\xbd" not in utf8:
        return len(utf8) - len(utf8.translate(None, _C0_BYTES))
    return len(_CONTROL.findall(text))


def _from_html(html: str, name: str) -> tuple[str, str | None, str | None, str | None]:
    """Return (main text, headline, published date, canonical address) of a saved web page."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    if doc is None:
        raise UnreadableInput(name, "HTML page has no main text that could be extracted")
    text = getattr(doc, "text", None) or ""
    title = getattr(doc, "title", None)
    date = getattr(doc, "date", None)
    if title and not text.startswith(title):
        text = title + "\n" + text
    url = getattr(doc, "url", None)
    return text, title, date, (url if isinstance(url, str) and WEB_ADDRESS.match(url) else None)


_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def _front_matter(block: str) -> dict:
    """Parse a YAML front matter block; aliases (the "billion laughs" expansion) and size are refused."""
    import yaml

    class _NoAliases(yaml.SafeLoader):
        def compose_node(self, parent, index):
            if self.check_event(yaml.AliasEvent):
                raise yaml.YAMLError("aliases are not allowed in front matter")
            return super().compose_node(parent, index)

    if len(block) > MAX_FRONT_MATTER:
        return {}
    try:
        meta = yaml.load(block, Loader=_NoAliases) or {}
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def _from_markdown(text: str) -> tuple[str, str | None, str | None, str | None]:
    """Return (body, headline, published date, source address) of a Markdown file with optional front matter."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return text, None, None, None
    meta = _front_matter(m.group(1))
    if not isinstance(meta, dict):
        meta = {}
    title = meta.get("title")
    date = meta.get("date")
    body = text[m.end() :]
    if title and not body.lstrip().startswith(str(title)):
        body = f"{title}\n{body}"
    url = meta.get("source_url")
    url = url if isinstance(url, str) and WEB_ADDRESS.match(url) else None
    return body, (str(title) if title else None), (str(date)[:10] if date else None), url


def read_regular(path: Path, limit: int) -> bytes:
    """Read a regular file that is no symbolic link, checking its size before reading.

    Opened with O_NOFOLLOW and O_NONBLOCK, then checked with fstat, so a symlink, a FIFO, a device
    or a directory is refused without hanging, and at most limit + 1 bytes are ever read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableInput(
                display_name(path), "is a symbolic link; only regular files inside the folder are read"
            ) from None
        raise UnreadableInput(display_name(path), f"cannot be opened: {exc.strerror}") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableInput(display_name(path), "is not a regular file")
        if st.st_size > limit:
            raise InputTooLarge(display_name(path), f"{st.st_size:,} bytes is over the {_size(limit)} limit")
        data = _read_to_end(fd, min(st.st_size, limit) + 1, limit + 1)
        if len(data) > limit:
            raise InputTooLarge(display_name(path), f"grew past the {_size(limit)} limit while being read")
        return data
    finally:
        os.close(fd)


def _read_to_end(fd: int, first: int, most: int) -> bytes:
    """Read a file to its end, but never more than `most` bytes, asking first for `first` (its size
    and one more: a file that did not grow is read by this call and one that finds its end). One
    read of `most` would have the system set up a buffer of that size (5 MiB) for every report."""
    chunks = []
    total = 0
    want = first
    while total < most:
        chunk = os.read(fd, min(want, most - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
        want = 1 << 16
    return b"".join(chunks)


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n / 1024:.0f} KiB"


def corrections_path(report_path: Path) -> Path:
    return report_path.with_name(report_path.stem + CORRECTIONS_SUFFIX)


def read_corrections_bytes(report_path: Path) -> bytes | None:
    """The raw bytes of the corrections beside a report, or None where there are none."""
    meta = corrections_path(report_path)
    if not os.path.lexists(meta):
        return None
    try:
        return read_regular(meta, MAX_CORRECTIONS_BYTES)
    except (UnreadableInput, InputTooLarge) as exc:
        raise BadCorrections(meta.name, exc.problem) from None


def load_corrections(report_path: Path, data: bytes | None = None) -> Corrections:
    """Return the validated hand corrections beside a report (<stem>.meta.toml)."""
    if data is None:
        data = read_corrections_bytes(report_path)
    if data is None:
        return Corrections()
    from .gazetteer import is_known_code

    return parse_corrections(data, corrections_path(report_path).name, is_known_code)


def read_bytes(data: bytes, name: str) -> Source:
    """Turn the raw bytes of one report file into a Source."""
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLarge(name, f"{len(data):,} bytes is over the {_size(MAX_INPUT_BYTES)} limit for one report")
    text, enc = decode(data, name)
    if not text.strip():
        raise EmptyReport(
            name, "the file is empty" if not data else "the file holds no text (only white space or a byte-order mark)"
        )
    headline = published = url = None
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm") or (suffix == ".txt" and re.match(r"\s*<(!doctype|html)", text[:200], re.I)):
        text, headline, published, url = _from_html(text, name)
    elif suffix == ".md":
        text, headline, published, url = _from_markdown(text)
    return Source(
        name=name,
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        encoding=enc,
        headline=headline,
        published=published,
        url=url,
    )


def read_file(path: Path, data: bytes | None = None, corrections: bytes | None = None) -> Source:
    """Read one report file (and its corrections); bytes already read may be passed in."""
    if data is None:
        data = read_regular(path, MAX_INPUT_BYTES)
        corrections = read_corrections_bytes(path)
    src = read_bytes(data, display_name(path))
    fix = load_corrections(path, corrections) if corrections is not None else Corrections()
    if fix:
        src = Source(**{**src.__dict__, "overrides": fix})
    return src


def display_name(path: Path) -> str:
    """A file name as text: bytes that are not UTF-8 are shown escaped, never dropped."""
    return os.fsencode(path.name).decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Skipped:
    """An entry of the input folder that is not read, and why."""

    name: str
    reason: str


def scan_inputs(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """Return the report files in a folder, sorted, and every other entry with the reason it is skipped.

    Reports are regular files (no symbolic links: a link could publish any file on the machine) with
    a report suffix; corrections files go with their report; nothing is passed over in silence.
    """
    reports: list[Path] = []
    skipped: list[Skipped] = []
    entries = sorted(os.scandir(folder), key=lambda e: os.fsencode(e.name))
    names = {e.name for e in entries}
    for e in entries:
        name = display_name(Path(e.name))
        lower = e.name.lower()
        is_meta = lower.endswith(CORRECTIONS_SUFFIX)
        try:
            if e.is_symlink():
                skipped.append(Skipped(name, "symbolic link: refused (only regular files inside the folder are read)"))
                continue
            if e.is_dir(follow_symlinks=False):
                skipped.append(Skipped(name, "folder: not read (reports go directly in the input folder)"))
                continue
            regular = e.is_file(follow_symlinks=False)
        except OSError as exc:
            skipped.append(Skipped(name, f"cannot be inspected: {exc.strerror}"))
            continue
        if is_meta:
            stem = e.name[: -len(CORRECTIONS_SUFFIX)]
            if not any(stem + sfx in names for sfx in REPORT_SUFFIXES):
                skipped.append(Skipped(name, "corrections file with no report beside it"))
            continue  # read with its report (and checked there)
        if not lower.endswith(REPORT_SUFFIXES):
            skipped.append(Skipped(name, f"not a report format (read: {', '.join(REPORT_SUFFIXES)})"))
            continue
        if not regular:
            skipped.append(Skipped(name, "not a regular file (a device, socket or pipe)"))
            continue
        reports.append(folder / e.name)
    return reports, skipped


def list_inputs(folder: Path) -> list[Path]:
    """Return the report files in a folder, sorted, corrections files excluded."""
    return scan_inputs(folder)[0]
