"""Stage 3, extract: Report -> Digest, one module per field; corrections are applied last."""
from __future__ import annotations

from ..model import Digest, Framework, MeetingDate, Person, Place, Report, Target, Task
from .dates import extract_date
from .frameworks import canonical, extract_frameworks
from .people import assign_roles
from .places import extract_place
from .targets import extract_targets
from .tasks import extract_tasks
from .title import extract_title


def meeting_year(date: MeetingDate, published: str | None) -> int | None:
    """The year the meeting was held in, if known: for 今年 targets."""
    if date.value and not date.value.startswith("--"):
        return int(date.value[:4])
    if published:
        return int(published[:4])
    return None


def extract(report: Report) -> Digest:
    """Extract every field of DIGEST_SCHEMA.md from a cleaned report."""
    title = extract_title(report)
    date = extract_date(report)
    place = extract_place(report, title)
    chairs, speakers, attendees = assign_roles(report.sentences)
    warnings = []
    if not report.sentences:
        warnings.append("no body text after cleaning")
    if date.value is None:
        warnings.append("no meeting day or publication date found")
    if not place.province:
        warnings.append("no place of China's administrative divisions named")
    return Digest(
        source=report.source,
        title=title,
        date=date,
        place=place,
        chairs=tuple(chairs),
        speakers=tuple(speakers),
        attendees=tuple(attendees),
        tasks=tuple(extract_tasks(report)),
        targets=tuple(extract_targets(report, meeting_year(date, report.published))),
        frameworks=tuple(extract_frameworks(report)),
        sentences=report.sentences,
        warnings=tuple(warnings),
    )


def _people(items) -> tuple[Person, ...]:
    out = []
    for it in items:
        if isinstance(it, str):
            out.append(Person(it))
        else:
            out.append(Person(str(it["name"]), tuple(it.get("titles", ()))))
    return tuple(out)


def apply_corrections(d: Digest, fix: dict) -> Digest:
    """Override fields with hand corrections from <stem>.meta.toml; the digest records which."""
    if not fix:
        return d
    changes: dict = {}
    if "title" in fix:
        changes["title"] = str(fix["title"])
    if "date" in fix or "date_basis" in fix:
        value = str(fix.get("date", d.date.value))
        changes["date"] = MeetingDate(value, str(fix.get("date_basis", "stated")), None, "corrected by hand")
    if "place" in fix:
        p = fix["place"]
        changes["place"] = Place(p.get("province"), p.get("city"), p.get("county"), p.get("code"), None)
    for key in ("chairs", "speakers", "attendees"):
        if key in fix:
            changes[key] = _people(fix[key])
    if "tasks" in fix:
        changes["tasks"] = tuple(Task(i + 1, t if isinstance(t, str) else t["text"]) for i, t in enumerate(fix["tasks"]))
    if "targets" in fix:
        changes["targets"] = tuple(Target(int(t["year"]), t["indicator"], t["value"]) for t in fix["targets"])
    if "frameworks" in fix:
        changes["frameworks"] = tuple(Framework(canonical(f if isinstance(f, str) else f["name"])) for f in fix["frameworks"])
    from dataclasses import replace

    return replace(d, **changes, corrected=tuple(sorted(set(fix) & {*changes, "date_basis"})))
