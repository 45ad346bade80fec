"""The site's URL scheme, in one place: every page, feed and data file the site links to.

Two forms of the same scheme:
- directory URLs (`place/500102/`) for a site served over HTTP under any SITEURL path (published);
- file URLs (`place/500102/index.html`) for the local build, so output/index.html works when
  opened from disk and every link is a file.
Pelican's own settings (ARTICLE_URL, INDEX_URL …) come from `url_settings`, the plugin's pages,
feeds and pruning from `UrlScheme`, the templates from `urls` in their context.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

INDEX_FILE = "index.html"
# folder of each kind of page the site has; a page is FOLDER/<key>/ and each folder has an index page
FOLDERS = {
    "report": "reports",
    "place": "place",
    "framework": "framework",
    "person": "people",
    "indicator": "indicators",
    "archive": "archive",
    "level": "level",
    "kind": "kind",
    "search": "search",
}
FEED_FOLDER = "feeds"
DATA_FOLDER = "data"
KEY = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$")  # place codes and hash slugs: never a path


@dataclass(frozen=True)
class UrlScheme:
    directory_urls: bool = False

    def _finish(self, path: str) -> str:
        return path if self.directory_urls else path + INDEX_FILE

    def folder(self, kind: str) -> str:
        return FOLDERS[kind]

    def page(self, kind: str, key: str) -> str:
        """The URL of one page (relative to SITEURL)."""
        if not KEY.match(key):
            raise ValueError(f"not a page key: {key!r}")
        return self._finish(f"{FOLDERS[kind]}/{key}/")

    def page_save_as(self, kind: str, key: str) -> str:
        if not KEY.match(key):
            raise ValueError(f"not a page key: {key!r}")
        return f"{FOLDERS[kind]}/{key}/{INDEX_FILE}"

    def index(self, kind: str) -> str:
        """The URL of a kind's index page (all places, all frameworks …)."""
        return self._finish(f"{FOLDERS[kind]}/")

    def index_save_as(self, kind: str) -> str:
        return f"{FOLDERS[kind]}/{INDEX_FILE}"

    @property
    def home(self) -> str:
        return "" if self.directory_urls else INDEX_FILE

    def feed(self, fmt: str, kind: str | None = None, key: str | None = None) -> str:
        """rss.xml / atom.xml: the whole site's, or a page's (place, framework, person, indicator)."""
        if kind is None:
            return f"{FEED_FOLDER}/{fmt}.xml"
        return f"{FOLDERS[kind]}/{key}/{fmt}.xml"

    def data(self, name: str) -> str:
        return f"{DATA_FOLDER}/{name}"

    def in_page(self, html: str) -> str:
        """Links written into report pages at extraction time (`../../place/X/index.html`, which work
        from disk) in this scheme's form."""
        if not self.directory_urls:
            return html
        return _PAGE_LINK.sub(r'\1"', html)


_PAGE_LINK = re.compile(r'(href="\.\./\.\./[a-z]+/[0-9A-Za-z_-]+/)index\.html"')


def url_settings(directory_urls: bool) -> dict[str, object]:
    """Pelican settings for the report pages and the home page in the chosen form."""
    scheme = UrlScheme(directory_urls)
    return {
        "DIGEST_DIRECTORY_URLS": directory_urls,
        "ARTICLE_URL": scheme._finish(f"{FOLDERS['report']}/{{slug}}/"),
        "ARTICLE_SAVE_AS": f"{FOLDERS['report']}/{{slug}}/{INDEX_FILE}",
        "ARTICLE_LANG_URL": scheme._finish(f"{FOLDERS['report']}/{{slug}}/"),
        "ARTICLE_LANG_SAVE_AS": f"{FOLDERS['report']}/{{slug}}/{INDEX_FILE}",
        "PAGE_URL": scheme._finish("pages/{slug}/"),
        "PAGE_SAVE_AS": f"pages/{{slug}}/{INDEX_FILE}",
        "INDEX_SAVE_AS": INDEX_FILE,
    }


# -- page keys: hashes, never transliterations (山西 and 陕西 get different pages) --------------


def _h(*parts: str, n: int = 10) -> str:
    return hashlib.sha1("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:n]


def report_key(source_name: str) -> str:
    """A report's permanent key: its file name only, never an extracted or corrected field, so its
    URL and feed id survive corrections, better extraction and rebuilds."""
    return "r-" + _h(source_name, n=12)


REPORT_KEY = re.compile(r"^r-[0-9a-f]{12}$")


# Every page of a report links its people and frameworks by these keys; the same officials and
# formulations recur from report to report, and a hash costs more than a look-up: cached.
KEY_CACHE = 1 << 14


@lru_cache(maxsize=KEY_CACHE)
def framework_key(canonical_name: str) -> str:
    return "f-" + _h(canonical_name)


@lru_cache(maxsize=KEY_CACHE)
def person_key(name: str, province: str | None) -> str:
    """Namesakes in different provinces are different people, with pages of their own."""
    return "p-" + _h(name, province or "")


@lru_cache(maxsize=KEY_CACHE)
def indicator_key(canonical_name: str) -> str:
    return "i-" + _h(canonical_name)
