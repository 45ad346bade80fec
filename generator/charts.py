"""Static SVG charts drawn at build time (no JavaScript, no CDN).

An indicator's goals are of different measures: a growth rate (增长8%左右), a share or rate
(占全区30%以上), an amount with a unit (突破200亿元) or a count. A chart compares like with like, so
the rows are split into panels by measure and unit, one chart each. Every point is labelled (hover
title and the table below the chart); places with the same value in the same year are spread
apart so none hides another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from . import vocab

# A narrow drawing: the chart is shown at 340-640 px, so its 12-unit text stays >= 11 px on a phone.
WIDTH, HEIGHT = 360, 220
MARGIN_L, MARGIN_B, MARGIN_T, MARGIN_R = 44, 30, 14, 12
FONT = 12
PALETTE = ("#b3261e", "#1f5fa8", "#2e7d32", "#8e44ad", "#c77700", "#00838f", "#6d4c41", "#546e7a")
SPREAD = 7  # horizontal offset between points that would sit on the same pixel
_NUM = re.compile(r"\d+(?:\.\d+)?")
_MEASURES = vocab.toml("measures.toml")
_GROWTH = re.compile(vocab.alternation(_MEASURES["growth_words"]))
_UNIT = re.compile(rf"\d(?:\.\d+)?\s*({vocab.alternation(_MEASURES['units'])})")


@dataclass
class Panel:
    measure: str  # 增速 / 比重或比率 / <unit>
    unit: str
    rows: list[dict] = field(default_factory=list)
    svg: str = ""


def number(value: str | None) -> float | None:
    m = _NUM.search(value or "")
    return float(m.group(0)) if m else None


def measure(value: str | None) -> tuple[str, str]:
    """(measure, unit) of a goal as written: 增长8%左右 -> (增速, %); 达到45%以上 -> (比重或比率, %)."""
    text = value or ""
    m = _UNIT.search(text)
    unit = m.group(1) if m else ""
    if unit in ("%", "‰") and _GROWTH.search(text):
        return "增速", unit
    if unit in ("%", "‰"):
        return "比重或比率", unit
    if unit == "倍":
        return "倍数", unit
    return (f"数量（{unit}）" if unit else "其他"), unit


def indicator_panels(name: str, rows: list[dict]) -> list[Panel]:
    """Split an indicator's rows into panels of one measure each, with a chart where it has numbers."""
    panels: dict[tuple[str, str], Panel] = {}
    for r in rows:
        key = measure(r.get("value"))
        panels.setdefault(key, Panel(*key)).rows.append(r)
    out = sorted(panels.values(), key=lambda p: (-len(p.rows), p.measure))
    for p in out:
        p.svg = _chart(f"{name} · {p.measure}", p.rows, p.unit)
    return out


def _chart(title: str, rows: list[dict], unit: str) -> str:
    points: list[tuple[int, float, str, str]] = []
    for r in rows:
        v = number(r.get("value"))
        if isinstance(r.get("year"), int) and v is not None:
            points.append((r["year"], v, r.get("place_label") or "", r.get("value") or ""))
    if not points:
        return ""
    years = sorted({p[0] for p in points})
    vmax = max(p[1] for p in points) or 1.0
    places = sorted({p[2] for p in points})
    color = {pl: PALETTE[i % len(PALETTE)] for i, pl in enumerate(places)}
    plot_w = WIDTH - MARGIN_L - MARGIN_R
    plot_h = HEIGHT - MARGIN_T - MARGIN_B

    def x(year: int) -> float:
        if len(years) == 1:
            return MARGIN_L + plot_w / 2
        return MARGIN_L + plot_w * (years.index(year) / (len(years) - 1))

    def y(v: float) -> float:
        return MARGIN_T + plot_h * (1 - v / (vmax * 1.1))

    label = escape(title, {'"': "&quot;"})
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart" aria-label="{label}">',
        f'<line x1="{MARGIN_L}" y1="{HEIGHT - MARGIN_B}" x2="{WIDTH - MARGIN_R}" y2="{HEIGHT - MARGIN_B}" stroke="#888"/>',
        f'<line x1="{MARGIN_L}" y1="{MARGIN_T}" x2="{MARGIN_L}" y2="{HEIGHT - MARGIN_B}" stroke="#888"/>',
        f'<text x="{MARGIN_L - 5}" y="{y(vmax) + 4:.1f}" text-anchor="end" font-size="{FONT}">{vmax:g}{escape(unit)}</text>',
        f'<text x="{MARGIN_L - 5}" y="{HEIGHT - MARGIN_B + 4}" text-anchor="end" font-size="{FONT}">0</text>',
    ]
    for yr in years:
        parts.append(f'<text x="{x(yr):.1f}" y="{HEIGHT - MARGIN_B + 18}" text-anchor="middle" font-size="{FONT}">{yr}</text>')
    # points on the same spot (same year and value) are spread sideways, each keeps its colour
    taken: dict[tuple[int, float], int] = {}
    placed = []
    for p in sorted(points, key=lambda p: (p[0], p[2])):
        k = taken.get((p[0], p[1]), 0)
        taken[(p[0], p[1])] = k + 1
        dx = SPREAD * ((k + 1) // 2) * (1 if k % 2 else -1)
        placed.append((p, x(p[0]) + dx, y(p[1])))
    by_place: dict[str, list] = {}
    for q in placed:  # already in year order
        by_place.setdefault(q[0][2], []).append(q)
    for pl in places:
        own = by_place[pl]
        if len(own) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for _, px, py in own)
            parts.append(f'<polyline fill="none" stroke="{color[pl]}" stroke-width="2" points="{path}"/>')
    for p, px, py in placed:
        parts.append(
            f'<circle cx="{px:.1f}" cy="{py:.1f}" r="5" fill="{color[p[2]]}" stroke="#fff" stroke-width="1">'
            f"<title>{escape(p[2])} {p[0]}年：{escape(p[3])}</title></circle>"
        )
    for i, pl in enumerate(places[:6]):
        parts.append(f'<rect x="{MARGIN_L + 8}" y="{MARGIN_T + i * 17}" width="10" height="10" fill="{color[pl]}"/>')
        parts.append(f'<text x="{MARGIN_L + 22}" y="{MARGIN_T + 9 + i * 17}" font-size="{FONT}">{escape(pl)}</text>')
    parts.append("</svg>")
    return "".join(parts)
