"""A sociogram drawn into a grid of character cells. Pure Python (no Textual), so it is tested alone.

The canvas widget (`sociogram_canvas.py`) only turns the cells into styled strips; everything about
*where* things go is here:

* nodes sit where `layout.fit` puts their seat, each as a glyph and a label centred on the seat
  (the label box is kept inside the canvas; a label that would touch a neighbour's falls back to
  the short form, the member code);
* an edge is one straight line per pair of people (Bresenham, in cells), drawn in the style of its
  weight class — `·` light, `─│╱╲` normal, `━┃╱╲` heavy — with an arrowhead in front of each person
  who was addressed (both ends when the talk went both ways);
* lines never cut through a label; heavier lines are drawn over lighter ones, and highlighted
  ones (the selected member's) over everything.

Every cell carries a *style key* (e.g. `edge-2`, `silent`); the widget maps keys to theme colours.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from kelompok.sociogram.layout import fit

LIGHT, NORMAL, HEAVY = 1, 2, 3
"""Edge weight classes."""

_STROKES = {
    LIGHT: {"h": "·", "v": "·", "d": "·", "a": "·"},
    NORMAL: {"h": "─", "v": "│", "d": "╲", "a": "╱"},
    HEAVY: {"h": "━", "v": "┃", "d": "╲", "a": "╱"},
}
"""Line characters by weight class and step: h(orizontal), v(ertical), d (╲), a (╱)."""

ARROWS = "→↘↓↙←↖↑↗"
"""Arrowheads clockwise from east (rows point down), one per 45°."""

ASPECT = 2.0
"""A cell is about twice as tall as it is wide."""


@dataclass(frozen=True, slots=True)
class NodeMark:
    """One person on the canvas."""

    code: str
    glyph: str
    label: str
    """Shown after the glyph: the code, or code and name, or code and count."""
    style: str
    """Style key of the glyph."""
    label_style: str = "label"
    short: str | None = None
    """A shorter label used when the full one would touch a neighbour (default: the code)."""


@dataclass(frozen=True, slots=True)
class EdgeMark:
    """The talk between two people, drawn as one line."""

    a: str
    b: str
    forward: int
    """Acts a → b."""
    backward: int
    """Acts b → a."""
    level: int
    """LIGHT, NORMAL or HEAVY."""
    style: str
    """Style key of the line and its arrowheads."""


@dataclass(frozen=True, slots=True)
class Picture:
    """What to draw: people at unit-circle positions (`layout.graph_positions`) and the edges."""

    nodes: tuple[NodeMark, ...]
    edges: tuple[EdgeMark, ...]
    positions: Mapping[str, tuple[float, float]]


Run = tuple[str, "str | None"]
"""A stretch of one row that shares a style key: (text, style key)."""


@dataclass(frozen=True, slots=True)
class Raster:
    """A drawn picture: each row as runs of text sharing a style key, and where each label went.

    Rows are kept as tuples of runs rather than grids of cells: the canvas keeps many rasters, and
    tuples of strings cost the garbage collector nothing, where a grid of lists costs it a visit
    per cell on every full collection.
    """

    width: int
    height: int
    rows: tuple[tuple[Run, ...], ...]
    boxes: dict[str, tuple[int, int, int]]
    """Node code → (row, first column, last column) of its glyph and label."""

    def lines(self) -> list[str]:
        """The picture as plain text, one string per row (tests read it)."""
        return ["".join(text for text, _ in row) for row in self.rows]

    def runs(self, row: int) -> tuple[Run, ...]:
        """Row `row` as runs of text that share a style key."""
        return self.rows[row]

    def style_at(self, col: int, row: int) -> str | None:
        """The style key of one cell."""
        x = 0
        for text, key in self.rows[row]:
            x += len(text)
            if col < x:
                return key
        return None


def _runs(chars: list[str], styles: list[str | None]) -> tuple[Run, ...]:
    result: list[Run] = []
    start = 0
    width = len(chars)
    for x in range(1, width + 1):
        if x == width or styles[x] != styles[start]:
            result.append(("".join(chars[start:x]), styles[start]))
            start = x
    return tuple(result)


def _bresenham(c0: int, r0: int, c1: int, r1: int) -> list[tuple[int, int]]:
    cells = []
    dc, dr = abs(c1 - c0), -abs(r1 - r0)
    sc, sr = (1 if c0 < c1 else -1), (1 if r0 < r1 else -1)
    err = dc + dr
    while True:
        cells.append((c0, r0))
        if c0 == c1 and r0 == r1:
            return cells
        e2 = 2 * err
        if e2 >= dr:
            err += dr
            c0 += sc
        if e2 <= dc:
            err += dc
            r0 += sr


def _stroke(dc: int, dr: int) -> str:
    if dr == 0:
        return "h"
    if dc == 0:
        return "v"
    return "d" if (dc > 0) == (dr > 0) else "a"


def arrow(dc: float, dr: float) -> str:
    """The arrowhead pointing along (dc columns, dr rows), judged as the eye sees it."""
    angle = math.atan2(dr * ASPECT, dc)
    return ARROWS[round(angle / (math.pi / 4)) % 8]


def _place(node: NodeMark, col: int, row: int, width: int, taken: dict[int, list[tuple[int, int]]]) -> tuple[str, int]:
    """The label text and its first column: centred on the seat, inside the canvas, and clear of
    the labels already placed on this row (short label first, then a small shift)."""

    def clear(first: int, last: int) -> bool:
        return all(last < a - 1 or first > b + 1 for a, b in taken.get(row, ()))

    candidates = [node.glyph + node.label]
    short = node.glyph + (node.short if node.short is not None else node.code)
    if short != candidates[0]:
        candidates.append(short)
    for text in candidates:
        first = min(max(col - len(text) // 2, 0), max(width - len(text), 0))
        for shift in (0, 1, -1, 2, -2, 3, -3):
            start = min(max(first + shift, 0), max(width - len(text), 0))
            if clear(start, start + len(text) - 1):
                return text, start
    text = candidates[-1]
    return text, min(max(col - len(text) // 2, 0), max(width - len(text), 0))


def rasterise(picture: Picture, width: int, height: int) -> Raster:
    """Draw `picture` on a `width` × `height` grid of cells."""
    width, height = max(width, 1), max(height, 1)
    chars = [[" "] * width for _ in range(height)]
    styles: list[list[str | None]] = [[None] * width for _ in range(height)]
    boxes: dict[str, tuple[int, int, int]] = {}
    nodes = [n for n in picture.nodes if n.code in picture.positions]
    if not nodes:
        return Raster(width, height, tuple(_runs(c, st) for c, st in zip(chars, styles)), boxes)

    # Leave room at both sides for half the widest label, so side seats keep their labels whole.
    widest = max(len(n.glyph + n.label) for n in nodes)
    pad = min(widest // 2 + 1, max(width // 6, 0))
    seats = fit(
        {n.code: picture.positions[n.code] for n in nodes}, max(width - 2 * pad, 1), height, margin=0, aspect=ASPECT
    )
    taken: dict[int, list[tuple[int, int]]] = {}
    texts: dict[str, str] = {}
    for node in nodes:
        col, row = seats[node.code]
        text, first = _place(node, col + pad, row, width, taken)
        last = min(first + len(text) - 1, width - 1)
        boxes[node.code] = (row, first, last)
        texts[node.code] = text
        taken.setdefault(row, []).append((first, last))

    # Which label covers each cell: lines stop at labels instead of cutting through them.
    covered = [[False] * width for _ in range(height)]
    for row, first, last in boxes.values():
        for c in range(first, last + 1):
            covered[row][c] = True

    # Light lines first, highlighted ones last: what matters most is drawn on top.
    order = {"edge-dim": 0, "edge-selected": 2}
    for edge in sorted(picture.edges, key=lambda e: (order.get(e.style, 1), e.level)):
        if edge.a not in boxes or edge.b not in boxes:
            continue
        ra, fa, la = boxes[edge.a]
        rb, fb, lb = boxes[edge.b]
        path = _bresenham((fa + la) // 2, ra, (fb + lb) // 2, rb)
        if len(path) < 2:
            continue
        strokes = _STROKES[edge.level]
        free = [(c, r) for c, r in path if not covered[r][c]]
        for k, (c, r) in enumerate(path):
            if covered[r][c]:
                continue
            pc, pr = path[k - 1] if k else path[k + 1]
            step = (c - pc, r - pr) if k else (pc - c, pr - r)
            chars[r][c] = strokes[_stroke(*step)]
            styles[r][c] = edge.style
        if not free:
            continue
        dc, dr = (fb + lb) / 2 - (fa + la) / 2, rb - ra
        if edge.forward:
            c, r = free[-1]
            chars[r][c] = arrow(dc, dr)
            styles[r][c] = edge.style
        if edge.backward and (len(free) > 1 or not edge.forward):
            c, r = free[0]
            chars[r][c] = arrow(-dc, -dr)
            styles[r][c] = edge.style

    for node in nodes:
        row, first, last = boxes[node.code]
        text = texts[node.code]
        glyph_len = len(node.glyph)
        for offset, char in enumerate(text[: last - first + 1]):
            chars[row][first + offset] = char
            styles[row][first + offset] = node.style if offset < glyph_len else node.label_style
    return Raster(width, height, tuple(_runs(c, st) for c, st in zip(chars, styles)), boxes)
