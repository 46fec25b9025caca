"""A small pure-Python rasteriser and PNG encoder, enough for a finished sociogram picture.

Why not matplotlib or Pillow: they would add 20–170 MB to an app that otherwise installs in a few
megabytes, for one export format. A sociogram is circles, straight arrows, rectangles and text,
which a scanline filler draws well; anti-aliasing comes from supersampling.

How it stays fast in pure Python:

* The canvas is a `bytearray` of palette indices at `scale` × the output size. Every shape is
  turned into horizontal spans and each span is one slice assignment (`buf[a:b] = colour * n`),
  so the per-pixel work happens in C.
* Downsampling to RGB never loops over pixels: each of the scale² sub-samples of an output row is
  `translate`d through a table to its share of the final colour, the shares are added as big
  integers laid out in 16-bit lanes (no carry can cross a lane), and the lanes are cut back into
  bytes. Shares telescope (`⌊v(k+1)/n⌋ − ⌊vk/n⌋`), so a uniform area keeps its exact colour.
* Text uses the stroke font of `export_font.py`; each glyph's spans are computed once per size.

PNG: 8-bit RGB, filter type 0, one zlib stream (`zlib` is in the standard library).
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Iterable, Sequence
from operator import itemgetter

from kelompok.sociogram import export_font as font


RGB = tuple[int, int, int]
Span = tuple[int, int, int]  # (row, x0, x1) in canvas pixels, x1 exclusive
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_ROW, _X0, _X1 = itemgetter(0), itemgetter(1), itemgetter(2)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """The same pixels with overlapping spans of a row joined (a glyph's strokes overlap a lot)."""
    merged: list[Span] = []
    for row, a, b in sorted(spans):
        if merged and merged[-1][0] == row and a <= merged[-1][2]:
            if b > merged[-1][2]:
                merged[-1] = (row, merged[-1][1], b)
        else:
            merged.append((row, a, b))
    return merged


def hex_rgb(colour: str) -> RGB:
    """`#1f2a33` → (31, 42, 51)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _convex_spans(points: Sequence[tuple[float, float]]) -> list[Span]:
    """Spans covering a convex polygon (canvas coordinates), sampled at pixel centres.

    Each edge fills the rows whose centre it crosses (half-open in y, so edges meeting at a vertex
    do not count a row twice); the running minimum and maximum per row are taken with `map`, so
    the per-row work stays in C for long, thick arrows.
    """
    ys = [p[1] for p in points]
    top, bottom = math.ceil(min(ys) - 0.5), math.ceil(max(ys) - 0.5)
    rows = bottom - top
    if rows <= 0:
        return []
    low = [math.inf] * rows
    high = [-math.inf] * rows
    count = len(points)
    for i in range(count):
        (x0, y0), (x1, y1) = points[i], points[(i + 1) % count]
        if y0 == y1:
            continue
        if y0 > y1:
            x0, y0, x1, y1 = x1, y1, x0, y0
        r0, r1 = math.ceil(y0 - 0.5), math.ceil(y1 - 0.5)
        if r1 <= r0:
            continue
        slope = (x1 - x0) / (y1 - y0)
        start = x0 + (r0 + 0.5 - y0) * slope
        xs = [start + k * slope for k in range(r1 - r0)]
        i0, i1 = r0 - top, r1 - top
        low[i0:i1] = map(min, low[i0:i1], xs)
        high[i0:i1] = map(max, high[i0:i1], xs)
    ceil, floor = math.ceil, math.floor
    spans = [(top + k, ceil(lo - 0.5), floor(hi - 0.5) + 1) for k, (lo, hi) in enumerate(zip(low, high, strict=True)) if hi >= lo]
    return [span for span in spans if span[2] > span[1]]


def _disc_spans(cx: float, cy: float, r: float) -> list[Span]:
    spans = []
    r2 = r * r
    for row in range(math.ceil(cy - r - 0.5), math.floor(cy + r - 0.5) + 1):
        dy = row + 0.5 - cy
        if dy * dy <= r2:
            dx = math.sqrt(r2 - dy * dy)
            a, b = math.ceil(cx - dx - 0.5), math.floor(cx + dx - 0.5) + 1
            if b > a:
                spans.append((row, a, b))
    return spans


def _ring_spans(cx: float, cy: float, r_out: float, r_in: float) -> list[Span]:
    spans = []
    out2, in2 = r_out * r_out, max(r_in, 0.0) ** 2
    for row in range(math.ceil(cy - r_out - 0.5), math.floor(cy + r_out - 0.5) + 1):
        dy = row + 0.5 - cy
        dy2 = dy * dy
        if dy2 > out2:
            continue
        dx = math.sqrt(out2 - dy2)
        a, b = math.ceil(cx - dx - 0.5), math.floor(cx + dx - 0.5) + 1
        if dy2 < in2:
            ix = math.sqrt(in2 - dy2)
            c, d = math.ceil(cx - ix - 0.5), math.floor(cx + ix - 0.5) + 1
            if c > a:
                spans.append((row, a, c))
            if b > d:
                spans.append((row, d, b))
        elif b > a:
            spans.append((row, a, b))
    return spans


def _segment_spans(x0: float, y0: float, x1: float, y1: float, width: float) -> list[Span]:
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length == 0:
        return []
    nx, ny = -dy / length * width / 2, dx / length * width / 2
    return _convex_spans([(x0 + nx, y0 + ny), (x1 + nx, y1 + ny), (x1 - nx, y1 - ny), (x0 - nx, y0 - ny)])


def _polyline_spans(points: Sequence[tuple[float, float]], width: float) -> list[Span]:
    """A polyline with round joins and caps (a disc at every vertex)."""
    spans: list[Span] = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        spans += _segment_spans(x0, y0, x1, y1, width)
    for x, y in points:
        spans += _disc_spans(x, y, max(width / 2, 0.75))
    return spans


class Canvas:
    """A supersampled, palette-indexed drawing surface. Coordinates are output pixels (floats)."""

    def __init__(self, width: int, height: int, background: str = "#ffffff", scale: int = 3) -> None:
        self.width, self.height, self.scale = width, height, scale
        self.cw, self.ch = width * scale, height * scale
        self.palette: list[RGB] = [hex_rgb(background)]
        self._index: dict[RGB, int] = {self.palette[0]: 0}
        self.buf = bytearray(self.cw * self.ch)
        self._glyphs: dict[tuple[str, float, bool], tuple[list[Span], float]] = {}

    # ── colours and spans ───────────────────────────────────────────────────────────────────

    def colour(self, colour: str) -> int:
        rgb = hex_rgb(colour)
        index = self._index.get(rgb)
        if index is None:
            if len(self.palette) >= 256:
                # More than 256 colours would need a second buffer; the nearest one will do.
                return min(range(len(self.palette)), key=lambda i: sum((a - b) ** 2 for a, b in zip(self.palette[i], rgb, strict=True)))
            index = len(self.palette)
            self.palette.append(rgb)
            self._index[rgb] = index
        return index

    def _paint(self, spans: list[Span], index: int, dx: int = 0, dy: int = 0) -> None:
        if not spans:
            return
        buf, cw, ch = self.buf, self.cw, self.ch
        byte = bytes((index,))
        rows = list(map(_ROW, spans))
        inside = min(rows) + dy >= 0 and max(rows) + dy < ch and min(map(_X0, spans)) + dx >= 0 and max(map(_X1, spans)) + dx <= cw
        if inside:  # the common case: no clipping per span
            for row, a, b in spans:
                start = (row + dy) * cw + dx
                buf[start + a : start + b] = byte * (b - a)
            return
        for row, a, b in spans:
            row += dy
            if row < 0 or row >= ch:
                continue
            a, b = max(a + dx, 0), min(b + dx, cw)
            if b > a:
                start = row * cw
                buf[start + a : start + b] = byte * (b - a)

    def _s(self, value: float) -> float:
        return value * self.scale

    # ── shapes (output-pixel coordinates) ───────────────────────────────────────────────────

    def rect(self, x: float, y: float, w: float, h: float, fill: str) -> None:
        s = self.scale
        self._paint(_convex_spans([(x * s, y * s), ((x + w) * s, y * s), ((x + w) * s, (y + h) * s), (x * s, (y + h) * s)]), self.colour(fill))

    def polygon(self, points: Sequence[tuple[float, float]], fill: str) -> None:
        """A convex polygon (arrowheads, triangles, quads)."""
        s = self.scale
        self._paint(_convex_spans([(x * s, y * s) for x, y in points]), self.colour(fill))

    def circle(self, cx: float, cy: float, r: float, fill: str | None = None, stroke: str | None = None, width: float = 1.0) -> None:
        s = self.scale
        if fill:
            self._paint(_disc_spans(cx * s, cy * s, r * s), self.colour(fill))
        if stroke:
            self._paint(_ring_spans(cx * s, cy * s, (r + width / 2) * s, (r - width / 2) * s), self.colour(stroke))

    def dashed_circle(self, cx: float, cy: float, r: float, stroke: str, width: float = 1.0, dash: float = 6.0) -> None:
        circumference = 2 * math.pi * r
        pieces = max(4, int(circumference / (2 * dash)))
        step = 2 * math.pi / pieces
        for k in range(pieces):
            a0, a1 = k * step, k * step + step / 2
            points = [(cx + r * math.cos(a0 + (a1 - a0) * t / 4), cy + r * math.sin(a0 + (a1 - a0) * t / 4)) for t in range(5)]
            self.polyline(points, stroke, width)

    def line(self, x0: float, y0: float, x1: float, y1: float, stroke: str, width: float = 1.0) -> None:
        s = self.scale
        self._paint(_segment_spans(x0 * s, y0 * s, x1 * s, y1 * s, width * s), self.colour(stroke))

    def polyline(self, points: Sequence[tuple[float, float]], stroke: str, width: float = 1.0) -> None:
        s = self.scale
        self._paint(_polyline_spans([(x * s, y * s) for x, y in points], width * s), self.colour(stroke))

    # ── text ────────────────────────────────────────────────────────────────────────────────

    def _glyph(self, ch: str, size: float, bold: bool) -> tuple[list[Span], float]:
        """Spans of one glyph drawn with its origin (left, baseline) at canvas (0, 0); cached."""
        key = (ch, size, bold)
        cached = self._glyphs.get(key)
        if cached is None:
            table = font.glyph_table()
            unit = size * font.EM_PER_CAP / font.CAP_HEIGHT * self.scale
            pen = font.stroke_width(size, bold) * self.scale
            spans: list[Span] = []
            for stroke in table[ch][1]:
                points = [(x * unit, (y - font.CAP_HEIGHT) * unit) for x, y in stroke]
                spans += _polyline_spans(points, pen)
            cached = (merge_spans(spans), font.advance(ch, bold) * unit)
            self._glyphs[key] = cached
        return cached

    def text(self, x: float, y: float, text: str, size: float, fill: str, anchor: str = "start", bold: bool = False) -> None:
        """Draw `text` with its baseline at y; `anchor` start / middle / end as in SVG."""
        glyphs = font.glyphs_for(text)
        if anchor != "start":
            width = font.text_width(text, size, bold)
            x -= width / 2 if anchor == "middle" else width
        index = self.colour(fill)
        pen_x = x * self.scale
        base = round(y * self.scale)
        for ch in glyphs:
            spans, step = self._glyph(ch, size, bold)
            self._paint(spans, index, round(pen_x), base)
            pen_x += step

    # ── output ──────────────────────────────────────────────────────────────────────────────

    def rgb_rows(self) -> list[bytes]:
        """The picture downsampled to RGB, one `bytes` per output row."""
        s, w, cw = self.scale, self.width, self.cw
        n = s * s
        # One table per sub-sample position k: palette index → that position's share of each channel.
        tables = []
        for k in range(n):
            per_channel = []
            for channel in range(3):
                table = bytearray(256)
                for index, rgb in enumerate(self.palette):
                    v = rgb[channel]
                    table[index] = (v * (k + 1)) // n - (v * k) // n
                per_channel.append(bytes(table))
            tables.append(per_channel)
        clamp = bytes([0] + [255] * 255)
        blank_rgb = bytes(self.palette[0]) * w
        blank_canvas = bytes(cw * s)
        rows = []
        buf = self.buf
        lane = bytearray(6 * w)
        for y in range(self.height):
            block = buf[y * s * cw : (y + 1) * s * cw]
            if block == blank_canvas:
                rows.append(blank_rgb)
                continue
            total = 0
            k = 0
            for r in range(s):
                line = block[r * cw : (r + 1) * cw]
                for p in range(s):
                    samples = line[p::s]
                    red, green, blue = tables[k]
                    lane[1::6] = samples.translate(red)
                    lane[3::6] = samples.translate(green)
                    lane[5::6] = samples.translate(blue)
                    total += int.from_bytes(lane, "big")
                    k += 1
            lanes = total.to_bytes(6 * w, "big")
            low, high = lanes[1::2], lanes[0::2]
            rows.append((int.from_bytes(low, "big") | int.from_bytes(high.translate(clamp), "big")).to_bytes(3 * w, "big"))
        return rows

    def png(self) -> bytes:
        """The picture as PNG bytes."""
        return encode_png(self.width, self.height, self.rgb_rows())


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(width: int, height: int, rows: Sequence[bytes], dpi: int = 144) -> bytes:
    """An 8-bit RGB PNG from `height` rows of `3 × width` bytes."""
    if len(rows) != height or any(len(row) != 3 * width for row in rows):
        raise ValueError("rows do not match the picture size")
    raw = b"".join(b"\x00" + row for row in rows)
    per_metre = round(dpi / 0.0254)
    return b"".join(
        [
            PNG_SIGNATURE,
            _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)),
            _chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)),
            _chunk(b"IDAT", zlib.compress(raw, 6)),
            _chunk(b"IEND", b""),
        ]
    )
