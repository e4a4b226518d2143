"""Small accessible SVG charts, drawn on the server (no script): bars and a line.

Each chart has a title and a description for screen readers; the page shows the same numbers in
a table next to it, so nothing depends on seeing the picture.
"""
from __future__ import annotations

from xml.sax.saxutils import escape

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 280, 56, 44, 16
INK, BAR, GRID = "#14213d", "#0b4f9c", "#c8d1de"


def _frame(title: str, description: str, body: str, chart_id: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
            f'aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart">'
            f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
            f'{body}</svg>')


def _scale(values: list[int]) -> int:
    top = max(values, default=0)
    return max(1, top)


def _axis(top: int) -> str:
    plot = HEIGHT - BOTTOM - TOP
    lines = []
    for fraction in (0, 0.5, 1):
        y = TOP + plot * (1 - fraction)
        lines.append(f'<line x1="{LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="16" fill="{INK}">'
                     f'{round(top * fraction)}</text>')
    return "".join(lines)


def bar_chart(title: str, description: str, items: list[tuple[str, int]], chart_id: str) -> str:
    top = _scale([value for _label, value in items])
    plot_width, plot = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    slot = plot_width / max(1, len(items))
    body = [_axis(top)]
    for index, (label, value) in enumerate(items):
        height = plot * value / top
        x = LEFT + index * slot + slot * 0.15
        body.append(f'<rect x="{x:.1f}" y="{TOP + plot - height:.1f}" width="{slot * 0.7:.1f}" height="{height:.1f}" '
                    f'fill="{BAR}"/>')
        short = label if len(label) <= 12 else label[:11] + "…"
        body.append(f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="15" '
                    f'fill="{INK}">{escape(short)}</text>')
    return _frame(title, description, "".join(body), chart_id)


def line_chart(title: str, description: str, points: list[tuple[str, int]], chart_id: str) -> str:
    top = _scale([value for _label, value in points])
    plot_width, plot = WIDTH - LEFT - 8, HEIGHT - BOTTOM - TOP
    step = plot_width / max(1, len(points) - 1)
    coordinates = [(LEFT + index * step, TOP + plot * (1 - value / top)) for index, (_l, value) in enumerate(points)]
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f} {y:.1f}" for i, (x, y) in enumerate(coordinates))
    labels = "".join(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="15" fill="{INK}">'
                     f'{escape(points[i][0])}</text>'
                     for i, (x, _y) in enumerate(coordinates) if i % max(1, -(-len(points) // 5)) == 0)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{BAR}"/>' for x, y in coordinates)
    body = _axis(top) + (f'<path d="{path}" fill="none" stroke="{BAR}" stroke-width="3"/>' if points else "") + dots
    return _frame(title, description, body + labels, chart_id)
