"""meeting-digest: structured digests of Chinese local meeting reports, published with Pelican."""

__version__ = "0.1.0"

from . import regexcache

regexcache.install()  # patterns compiled by an earlier run are not compiled again (regexcache.py)
