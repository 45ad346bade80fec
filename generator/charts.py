"""Static SVG charts drawn at build time (no JavaScript, no CDN)."""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 640, 220
MARGIN_L, MARGIN_B, MARGIN_T, MARGIN_R = 48, 36, 16, 16
PALETTE = ("#b3261e", "#1f5fa8", "#2e7d32", "#8e44ad", "#c77700", "#00838f", "#6d4c41", "#546e7a")
_NUM = re.compile(r"\d+(?:\.\d+)?")


def _number(value: str | None) -> float | None:
    m = _NUM.search(value or "")
    return float(m.group(0)) if m else None


def indicator_chart(name: str, rows: list[dict]) -> str:
    """Return an SVG plotting each place's goal values by year; '' when nothing is numeric."""
    points = [(r["year"], _number(r["value"]), r["place"]) for r in rows if r.get("year")]
    points = [p for p in points if p[1] is not None]
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

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" class="chart" '
        f'aria-label="{escape(name, {chr(34): "&quot;"})}：各地目标值">',
        f'<line x1="{MARGIN_L}" y1="{HEIGHT - MARGIN_B}" x2="{WIDTH - MARGIN_R}" y2="{HEIGHT - MARGIN_B}" stroke="#888"/>',
        f'<line x1="{MARGIN_L}" y1="{MARGIN_T}" x2="{MARGIN_L}" y2="{HEIGHT - MARGIN_B}" stroke="#888"/>',
        f'<text x="{MARGIN_L - 6}" y="{y(vmax) + 4:.1f}" text-anchor="end" font-size="11">{vmax:g}</text>',
        f'<text x="{MARGIN_L - 6}" y="{HEIGHT - MARGIN_B + 4}" text-anchor="end" font-size="11">0</text>',
    ]
    for yr in years:
        parts.append(f'<text x="{x(yr):.1f}" y="{HEIGHT - MARGIN_B + 18}" text-anchor="middle" font-size="12">{yr}</text>')
    for pl in places:
        pts = sorted((p for p in points if p[2] == pl), key=lambda p: p[0])
        if len(pts) > 1:
            path = " ".join(f"{x(p[0]):.1f},{y(p[1]):.1f}" for p in pts)
            parts.append(f'<polyline fill="none" stroke="{color[pl]}" stroke-width="2" points="{path}"/>')
        for p in pts:
            parts.append(
                f'<circle cx="{x(p[0]):.1f}" cy="{y(p[1]):.1f}" r="5" fill="{color[pl]}">'
                f"<title>{escape(pl)} {p[0]}：{p[1]:g}</title></circle>"
            )
    for i, pl in enumerate(places[:8]):
        parts.append(f'<rect x="{MARGIN_L + 8}" y="{MARGIN_T + i * 16}" width="10" height="10" fill="{color[pl]}"/>')
        parts.append(f'<text x="{MARGIN_L + 22}" y="{MARGIN_T + 9 + i * 16}" font-size="11">{escape(pl)}</text>')
    parts.append("</svg>")
    return "".join(parts)
