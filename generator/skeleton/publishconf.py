"""Settings for the published build: absolute URLs (feeds need them). CI sets SITEURL."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "https://example.org").rstrip("/")
RELATIVE_URLS = False
