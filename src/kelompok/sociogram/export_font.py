"""A small single-stroke vector font for the PNG export, drawn for kelompok (no font files needed).

Each glyph is a few polylines on a grid where the capital height is 10 units: y runs *down*
from 0 (top of capitals) to 10 (the baseline); lowercase letters start at y = 4 and descenders
reach y = 13. The rasteriser strokes the polylines with round caps, so curves made of short
segments look smooth once anti-aliased. Characters outside the table are folded to ASCII
(`é` → `e`, `“` → `"`, `—` → `-`) and anything left over is drawn as a small box, so a label is
never silently dropped.

The SVG export lets the viewer's own fonts draw text; this module only provides the PNG's text
and the width estimates both pictures use for their layout.
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache

Point = tuple[float, float]
Stroke = tuple[Point, ...]

CAP_HEIGHT = 10.0
"""Grid units from the baseline to the top of a capital."""
EM_PER_CAP = 0.7
"""A capital is 0.7 of the font size (as in common sans-serif faces)."""
GAP = 2.4
"""Space between two glyphs, in grid units (added to the ink width)."""


def _arc(cx: float, cy: float, rx: float, ry: float, a0: float, a1: float) -> list[Point]:
    """Points of an elliptical arc from angle a0 to a1 (degrees; 0 = right, 90 = down)."""
    steps = max(3, int(abs(a1 - a0) / 15))
    return [
        (cx + rx * math.cos(math.radians(a0 + (a1 - a0) * k / steps)), cy + ry * math.sin(math.radians(a0 + (a1 - a0) * k / steps)))
        for k in range(steps + 1)
    ]


def _ring(cx: float, cy: float, rx: float, ry: float) -> list[Point]:
    return _arc(cx, cy, rx, ry, 0, 360)


def _dot(x: float, y: float) -> list[Point]:
    return [(x, y - 0.35), (x, y + 0.05)]


def _line(*points: Point) -> list[Point]:
    return list(points)


def _glyphs() -> dict[str, tuple[float, list[list[Point]]]]:
    """char → (ink width, strokes). Written by hand on the 10-unit capital grid."""
    g: dict[str, tuple[float, list[list[Point]]]] = {}
    # capitals
    g["A"] = (7, [_line((0, 10), (3.5, 0), (7, 10)), _line((1.3, 6.5), (5.7, 6.5))])
    g["B"] = (6.5, [_line((0, 5), (0, 0), (3.8, 0)) + _arc(3.8, 2.5, 2.5, 2.5, -90, 90) + [(0, 5)],
                    _line((0, 5), (4.0, 5)) + _arc(4.0, 7.5, 2.5, 2.5, -90, 90) + [(0, 10), (0, 5)]])
    g["C"] = (7, [_arc(3.6, 5, 3.6, 5, -40, -320)])
    g["D"] = (7, [_line((0, 10), (0, 0), (2.5, 0)) + _arc(2.5, 5, 4.5, 5, -90, 90) + [(0, 10)]])
    g["E"] = (6, [_line((6, 0), (0, 0), (0, 10), (6, 10)), _line((0, 5), (4.5, 5))])
    g["F"] = (6, [_line((6, 0), (0, 0), (0, 10)), _line((0, 5), (4.5, 5))])
    g["G"] = (7.2, [_arc(3.6, 5, 3.6, 5, -40, -360) + [(7.2, 10)], _line((7.2, 5.5), (4.2, 5.5))])
    g["H"] = (7, [_line((0, 0), (0, 10)), _line((7, 0), (7, 10)), _line((0, 5), (7, 5))])
    g["I"] = (0, [_line((0, 0), (0, 10))])
    g["J"] = (5, [_line((5, 0), (5, 7.5)) + _arc(2.5, 7.5, 2.5, 2.5, 0, 180)])
    g["K"] = (6.5, [_line((0, 0), (0, 10)), _line((6.5, 0), (0, 6.5)), _line((2.3, 4.3), (6.5, 10))])
    g["L"] = (5.5, [_line((0, 0), (0, 10), (5.5, 10))])
    g["M"] = (8.5, [_line((0, 10), (0, 0), (4.25, 8), (8.5, 0), (8.5, 10))])
    g["N"] = (7, [_line((0, 10), (0, 0), (7, 10), (7, 0))])
    g["O"] = (7.6, [_ring(3.8, 5, 3.8, 5)])
    g["P"] = (6.5, [_line((0, 10), (0, 0), (3.8, 0)) + _arc(3.8, 2.75, 2.7, 2.75, -90, 90) + [(0, 5.5)]])
    g["Q"] = (7.6, [_ring(3.8, 5, 3.8, 5), _line((4.6, 7.2), (7.8, 10.6))])
    g["R"] = (6.7, [_line((0, 10), (0, 0), (3.8, 0)) + _arc(3.8, 2.75, 2.7, 2.75, -90, 90) + [(0, 5.5)],
                    _line((3.4, 5.5), (6.7, 10))])
    g["S"] = (6.4, [_arc(3.2, 2.55, 3.1, 2.55, -25, -270) + _arc(3.2, 7.45, 3.2, 2.55, -90, 155)])
    g["T"] = (7, [_line((0, 0), (7, 0)), _line((3.5, 0), (3.5, 10))])
    g["U"] = (7, [_line((0, 0), (0, 6.5)) + _arc(3.5, 6.5, 3.5, 3.5, 180, 0) + [(7, 0)]])
    g["V"] = (7, [_line((0, 0), (3.5, 10), (7, 0))])
    g["W"] = (10, [_line((0, 0), (2.5, 10), (5, 2), (7.5, 10), (10, 0))])
    g["X"] = (7, [_line((0, 0), (7, 10)), _line((7, 0), (0, 10))])
    g["Y"] = (7, [_line((0, 0), (3.5, 5), (7, 0)), _line((3.5, 5), (3.5, 10))])
    g["Z"] = (7, [_line((0, 0), (7, 0), (0, 10), (7, 10))])
    # digits
    g["0"] = (6, [_ring(3, 5, 3, 5)])
    g["1"] = (4, [_line((0.5, 2), (2.8, 0), (2.8, 10))])
    g["2"] = (6, [_arc(3, 3, 3, 3, -165, 25) + [(0, 10), (6.2, 10)]])
    g["3"] = (6, [_arc(3, 2.5, 2.8, 2.5, -155, 90) + _arc(3, 7.5, 3, 2.5, -90, 155)])
    g["4"] = (6.5, [_line((4.6, 10), (4.6, 0), (0, 7), (6.5, 7))])
    g["5"] = (6, [_line((5.8, 0), (0.6, 0), (0.3, 4.7)) + _arc(3, 7, 3, 3, -125, 150)])
    g["6"] = (6, [_arc(3, 5, 3, 5, -55, -270), _ring(3, 7, 3, 3)])
    g["7"] = (6, [_line((0, 0), (6, 0), (2, 10))])
    g["8"] = (6, [_ring(3, 2.5, 2.6, 2.5), _ring(3, 7.5, 3, 2.5)])
    g["9"] = (6, [_ring(3, 3, 3, 3), _arc(3, 5, 3, 5, -90, 125)])
    # lowercase
    bowl = _ring(2.75, 7, 2.75, 3)
    g["a"] = (5.5, [bowl, _line((5.5, 4), (5.5, 10))])
    g["b"] = (5.5, [_line((0, 0), (0, 10)), bowl])
    g["c"] = (5.3, [_arc(2.75, 7, 2.75, 3, -45, -315)])
    g["d"] = (5.5, [bowl, _line((5.5, 0), (5.5, 10))])
    g["e"] = (5.5, [_line((0, 7), (5.5, 7)) + _arc(2.75, 7, 2.75, 3, 0, -310)])
    g["f"] = (4.2, [_arc(4.2, 2, 2, 2, -20, -180) + [(2.2, 10)], _line((0.2, 4.4), (4.2, 4.4))])
    g["g"] = (5.5, [bowl, _line((5.5, 4), (5.5, 11)) + _arc(2.75, 11, 2.75, 2, 0, 160)])
    g["h"] = (5.5, [_line((0, 0), (0, 10)), _line((0, 6.9)) + _arc(2.75, 6.75, 2.75, 2.75, -180, 0) + [(5.5, 10)]])
    g["i"] = (0, [_line((0, 4), (0, 10)), _dot(0, 1.9)])
    g["j"] = (2, [_line((2, 4), (2, 11)) + _arc(0.3, 11, 1.7, 2, 0, 150), _dot(2, 1.9)])
    g["k"] = (5, [_line((0, 0), (0, 10)), _line((5, 4), (0, 8)), _line((1.9, 6.5), (5, 10))])
    g["l"] = (0, [_line((0, 0), (0, 10))])
    g["m"] = (9, [_line((0, 4), (0, 10)), _line((0, 6.5)) + _arc(2.25, 6.5, 2.25, 2.5, -180, 0) + [(4.5, 10)],
                  _line((4.5, 6.5)) + _arc(6.75, 6.5, 2.25, 2.5, -180, 0) + [(9, 10)]])
    g["n"] = (5.5, [_line((0, 4), (0, 10)), _line((0, 6.9)) + _arc(2.75, 6.75, 2.75, 2.75, -180, 0) + [(5.5, 10)]])
    g["o"] = (5.6, [_ring(2.8, 7, 2.8, 3)])
    g["p"] = (5.5, [_line((0, 4), (0, 13)), bowl])
    g["q"] = (5.5, [bowl, _line((5.5, 4), (5.5, 13))])
    g["r"] = (4, [_line((0, 4), (0, 10)), _line((0, 7.2)) + _arc(3.2, 7.2, 3.2, 3.2, -180, -75)])
    g["s"] = (5, [_arc(2.5, 5.55, 2.4, 1.55, -25, -270) + _arc(2.5, 8.45, 2.5, 1.55, -90, 155)])
    g["t"] = (4, [_line((1.5, 1.5), (1.5, 8.5)) + _arc(3, 8.5, 1.5, 1.5, 180, 90) + [(4, 10)], _line((0, 4), (3.8, 4))])
    g["u"] = (5.5, [_line((0, 4), (0, 7.25)) + _arc(2.75, 7.25, 2.75, 2.75, 180, 0), _line((5.5, 4), (5.5, 10))])
    g["v"] = (5.5, [_line((0, 4), (2.75, 10), (5.5, 4))])
    g["w"] = (8, [_line((0, 4), (2, 10), (4, 5), (6, 10), (8, 4))])
    g["x"] = (5, [_line((0, 4), (5, 10)), _line((5, 4), (0, 10))])
    g["y"] = (5.5, [_line((0, 4), (2.9, 10)), _line((5.5, 4), (1.6, 13))])
    g["z"] = (5, [_line((0, 4), (5, 4), (0, 10), (5, 10))])
    # punctuation and symbols
    g[" "] = (1.6, [])
    g["!"] = (0, [_line((0, 0), (0, 7)), _dot(0, 10)])
    g['"'] = (2, [_line((0, 0), (0, 2.5)), _line((2, 0), (2, 2.5))])
    g["'"] = (0, [_line((0, 0), (0, 2.5))])
    g["#"] = (6, [_line((2.2, 0), (1.2, 10)), _line((5, 0), (4, 10)), _line((0, 3.5), (6, 3.5)), _line((0, 6.5), (6, 6.5))])
    g["$"] = (6.4, [*g["S"][1], _line((3.2, -1), (3.2, 11))])
    g["%"] = (7, [_ring(1.6, 1.8, 1.6, 1.8), _ring(5.4, 8.2, 1.6, 1.8), _line((6.4, 0), (0.6, 10))])
    g["&"] = (7, [_line((7, 10), (2, 3.6), (1.8, 1.3), (3, 0), (4.2, 1.2), (3.8, 3), (0.4, 6.4), (0.5, 8.9), (2.5, 10), (4.6, 9.4), (6.6, 6))])
    g["("] = (2.2, [_line((2.2, -1), (0.7, 2), (0, 5), (0.7, 8), (2.2, 11))])
    g[")"] = (2.2, [_line((0, -1), (1.5, 2), (2.2, 5), (1.5, 8), (0, 11))])
    g["["] = (2, [_line((2, -1), (0, -1), (0, 11), (2, 11))])
    g["]"] = (2, [_line((0, -1), (2, -1), (2, 11), (0, 11))])
    g["{"] = (2.6, [_line((2.6, -1), (1.3, -0.4), (1.3, 4), (0, 5), (1.3, 6), (1.3, 10.4), (2.6, 11))])
    g["}"] = (2.6, [_line((0, -1), (1.3, -0.4), (1.3, 4), (2.6, 5), (1.3, 6), (1.3, 10.4), (0, 11))])
    g["*"] = (5, [_line((2.5, 1), (2.5, 6)), _line((0.3, 2.2), (4.7, 4.8)), _line((4.7, 2.2), (0.3, 4.8))])
    g["+"] = (6, [_line((0, 6), (6, 6)), _line((3, 3), (3, 9))])
    g[","] = (1, [_line((1, 9.7), (1, 10.2), (0, 12))])
    g["-"] = (4, [_line((0, 6), (4, 6))])
    g["."] = (0, [_dot(0, 10)])
    g["/"] = (5, [_line((0, 11), (5, -1))])
    g["\\"] = (5, [_line((0, -1), (5, 11))])
    g[":"] = (0, [_dot(0, 5), _dot(0, 10)])
    g[";"] = (1, [_dot(1, 5), _line((1, 9.7), (1, 10.2), (0, 12))])
    g["<"] = (5.5, [_line((5.5, 3), (0, 6), (5.5, 9))])
    g[">"] = (5.5, [_line((0, 3), (5.5, 6), (0, 9))])
    g["="] = (6, [_line((0, 4.6), (6, 4.6)), _line((0, 7.4), (6, 7.4))])
    g["?"] = (5.5, [_arc(2.75, 2.75, 2.75, 2.75, -180, 40) + [(2.75, 5.8), (2.75, 7.2)], _dot(2.75, 10)])
    g["@"] = (10, [_arc(5, 5.5, 5, 5.5, 30, -300), _ring(5, 5.6, 2.1, 2.3), _line((7.1, 3.3), (7.1, 7.4)) + _arc(8.3, 7.4, 1.2, 1.2, 180, 60)])
    g["^"] = (6, [_line((0, 4), (3, 0), (6, 4))])
    g["_"] = (6, [_line((0, 11.5), (6, 11.5))])
    g["`"] = (1.6, [_line((0, 0), (1.6, 2))])
    g["|"] = (0, [_line((0, -1), (0, 11))])
    g["~"] = (6, [_line((0, 6.4), (1.5, 5.2), (4.5, 6.8), (6, 5.6))])
    # a few non-ASCII signs the pictures use
    g["–"] = (6, [_line((0, 6), (6, 6))])
    g["—"] = (10, [_line((0, 6), (10, 6))])
    g["·"] = (0, [_dot(0, 6)])
    g["•"] = (2, [_ring(1, 6, 1, 1), _ring(1, 6, 0.4, 0.4)])
    g["…"] = (6, [_dot(0, 10), _dot(3, 10), _dot(6, 10)])
    g["→"] = (9, [_line((0, 6), (9, 6)), _line((6, 3.4), (9, 6), (6, 8.6))])
    g["←"] = (9, [_line((0, 6), (9, 6)), _line((3, 3.4), (0, 6), (3, 8.6))])
    g["↔"] = (10, [_line((0, 6), (10, 6)), _line((3, 3.4), (0, 6), (3, 8.6)), _line((7, 3.4), (10, 6), (7, 8.6))])
    g["≥"] = (5.5, [_line((0, 2), (5.5, 5), (0, 8)), _line((0, 10), (5.5, 10))])
    g["≤"] = (5.5, [_line((5.5, 2), (0, 5), (5.5, 8)), _line((0, 10), (5.5, 10))])
    g["×"] = (5, [_line((0, 3.5), (5, 8.5)), _line((5, 3.5), (0, 8.5))])
    g["°"] = (3, [_ring(1.5, 1.5, 1.5, 1.5)])
    g["★"] = (8, [_line(*[(4 + (4 if k % 2 == 0 else 1.7) * math.sin(math.radians(36 * k)), 5.5 - (4 if k % 2 == 0 else 1.7) * math.cos(math.radians(36 * k))) for k in range(11)])])
    g["□"] = (6, [_line((0, 2), (6, 2), (6, 10), (0, 10), (0, 2))])
    return g


_FOLD = {
    "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "−": "-", "‐": "-", "‑": "-", "‒": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "\n": " ", "÷": "/", "≈": "~", "∙": "·",
}  # fmt: skip


@cache
def glyph_table() -> dict[str, tuple[float, tuple[Stroke, ...]]]:
    """The glyphs as immutable tuples (built once, on the first PNG)."""
    return {ch: (width, tuple(tuple(stroke) for stroke in strokes)) for ch, (width, strokes) in _glyphs().items()}


def fold(ch: str) -> str:
    """The character the font draws for `ch`: itself, an ASCII stand-in, or `□`."""
    table = glyph_table()
    if ch in table:
        return ch
    if ch in _FOLD:
        return _FOLD[ch]
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    if base and all(c in table for c in base):
        return base
    return "□"


def glyphs_for(text: str) -> str:
    """`text` as the characters the font will draw (folded)."""
    return "".join(fold(ch) for ch in text)


def advance(ch: str, bold: bool = False) -> float:
    """Horizontal advance of one (folded) glyph, in grid units."""
    width = glyph_table()[ch][0]
    return width + GAP + (0.6 if bold else 0.0)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` at font size `size` (pixels), as both the PNG and the SVG layout assume."""
    unit = size * EM_PER_CAP / CAP_HEIGHT
    return sum(advance(ch, bold) for ch in glyphs_for(text)) * unit


def stroke_width(size: float, bold: bool = False) -> float:
    """Pen width for text of this size, in pixels."""
    return size * (0.13 if bold else 0.085)
