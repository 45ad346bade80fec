"""Stage 3, extract: Report -> Digest, one module per field; corrections are applied last."""

from __future__ import annotations

import re
from dataclasses import replace

from ..corrections import Corrections
from ..gazetteer import codes_for
from ..model import Digest, Framework, MeetingDate, Person, Place, Report, Target, Task
from .dates import extract_date
from .frameworks import canonical, extract_frameworks
from .kind import extract_kind
from .people import assign_roles
from .places import extract_place
from .targets import extract_targets
from .tasks import extract_tasks
from .title import extract_title

WARN_NO_DATE = "no meeting day or publication date found"
WARN_NO_PLACE = "no place of China's administrative divisions named"


_YEAR = re.compile(r"^((?:19|20)\d\d)(?:-|$)")


def meeting_year(date: MeetingDate) -> int | None:
    """The year the meeting was held in, for 今年 targets: the one the date extractor gives, whether
    written with the day, taken from the publication date or inferred from the text (2012-07-27; also
    a year with no day, 2012, should it give one). A day it leaves without a year (--07-27) has none,
    even on a dated page: it found the page re-posts an older report, so the page's year is not it."""
    m = _YEAR.match(date.value or "")
    return int(m.group(1)) if m else None


def extract(report: Report) -> Digest:
    """Extract every field of DIGEST_SCHEMA.md from a cleaned report."""
    title = extract_title(report)
    date = extract_date(report)
    year = meeting_year(date)
    place = extract_place(report, title, year)  # the unit's name as it was in the meeting's year
    chairs, speakers, attendees = assign_roles(report.sentences, report.headline)
    warnings = []
    if not report.sentences:
        warnings.append("no body text after cleaning")
    if date.value is None:
        warnings.append(WARN_NO_DATE)
    if not place.province:
        warnings.append(WARN_NO_PLACE)
    return Digest(
        source=report.source,
        title=title,
        date=date,
        place=place,
        kind=extract_kind(report, title),
        source_url=report.url,
        chairs=tuple(chairs),
        speakers=tuple(speakers),
        attendees=tuple(attendees),
        tasks=tuple(extract_tasks(report)),
        targets=tuple(extract_targets(report, year)),
        frameworks=tuple(extract_frameworks(report)),
        sentences=report.sentences,
        warnings=tuple(warnings),
    )


def apply_corrections(d: Digest, fix: Corrections) -> Digest:
    """Override fields with validated hand corrections; the digest records which, and drops the
    warnings the corrections answer."""
    if not fix:
        return d
    changes: dict = {}
    if fix.title is not None:
        changes["title"] = fix.title
    if fix.kind is not None:
        changes["kind"] = fix.kind
    if fix.source_url is not None:
        changes["source_url"] = fix.source_url
    if fix.date is not None or fix.date_basis is not None:
        value = fix.date if fix.date is not None else d.date.value
        basis = fix.date_basis or ("unknown" if value and value.startswith("--") else "stated")
        changes["date"] = MeetingDate(value, basis, None, "corrected by hand")
    if fix.place is not None:
        p = fix.place
        codes = codes_for(p.province, p.city, p.county)
        finest = p.code or next((c for c in reversed(codes) if c), None)
        changes["place"] = Place(p.province, p.city, p.county, finest, None, codes)
    for key in ("chairs", "speakers", "attendees"):
        people = getattr(fix, key)
        if people is not None:
            changes[key] = tuple(Person(x.name, x.titles) for x in people)
    if fix.tasks is not None:
        changes["tasks"] = tuple(Task(i + 1, t) for i, t in enumerate(fix.tasks))
    if fix.targets is not None:
        changes["targets"] = tuple(Target(t.year, t.indicator, t.value) for t in fix.targets)
    if fix.frameworks is not None:
        changes["frameworks"] = tuple(Framework(canonical(f)) for f in fix.frameworks)
    date = changes.get("date", d.date)
    place = changes.get("place", d.place)
    answered = {
        WARN_NO_DATE: date.value is not None,
        WARN_NO_PLACE: bool(place.province or place.city or place.county),
    }
    warnings = tuple(w for w in d.warnings if not answered.get(w, False))
    return replace(d, **changes, corrected=fix.fields, warnings=warnings)
