"""Pelican settings for the meeting-digest site (local build). See publishconf.py for the published one.

The tool's settings (URLs, plugin, feeds, caching) come from generator.site_settings; this file
names the site.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from generator.site_settings import *

AUTHOR = "meeting-digest"
SITENAME = "会议通稿摘要 · meeting-digest"
SITESUBTITLE = "地方党政会议通稿的结构化摘要：谁主持、谁讲话、定了哪些任务与目标、用了哪些提法"
