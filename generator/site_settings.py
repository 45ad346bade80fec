"""Pelican settings of a meeting-digest site: everything but the site's own name and address.

A site's pelicanconf.py starts with `from generator.site_settings import *` and sets AUTHOR,
SITENAME, SITESUBTITLE (and anything it wants to change); `digest init` writes such a file.
"""

from importlib import resources

from generator.urls import url_settings as _url_settings

_TEMPLATES = resources.files("generator.site")  # templates/ of this checkout, or the installed copy

DEFAULT_LANG = "zh-CN"
TIMEZONE = "Asia/Shanghai"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
SITEURL = ""

PATH = "content"
OUTPUT_PATH = "output"
THEME = str(_TEMPLATES / "theme")  # a site folder's own templates/theme/ wins (see pipeline.run_pelican)
PLUGINS = ["generator.pelican_plugin"]
DIGEST_DATA_DIR = "digests"  # under PATH: one JSON per digest, written by `digest build`

# URLs are explicit and never come from a transliteration (山西/陕西 would collide); the scheme is
# generator.urls. The local build links to files (…/index.html: it works opened from disk); the
# published build (publishconf.py) switches to directory URLs.
globals().update(_url_settings(directory_urls=False))
SLUGIFY_SOURCE = "basename"
# Pelican's own category, tag, author and archive pages are replaced by the plugin's place,
# framework, people and indicator pages.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index"]
DEFAULT_PAGINATION = 30
FORMATTED_FIELDS: list[str] = []  # no metadata value is ever read as Markdown: report text is data
STATIC_PATHS: list[str] = []
READERS = {"html": None, "htm": None, "rst": None}

# Feeds are written by the plugin (RSS and Atom, all / per place / per framework, full content).
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
DIGEST_FEEDS = True

# Reproducible output: relative URLs locally, no build time anywhere, Pelican's content cache by hash.
RELATIVE_URLS = True
CACHE_CONTENT = True
CACHE_PATH = ".cache/pelican"
CONTENT_CACHING_LAYER = "reader"
CHECK_MODIFIED_METHOD = "sha1"
LOAD_CONTENT_CACHE = True
DELETE_OUTPUT_DIRECTORY = False
OUTPUT_RETENTION: list[str] = []

JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": []}
TYPOGRIFY = False
MARKDOWN = {
    "extension_configs": {"markdown.extensions.meta": {}},
    "output_format": "html5",
}
