"""Plots as inline SVG, drawn on the server: the page needs no JavaScript and no build step."""

from __future__ import annotations

from html import escape

WIDTH, HEIGHT = 720, 180
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 12, 12, 24  # margins for the axis labels


def time_series(values: list[int], span: tuple[str, str], title: str, unit: str) -> str:
    """An area plot of a per-minute series, its y axis from 0 to the largest value, labelled
    with the first and last minute of ``span`` (ISO times). ``data-points``, ``data-total`` and
    ``data-max`` say what it holds."""
    top = max(values, default=0) or 1
    inner_w, inner_h = WIDTH - _LEFT - _RIGHT, HEIGHT - _TOP - _BOTTOM
    step = inner_w / max(len(values) - 1, 1)
    points = [
        (_LEFT + i * step, _TOP + inner_h * (1 - value / top)) for i, value in enumerate(values)
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    base = _TOP + inner_h
    area = f"{_LEFT},{base} {line} {_LEFT + inner_w},{base}" if values else ""
    first, last = (escape(moment[11:16]) for moment in span)
    latest = values[-1] if values else 0
    label = escape(f"{title}, last {len(values)} minutes: latest {latest} {unit}")
    return f"""<svg class="plot" role="img" aria-label="{label}" viewBox="0 0 {WIDTH} {HEIGHT}"
 width="{WIDTH}" height="{HEIGHT}" data-points="{len(values)}" data-total="{sum(values)}"
 data-max="{max(values, default=0)}" xmlns="http://www.w3.org/2000/svg">
<title>{label}</title>
<line x1="{_LEFT}" y1="{base}" x2="{_LEFT + inner_w}" y2="{base}" class="axis"/>
<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{base}" class="axis"/>
<text x="{_LEFT - 6}" y="{_TOP + 10}" text-anchor="end">{max(values, default=0)}</text>
<text x="{_LEFT - 6}" y="{base}" text-anchor="end">0</text>
<text x="{_LEFT}" y="{HEIGHT - 6}">{first}</text>
<text x="{_LEFT + inner_w}" y="{HEIGHT - 6}" text-anchor="end">{last} UTC</text>
<polygon points="{area}" class="area"/>
<polyline points="{line}" class="line"/>
</svg>"""
