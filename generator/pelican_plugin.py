"""Pelican plugin: the index pages (places, frameworks, people, indicators, browsing lists), feeds
and data export, as views of the digests that `digest build` wrote to content/digests/.

Only public extension points: the `get_generators` signal and a Generator subclass whose
generate_context builds the indexes (generator.indexes, pure) and whose generate_output writes
one kind of page per generate_* method through Pelican's writer. Settings are read once.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import shutil
import sqlite3
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator

from .export import export_part, write_export_parts, write_exports
from .extract.frameworks import glossary
from .feeds import PAGE_FEED_ITEMS, SITE_FEED_ITEMS, FeedItem, FeedSpec, newest, write_feeds
from .indexes import Indexes, build_indexes
from .memory import release, rss_mb
from .shards import (
    REF_CACHE_NAME,
    PageStore,
    RefCache,
    connect_cache,
    light_digest,
    load_refs,
    read_plan,
    store_path,
    write_store,
)
from .urls import FOLDERS, KEY, UrlScheme

log = logging.getLogger(__name__)

LEVELS = {"province": "省级", "city": "市级", "county": "县级", "unknown": "层级不详"}
UNKNOWN_YEAR = "unknown"
RENDER_MODES = ("all", "shard", "index")  # one run for everything; a shard's report pages; the pages across shards
EXPORTS = ("data/digests.json", "data/targets.csv")
FEW_CHANGES = 20  # fewer than 1 in this many reports changed: one process writes the pages
FEED_ITEM_CACHE = 512  # feed items kept built at once: a report is in several feeds, its HTML is large


@dataclass(frozen=True)
class PluginSettings:
    """The plugin's settings, read and checked once."""

    data_dir: Path
    output: Path
    site_url: str
    scheme: UrlScheme
    feeds: bool
    site_feed_items: int
    page_feed_items: int
    sitename: str
    subtitle: str
    render: str = "all"
    shard: str = ""
    plan: Path | None = None
    store_dir: Path | None = None
    timezone: str = "UTC"
    memo: Path | None = None  # where the page memo is kept (set by `digest build`); None: write every page
    memo_salt: str = ""
    page_jobs: int = 1  # processes that write the index pages and feeds
    memory_mb: int | None = None  # what this Pelican run and its page processes may use together

    @classmethod
    def from_settings(cls, s: dict, output_path: str) -> PluginSettings:
        def count(name: str, default: int) -> int:
            value = s.get(name) or default
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"setting {name} must be a positive whole number, not {value!r}")
            return value

        render = str(s.get("DIGEST_RENDER") or "all")
        if render not in RENDER_MODES:
            raise ValueError(f"setting DIGEST_RENDER must be one of {', '.join(RENDER_MODES)}, not {render!r}")
        plan, store = s.get("DIGEST_SHARD_PLAN"), s.get("DIGEST_SHARD_STORE")
        if render != "all" and not store:
            raise ValueError(f"DIGEST_RENDER = {render!r} needs DIGEST_SHARD_STORE (set by `digest build`)")
        if render == "index" and not plan:
            raise ValueError("DIGEST_RENDER = 'index' needs DIGEST_SHARD_PLAN (set by `digest build`)")
        return cls(
            render=render,
            shard=str(s.get("DIGEST_SHARD") or ""),
            plan=Path(plan) if plan else None,
            store_dir=Path(store) if store else None,
            timezone=str(s.get("TIMEZONE") or "UTC"),
            memo=Path(s["DIGEST_PAGE_MEMO"]) if s.get("DIGEST_PAGE_MEMO") else None,
            memo_salt=str(s.get("DIGEST_PAGE_MEMO_SALT") or ""),
            page_jobs=count("DIGEST_PAGE_JOBS", 1),
            memory_mb=count("DIGEST_MEMORY_MB", 1) if s.get("DIGEST_MEMORY_MB") is not None else None,
            data_dir=Path(s["PATH"]) / str(s.get("DIGEST_DATA_DIR", "digests")),
            output=Path(output_path),
            site_url=str(s.get("SITEURL") or "").rstrip("/"),
            scheme=UrlScheme(bool(s.get("DIGEST_DIRECTORY_URLS", False))),
            feeds=bool(s.get("DIGEST_FEEDS", True)),
            site_feed_items=count("FEED_MAX_ITEMS", SITE_FEED_ITEMS),
            page_feed_items=count("DIGEST_PAGE_FEED_ITEMS", PAGE_FEED_ITEMS),
            sitename=str(s.get("SITENAME", "")),
            subtitle=str(s.get("SITESUBTITLE", "")),
        )


class PageMemo:
    """What each index page and feed was last written from, so a rebuild renders only the pages
    whose inputs changed. A page's key is a hash of everything it shows: its members' cards (a hash
    of each report's page and digest) in order, its own fields, and the salt (code, settings, theme).
    A page is skipped only if its key is unchanged and its file is still there.

    Most pages of a large site do not even need their key: a page of a report's place, person,
    framework or indicator shows only what its member reports hold. The memo keeps each report's
    card and each such page's member count as of the last run; a page whose members include no
    report touched since (a new or changed card) and whose count is the same is as it was, since a
    report that left it would have changed the count. That check costs a lookup per member."""

    def __init__(self, path: Path | None, output: Path, salt: str):
        self.path, self.output, self.salt = path, output, salt
        # save_as -> "count:key" (count empty for a page not kept by its members): one string a
        # page, as a national archive has millions
        self.old: dict[str, str] = {}
        self.new: dict[str, str] = {}
        self.old_cards: dict[str, str] | None = None
        self.articles: list = []
        self.touched: set[str] | None = None  # slugs new or changed since the last run; None: all
        self._prefix = os.path.join(output, "")
        if path is not None:
            self._load(path, salt)

    # The memo is a SQLite file (a national archive has millions of pages): read whole at the start,
    # and at the end only the rows that changed are written, in one transaction.
    SCHEMA = (
        "CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)",
        "CREATE TABLE page (save_as TEXT PRIMARY KEY, memo TEXT NOT NULL)",
        "CREATE TABLE card (slug TEXT PRIMARY KEY, card TEXT NOT NULL)",
    )

    def _connect(self, path: Path) -> sqlite3.Connection:
        return connect_cache(path, self.SCHEMA)

    def _load(self, path: Path, salt: str) -> None:
        try:
            con = self._connect(path)
            try:
                row = con.execute("SELECT v FROM meta WHERE k = 'salt'").fetchone()
                if row is None or row[0] != salt:  # other code, settings or theme: nothing is known
                    return
                self.old = dict(con.execute("SELECT save_as, memo FROM page").fetchall())
                self.old_cards = dict(con.execute("SELECT slug, card FROM card").fetchall())
            finally:
                con.close()
        except sqlite3.Error as exc:
            log.warning("%s: page memo unreadable (%s); every page is written again", path, exc)
            self.old, self.old_cards = {}, None
            path.unlink(missing_ok=True)

    def since(self, articles: list) -> None:
        """This run's reports; those whose card is not the last run's are the touched ones."""
        self.articles = articles  # their cards are saved at the end
        if self.path is not None and self.old_cards is not None:
            old = self.old_cards
            self.touched = {a.slug for a in articles if old.get(a.slug) != a.card}

    def key(self, *parts: object) -> str:
        return hashlib.blake2b(
            json.dumps([self.salt, *parts], ensure_ascii=False, default=str).encode(), digest_size=12
        ).hexdigest()

    def key_of(self, head: tuple, items: Iterable) -> str:
        """key(*head, *items) in effect, without holding the items or their text all at once."""
        h = hashlib.blake2b(json.dumps([self.salt, *head], ensure_ascii=False).encode(), digest_size=12)
        for item in items:
            h.update(json.dumps(item, ensure_ascii=False, default=str).encode() + b"\n")
        return h.hexdigest()

    def clean(self, files: list[str], members: list) -> bool:
        """Whether pages that show only these member reports are as the last run wrote them: no
        member touched since, as many members as then, and the files still there. Records them.
        (Called for every page and feed of the site: written as plain loops.)"""
        touched = self.touched
        if touched is None or not self._counted(files, len(members)):
            return False
        if touched:
            for a in members:
                if a.slug in touched:
                    return False
        return self._kept(files)

    def clean_node(self, files: list[str], count: int, dirty: bool) -> bool:
        """clean() for the pages of an index node, told whether a touched report is on it (the
        plugin knows each report's nodes): no member to look at, only the count."""
        if self.touched is None or dirty or not self._counted(files, count):
            return False
        return self._kept(files)

    def _counted(self, files: list[str], count: int) -> bool:
        """Whether the last run wrote every one of these files with `count` members."""
        want, old = f"{count}:", self.old
        for f in files:
            memo = old.get(f)
            if memo is None or not memo.startswith(want):
                return False
        return True

    def _kept(self, files: list[str]) -> bool:
        """Record these pages as the last run wrote them, if they are all still there."""
        prefix = self._prefix
        for f in files:
            if not os.path.isfile(prefix + f):
                return False
        for f in files:
            self.new[f] = self.old[f]
        return True

    def unchanged(self, save_as: str, key: str | None, count: int | None = None) -> bool:
        """Record `key` (and the page's member count) for `save_as`; whether the page on disk is
        already made from it."""
        if self.path is None or key is None:
            return False
        memo = self.new[save_as] = f"{'' if count is None else count}:{key}"
        return self.old.get(save_as) == memo and os.path.isfile(self._prefix + save_as)

    def all_unchanged(self, files: list[str], key: str, count: int | None = None) -> bool:
        """Record `key` for each file (all of them); whether every one is already made from it."""
        fresh = [self.unchanged(f, key, count) for f in files]
        return all(fresh)

    def merge(self, data: dict) -> None:
        """What a page process recorded (its `state()`)."""
        self.new.update(data["pages"])

    def state(self) -> dict:
        return {"pages": self.new}

    def save(self) -> None:
        """Write what changed since the memo was read (all of it under another salt). A memo that
        cannot be written is removed, so the next run writes every page: never a reason to fail."""
        if self.path is None:
            return
        try:
            self._save(self.path)
        except sqlite3.Error as exc:
            log.warning("%s: page memo not saved (%s); the next build writes every page", self.path, exc)
            self.path.unlink(missing_ok=True)

    def _save(self, path: Path) -> None:
        con = self._connect(path)
        try:
            with con:
                row = con.execute("SELECT v FROM meta WHERE k = 'salt'").fetchone()
                if row is None or row[0] != self.salt or self.old_cards is None:
                    con.execute("DELETE FROM page")
                    con.execute("DELETE FROM card")
                    con.execute("INSERT OR REPLACE INTO meta VALUES ('salt', ?)", (self.salt,))
                    old, old_cards = {}, {}
                else:
                    old, old_cards = self.old, self.old_cards
                new = self.new
                con.executemany("INSERT OR REPLACE INTO page VALUES (?, ?)", ((f, m) for f, m in new.items() if old.get(f) != m))
                con.executemany("DELETE FROM page WHERE save_as = ?", ((f,) for f in old if f not in new))
                cards = {a.slug: a.card for a in self.articles}
                con.executemany(
                    "INSERT OR REPLACE INTO card VALUES (?, ?)", ((s, c) for s, c in cards.items() if old_cards.get(s) != c)
                )
                con.executemany("DELETE FROM card WHERE slug = ?", ((s,) for s in old_cards if s not in cards))
        finally:
            con.close()


@dataclass
class Listing:
    """A browsing list: the reports of one year, one level or one kind of meeting."""

    kind: str  # archive / level / kind
    key: str
    title: str
    articles: list
    url: str = ""
    save_as: str = ""


class DigestIndexGenerator(Generator):
    """Build the index pages, feeds and data files from the articles' digests."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.conf = PluginSettings.from_settings(self.settings, self.output_path)
        self.indexes = Indexes()
        self.articles: list = []
        self.listings: dict[str, list[Listing]] = {}
        self.memo = PageMemo(self.conf.memo, self.conf.output, self.conf.memo_salt)
        self._procs, self._rank, self._dealt = 1, 0, 0
        self._dirty: set[int] = set()  # ids of the index nodes a touched report is on

    # -- context ------------------------------------------------------------------------
    def _digest(self, article: Any) -> dict:
        key = article.metadata.get("digest")
        path = self.conf.data_dir / f"{key}.json"
        try:
            raw = path.read_bytes()
            if not getattr(article, "card", ""):  # a Pelican article: its card is its digest and page
                h = hashlib.blake2b(raw, digest_size=12)
                with open(article.source_path, "rb") as fh:
                    h.update(fh.read())
                article.card = h.hexdigest()
            d = json.loads(raw)
            return d if isinstance(d, dict) else {}
        except (OSError, ValueError) as exc:
            log.warning("%s: digest data %s unreadable (%s)", article.source_path, path, exc)
            return {}

    def generate_context(self) -> None:
        # Building the indexes makes millions of objects that live for the whole run and no cycles
        # to speak of; every collection meanwhile would walk all of them (a second or more per
        # 10,000 reports). So no collection while they are made, and then they are set apart
        # (frozen) so the collections of the page phase do not walk them either.
        gc.disable()
        try:
            self._build_context()
        finally:
            gc.enable()
        gc.freeze()

    def _build_context(self) -> None:
        if self.conf.render == "index":
            articles, items = self._references()
        else:
            articles = self.context.get("articles", [])  # the list Pelican's home page shows
            items = [(a, self._digest(a)) for a in articles]
            # newest first, and reports of the same day in a fixed order (Pelican leaves ties to a set's order)
            articles.sort(key=lambda a: (a.date, a.slug), reverse=True)
            items.sort(key=lambda x: (x[0].date, x[0].slug), reverse=True)
            for a, d in items:
                _describe(a, d)
        self.articles = list(articles)
        self.indexes, per_report = build_indexes(items, self.conf.scheme, glossary())
        for a in self.articles:
            a.page_url = a.url  # Pelican recomputes .url on every access; index pages use it thousands of times
            a.added = _added(a)
            a.place_chain = per_report[id(a)]["place_chain"]
            a.framework_nodes = per_report[id(a)]["framework_nodes"]
        self.memo.since(self.articles)
        touched = self.memo.touched
        # the pages the touched reports are on now; any other page can only have lost reports
        self._dirty = {id(n) for a in self.articles if touched and a.slug in touched for n in per_report[id(a)]["nodes"]}
        self.listings = self._listings()
        self.context.update(
            urls=self.conf.scheme,
            digest_places=self.indexes.places,
            digest_provinces=self.indexes.provinces,
            digest_frameworks=self.indexes.frameworks,
            digest_people=self.indexes.people,
            digest_indicators=self.indexes.indicators,
            digest_listings=self.listings,
        )

    def _references(self) -> tuple[list, Any]:
        """The index run's reports: light references, newest first, and their digests streamed to the
        index builder one at a time; once a digest is indexed, a reference keeps only what the report
        lists show of it, so the digests are never all in memory. What is unchanged since the last
        run comes from the reference cache (shards.RefCache), saved once every digest is indexed."""
        assert self.conf.plan is not None and self.conf.store_dir is not None
        self.store = PageStore(self.conf.store_dir)
        plan = read_plan(self.conf.plan)
        cache = RefCache(self.conf.plan.with_name(REF_CACHE_NAME), self.conf.memo_salt)
        refs = list(load_refs(self.conf.data_dir.parent, plan, self.conf.scheme, self.conf.timezone, self.store, cache))
        refs.sort(key=lambda a: (a.date, a.slug), reverse=True)

        def items():
            for a in refs:
                d = cache.light(a.slug, a.card)
                if d is None:
                    d = self._light(a)
                    if d:
                        cache.put_light(a, d)
                yield a, d
                _describe(a, d)
                a.digest = _listed(d)
            cache.save(plan)
            cache.close()

        return refs, items()

    def _light(self, a: Any) -> dict:
        path = self.conf.data_dir / f"{a.slug}.json"
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("%s: digest data %s unreadable (%s)", a.source_path, path, exc)
            return {}
        return light_digest(d) if isinstance(d, dict) else {}

    def _listings(self) -> dict[str, list[Listing]]:
        groups: dict[str, dict[str, list]] = {"archive": {}, "level": {}, "kind": {}}
        for a in self.articles:
            groups["archive"].setdefault(a.meeting_year, []).append(a)
            groups["level"].setdefault(a.level, []).append(a)
            groups["kind"].setdefault(a.meeting_kind, []).append(a)
        out: dict[str, list[Listing]] = {}
        for kind, members in groups.items():
            lists = []
            for name, arts in members.items():
                key = _listing_key(kind, name) if kind == "kind" else name
                title = {
                    "archive": f"{name}年" if name != UNKNOWN_YEAR else "年份不详",
                    "level": LEVELS.get(name, name),
                    "kind": name,
                }[kind]
                arts = sorted(arts, key=_by_meeting_date, reverse=True)
                lst = Listing(kind, key, title, arts)
                lst.url, lst.save_as = self.conf.scheme.page(kind, key), self.conf.scheme.page_save_as(kind, key)
                lists.append(lst)
            order = (
                (lambda x: (x.key == UNKNOWN_YEAR, -int(x.key) if x.key.isdigit() else 0))
                if kind == "archive"
                else (lambda x: -len(x.articles))
            )
            out[kind] = sorted(lists, key=order)
        return out

    # -- pages --------------------------------------------------------------------------
    def _turn(self) -> bool:
        """Whether this process renders the next page: pages are dealt round-robin to the processes
        of generate_output, which all walk the same pages in the same order."""
        self._dealt += 1
        return (self._dealt - 1) % self._procs == self._rank

    def _due(self, save_as: str, members: list | None = None) -> bool:
        """Whether this process writes the page now: its turn (every page takes one), and not known
        to be as it was from its member reports alone (PageMemo.clean)."""
        if not self._turn():
            return False
        return members is None or not self.memo.clean([save_as], members)

    def _node_due(self, node: Any, count: int) -> bool:
        """_due for the page of an index node with `count` members."""
        if not self._turn():
            return False
        return not self.memo.clean_node([node.save_as], count, id(node) in self._dirty)

    def _write(
        self,
        writer: Any,
        save_as: str,
        template: str,
        memo: tuple,
        count: int | None = None,
        key: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Write a page unless the memo has it by its key (everything it shows)."""
        if self.memo.unchanged(save_as, key or self.memo.key(*memo), count):
            return
        writer.write_file(
            save_as,
            self.get_template(template),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=save_as,
            **kwargs,
        )

    def _write_index(self, writer: Any, kind: str, template: str, shows: Iterable) -> None:
        """An index of every place, framework, person … : its key is what it lists of each, hashed
        item by item (a national archive's people index lists hundreds of thousands)."""
        save_as = self.conf.scheme.index_save_as(kind)
        if self._due(save_as):
            self._write(writer, save_as, template, (), key=self.memo.key_of(("index", kind), shows))

    def generate_output(self, writer: Any) -> None:
        try:
            self._output(writer)
        finally:
            gc.unfreeze()  # what generate_context froze is collectable again once the run is done

    def _output(self, writer: Any) -> None:
        if self.conf.render == "shard":  # the report pages are Pelican's; keep their HTML for the feeds
            assert self.conf.store_dir is not None
            write_store(store_path(self.conf.store_dir, self.conf.shard), ((a.slug, a.content) for a in self.articles))
            return
        if self.conf.render == "index":
            self.generate_home(writer)
            self.store.close()  # no connection may cross a fork; each process opens its own
        self._in_processes(lambda: self._generate_pages(writer))
        if self.conf.render == "index":
            self.export_parts()
        else:
            exports = self.memo.key("data", [(a.page_url, a.card) for a in self.articles])
            if not self.memo.all_unchanged(list(EXPORTS), exports):
                write_exports(self.conf.output / "data", ((a.page_url, self._full_digest(a)) for a in self.articles))
        self.memo.save()
        self.prune()
        if self.conf.render == "index":
            self.store.close()

    def _generate_pages(self, writer: Any) -> None:
        self.generate_place_pages(writer)
        self.generate_framework_pages(writer)
        self.generate_person_pages(writer)
        self.generate_indicator_pages(writer)
        self.generate_listing_pages(writer)
        self._write_index(writer, "search", "search", ())
        if self.conf.feeds:
            self.generate_feeds()

    def _in_processes(self, work: Any) -> None:
        """Run `work` (the index pages and feeds) in `page_jobs` processes: this one and forked
        children, each rendering its share of the pages; the children's page memos come back in
        files. A child that fails fails the run."""
        import tempfile

        procs = self.conf.page_jobs if hasattr(os, "fork") else 1
        touched = self.memo.touched
        if touched is not None and len(touched) * FEW_CHANGES < len(self.articles):
            # a few changed reports: few pages to write, and forking a process that holds every
            # index costs more (its heap copied page by page as the children touch it) than they do
            procs = 1
        release()  # what the index builder freed goes back before the pages are written (or forked)
        if procs > 1 and self.conf.memory_mb is not None:
            procs = processes_within(procs, self.conf.memory_mb, rss_mb())
        if procs <= 1:
            work()
            return
        # What the children share with this process stays shared only if nobody writes to it: a
        # collection in a child writes to the header of every object it walks, copying the whole
        # heap page by page. Frozen objects are never walked.
        gc.collect()
        gc.freeze()
        self._procs = procs
        children: dict[int, Path] = {}
        failed = []
        with tempfile.TemporaryDirectory(prefix="digest-pages-") as tmp:
            for rank in range(1, procs):
                memo_file = Path(tmp) / f"{rank}.json"
                pid = os.fork()
                if pid == 0:  # the child: its share, its memo, and out (no cleanup of the parent's state)
                    code = 1
                    try:
                        self._rank = rank
                        work()
                        memo_file.write_text(json.dumps(self.memo.state()), encoding="utf-8")
                        code = 0
                    except BaseException:
                        log.exception("index pages, process %d", rank)
                    finally:
                        os._exit(code)
                children[pid] = memo_file
            self._rank = 0
            work()
            for pid, memo_file in children.items():
                _, status = os.waitpid(pid, 0)
                if os.waitstatus_to_exitcode(status) != 0:
                    failed.append(pid)
                    continue
                self.memo.merge(json.loads(memo_file.read_text(encoding="utf-8")))
        gc.unfreeze()
        self._procs, self._rank = 1, 0
        if failed:
            raise RuntimeError(f"{len(failed)} of the processes writing index pages failed (see above)")

    def export_parts(self) -> None:
        """The data export of the pages across shards, from each report's part (export.export_part)
        kept in the reference cache by card: only the parts of changed reports are made again (from
        their whole digests), and the files are written only if a part changed or a report left."""
        assert self.conf.plan is not None
        cache = RefCache(self.conf.plan.with_name(REF_CACHE_NAME), self.conf.memo_salt)
        try:
            ordered = sorted(self.articles, key=lambda a: a.page_url)
            kept = cache.export_cards()
            changed = False
            for a in ordered:
                if kept.get(a.slug) == a.card:
                    continue
                part = export_part(self._digest(a), a.page_url)
                old = cache.export_part(a.slug) if a.slug in kept else None
                changed = changed or old is None or old[1:] != part  # a change the export shows
                cache.put_export(a.slug, a.card, *part)
            gone = cache.forget("export", (a.slug for a in ordered))  # and writes what was put
            if not (changed or gone) and all((self.conf.output / f).is_file() for f in EXPORTS):
                return

            def parts() -> Iterator[tuple[str, str]]:
                for a in ordered:
                    part = cache.export_part(a.slug)
                    if part is None or part[0] != a.card:  # the cache could not keep it
                        yield export_part(self._digest(a), a.page_url)
                    else:
                        yield part[1], part[2]

            write_export_parts(self.conf.output / "data", parts())
        finally:
            cache.close()

    def _full_digest(self, a: Any) -> Any:
        """The whole digest for the export: a Pelican article has it; a reference reads it when asked."""
        return a.digest if self.conf.render == "all" else (lambda: self._digest(a))

    def generate_home(self, writer: Any) -> None:
        """The paginated home page, as Pelican's direct template `index` writes it in a single run
        (Pelican's Paginator, the same context), one page at a time, each kept while what it shows
        is unchanged."""
        from pelican.paginator import Paginator

        save_as = self.settings.get("INDEX_SAVE_AS", "index.html")
        url = self.settings.get("INDEX_URL", "index.html")
        dates = sorted(self.articles, key=lambda a: a.date, reverse=self.context.get("NEWEST_FIRST_ARCHIVES", True))
        per_page = self.settings["PAGINATED_TEMPLATES"].get("index") or self.settings["DEFAULT_PAGINATION"]
        paginators = {
            k: Paginator(save_as, url, v, self.settings, per_page) for k, v in (("articles", self.articles), ("dates", dates))
        }
        # what every page shows beside its reports: the provinces with counts, the common frameworks
        aside = (
            [(p.key, p.name, len(p.articles)) for p in self.indexes.provinces],
            [(f.key, f.name) for f in self.indexes.frameworks[:20]],
        )
        pages = paginators["articles"].num_pages
        for n in range(1, pages + 1):
            kwargs: dict[str, Any] = {
                "articles": self.articles,
                "dates": dates,
                "blog": True,
                "page_name": os.path.splitext(save_as)[0],
            }
            for k, paginator in paginators.items():
                kwargs[f"{k}_paginator"] = paginator
                kwargs[f"{k}_page"] = paginator.page(n)
                kwargs[f"{k}_previous_page"] = paginator.page(n - 1) if n > 1 else None
                kwargs[f"{k}_next_page"] = paginator.page(n + 1) if n < pages else None
            page = kwargs["articles_page"]
            memo = ("home", n, pages, _cards(page.object_list), _cards(kwargs["dates_page"].object_list), aside)
            if self.memo.unchanged(page.save_as, self.memo.key(*memo)):
                continue
            writer.write_file(
                page.save_as,
                self.get_template("index"),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                paginated={},
                url=page.url,
                **kwargs,
            )

    def generate_place_pages(self, writer: Any) -> None:
        places = self.indexes.places
        for node in places.values():
            if not self._node_due(node, len(node.articles)):
                continue
            children = sorted((places[c] for c in node.children), key=lambda n: n.code)
            reports = sorted(node.articles, key=_by_meeting_date, reverse=True)
            parent = places[node.parent].name if node.parent else None
            memo = ("place", node.key, node.label, parent, [(c.key, c.name, len(c.articles)) for c in children], _cards(reports))
            self._write(writer, node.save_as, "place", memo, len(reports), place=node, children=children, reports=reports)
        shows = ((n.key, n.name, len(n.articles), sorted(n.children)) for n in places.values())
        self._write_index(writer, "place", "places", shows)

    def generate_framework_pages(self, writer: Any) -> None:
        for node in self.indexes.frameworks:
            if not self._node_due(node, len(node.uses)):
                continue
            memo = (
                "framework",
                node.key,
                node.name,
                node.description,
                sorted(node.variants),
                [(a.card, t) for a, t in node.uses],
            )
            self._write(writer, node.save_as, "framework", memo, len(node.uses), framework=node)
        shows = ((f.key, f.name, len(f.uses), f.description) for f in self.indexes.frameworks)
        self._write_index(writer, "framework", "frameworks", shows)

    def generate_person_pages(self, writer: Any) -> None:
        for node in self.indexes.people:
            if not self._node_due(node, len(node.appearances)):
                continue
            lines = sorted(node.appearances, key=lambda x: (x.date or "", x.article.page_url), reverse=True)
            memo = (
                "person",
                node.key,
                node.name,
                node.province,
                [(x.article.card, x.role, x.titles, x.date, x.place) for x in lines],
            )
            self._write(writer, node.save_as, "person", memo, len(lines), person=node, lines=lines)
        shows = ((p.key, p.name, p.titles, p.count) for p in self.indexes.people)
        self._write_index(writer, "person", "people", shows)

    def generate_indicator_pages(self, writer: Any) -> None:
        for node in self.indexes.indicators:
            if not self._node_due(node, len(node.rows)):
                continue
            rows = [(r["year"], r["value"], r["indicator"], r["place_label"], r["article"].card) for r in node.rows]
            memo = ("indicator", node.key, node.name, sorted(node.forms), rows)
            self._write(writer, node.save_as, "indicator", memo, len(node.rows), indicator=node)
        shows = ((i.key, i.name, len(i.rows)) for i in self.indexes.indicators)
        self._write_index(writer, "indicator", "indicators", shows)

    def generate_listing_pages(self, writer: Any) -> None:
        for lists in self.listings.values():
            for lst in lists:
                if not self._due(lst.save_as, lst.articles):
                    continue
                memo = ("listing", lst.kind, lst.key, lst.title, _cards(lst.articles))
                self._write(writer, lst.save_as, "listing", memo, len(lst.articles), listing=lst)
        shows = ((k, lst.key, lst.title, len(lst.articles)) for k, lists in self.listings.items() for lst in lists)
        self._write_index(writer, "archive", "browse", shows)

    # -- feeds --------------------------------------------------------------------------
    def _feed_item(self, a: Any) -> FeedItem:
        base = self.conf.site_url
        link = f"{base}/{a.page_url}"
        html = self.conf.scheme.in_page(a.content)
        html = html.replace('href="../../', f'href="{base}/').replace('href="#', f'href="{link}#')
        d = a.digest
        chairs = "、".join(p.get("name", "") for p in d.get("chairs") or [] if isinstance(p, dict))
        summary = " · ".join(
            x
            for x in (d.get("date") or "", a.place_chain[-1].label if a.place_chain else "", f"主持：{chairs}" if chairs else "")
            if x
        )
        return FeedItem(a.title, link, a.added, summary, html)

    def generate_feeds(self) -> None:
        base = self.conf.site_url
        built: OrderedDict[int, FeedItem] = OrderedDict()  # the most recently used items, bounded
        site = self.conf.sitename
        out = self.conf.output

        def item(a: Any) -> FeedItem:
            it = built.pop(id(a), None) or self._feed_item(a)
            built[id(a)] = it
            if len(built) > FEED_ITEM_CACHE:
                built.popitem(last=False)
            return it

        def feed(path: str, title: str, page_url: str, arts: list, limit: int, node: Any = None) -> None:
            files = [f"{path}rss.xml", f"{path}atom.xml"]
            if not self._turn():
                return
            if node is None and self.memo.clean(files, arts):
                return
            if node is not None and self.memo.clean_node(files, len(arts), id(node) in self._dirty):
                return
            # choose by arrival first (cheap), then build only the chosen items (a report's HTML is large)
            latest = sorted(arts, key=lambda a: (a.added, a.page_url), reverse=True)[:limit]
            memo = self.memo.key("feed", title, page_url, _cards(latest), [str(a.added) for a in latest])
            if self.memo.all_unchanged(files, memo, len(arts)):
                return
            chosen = newest((item(a) for a in latest), limit)
            write_feeds(out, base, path, FeedSpec(title, f"{base}/{page_url}", self.conf.subtitle), chosen)

        feed(
            self.conf.scheme.feed("rss")[: -len("rss.xml")], site, self.conf.scheme.home, self.articles, self.conf.site_feed_items
        )
        n = self.conf.page_feed_items
        for p in self.indexes.places.values():
            feed(p.rss[: -len("rss.xml")], f"{p.label} · {site}", p.url, p.articles, n, p)
        for f in self.indexes.frameworks:
            feed(f.rss[: -len("rss.xml")], f"“{f.name}” · {site}", f.url, f.articles, n, f)
        for person in self.indexes.people:
            feed(person.rss[: -len("rss.xml")], f"{person.name} · {site}", person.url, person.articles, n, person)
        for i in self.indexes.indicators:
            feed(i.rss[: -len("rss.xml")], f"{i.name} · {site}", i.url, i.articles, n, i)

    # -- pruning ------------------------------------------------------------------------
    def prune(self) -> None:
        """Remove pages of reports, places, frameworks, people, indicators and lists that are gone.

        Pelican writes every page on each run but deletes nothing; deleting the whole output first
        (DELETE_OUTPUT_DIRECTORY) costs more than the rebuild itself on a large site. Only folders
        named like this plugin's pages are removed.
        """
        keep = {
            "report": {a.slug for a in self.articles},
            **{kind: self.indexes.keys(kind) for kind in ("place", "framework", "person", "indicator")},
            **{kind: {lst.key for lst in lists} for kind, lists in self.listings.items()},
        }
        for kind, keys in keep.items():
            root = self.conf.output / FOLDERS[kind]
            if not root.is_dir():
                continue
            with os.scandir(root) as entries:  # the entry's type from the listing: no stat per page
                gone = [e.path for e in entries if e.name not in keys and KEY.match(e.name) and e.is_dir(follow_symlinks=False)]
            for path in gone:
                shutil.rmtree(path)


def processes_within(wanted: int, budget_mb: int, rss: float) -> int:
    """How many processes (this one and forked copies) fit in `budget_mb` when this one holds `rss`
    MB: each copy is counted at this one's size, the worst case of copy-on-write."""
    fit = int(budget_mb // rss) if rss > 0 else wanted
    if fit < wanted:
        log.info("index pages: %d process(es), not %d: %.0f MB each within a %d MB budget", max(1, fit), wanted, rss, budget_mb)
    return max(1, min(wanted, fit))


def _describe(a: Any, d: dict) -> None:
    """What the listings and filters read of a report: its level, kind, year and month."""
    a.digest = d
    a.level = _level(d)
    a.meeting_kind = d.get("kind") or "其他"
    a.meeting_year = _year(d)
    a.meeting_month = _month(d)


def _listed(d: dict) -> dict:
    """What a report list and a feed item show of a digest (templates/theme/templates/_macros.html)."""
    chairs = [{"name": p.get("name")} for p in d.get("chairs") or [] if isinstance(p, dict)]
    return {"date": d.get("date"), "chairs": chairs}


def _cards(articles: list) -> list[str]:
    return [a.card for a in articles]


def _added(a: Any) -> datetime:
    raw = a.metadata.get("added")
    if isinstance(raw, str):
        try:
            return datetime.fromisoformat(raw)
        except ValueError:
            pass
    return a.date


def _level(d: dict) -> str:
    """The level of the body that met: a municipality's own bodies are provincial."""
    p = d.get("place") or {}
    if p.get("county"):
        return "county"
    if p.get("city") and p.get("city") != p.get("province"):
        return "city"
    return "province" if p.get("province") else "unknown"


def _year(d: dict) -> str:
    date = d.get("date")
    return date[:4] if isinstance(date, str) and date[:4].isdigit() else UNKNOWN_YEAR


def _month(d: dict) -> str:
    date = d.get("date")
    return f"{int(date[5:7])}月" if isinstance(date, str) and date[5:7].isdigit() else "月份不详"


def _by_meeting_date(a: Any) -> tuple[str, str]:
    d = a.digest.get("date") if isinstance(a.digest, dict) else None
    return (d if isinstance(d, str) and d[:4].isdigit() else "", a.slug)


def _listing_key(kind: str, name: str) -> str:
    import hashlib

    return kind[0] + "-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]


def _get_generators(pelican: Any) -> type[Generator]:
    return DigestIndexGenerator


def register() -> None:
    signals.get_generators.connect(_get_generators)
