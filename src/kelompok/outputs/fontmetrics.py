"""Advance widths of the bundled DejaVu Sans, read from the font files themselves (see
docs/ARCHITECTURE.md).

The sociogram picture is laid out once, in SVG, and the PNG is that SVG drawn by resvg with the
same font files (`FONT_FILES`). Measuring text with those files' own advance widths is what keeps
a label inside its box in both. A tiny TrueType reader is enough: `head` (units per em), `hhea`
(how many advance widths), `hmtx` (the widths) and `cmap` (character → glyph, formats 4 and 12).
Kerning is left out: it changes a label's width by a pixel or two, which the layout's margins absorb.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "DejaVu Sans"
FONT_FILES = {False: FONT_DIR / "DejaVuSans.ttf", True: FONT_DIR / "DejaVuSans-Bold.ttf"}
"""bold → the font file (regular, bold)."""


@dataclass(frozen=True)
class Metrics:
    units_per_em: int
    advances: tuple[int, ...]
    """Advance width of every glyph, in font units."""
    glyphs: dict[int, int]
    """Code point → glyph index (0, `.notdef`, for a character the font lacks)."""

    def width(self, text: str, size: float) -> float:
        """The advance width of `text` at font size `size` (pixels)."""
        glyphs, advances = self.glyphs, self.advances
        units = sum(advances[glyphs.get(ord(ch), 0)] for ch in text)
        return units * size / self.units_per_em


def _tables(data: bytes) -> dict[bytes, tuple[int, int]]:
    count = struct.unpack_from(">H", data, 4)[0]
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * index)
        tables[tag] = (offset, length)
    return tables


def _cmap(data: bytes, offset: int) -> dict[int, int]:
    """Code point → glyph from the best Unicode subtable (format 12, else format 4)."""
    count = struct.unpack_from(">H", data, offset + 2)[0]
    subtables = {}
    for index in range(count):
        platform, encoding, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * index)
        subtables[(platform, encoding)] = offset + sub
    for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
        start = subtables.get(key)
        if start is None:
            continue
        fmt = struct.unpack_from(">H", data, start)[0]
        if fmt == 12:
            return _cmap12(data, start)
        if fmt == 4:
            return _cmap4(data, start)
    raise ValueError("the font has no Unicode character map")


def _cmap4(data: bytes, start: int) -> dict[int, int]:
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    range_at = start + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, range_at)
    glyphs = {}
    for i in range(segments):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = range_at + 2 * i + offsets[i] + 2 * (code - starts[i])
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs


def _cmap12(data: bytes, start: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", data, start + 12)[0]
    glyphs = {}
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * i)
        for code in range(first, last + 1):
            glyphs[code] = glyph + code - first
    return glyphs


def read_metrics(path: Path) -> Metrics:
    """The metrics of a TrueType file."""
    data = Path(path).read_bytes()
    tables = _tables(data)
    head, _ = tables[b"head"]
    hhea, _ = tables[b"hhea"]
    maxp, _ = tables[b"maxp"]
    hmtx, _ = tables[b"hmtx"]
    units_per_em = struct.unpack_from(">H", data, head + 18)[0]
    metrics_count = struct.unpack_from(">H", data, hhea + 34)[0]
    glyph_count = struct.unpack_from(">H", data, maxp + 4)[0]
    advances = list(struct.unpack_from(f">{2 * metrics_count}H", data, hmtx)[0::2])
    # Glyphs past the last long metric share its advance (monospaced tails).
    advances += [advances[-1]] * (glyph_count - metrics_count)
    return Metrics(units_per_em, tuple(advances), _cmap(data, tables[b"cmap"][0]))


@cache
def font_metrics(bold: bool = False) -> Metrics:
    """The bundled font's metrics (read once per process)."""
    return read_metrics(FONT_FILES[bold])


def text_width(text: str, size: float, bold: bool = False) -> float:
    """How wide `text` is drawn in the bundled font at `size` px."""
    return font_metrics(bold).width(text, size)
