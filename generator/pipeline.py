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

import hashlib
import json
import logging
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from . import __version__, vocab
from .errors import DigestError
from .extract import apply_corrections, extract
from .files import write_if_changed
from .normalize import normalize
from .read import CORRECTIONS_SUFFIX, list_inputs, read_file
from .render import digest_json, render_markdown, report_slug

log = logging.getLogger(__name__)

POOL_CHUNK_MAX = 64  # bounds how many finished digests wait in memory before they are written
POOL_THRESHOLD = 16  # below this many reports a process pool costs more than it saves
CACHE_FORMAT = 2
MANIFEST_NAME = "digests.json"  # under .cache/, beside Pelican's own cache


@dataclass(frozen=True)
class Outcome:
    """What the build did with one input file."""

    source: str
    status: str  # ok / warning / failed
    messages: tuple[str, ...] = ()
    slug: str | None = None
    cached: bool = False


@dataclass
class BuildReport:
    outcomes: list[Outcome] = field(default_factory=list)
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
            "site": "ok" if self.pelican_ok else "failed",
            "search": self.search,
            "files": [{k: v for k, v in asdict(o).items() if k != "cached"} for o in self.outcomes],
        }


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's code, vocabulary and page template: part of every cache key."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).resolve().parent
    for p in sorted(root.rglob("*.py")):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(p.read_bytes())
    template = root.parent / "templates" / "digest.md.j2"
    if template.exists():
        h.update(template.read_bytes())
    h.update(vocab.fingerprint().encode())
    return h.hexdigest()[:16]


def cache_key(path: Path) -> str:
    h = hashlib.sha256(path.read_bytes())
    meta = path.with_name(path.stem + CORRECTIONS_SUFFIX)
    if meta.exists():
        h.update(b"\0meta\0" + meta.read_bytes())
    h.update(f"\0{path.name}\0{code_fingerprint()}\0{CACHE_FORMAT}".encode())
    return h.hexdigest()


def digest_file(path: Path):
    """Read, normalize and extract one report file; return its Digest."""
    src = read_file(path)
    report = normalize(src)
    digest = extract(report)
    return apply_corrections(digest, src.overrides)


def process(path: Path) -> tuple[Outcome, str | None, str | None]:
    """Run stages 1-4 for one file; return (outcome, markdown, json). Never raises for bad input."""
    try:
        d = digest_file(path)
        slug = report_slug(path.name, d.date.value)
        md, js = render_markdown(d, slug), digest_json(d, slug)
        status = "warning" if d.warnings else "ok"
        return Outcome(path.name, status, d.warnings, slug), md, js
    except DigestError as exc:
        message = exc.problem if exc.path == path.name else f"{exc.path}: {exc.problem}"
        return Outcome(path.name, "failed", (message,)), None, None
    except Exception as exc:  # one bad report never sinks the build
        log.exception("%s: unexpected error", path.name)
        return Outcome(path.name, "failed", (f"internal error: {exc.__class__.__name__}: {exc}",)), None, None


def _progress(iterable, total: int, desc: str):
    if not sys.stderr.isatty() or total < POOL_THRESHOLD:
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc, unit="report")


def iter_process(paths: list[Path], jobs: int | None = None):
    """Process many files, in a pool when it pays; yield results in input order as they come."""
    jobs = jobs or os.cpu_count() or 1
    if jobs <= 1 or len(paths) < POOL_THRESHOLD:
        yield from (process(p) for p in _progress(paths, len(paths), "extract"))
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        chunk = max(1, min(POOL_CHUNK_MAX, len(paths) // (jobs * 8)))
        yield from _progress(pool.map(process, paths, chunksize=chunk), len(paths), "extract")


def process_all(paths: list[Path], jobs: int | None = None):
    """Process many files; results in input order."""
    return list(iter_process(paths, jobs))


class Manifest:
    """The digest cache: for each input, the hash it was built from and what came of it.

    The rendered page and digest data live in content/ already, so the manifest only says which
    of them are current; an entry whose content files are gone is rebuilt.
    """

    def __init__(self, path: Path | None):
        self.path = path
        self.entries: dict[str, dict] = {}
        if path is not None and path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("format") == CACHE_FORMAT:
                    self.entries = data.get("entries", {})
            except (OSError, ValueError):
                self.entries = {}

    def hit(self, source: Path, key: str, content_dir: Path) -> Outcome | None:
        e = self.entries.get(source.name)
        if not e or e.get("key") != key:
            return None
        o = e["outcome"]
        slug = o.get("slug")
        if slug and not ((content_dir / f"{slug}.md").exists() and (content_dir / "digests" / f"{slug}.json").exists()):
            return None
        return Outcome(o["source"], o["status"], tuple(o["messages"]), slug, cached=True)

    def record(self, outcome: Outcome, key: str) -> None:
        self.entries[outcome.source] = {"key": key, "outcome": {k: v for k, v in asdict(outcome).items() if k != "cached"}}

    def save(self, keep: set[str]) -> None:
        if self.path is None:
            return
        entries = {k: v for k, v in sorted(self.entries.items()) if k in keep}
        write_if_changed(self.path, json.dumps({"format": CACHE_FORMAT, "entries": entries}, ensure_ascii=False))


def write_content(results, content_dir: Path, cached: list[Outcome] = ()) -> list[Outcome]:
    """Write pages and digest data into content/ as results come; remove pages of inputs that are gone.

    `cached` are outcomes whose pages in content/ are current and stay as they are.
    """
    data_dir = content_dir / "digests"
    content_dir.mkdir(parents=True, exist_ok=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    keep: set[str] = {o.slug for o in cached if o.slug}
    outcomes = list(cached)
    for outcome, md, js in results:
        if outcome.status != "failed" and outcome.slug:
            write_if_changed(content_dir / f"{outcome.slug}.md", md)
            write_if_changed(data_dir / f"{outcome.slug}.json", js)
            keep.add(outcome.slug)
        outcomes.append(outcome)
    for stale in list(content_dir.glob("*.md")) + list(data_dir.glob("*.json")):
        if stale.stem not in keep:
            stale.unlink()
    return sorted(outcomes, key=lambda o: o.source)


def run_pelican_isolated(settings_file: Path, content_dir: Path, output_dir: Path) -> bool:
    """Run Pelican in a child process, so its memory is returned before the search index runs."""
    import multiprocessing

    # fork where there is one: the child starts with the imports done; its memory still goes back on exit
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    proc = multiprocessing.get_context(method).Process(target=run_pelican, args=(settings_file, content_dir, output_dir))
    proc.start()
    proc.join()
    return proc.exitcode == 0


def run_pelican(settings_file: Path, content_dir: Path, output_dir: Path) -> None:
    """Stage 5: Pelican renders content/ into output/ (our plugin adds the index pages)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    root = settings_file.resolve().parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    settings = read_settings(
        str(settings_file),
        override={
            "PATH": str(content_dir.resolve()),
            "OUTPUT_PATH": str(output_dir.resolve()),
            "THEME": str((root / "templates" / "theme").resolve()),
            "CACHE_PATH": str((root / ".cache" / "pelican").resolve()),
        },
    )
    Pelican(settings).run()


def build(
    seeds: Path,
    content: Path,
    output: Path,
    settings_file: Path,
    jobs: int | None = None,
    use_cache: bool = True,
    search: bool = True,
    search_full_text: bool = False,
) -> BuildReport:
    """Build the site from a folder of reports; account for every input in the report."""
    paths = list_inputs(seeds)
    manifest = Manifest(settings_file.resolve().parent / ".cache" / MANIFEST_NAME if use_cache else None)
    keys = {p.name: cache_key(p) for p in paths}
    cached, todo = [], []
    for p in paths:
        hit = manifest.hit(p, keys[p.name], content)
        if hit:
            cached.append(hit)
        else:
            todo.append(p)
    outcomes = write_content(iter_process(todo, jobs), content, cached)
    for o in outcomes:
        manifest.record(o, keys[o.source])
    manifest.save({p.name for p in paths})
    report = BuildReport(outcomes=outcomes)
    report.pelican_ok = run_pelican_isolated(settings_file, content, output)
    if not report.pelican_ok:
        log.error("Pelican failed; see its messages above")
    if search and report.pelican_ok:
        from .search import build_index

        report.search = build_index(output, full_text=search_full_text)
    output.mkdir(parents=True, exist_ok=True)
    (output / "build-report.json").write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    return report
