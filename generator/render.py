"""Stage 4, render: Digest -> Markdown page with Pelican metadata, and the JSON form.

Report text is data: every value is HTML-escaped inside one raw HTML block, so Markdown never
interprets it, and metadata values are flattened to one line so a report line such as "Title: …"
can never become front matter.

The page is put together here, in Python, not by a Jinja2 template: its few fixed lines are all a
template gave, and Jinja cost a fifth of an extraction run's start-up (its import and the
template's compilation) and some 40 µs a page. The site's look is the theme's (templates/theme/),
which Pelican renders with Jinja2.
"""

from __future__ import annotations

import json
import re

from markupsafe import escape

from .model import Digest
from .urls import REPORT_KEY, framework_key, indicator_key, person_key, report_key

UNKNOWN_DATE = "1970-01-01"  # Pelican needs a date to sort by; the page says the year is unknown


SLUG = REPORT_KEY  # what report_slug makes; nothing else is a report's file in content/
report_slug = report_key


def _indicator_href_key(t) -> str:
    return indicator_key(getattr(t, "key", None) or t.indicator)


def one_line(value: object) -> str:
    """Flatten a metadata value to a single line."""
    return re.sub(r"\s+", " ", str(value or "")).strip()


def page_date(d: Digest, published: str | None = None) -> str:
    """The date Pelican files the page under: a real YYYY-MM-DD day, never anything else."""
    for v in (d.date.value, published):
        if v and _is_day(v):
            return v
    return UNKNOWN_DATE


def _is_day(value: str) -> bool:
    import datetime as dt

    try:
        return len(value) == 10 and dt.date.fromisoformat(value).year >= 1900
    except ValueError:
        return False


def render_markdown(d: Digest, slug: str, added: str | None = None) -> str:
    """Render one digest as a Pelican Markdown page; `added` is when the report came into the site
    (ISO datetime): the feeds' date, and the page's date where the meeting's day is not known.

    Metadata values are raw, one line each (the theme escapes them); the body is ONE raw HTML block
    with no blank line in it, every report value escaped."""
    evidence: dict[int | None, list[str]] = {}
    for label, idx in _evidence_labels(d):
        evidence.setdefault(idx, []).append(label)
    date = _esc(page_date(d, added[:10] if added else None))
    page = [
        f"Title: {one_line(d.title)}\nDate: {date} 12:00\nSlug: {_esc(slug)}\nDigest: {_esc(slug)}\n"
        f"Place: {one_line(d.place.label)}\n",
        f"Added: {_esc(added)}\n" if added else "",
        f'\n<div class="digest">\n<section class="card" aria-label="会议概要">\n<dl>\n{card_rows(d)}</dl>\n</section>\n',
    ]
    if d.tasks:
        page.append(f'<section class="tasks"><h2>工作任务</h2>\n<ol>{task_items(d.tasks)}</ol>\n</section>\n')
    if d.targets:
        page.append(
            '<section class="targets"><h2>量化目标</h2>\n<div class="scroll"><table><thead><tr><th>年份</th><th>指标</th>'
            '<th>目标</th><th><span class="vh">原文</span></th></tr></thead><tbody>\n'
            f"{target_rows(d.targets)}</tbody></table></div>\n</section>\n"
        )
    if d.frameworks:
        page.append(
            f'<section class="frameworks"><h2>提法</h2>\n<ul class="chips">{framework_items(d.frameworks)}</ul>\n</section>\n'
        )
    page.append(
        f'<section class="fulltext"><h2>原文（清理后）</h2>\n{_fulltext(d, evidence)}<p class="source">来源文件：'
        f"<code>{_esc(d.source)}</code></p>\n</section>\n</div>\n"
    )
    return "".join(page)


# The card and the lists of a page (people, tasks, targets, frameworks), each value escaped.


# markupsafe.escape's replacements, for the values put into the card and lists here: most values hold
# none of these characters, and a search for them costs a fraction of escape()'s call (which wraps
# its result in a new Markup); the page's text, one long string, is escaped by markupsafe itself
_HTML_SPECIAL = re.compile("[&<>\"']")
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"})


def _esc(value: object) -> str:
    """str(markupsafe.escape(value)) for a plain value (no __html__)."""
    text = str(value)
    return text.translate(_HTML_ESCAPES) if _HTML_SPECIAL.search(text) else text


def _ev_link(idx: int | None, lead: str = " ") -> str:
    """The link from a value to the sentence it rests on (none without one)."""
    return "" if idx is None else f'{lead}<a class="ev-link" data-pagefind-ignore href="#s{idx}">原文</a>'


BASIS_TITLE = {
    "stated": "会议日期据原文所写",
    "published": "原文未写会议日期，取通稿的发布日期",
    "inferred": "原文未写年份，年份据内容推断",
    "unknown": "原文未写年份，也无从推断",
}
BASIS_LABEL = {"stated": "文中写明", "published": "据发布日期", "inferred": "据内容推断", "unknown": "年份不详"}
ROLE_ROWS = (("主持", "chairs"), ("讲话", "speakers"), ("出席", "attendees"))


def _number(text: str) -> int:
    """A month or day of a --MM-DD date as a number (0 where it is none, as Jinja's int filter)."""
    try:
        return int(text)
    except ValueError:
        return 0


def card_rows(d) -> str:
    """The rows of the page's card (<dt>/<dd>, one line each): date and how its year is known, place,
    kind, the original's address, chairs, speakers and attendees."""
    corrected = ' <span class="corrected">人工校正</span>'
    v = d.date.value
    if not v:
        day = "未知"
    elif v.startswith("--"):
        day = f"{_number(v[2:4])}月{_number(v[5:7])}日（年份不详）"
    else:
        day = _esc(v)
    basis = d.date.basis
    rows = [
        f'<dt>日期</dt><dd><span class="nowrap">{day}</span> <span class="basis basis-{_esc(basis)}" '
        f'title="{BASIS_TITLE[basis]}">{BASIS_LABEL[basis]}</span>{_ev_link(d.date.evidence)}'
        f"{corrected if 'date' in d.corrected else ''}</dd>\n"
    ]
    place = d.place
    if place.code:
        where = f'<a href="../../place/{_esc(place.code)}/index.html">{_esc(place.label)}</a>'
    else:
        where = _esc(place.label) if place.province else "未知"
    rows.append(f"<dt>地点</dt><dd>{where}{_ev_link(place.evidence)}{corrected if 'place' in d.corrected else ''}</dd>\n")
    rows.append(f"<dt>类型</dt><dd>{_esc(d.kind)}{corrected if 'kind' in d.corrected else ''}</dd>\n")
    if d.source_url:
        url = _esc(d.source_url)
        rows.append(
            f'<dt>原文网址</dt><dd><a class="source-url" href="{url}" rel="nofollow noopener noreferrer">{url}</a></dd>\n'
        )
    for label, key in ROLE_ROWS:
        people = getattr(d, key)
        listed = (
            f'<ul class="people">{people_items(people, place.province)}</ul>' if people else '<span class="none">未列明</span>'
        )
        rows.append(f"<dt>{label}</dt><dd>{listed}{corrected if key in d.corrected else ''}</dd>\n")
    return "".join(rows)


def people_items(people, province: str | None) -> str:
    out = []
    for p in people:
        titles = f' <span class="titles">{_esc("、".join(p.titles))}</span>' if p.titles else ""
        href = _esc(person_key(p.name, province))
        out.append(
            f'<li><a href="../../people/{href}/index.html" class="person">{_esc(p.name)}</a>{titles}{_ev_link(p.evidence)}</li>'
        )
    return "".join(out)


def task_items(tasks) -> str:
    return "".join(f"<li>{_esc(t.text)}{_ev_link(t.evidence)}</li>" for t in tasks)


def target_rows(targets) -> str:
    out = []
    for t in targets:
        year = "未定" if t.year is None else _esc(t.year)
        href = _esc(_indicator_href_key(t))
        out.append(
            f'<tr><td class="nowrap">{year}</td><td><a href="../../indicators/{href}/index.html">{_esc(t.indicator)}</a></td>'
            f'<td class="value">{_esc(t.value)}</td><td>{_ev_link(t.evidence, "")}</td></tr>\n'
        )
    return "".join(out)


def framework_items(frameworks) -> str:
    out = []
    for f in frameworks:
        href = _esc(framework_key(f.name))
        out.append(f'<li><a class="chip" href="../../framework/{href}/index.html">{_esc(f.name)}</a>{_ev_link(f.evidence)}</li>')
    return "".join(out)


def _fulltext(d: Digest, evidence: dict[int | None, list[str]]) -> str:
    """The cleaned report as paragraphs of sentences, each a link target (`#s<idx>`) and, where a
    digest value rests on it, marked with what it is evidence for. Built here, not in the template:
    it is most of a page, and a Jinja loop over every sentence was a tenth of the extraction time."""
    asides = _asides(d)
    out: list[str] = []
    para = -1
    # one escape() of every sentence at once (a sentence holds no newline) costs what one of a
    # single sentence does; a page escaped sentence by sentence paid it thirty times
    texts = str(escape("\n".join(s.text for s in d.sentences))).split("\n")
    if len(texts) != len(d.sentences):
        texts = [str(escape(s.text)) for s in d.sentences]
    for s, text in zip(d.sentences, texts, strict=True):
        if s.para != para:
            if para >= 0:
                out.append("</p>")
            out.append('<p class="aside">' if s.para in asides else "<p>")
            para = s.para
        labels = evidence.get(s.idx)
        mark = f' class="ev" title="{_esc("；".join(labels))}"' if labels else ""
        out.append(f'<span id="s{s.idx}"{mark}>{text}</span>')
    if para >= 0:
        out.append("</p>")
    return "".join(out)


ASIDE_MAX = 40  # a short line that is no sentence: a subtitle or photo caption, shown apart


def _asides(d: Digest) -> set[int]:
    """Paragraphs of one short sentence without final punctuation: subtitles and captions."""
    by_para: dict[int, list[str]] = {}
    for s in d.sentences:
        by_para.setdefault(s.para, []).append(s.text)
    return {p for p, texts in by_para.items() if len(texts) == 1 and len(texts[0]) <= ASIDE_MAX and texts[0][-1] not in "。！？”"}


def _evidence_labels(d: Digest):
    if d.date.evidence is not None:
        yield "日期", d.date.evidence
    if d.place.evidence is not None:
        yield "地点", d.place.evidence
    for label, people in (("主持", d.chairs), ("讲话", d.speakers), ("出席", d.attendees)):
        for p in people:
            yield f"{label}：{p.name}", p.evidence
    for t in d.tasks:
        yield f"任务{t.n}", t.evidence
    for g in d.targets:
        yield f"目标：{g.indicator}", g.evidence
    for f in d.frameworks:
        yield f"提法：{f.name}", f.evidence


def digest_json(d: Digest, slug: str) -> str:
    """The JSON form of DIGEST_SCHEMA.md, plus slug and evidence sentences."""
    data = d.to_json()
    data["slug"] = slug
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))  # no indent: the C encoder
