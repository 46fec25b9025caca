"""Small inline SVG line charts for the report: one metric over the sessions of a series.

No namespace URL and no scripts: the chart is meant to be inlined in the report's HTML, where
the `svg` element needs neither. Shares and ratios are drawn on a fixed 0–1 axis so that two
groups' charts compare; counts on 0–max. A missing value (None) breaks the line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from kelompok.i18n import format_number, format_percent

WIDTH, HEIGHT = 300, 130
LEFT, RIGHT, TOP, BOTTOM = 38, 14, 12, 24
LINE = "#2f5d8a"
GRID = "#d8dee3"
INK = "#5b6770"


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def nice_ceiling(value: float) -> float:
    """The smallest "round" number (1, 1.2, 1.5, 2, 3, 4, 5, 6, 8 × 10^k) at least `value`: a readable axis maximum."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 3, 4, 5, 6, 8, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def line_chart(numbers: Sequence[int], values: Sequence[float | int | None], kind: str, title: str, lang: str) -> str:
    """An SVG line chart of `values` (one per session number); `kind` is share, ratio or count."""
    top = 1.0 if kind in ("share", "ratio") else nice_ceiling(max([v for v in values if v is not None] + [1]))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    count = len(numbers)

    def x(index: int) -> float:
        return LEFT + (plot_w * index / (count - 1) if count > 1 else plot_w / 2)

    def y(value: float) -> float:
        return TOP + plot_h * (1 - min(max(value / top, 0.0), 1.0))

    def tick(value: float) -> str:
        if kind == "share":
            return format_percent(value, lang)
        if kind == "ratio":
            return format_number(value, 1, lang)
        return format_number(value, 0, lang)

    out = [
        f'<svg class="chart" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" font-family="Helvetica, Arial, sans-serif" font-size="10">'
    ]
    for fraction in (0.0, 0.5, 1.0):
        gy = TOP + plot_h * (1 - fraction)
        out.append(
            f'<line x1="{LEFT}" y1="{_n(gy)}" x2="{WIDTH - RIGHT}" y2="{_n(gy)}" stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 5}" y="{_n(gy + 3.5)}" text-anchor="end" fill="{INK}">{escape(tick(top * fraction))}</text>'
        )
    step = max(1, count // 10)
    for index, number in enumerate(numbers):
        if index % step == 0 or index == count - 1:
            out.append(f'<text x="{_n(x(index))}" y="{HEIGHT - 8}" text-anchor="middle" fill="{INK}">{number}</text>')
    # The line, broken where a value is missing.
    run: list[str] = []
    runs: list[list[str]] = []
    for index, value in enumerate(values):
        if value is None:
            if run:
                runs.append(run)
            run = []
            continue
        run.append(f"{_n(x(index))},{_n(y(value))}")
    if run:
        runs.append(run)
    for points in runs:
        if len(points) > 1:
            out.append(
                f'<polyline points="{" ".join(points)}" fill="none" stroke="{LINE}" stroke-width="2" stroke-linejoin="round"/>'
            )
    for index, value in enumerate(values):
        if value is not None:
            out.append(f'<circle cx="{_n(x(index))}" cy="{_n(y(value))}" r="2.6" fill="{LINE}"/>')
    last = next(((i, v) for i, v in reversed(list(enumerate(values))) if v is not None), None)
    if last is not None:
        index, value = last
        out.append(
            f'<text x="{_n(min(x(index), WIDTH - RIGHT))}" y="{_n(max(y(value) - 6, TOP + 8))}" text-anchor="end" '
            f'fill="{LINE}" font-weight="bold">{escape(tick(value))}</text>'
        )
    out.append("</svg>")
    return "".join(out)
