"""Settings for the published build: absolute URLs (feeds need them). CI sets SITEURL."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from generator.urls import url_settings
from pelicanconf import *

SITEURL = os.environ.get("SITEURL", "https://example.org").rstrip("/")
RELATIVE_URLS = False
globals().update(url_settings(directory_urls=True))  # directory URLs: the site is served over HTTP
