"""Stage 5 at scale: the site rendered in shards, each a bounded Pelican run, and the pages that span
shards built from the digests' data.

A large site (more reports than DIGEST_SHARD_THRESHOLD) is not one Pelican run holding every
article. Instead:

1. plan      each report's group is its province and year (`Outcome.group`, "44/2023"); a
             province is one shard, or one shard per year when it has more than the shard size.
2. shards    one Pelican run per shard (DIGEST_RENDER = "shard") writes that shard's report pages
             and keeps each page's HTML body in `.cache/shards/<shard>.sqlite` for the feeds.
             A shard whose members' pages are unchanged since the last build is not run again.
3. index     one Pelican run with no articles (DIGEST_RENDER = "index") reads a light reference
             per report (its page's front matter and the parts of its digest the index pages show,
             `ReportRef`) and writes the home page, places, frameworks, people, indicators, browsing
             lists, feeds and data export: the same pages and URLs as a single run.

The shard runs are independent tasks: run by the local engine (a process per shard, as many at a
time as there are cores) or by Dask workers (generator.engine).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .urls import KEY, UrlScheme

log = logging.getLogger(__name__)

SHARD_DIR = "shards"  # under .cache/: the plan, each shard's fingerprint and page store
PLAN_NAME = "plan.json"
UNKNOWN_PROVINCE = "00"
UNKNOWN_YEAR = "0000"
# digest keys the index pages, feeds and listings read; the rest (sentences, tasks …) stays on disk
WRITE_BATCH = 512  # rows of the reference cache written at once
REF_CACHE_NAME = "refs.sqlite"  # beside the plan: RefCache
REF_KEYS = ("source", "title", "date", "date_basis", "kind", "place", "chairs", "speakers", "attendees", "targets", "frameworks")
FRONT_MATTER = re.compile(r"^([A-Za-z]+):[ \t]*(.*)$")


def group_of(digest: Mapping[str, Any]) -> str:
    """A report's shard group: its province's two-digit code and its meeting year ("44/2023")."""
    place = digest.get("place") or {}
    codes = place.get("codes") or {} if isinstance(place, Mapping) else {}
    code = codes.get("province") if isinstance(codes, Mapping) else None
    province = code[:2] if isinstance(code, str) and code[:2].isdigit() else UNKNOWN_PROVINCE
    date = digest.get("date")
    year = date[:4] if isinstance(date, str) and date[:4].isdigit() else UNKNOWN_YEAR
    return f"{province}/{year}"


def plan_shards(groups: Mapping[str, str], size: int) -> dict[str, list[str]]:
    """Slugs by shard: a province is one shard ("44"); a province with more than `size` reports is
    one shard per year ("44-2023"). Shard names are page keys, sorted; members sorted."""
    by_province: dict[str, dict[str, list[str]]] = {}
    for slug, group in groups.items():
        province, _, year = group.partition("/")
        by_province.setdefault(province, {}).setdefault(year or UNKNOWN_YEAR, []).append(slug)
    shards: dict[str, list[str]] = {}
    for province, years in by_province.items():
        if sum(len(v) for v in years.values()) <= size:
            shards[province] = sorted(s for v in years.values() for s in v)
        else:
            for year, slugs in years.items():
                shards[f"{province}-{year}"] = sorted(slugs)
    assert all(KEY.match(k) for k in shards)
    return dict(sorted(shards.items()))


def shard_fingerprint(slugs: Iterable[str], page_hashes: Mapping[str, str], code: str) -> str:
    """What a shard's pages are made of: its members' page hashes and the code that renders them."""
    h = hashlib.sha256(code.encode())
    for slug in slugs:
        h.update(f"\0{slug}:{page_hashes.get(slug, '')}".encode())
    return h.hexdigest()[:24]


# -- the page store: each report page's HTML body, written by its shard's run, read by the feeds ---
def store_path(store_dir: Path, shard: str) -> Path:
    if not KEY.match(shard):
        raise ValueError(f"not a shard name: {shard!r}")
    return store_dir / f"{shard}.sqlite"


def write_store(path: Path, rows: Iterable[tuple[str, str]]) -> None:
    """Replace a shard's store with (slug, html) rows, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute("CREATE TABLE page (slug TEXT PRIMARY KEY, html TEXT NOT NULL)")
        con.executemany("INSERT INTO page VALUES (?, ?)", rows)
        con.commit()
    finally:
        con.close()
    tmp.replace(path)


class PageStore:
    """Read side of the shards' stores: one read-only connection per shard, opened on first use."""

    def __init__(self, store_dir: Path):
        self.store_dir = store_dir
        self._cons: dict[str, sqlite3.Connection] = {}

    def html(self, shard: str, slug: str) -> str:
        con = self._cons.get(shard)
        if con is None:
            uri = store_path(self.store_dir, shard).resolve().as_uri() + "?mode=ro"
            con = self._cons[shard] = sqlite3.connect(uri, uri=True)
        row = con.execute("SELECT html FROM page WHERE slug = ?", (slug,)).fetchone()
        if row is None:
            raise LookupError(f"report {slug}: no page in shard {shard}'s store")
        return str(row[0])

    def close(self) -> None:
        for con in self._cons.values():
            con.close()
        self._cons.clear()


# -- the light reference the index run uses in place of a Pelican article --------------------------
@dataclass(eq=False, slots=True)
class ReportRef:
    """What the index pages and feeds need of one report, without its text: the attributes the
    templates read of a Pelican article (title, url, date, slug, metadata) and of our plugin's
    additions (digest, place_chain …, set by the plugin as for an article)."""

    slug: str
    title: str
    url: str
    date: datetime
    metadata: dict[str, str]
    shard: str
    store: PageStore
    digest: dict = field(default_factory=dict)
    card: str = ""  # a hash of the report's page and digest: what the index pages show of it
    # set by the plugin, as on a Pelican article (slots keep a reference small at a million reports)
    page_url: str = ""
    added: datetime | None = None
    place_chain: list = field(default_factory=list)
    framework_nodes: list = field(default_factory=list)
    level: str = ""
    meeting_kind: str = ""
    meeting_year: str = ""
    meeting_month: str = ""

    @property
    def content(self) -> str:
        return self.store.html(self.shard, self.slug)

    @property
    def source_path(self) -> str:
        return f"{self.slug}.md"


def read_front_matter(path: Path) -> dict[str, str]:
    """A content page's metadata lines (`Title: …`), lower-cased keys, up to the first blank line."""
    meta: dict[str, str] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                break
            m = FRONT_MATTER.match(line)
            if m:
                meta[m.group(1).lower()] = m.group(2).strip()
    return meta


def light_digest(d: Mapping[str, Any]) -> dict:
    """The parts of a digest the index pages show; evidence sentences kept by index, not the text."""
    out = {k: d[k] for k in REF_KEYS if k in d}
    sentences = d.get("sentences") or []
    wanted: set[int] = set()
    for key in ("frameworks", "targets"):
        for item in d.get(key) or []:
            i = item.get("evidence") if isinstance(item, dict) else None
            if isinstance(i, int) and 0 <= i < len(sentences):
                wanted.add(i)
    out["sentences"] = {i: sentences[i] for i in sorted(wanted)}
    return out


def load_refs(
    content_dir: Path,
    plan: Mapping[str, tuple[str, str]],
    scheme: UrlScheme,
    timezone: str,
    store: PageStore,
    cache: RefCache | None = None,
) -> Iterator[ReportRef]:
    """One ReportRef per planned report (slug -> shard and card): from the reference cache where the
    report's card is the one cached, else from its page's front matter. The digest is read later, one
    at a time (pelican_plugin streams them to the index builder)."""
    heads = cache.heads() if cache is not None else {}
    for slug, (shard, card) in plan.items():
        head = heads.get(slug)
        if head is not None and card and head[0] == card:
            _, title, iso, meta = head
            date = datetime.fromisoformat(iso)
        else:
            md = content_dir / f"{slug}.md"
            try:
                front = read_front_matter(md)
            except (OSError, ValueError) as exc:
                log.warning("%s: cannot read its page (%s); left out of the index pages", md, exc)
                continue
            date = page_datetime(front.get("date", ""), timezone)
            title = front.get("title", "")
            meta = {k: front[k] for k in ("added", "digest") if k in front}  # what the plugin reads of it later
        yield ReportRef(
            slug=slug,
            title=title,
            url=scheme.page("report", slug),
            date=date,
            metadata=meta,
            shard=shard,
            store=store,
            card=card or f"unknown-{os.urandom(8).hex()}",  # no card: its pages are written again
        )


DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def page_datetime(value: str, timezone: str) -> datetime:
    """A page's `Date:` as Pelican reads it (in the site's time zone); the plain day that `digest
    build` writes without dateutil, which costs a second per 10,000 reports."""
    from pelican.utils import get_date, set_date_tzinfo

    if DAY.fullmatch(value):
        try:
            return set_date_tzinfo(datetime.fromisoformat(value), timezone)
        except ValueError:
            pass
    return set_date_tzinfo(get_date(value), timezone)


def connect_cache(path: Path, schema: Iterable[str]) -> sqlite3.Connection:
    """A cache file of this version of the code: its tables are made by `schema`, and a file whose
    tables were made by other statements (an older version) is emptied and made again, never
    read or written with columns it does not have. Raises sqlite3.Error for a file that is no
    database."""
    statements = tuple(schema)
    version = int.from_bytes(hashlib.sha256("\n".join(statements).encode()).digest()[:3], "big")
    con = sqlite3.connect(path)
    try:
        if con.execute("PRAGMA user_version").fetchone()[0] != version:
            tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                con.execute(f'DROP TABLE IF EXISTS "{table}"')
            for statement in statements:
                con.execute(statement)
            con.execute(f"PRAGMA user_version = {version}")
            con.commit()
    except sqlite3.Error:
        con.close()
        raise
    return con


class RefCache:
    """What the index run read of each report last time (its page's front matter and its light
    digest), by card, in one SQLite file beside the plan: a rebuild reads only the pages and digests
    whose card changed. Rows are written at the end of a run that succeeded; a cache that cannot be
    read is started again, never trusted in part. Rows are read one at a time, so a national
    archive's digests are never all in memory."""

    FORMAT = "1"
    SCHEMA = (
        "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)",
        "CREATE TABLE ref (slug TEXT PRIMARY KEY, card TEXT, title TEXT, date TEXT, meta TEXT, light TEXT)",
        "CREATE TABLE export (slug TEXT PRIMARY KEY, card TEXT, element TEXT, rows TEXT)",
    )

    def __init__(self, path: Path, salt: str):
        self.path = path
        self._heads: dict[str, tuple[str, str, str, dict]] = {}
        self._rows: list[tuple] = []  # ref rows not yet written (written in batches: a cold
        self._parts: list[tuple] = []  # national build makes millions, held nowhere at once)
        self.con = self._open(salt)

    def _open(self, salt: str) -> sqlite3.Connection | None:
        stamp = f"{self.FORMAT}:{salt}"
        for _attempt in range(2):
            try:
                con = connect_cache(self.path, self.SCHEMA)
                row = con.execute("SELECT v FROM meta WHERE k = 'stamp'").fetchone()
                if row is None or row[0] != stamp:  # other code or settings: nothing cached holds
                    con.execute("DELETE FROM ref")
                    con.execute("DELETE FROM export")
                    con.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))
                    con.commit()
                return con
            except sqlite3.Error as exc:
                log.warning("%s: reference cache unreadable (%s); starting it again", self.path, exc)
                self.path.unlink(missing_ok=True)
        return None

    def heads(self) -> dict[str, tuple[str, str, str, dict]]:
        """slug -> (card, title, ISO date, metadata) of every cached report."""
        if self.con is None:
            return {}
        try:
            rows = self.con.execute("SELECT slug, card, title, date, meta FROM ref WHERE light IS NOT NULL").fetchall()
            self._heads = {slug: (card, title, date, json.loads(meta)) for slug, card, title, date, meta in rows}
        except (sqlite3.Error, ValueError) as exc:
            log.warning("%s: reference cache unreadable (%s); reading every page", self.path, exc)
            self._heads = {}
        return self._heads

    def light(self, slug: str, card: str) -> dict | None:
        """The cached light digest of a report whose card is the cached one, else None."""
        head = self._heads.get(slug)
        if self.con is None or head is None or head[0] != card:
            return None
        try:
            row = self.con.execute("SELECT light FROM ref WHERE slug = ? AND card = ?", (slug, card)).fetchone()
            data = json.loads(row[0]) if row else None
        except (sqlite3.Error, ValueError):
            return None
        if not isinstance(data, dict):
            return None
        sentences = data.get("sentences")
        if isinstance(sentences, dict):  # JSON keys are strings; the evidence indexes are numbers
            data["sentences"] = {int(k): v for k, v in sentences.items() if k.isdigit()}
        return data

    def put_light(self, ref: ReportRef, light: dict) -> None:
        """Keep a report read this run (its card not the cached one): its reference and light digest."""
        if not ref.card or ref.card.startswith("unknown-"):
            return
        meta = json.dumps(ref.metadata, ensure_ascii=False)
        self._rows.append((ref.slug, ref.card, ref.title, ref.date.isoformat(), meta, json.dumps(light, ensure_ascii=False)))
        if len(self._rows) >= WRITE_BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the rows made so far (each is keyed by its card, so it holds whatever comes later)."""
        rows, parts, self._rows, self._parts = self._rows, self._parts, [], []
        if self.con is None or not (rows or parts):
            return
        try:
            with self.con:
                self.con.executemany("INSERT OR REPLACE INTO ref VALUES (?, ?, ?, ?, ?, ?)", rows)
                self.con.executemany("INSERT OR REPLACE INTO export VALUES (?, ?, ?, ?)", parts)
        except sqlite3.Error as exc:
            log.warning("%s: reference cache not written (%s)", self.path, exc)

    def forget(self, table: str, keep: Iterable[str]) -> bool:
        """Delete the rows of reports no longer planned; whether there were any."""
        assert table in ("ref", "export")
        self.flush()
        if self.con is None:
            return True
        keep = set(keep)
        try:
            with self.con:
                gone = [(s,) for (s,) in self.con.execute(f"SELECT slug FROM {table}") if s not in keep]
                self.con.executemany(f"DELETE FROM {table} WHERE slug = ?", gone)
        except sqlite3.Error as exc:
            log.warning("%s: reference cache not saved (%s)", self.path, exc)
            return True
        return bool(gone)

    def save(self, keep: Iterable[str]) -> None:
        """Write what was read this run and forget reports no longer planned."""
        self.forget("ref", keep)

    def export_cards(self) -> dict[str, str]:
        """slug -> card of every report's export part kept."""
        if self.con is None:
            return {}
        try:
            return dict(self.con.execute("SELECT slug, card FROM export").fetchall())
        except sqlite3.Error:
            return {}

    def put_export(self, slug: str, card: str, element: str, rows: str) -> None:
        self._parts.append((slug, card, element, rows))
        if len(self._parts) >= WRITE_BATCH:
            self.flush()

    def export_part(self, slug: str) -> tuple[str, str, str] | None:
        """(card, element, rows): a report's share of the data export as the last export wrote it."""
        if self.con is None:
            return None
        try:
            row = self.con.execute("SELECT card, element, rows FROM export WHERE slug = ?", (slug,)).fetchone()
        except sqlite3.Error:
            return None
        return (str(row[0]), str(row[1]), str(row[2])) if row else None

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


def read_plan(path: Path) -> dict[str, tuple[str, str]]:
    """slug -> (shard, card), as the build wrote it for the index run."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): (str(v[0]), str(v[1])) for k, v in data.items()}


def write_plan(path: Path, shards: Mapping[str, list[str]], cards: Mapping[str, str]) -> None:
    from .files import write_if_changed

    flat = {slug: [shard, cards.get(slug, "")] for shard, slugs in shards.items() for slug in slugs}
    write_if_changed(path, json.dumps(flat, ensure_ascii=False, sort_keys=True))
