"""Pelican settings of this meeting-digest site (local build). publishconf.py holds the published one.

The tool's own settings (URLs, plugin, feeds, caching) come from generator.site_settings; change
here what is this site's own.
"""

from generator.site_settings import *

AUTHOR = "{author}"
SITENAME = "{sitename}"
SITESUBTITLE = "地方党政会议通稿的结构化摘要"
