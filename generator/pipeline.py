"""The whole build, in five stages:

1. read       seeds/<name>.txt|.html|.md (+ <name>.meta.toml)  -> Source      (read.py)
2. normalize  Source -> Report: clean, simplified text in sentences         (normalize.py)
3. extract    Report -> Digest, hand corrections applied last                (extract/)
4. render     Digest -> content/<slug>.md + content/digests/<slug>.json      (render.py)
5. site       Pelican renders content/ into output/ with our plugin; Pagefind indexes it

Stages 1-4 run per report, in a process pool, behind a content-hash cache: a report whose bytes,
corrections, vocabulary and code are unchanged is not extracted or rendered again.
"""

from __future__ import annotations

import collections
import contextlib
import hashlib
import itertools
import json
import logging
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC
from functools import cached_property, lru_cache
from pathlib import Path

from . import __version__, vocab
from .errors import DigestError
from .extract import apply_corrections, extract
from .files import is_partial_write, write_if_changed
from .memory import release, rss_mb, settle_once
from .normalize import normalize
from .read import (
    MAX_INPUT_BYTES,
    Skipped,
    corrections_path,
    display_name,
    read_corrections_bytes,
    read_file,
    read_regular,
    scan_inputs,
)
from .render import SLUG, digest_json, render_markdown, report_slug
from .shards import (
    PLAN_NAME,
    SHARD_DIR,
    UNKNOWN_PROVINCE,
    UNKNOWN_YEAR,
    plan_shards,
    shard_fingerprint,
    store_path,
    write_plan,
)

log = logging.getLogger(__name__)

POOL_CHUNK_MAX = 64  # bounds how many finished digests wait in memory before they are written
POOL_THRESHOLD = 16  # below this many reports a process pool costs more than it saves
SHARD_SIZE = 4000  # reports per shard; a site with more is rendered in shards (generator.shards)
SHARD_MODES = ("auto", "on", "off")
FORK_MAX_MB = 256  # a build process larger than this starts its pages-across-shards run afresh, not by fork
CACHE_FORMAT = 4  # 3: content hashes in the manifest, slugs from the file name alone; 4: shard groups
MANIFEST_NAME = "digests.json"  # under .cache/, beside Pelican's own cache


@dataclass(frozen=True)
class Outcome:
    """What the build did with one input file."""

    source: str
    status: str  # ok / warning / failed
    messages: tuple[str, ...] = ()
    slug: str | None = None
    cached: bool = False
    group: str = ""  # province code and meeting year ("44/2023"): which shard renders the page


@dataclass
class BuildReport:
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    pelican_ok: bool = True
    search: str = "not run"

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def to_json(self) -> dict:
        return {
            "inputs": len(self.outcomes),
            "ok": self.count("ok"),
            "warning": self.count("warning"),
            "failed": self.count("failed"),
            "skipped": len(self.skipped),
            "site": "ok" if self.pelican_ok else "failed",
            "search": self.search,
            "files": [
                {"source": o.source, "status": o.status, "messages": list(o.messages), "slug": o.slug} for o in self.outcomes
            ],
            "skipped_entries": [asdict(s) for s in self.skipped],
        }


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's code, vocabulary and the data the extraction reads (OpenCC's tables,
    the gazetteer): part of every cache key."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent
    for p in sorted(root.rglob("*.py")):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(p.read_bytes())
    h.update(vocab.fingerprint().encode())
    for p in sorted((root / "data").glob("*")):  # the project's own data tables (divisions, towns, idioms …)
        h.update(p.name.encode())
        h.update(p.read_bytes())
    h.update(_data_fingerprint().encode())
    return h.hexdigest()[:16]


def _data_fingerprint() -> str:
    """Names, sizes and modification times of the third-party data files the extraction reads."""
    import importlib.util

    h = hashlib.sha256()
    for package in ("opencc", "jionlp"):
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        base = Path(next(iter(spec.submodule_search_locations)))
        for sub in ("dictionary", "config"):
            folder = base / sub
            if folder.is_dir():
                for f in sorted(folder.iterdir()):
                    st = f.stat()
                    h.update(f"{package}/{sub}/{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


@dataclass(frozen=True)
class Job:
    """One report, read once by the parent (safely, size-checked) and handed to a worker."""

    path: Path
    data: bytes
    corrections: bytes | None
    added: str | None = None  # when the report came into the site (ISO datetime)
    sig: str | None = None  # the report's and its corrections' file signatures, taken before reading

    @property
    def name(self) -> str:
        return display_name(self.path)

    @cached_property
    def key(self) -> str:
        """The digest cache's key: the report's bytes, its corrections, its name, when it came in and
        the code's fingerprint. Made when first asked for (a build asks for every job's at once): a run
        that keeps no cache never computes the fingerprint, which reads every source and data file."""
        h = hashlib.sha256(self.data)
        if self.corrections is not None:
            h.update(b"\0meta\0" + self.corrections)
        h.update(b"\0" + os.fsencode(self.path.name) + f"\0{self.added}\0{code_fingerprint()}\0{CACHE_FORMAT}".encode())
        return h.hexdigest()


# -- file signatures: what a rebuild trusts instead of reading a file again ------------------------
RACY_NS = 2_000_000_000  # a file changed this close to the moment it was looked at is read again


def file_sig(path: Path | str, at: int) -> str:
    """ "inode:size:mtime:ctime:when looked at" of a file, or "-" where there is none (one string: a
    national archive's manifest holds four per report). Any write to the file changes its ctime,
    and a replacing rename its inode."""
    try:
        st = os.lstat(path)
    except OSError:
        return "-"
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{at}"


def same_file(recorded: str, path: Path | str) -> bool:
    """Whether a file is still the one a signature was taken of (or, for "-", still absent), told by
    its signature alone: only when it had not changed for RACY_NS before it was looked at, since a
    write in the same clock tick as the look would leave every field as it was ("racy git")."""
    if recorded == "-":
        return not os.path.lexists(path)
    fields = recorded.split(":")
    now = file_sig(path, 0).split(":")
    if len(fields) != 5 or len(now) != 5 or fields[:4] != now[:4]:
        return False
    try:
        return int(fields[3]) + RACY_NS < int(fields[4])
    except ValueError:
        return False


def make_job(path: Path, added: str | None = None, *, sign: bool = True) -> Job:
    """Read a report and its corrections; raise DigestError for what cannot be read. With `sign`,
    the files' signatures are taken first, for a build's manifest (a lone digest needs none)."""
    sig = None
    if sign:
        at = time.time_ns()
        sig = f"{file_sig(path, at)}|{file_sig(corrections_path(path), at)}"
    data = read_regular(path, MAX_INPUT_BYTES)
    meta = read_corrections_bytes(path)
    return Job(path, data, meta, added, sig)


def arrival_dates(seeds: Path, paths: list[Path], known: dict[str, str]) -> dict[str, str]:
    """When each report came into the site: the date of the git commit that added its file, else
    the date an earlier build first saw it (kept in the manifest), else the file's modification time."""
    import subprocess
    from datetime import datetime

    from_git: dict[str, str] = {}
    try:
        log_out = subprocess.run(
            ["git", "-C", str(seeds), "log", "--diff-filter=A", "--format=%x00%aI", "--name-only", "--relative", "--", "."],
            capture_output=True,
            timeout=120,
            check=True,
        ).stdout.decode("utf-8", "surrogateescape")
        for chunk in log_out.split("\0")[1:]:  # newest commit first: the oldest add wins
            lines = chunk.strip().splitlines()
            for name in lines[1:]:
                from_git[Path(name).name] = lines[0]
    except (OSError, subprocess.SubprocessError):
        pass
    out = {}
    for p in paths:
        name = display_name(p)
        when = from_git.get(p.name) or known.get(name)
        if when is None:
            try:
                when = datetime.fromtimestamp(p.lstat().st_mtime, UTC).replace(microsecond=0).isoformat()
            except OSError:
                continue
        out[name] = when
    return out


def cache_key(path: Path) -> str:
    return make_job(path).key


def digest_file(path: Path, data: bytes | None = None, corrections: bytes | None = None):
    """Read, normalize and extract one report file; return its Digest."""
    src = read_file(path, data, corrections)
    report = normalize(src)
    digest = extract(report)
    return apply_corrections(digest, src.overrides)


def _failed(name: str, exc: Exception) -> Outcome:
    if isinstance(exc, DigestError):
        message = exc.problem if exc.path == name else f"{exc.path}: {exc.problem}"
    else:
        log.exception("%s: unexpected error", name)
        message = f"internal error: {exc.__class__.__name__}: {exc}"
    return Outcome(name, "failed", (message,))


def process(job: Job | Path) -> tuple[Outcome, str | None, str | None]:
    """Run stages 1-4 for one file; return (outcome, markdown, json). Never raises for bad input."""
    result = _process(job)
    settle_once()  # after the first report, the tables it loaded stay out of the collector's way
    return result


def _process(job: Job | Path) -> tuple[Outcome, str | None, str | None]:
    if isinstance(job, Path):
        path = job
        try:
            job = make_job(path, sign=False)  # what process returns holds no signature
        except Exception as exc:  # one bad report never sinks the build
            return _failed(display_name(path), exc), None, None
    try:
        d = digest_file(job.path, job.data, job.corrections)
        slug = report_slug(job.path.name)
        md, js = render_markdown(d, slug, job.added), digest_json(d, slug)
        status = "warning" if d.warnings else "ok"
        year = d.date.value[:4] if d.date.value and d.date.value[:4].isdigit() else UNKNOWN_YEAR
        province = (d.place.codes[0] or "")[:2] or UNKNOWN_PROVINCE
        return Outcome(job.name, status, d.warnings, slug, group=f"{province}/{year}"), md, js
    except Exception as exc:  # one bad report never sinks the build
        return _failed(job.name, exc), None, None


def _progress(iterable, total: int, desc: str):
    if not sys.stderr.isatty() or total < POOL_THRESHOLD:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="report")


def die_with_parent() -> None:
    """In a worker: ask the kernel to end this process when the build that started it dies (even by
    kill -9), so no orphan keeps extracting or writing. Linux only; elsewhere nothing happens."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        PR_SET_PDEATHSIG = 1
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def iter_process(items: Iterable[Job | Path], jobs: int | None = None, fn=None, total: int | None = None):
    """Process many files, in a pool when it pays; yield results in input order as they come.

    `items` may be an iterator (then `total` says about how many it holds): it is read only as fast
    as the pool works, so a large build holds a bounded number of reports in memory."""
    fn = fn or process
    jobs = jobs or os.cpu_count() or 1
    if total is None:
        items = list(items)
        total = len(items)
    if jobs <= 1 or total < POOL_THRESHOLD:
        yield from (fn(p) for p in _progress(items, total, "extract"))
        return
    # imported here: the pool's modules (multiprocessing, pickle, socket …) are a start-up cost that a
    # run in one process never needs
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(POOL_CHUNK_MAX, total // (jobs * 8)))
    it = iter(items)
    with ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent) as pool:
        window: collections.deque = collections.deque()
        ahead = jobs * 4  # chunks in flight: enough to keep every worker busy
        ticks = iter(_progress(range(total), total, "extract"))  # the progress bar, if any, advances per result
        while True:
            while len(window) < ahead:
                batch = list(itertools.islice(it, chunk))
                if not batch:
                    break
                window.append(pool.submit(_process_batch, fn, batch))
            if not window:
                break
            for result in window.popleft().result():
                next(ticks, None)
                yield result


def _process_batch(fn, batch: list) -> list:
    return [fn(x) for x in batch]


def process_all(paths: Sequence[Job | Path], jobs: int | None = None):
    """Process many files; results in input order."""
    return list(iter_process(paths, jobs))


def _code_stamp() -> str:
    return f"{code_fingerprint()}/{CACHE_FORMAT}"


def _digest_of(text: str | bytes) -> str:
    """A page's hash: of its text as written (UTF-8), or of the file's bytes, the same thing."""
    return hashlib.blake2b(text.encode("utf-8") if isinstance(text, str) else text, digest_size=16).hexdigest()


def _recorded_outcome(entry: dict) -> Outcome:
    """The outcome a manifest entry recorded, as a cache hit (KeyError, TypeError if malformed)."""
    o = entry["outcome"]
    return Outcome(o["source"], o["status"], tuple(o["messages"]), o.get("slug"), cached=True, group=o.get("group", ""))


class Manifest:
    """The digest cache: for each input, the hash it was built from, what came of it, and a hash of
    the page and data it wrote to content/.

    A hit needs all three to agree with what is on disk now, so no crash, kill or --no-cache run
    can leave a page in content/ that the manifest vouches for wrongly. The file is replaced
    atomically.
    """

    def __init__(self, path: Path, read: bool = True):
        self.path = path
        self.entries: dict[str, dict] = {}
        if read and path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("format") == CACHE_FORMAT:
                    self.entries = data.get("entries", {})
            except (OSError, ValueError, AttributeError):
                self.entries = {}

    def hit(self, job: Job, content_dir: Path) -> Outcome | None:
        e = self.entries.get(job.name)
        if not isinstance(e, dict) or e.get("key") != job.key:
            return None
        try:
            outcome = _recorded_outcome(e)
            if outcome.slug:
                md = (content_dir / f"{outcome.slug}.md").read_bytes()
                js = (content_dir / DATA_DIR / f"{outcome.slug}.json").read_bytes()
                if e.get("md") != _digest_of(md) or e.get("js") != _digest_of(js):
                    return None
        except (OSError, KeyError, TypeError, ValueError):
            return None
        return outcome

    def quick_hit(self, path: Path, added: str | None, content_dir: Path) -> Outcome | None:
        """A hit told by file signatures alone, without reading the report or its pages: the report,
        its corrections (or their absence) and its two pages are the files the manifest last saw,
        unchanged, and the code and arrival date are the same. Anything else goes the long way
        (make_job, then hit)."""
        e = self.entries.get(display_name(path))
        if not isinstance(e, dict) or e.get("code") != _code_stamp() or e.get("added") != added:
            return None
        sig = e.get("sig")
        parts = sig.split("|") if isinstance(sig, str) else []  # report, corrections, page, data
        if len(parts) != 4 or not same_file(parts[0], str(path)) or not same_file(parts[1], str(corrections_path(path))):
            return None
        try:
            outcome = _recorded_outcome(e)
        except (KeyError, TypeError):
            return None
        folder = str(content_dir)  # strings, not Paths: this runs for every report of the archive
        if outcome.slug and not (
            same_file(parts[2], f"{folder}/{outcome.slug}.md") and same_file(parts[3], f"{folder}/{DATA_DIR}/{outcome.slug}.json")
        ):
            return None
        return outcome

    def record(
        self,
        outcome: Outcome,
        key: str,
        md: str | None = None,
        js: str | None = None,
        added: str | None = None,
        sig: str | None = None,
    ) -> None:
        o = outcome  # by hand: dataclasses.asdict copies deeply, a second per 10,000 reports
        entry: dict = {
            "key": key,
            "outcome": {"source": o.source, "status": o.status, "messages": list(o.messages), "slug": o.slug, "group": o.group},
        }
        if added:
            entry["added"] = added
        if sig is not None:  # the report's signature as read; the pages' are taken when the manifest is saved
            entry["sig"] = sig
            entry["code"] = _code_stamp()
        elif outcome.cached and isinstance(self.entries.get(outcome.source), dict):
            old = self.entries[outcome.source]
            for k in ("sig", "code"):
                if k in old:
                    entry[k] = old[k]
        if md is not None and js is not None:
            entry.update(md=_digest_of(md), js=_digest_of(js))
        elif outcome.cached and outcome.source in self.entries:
            old = self.entries[outcome.source]
            entry.update(md=old.get("md"), js=old.get("js"))
        self.entries[outcome.source] = entry

    def added(self) -> dict[str, str]:
        return {k: e["added"] for k, e in self.entries.items() if isinstance(e, dict) and isinstance(e.get("added"), str)}

    def forget(self, name: str) -> None:
        self.entries.pop(name, None)

    def save(self, keep: set[str], content_dir: Path | None = None) -> None:
        entries = {k: v for k, v in sorted(self.entries.items()) if k in keep}
        if content_dir is not None:  # the pages as they are now that every write is done
            at, folder = time.time_ns(), str(content_dir)
            for e in entries.values():
                slug = (e.get("outcome") or {}).get("slug")
                sig = e.get("sig")
                if isinstance(sig, str) and slug:
                    report_and_corrections = "|".join(sig.split("|")[:2])
                    e["sig"] = (
                        f"{report_and_corrections}|{file_sig(f'{folder}/{slug}.md', at)}|{file_sig(f'{folder}/{DATA_DIR}/{slug}.json', at)}"
                    )
        write_if_changed(self.path, json.dumps({"format": CACHE_FORMAT, "entries": entries}, ensure_ascii=False))


DATA_DIR = "digests"  # under content/: one JSON per digest, read by the plugin
LEGACY_SLUG = re.compile(r"^(?:nd|\d{4}-\d{2}-\d{2})-[0-9a-f]{10}$")  # slugs of earlier versions, pruned on sight


def write_content(
    results,
    content_dir: Path,
    cached: Sequence[Outcome] = (),
    manifest: Manifest | None = None,
    keys: dict[str, str] | None = None,
    added: dict[str, str] | None = None,
    sigs: dict[str, str | None] | None = None,
) -> list[Outcome]:
    """Write pages and digest data into content/ as results come; remove pages of inputs that are gone.

    `cached` are outcomes whose pages in content/ are current and stay as they are. Each write is
    atomic and recorded in the manifest; a page that cannot be written fails its report alone.
    """
    data_dir = content_dir / DATA_DIR
    data_dir.mkdir(parents=True, exist_ok=True)
    keep: set[str] = {o.slug for o in cached if o.slug}
    outcomes = list(cached)
    for outcome, md, js in results:
        if outcome.cached and outcome.slug:  # its page in content/ is current
            keep.add(outcome.slug)
        elif outcome.status != "failed" and outcome.slug and md is not None and js is not None:
            try:
                write_if_changed(content_dir / f"{outcome.slug}.md", md)
                write_if_changed(data_dir / f"{outcome.slug}.json", js)
                keep.add(outcome.slug)
            except OSError as exc:
                outcome = Outcome(outcome.source, "failed", (f"cannot write its page: {exc}",))
                md = js = None
        if manifest is not None and keys is not None and outcome.source in keys:
            if outcome.status == "failed":
                manifest.forget(outcome.source)
            else:
                manifest.record(
                    outcome, keys[outcome.source], md, js, (added or {}).get(outcome.source), (sigs or {}).get(outcome.source)
                )
        outcomes.append(outcome)
    prune_content(content_dir, keep)
    return sorted(outcomes, key=lambda o: o.source)


def prune_content(content_dir: Path, keep: set[str]) -> None:
    """Delete only what this tool wrote: report pages and data of inputs that are gone, leftovers
    of interrupted writes. Any other file in content/ is left alone."""
    for folder, suffix in ((content_dir, ".md"), (content_dir / DATA_DIR, ".json")):
        for f in folder.iterdir():
            ours = f.suffix == suffix and (SLUG.match(f.stem) or LEGACY_SLUG.match(f.stem))
            if ((ours and f.stem not in keep) or is_partial_write(f.name)) and f.is_file() and not f.is_symlink():
                f.unlink()


def run_pelican_isolated(
    settings_file: Path, content_dir: Path, output_dir: Path, overrides: dict | None = None, fresh: bool = False
) -> bool:
    """Run Pelican in a child process, so its memory is returned before the search index runs;
    `fresh`: a new interpreter rather than a fork (see pelican_process).

    A failed run is tried once more without Pelican's cache: a build killed while Pelican wrote
    its cache leaves a truncated file that Pelican itself cannot read (EOFError) on every run.
    """
    if _run_pelican_child(settings_file, content_dir, output_dir, overrides, fresh):
        return True
    cache = Path((overrides or {}).get("CACHE_PATH") or pelican_cache_dir(settings_file))
    if cache.is_dir():
        log.warning("Pelican failed; trying again without its cache %s", cache)
        import shutil  # here: a start-up cost of every run, for a build's clean-up only

        shutil.rmtree(cache, ignore_errors=True)
        return _run_pelican_child(settings_file, content_dir, output_dir, overrides, fresh)
    return False


def _run_pelican_child(
    settings_file: Path, content_dir: Path, output_dir: Path, overrides: dict | None = None, fresh: bool = False
) -> bool:
    proc = pelican_process(settings_file, content_dir, output_dir, overrides, fresh)
    proc.start()
    proc.join()
    return proc.exitcode == 0


def pelican_process(settings_file: Path, content_dir: Path, output_dir: Path, overrides: dict | None = None, fresh: bool = False):
    """A child process (not started) that runs Pelican once.

    A fork where there is one: the child starts with the imports done, and its memory still goes
    back on exit. `fresh` starts a new interpreter instead, for a run that holds much of its own
    (the pages across shards of a large archive): a fork maps the whole parent (at 100,000 reports
    a build's parent holds some 350 MB of manifest) into a child that never uses it, and every
    object of it the child's garbage collector touches is copied."""
    import multiprocessing

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and not fresh else "spawn"
    ctx = multiprocessing.get_context(method)
    return ctx.Process(target=_pelican_child, args=(settings_file, content_dir, output_dir, overrides))  # type: ignore[attr-defined]


def pelican_cache_dir(settings_file: Path) -> Path:
    return (settings_file.resolve().parent / ".cache" / "pelican").resolve()


def _pelican_child(settings_file: Path, content_dir: Path, output_dir: Path, overrides: dict | None = None) -> None:
    die_with_parent()
    run_pelican(settings_file, content_dir, output_dir, overrides)


def run_pelican(settings_file: Path, content_dir: Path, output_dir: Path, overrides: dict | None = None) -> None:
    """Stage 5: Pelican renders content/ into output/ (our plugin adds the index pages)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    root = settings_file.resolve().parent
    override = {
        "PATH": str(content_dir.resolve()),
        "OUTPUT_PATH": str(output_dir.resolve()),
        "CACHE_PATH": str(pelican_cache_dir(settings_file)),
    }
    own_theme = root / "templates" / "theme"
    if own_theme.is_dir():  # a site folder's own theme (this repository's is the packaged one)
        override["THEME"] = str(own_theme.resolve())
    override.update(overrides or {})
    settings = read_settings(str(settings_file), override=override)
    Pelican(settings).run()


MARKER = ".meeting-digest"  # in content/ and output/: this tool made the folder and may delete in it


def claim_folder(folder: Path, role: str, legacy) -> None:
    """Make sure `folder` is ours to write and prune: new, empty, marked, or an earlier build's.

    A folder holding anything else (a project root, the reports themselves) is refused, so a slip
    such as --output . never deletes a user's files.
    """
    if folder.exists() and not folder.is_dir():
        raise DigestError(str(folder), f"the {role} folder is a file, not a folder")
    if folder.is_symlink():
        raise DigestError(str(folder), f"the {role} folder is a symbolic link; give a real folder")
    marker = folder / MARKER
    if marker.is_file():
        return
    if folder.is_dir():
        entries = [e for e in folder.iterdir() if e.name != MARKER]
        if entries and not legacy(entries):
            raise DigestError(
                str(folder),
                f"the {role} folder is not empty and was not made by meeting-digest; "
                "refusing to write or delete in it (name a new or empty folder)",
            )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        marker.write_text(
            f"{role} folder of meeting-digest: pages here are rebuilt and pruned by `digest build`\n", encoding="utf-8"
        )
    except OSError as exc:
        raise DigestError(str(folder), f"cannot write the {role} folder: {exc.strerror or exc}") from None


def _legacy_content(entries: list[Path]) -> bool:
    """content/ of an earlier version: only report pages and the digests/ folder."""
    return all((e.name == DATA_DIR and e.is_dir()) or (e.suffix == ".md" and e.is_file()) for e in entries)


def _legacy_output(entries: list[Path]) -> bool:
    """output/ of an earlier version: it holds a build report."""
    return any(e.name == "build-report.json" for e in entries)


def check_folders(seeds: Path, content: Path, output: Path) -> None:
    """The three folders must be distinct and none inside another: pruning one must never touch another."""
    named = {"reports": seeds.resolve(), "content": content.resolve(), "output": output.resolve()}
    items = list(named.items())
    for i, (a, pa) in enumerate(items):
        for b, pb in items[i + 1 :]:
            if pa == pb or pa in pb.parents or pb in pa.parents:
                raise DigestError(str(pb), f"the {a} and {b} folders overlap ({pa} and {pb}); give separate folders")


@contextlib.contextmanager
def build_lock(root: Path):
    """One build at a time in a site folder: a second one stops with a clear message."""
    import fcntl

    lock_dir = root / ".cache"
    lock_dir.mkdir(parents=True, exist_ok=True)
    with open(lock_dir / "build.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise DigestError(str(root), "another build is running in this folder; wait for it to finish") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def build(
    seeds: Path,
    content: Path,
    output: Path,
    settings_file: Path,
    jobs: int | None = None,
    use_cache: bool = True,
    search: bool = True,
    shards: str = "auto",
    shard_size: int = SHARD_SIZE,
    scheduler: str | None = None,
    max_memory_mb: int | None = None,
) -> BuildReport:
    """Build the site from a folder of reports; account for every input in the report.

    `shards`: "auto" renders in shards when there are more than `shard_size` reports, "on" always,
    "off" never. `scheduler`: a Dask scheduler address (or "local") to run the tasks on.
    `max_memory_mb`: what the Pelican runs may use (with the processes that write their index pages);
    with less than enough, fewer processes write them, one at the least.
    """
    from .engine import make_engine

    if shards not in SHARD_MODES:
        raise DigestError("--shards", f"must be one of {', '.join(SHARD_MODES)}, not {shards!r}")
    if shard_size < 1:
        raise DigestError("--shard-size", "must be a positive whole number")
    if max_memory_mb is not None and max_memory_mb < 1:
        raise DigestError("--max-memory", "must be a positive whole number of MB")
    root = settings_file.resolve().parent
    check_folders(seeds, content, output)
    claim_folder(content, "content", _legacy_content)
    claim_folder(output, "output", _legacy_output)
    with build_lock(root):
        engine = make_engine(scheduler, jobs)
        try:
            plan = ShardPlan(shards, shard_size, max_memory_mb)
            return _build(seeds, content, output, settings_file, root, engine, use_cache, search, plan)
        finally:
            engine.close()


@dataclass(frozen=True)
class ShardPlan:
    mode: str = "auto"
    size: int = SHARD_SIZE
    memory_mb: int | None = None  # the Pelican runs' memory budget (None: as many page processes as jobs)

    def applies(self, reports: int) -> bool:
        return self.mode == "on" or (self.mode == "auto" and reports > self.size)


def _build(seeds, content, output, settings_file, root, engine, use_cache, search, plan: ShardPlan) -> BuildReport:
    paths, skipped = scan_inputs(seeds)
    manifest = Manifest(root / ".cache" / MANIFEST_NAME, read=use_cache)
    settled: list[tuple[Outcome, None, None]] = []  # failed to read, or found in the cache
    keys: dict[str, str] = {}
    sigs: dict[str, str | None] = {}
    added = arrival_dates(seeds, paths, manifest.added())

    def jobs():
        """Reports to extract, read one at a time as the engine asks for them: a national archive's
        bytes are never all in memory."""
        for p in paths:
            name = display_name(p)
            quick = manifest.quick_hit(p, added.get(name), content) if use_cache else None
            if quick:
                keys[name] = manifest.entries[name]["key"]
                settled.append((quick, None, None))
                continue
            try:
                job = make_job(p, added.get(name))
                key = job.key
            except Exception as exc:  # unreadable, too large, bad corrections file: this input alone fails
                settled.append((_failed(name, exc), None, None))
                continue
            keys[job.name] = key
            sigs[job.name] = job.sig
            hit = manifest.hit(job, content) if use_cache else None
            if hit:
                settled.append((hit, None, None))
            else:
                yield job

    extracted = engine.extract(jobs(), process, total=len(paths))
    results = itertools.chain(extracted, iter(lambda: settled.pop() if settled else None, None))
    outcomes = write_content(results, content, (), manifest, keys, added, sigs)
    manifest.save(set(keys), content)
    keys.clear()  # held while the Pelican runs go on: a national archive's are hundreds of MB
    sigs.clear()
    added.clear()
    report = BuildReport(outcomes=outcomes, skipped=skipped)
    groups = {o.slug: o.group for o in outcomes if o.status != "failed" and o.slug}
    release()  # what extraction freed goes back before the Pelican runs
    if plan.applies(len(groups)):
        report.pelican_ok = render_sharded(engine, settings_file, content, output, groups, manifest, plan)
    else:
        page_jobs = getattr(engine, "jobs", os.cpu_count() or 1)
        settings = memo_settings(settings_file, page_jobs, memory_mb=plan.memory_mb)
        report.pelican_ok = run_pelican_isolated(settings_file, content, output, settings)
    if not report.pelican_ok:
        log.error("Pelican failed; see its messages above")
    else:
        report.outcomes = [_check_page(o, output) for o in report.outcomes]
    if search and report.pelican_ok:
        from .search import build_index

        report.search = build_index(output)
    write_if_changed(output / "build-report.json", json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    return report


def render_sharded(
    engine, settings_file: Path, content: Path, output: Path, groups: dict, manifest: Manifest, plan: ShardPlan
) -> bool:
    """Stage 5 in shards: a Pelican run per shard whose pages changed, then one for the pages across
    shards (generator.shards). Returns whether every run succeeded."""
    from .engine import ShardTask

    state_dir = settings_file.resolve().parent / ".cache" / SHARD_DIR
    store_dir = state_dir / "store"
    state_file = state_dir / "state.json"
    shards = plan_shards(groups, plan.size)
    page_hashes = {
        e["outcome"].get("slug"): e.get("md", "") + e.get("js", "")
        for e in manifest.entries.values()
        if isinstance(e, dict) and isinstance(e.get("outcome"), dict)
    }
    try:
        old_state = json.loads(state_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        old_state = {}
    code = site_fingerprint(settings_file)
    state = {name: shard_fingerprint(slugs, page_hashes, code) for name, slugs in shards.items()}
    todo = [
        name
        for name, slugs in shards.items()
        if old_state.get(name) != state[name]
        or not store_path(store_dir, name).is_file()
        or not all((output / "reports" / s / "index.html").is_file() for s in slugs)
    ]
    cache = pelican_cache_dir(settings_file)
    tasks = [
        ShardTask(
            str(settings_file.resolve()),
            str(content.resolve()),
            str(output.resolve()),
            {
                "ARTICLE_PATHS": [f"{slug}.md" for slug in shards[name]],
                "DIRECT_TEMPLATES": [],
                "DIGEST_RENDER": "shard",
                "DIGEST_SHARD": name,
                "DIGEST_SHARD_STORE": str(store_dir),
                "CACHE_PATH": str(cache / "shards" / name),
            },
        )
        for name in todo
    ]
    log.info("rendering %d of %d shards", len(tasks), len(shards))
    import pelican.generators  # noqa: F401  (imported once here, not in every forked Pelican run)

    from . import pelican_plugin  # noqa: F401

    ok = engine.render(tasks) if tasks else []
    failed = [t.name for t, good in zip(tasks, ok, strict=True) if not good]
    for name in failed:
        log.error("shard %s: Pelican failed; see its messages above", name)
        state.pop(name, None)
    for gone in set(old_state) - set(shards):  # shards with no reports left
        store_path(store_dir, gone).unlink(missing_ok=True)
        import shutil

        shutil.rmtree(cache / "shards" / gone, ignore_errors=True)
    state_dir.mkdir(parents=True, exist_ok=True)
    write_plan(state_dir / PLAN_NAME, {k: v for k, v in shards.items() if k not in failed}, page_hashes)
    index_ok = run_pelican_isolated(
        settings_file,
        content,
        output,
        {
            "ARTICLE_PATHS": [],
            "DIRECT_TEMPLATES": [],
            "DIGEST_RENDER": "index",
            "DIGEST_SHARD_PLAN": str(state_dir / PLAN_NAME),
            "DIGEST_SHARD_STORE": str(store_dir),
            "CACHE_PATH": str(cache / "index"),
            **memo_settings(settings_file, getattr(engine, "jobs", os.cpu_count() or 1), code, plan.memory_mb),
        },
        # A fork when this process is small: the child starts with Pelican imported, a second sooner
        # than a new interpreter (10,000 reports: the parent holds ~100 MB). A new interpreter when
        # it holds a large archive's manifest, which a fork would map into a child that never uses
        # it and copy page by page as the child's collector walks it (100,000: tree Rss over 2 GB).
        fresh=rss_mb() > FORK_MAX_MB,
    )
    write_if_changed(state_file, json.dumps(state, sort_keys=True))
    return index_ok and not failed


def memo_settings(settings_file: Path, jobs: int, salt: str | None = None, memory_mb: int | None = None) -> dict:
    """The plugin's page memo (index pages whose inputs did not change are not rendered again), how
    many processes write the index pages, and the memory they may use together: the budget less
    what this process holds while they run."""
    return {
        "DIGEST_PAGE_MEMO": str(settings_file.resolve().parent / ".cache" / "pages.sqlite"),
        "DIGEST_PAGE_MEMO_SALT": salt or site_fingerprint(settings_file),
        "DIGEST_PAGE_JOBS": max(1, jobs),
        **({"DIGEST_MEMORY_MB": max(1, int(memory_mb - rss_mb()))} if memory_mb is not None else {}),
    }


def site_fingerprint(settings_file: Path) -> str:
    """The code, settings and theme that every page depends on: a change re-renders every shard."""
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(settings_file.read_bytes())
    from importlib import resources

    themes = [Path(str(resources.files("generator.site") / "theme")), settings_file.resolve().parent / "templates" / "theme"]
    for theme in themes:
        if theme.is_dir():
            for f in sorted(theme.rglob("*")):
                if f.is_file():
                    h.update(f.relative_to(theme).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:16]


def _check_page(o: Outcome, output: Path) -> Outcome:
    """A report that Pelican dropped (it logs why) is a failed report, not an ok one."""
    if o.status == "failed" or not o.slug or (output / "reports" / o.slug / "index.html").is_file():
        return o
    return Outcome(o.source, "failed", (*o.messages, "Pelican did not write its page (see Pelican's messages)"), o.slug)
