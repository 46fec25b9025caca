"""A picture as a list of simple shapes, drawn the same way as SVG (text) or PNG (pixels).

The sociogram picture is laid out once (`export_picture.py`) into a `Scene`; `render_svg` and
`render_png` only translate shapes, so the two formats cannot drift apart. Coordinates are
pixels, y down, as in SVG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0
    rx: float = 0.0


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str
    width: float = 1.0
    dash: float | None = None


@dataclass(frozen=True, slots=True)
class Polygon:
    """A convex polygon (arrowheads)."""

    points: tuple[tuple[float, float], ...]
    fill: str


@dataclass(frozen=True, slots=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 1.0
    dash: float | None = None


@dataclass(frozen=True, slots=True)
class Text:
    x: float
    y: float
    """Baseline."""
    text: str
    size: float
    fill: str = "#1f2a33"
    anchor: str = "start"
    bold: bool = False


Shape = Rect | Line | Polygon | Circle | Text


@dataclass
class Scene:
    """A picture: its size, an accessible title and description, and its shapes in paint order."""

    width: int
    height: int
    title: str = ""
    description: str = ""
    shapes: list[Shape] = field(default_factory=list)

    def add(self, *shapes: Shape) -> None:
        self.shapes.extend(shapes)


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (smaller, stable SVG)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


FONT_FAMILY = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"
"""Narrow sans-serif faces first: the layout measures text with the PNG's stroke font, which is about
as wide as Helvetica/Arial (DejaVu Sans runs ~10% wider, so boxes leave room for it)."""


def render_svg(scene: Scene, standalone: bool = True) -> str:
    """The scene as SVG text. `standalone=False` leaves out the XML declaration and the namespace (for inline HTML)."""
    out = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    # Inline in HTML5 an <svg> needs no namespace, and leaving it out keeps the report free of URLs.
    namespace = 'xmlns="http://www.w3.org/2000/svg" version="1.1" ' if standalone else ""
    out.append(
        f'<svg {namespace}width="{scene.width}" height="{scene.height}" '
        f'viewBox="0 0 {scene.width} {scene.height}" role="img" font-family="{escape(FONT_FAMILY)}">\n'
    )
    if scene.title:
        out.append(f"<title>{escape(scene.title)}</title>\n")
    if scene.description:
        out.append(f"<desc>{escape(scene.description)}</desc>\n")
    for shape in scene.shapes:
        if isinstance(shape, Rect):
            attrs = f'x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" height="{_n(shape.h)}"'
            if shape.rx:
                attrs += f' rx="{_n(shape.rx)}"'
            attrs += f' fill="{shape.fill or "none"}"'
            if shape.stroke:
                attrs += f' stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"'
            out.append(f"<rect {attrs}/>\n")
        elif isinstance(shape, Line):
            dash = f' stroke-dasharray="{_n(shape.dash)} {_n(shape.dash)}"' if shape.dash else ""
            out.append(
                f'<line x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" y2="{_n(shape.y2)}" '
                f'stroke="{shape.stroke}" stroke-width="{_n(shape.width)}" stroke-linecap="round"{dash}/>\n'
            )
        elif isinstance(shape, Polygon):
            points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
            out.append(f'<polygon points="{points}" fill="{shape.fill}"/>\n')
        elif isinstance(shape, Circle):
            attrs = f'cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}" fill="{shape.fill or "none"}"'
            if shape.stroke:
                attrs += f' stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"'
            if shape.dash:
                attrs += f' stroke-dasharray="{_n(shape.dash)} {_n(shape.dash)}"'
            out.append(f"<circle {attrs}/>\n")
        elif isinstance(shape, Text):
            anchor = f' text-anchor="{shape.anchor}"' if shape.anchor != "start" else ""
            weight = ' font-weight="bold"' if shape.bold else ""
            out.append(
                f'<text x="{_n(shape.x)}" y="{_n(shape.y)}" font-size="{_n(shape.size)}" fill="{shape.fill}"'
                f"{anchor}{weight}>{escape(shape.text, quote=False)}</text>\n"
            )
    out.append("</svg>\n")
    return "".join(out)


def render_png(scene: Scene, scale: int = 3) -> bytes:
    """The scene as PNG bytes (pure Python, see `export_png.py`)."""
    from kelompok.sociogram.export_png import Canvas

    canvas = Canvas(scene.width, scene.height, "#ffffff", scale)
    for shape in scene.shapes:
        if isinstance(shape, Rect):
            _png_rect(canvas, shape)
        elif isinstance(shape, Line):
            if shape.dash:
                _png_dashed_line(canvas, shape)
            else:
                canvas.polyline([(shape.x1, shape.y1), (shape.x2, shape.y2)], shape.stroke, shape.width)
        elif isinstance(shape, Polygon):
            canvas.polygon(shape.points, shape.fill)
        elif isinstance(shape, Circle):
            if shape.fill:
                canvas.circle(shape.cx, shape.cy, shape.r, fill=shape.fill)
            if shape.stroke:
                if shape.dash:
                    canvas.dashed_circle(shape.cx, shape.cy, shape.r, shape.stroke, shape.width, shape.dash)
                else:
                    canvas.circle(shape.cx, shape.cy, shape.r, stroke=shape.stroke, width=shape.width)
        elif isinstance(shape, Text):
            canvas.text(shape.x, shape.y, shape.text, shape.size, shape.fill, shape.anchor, shape.bold)
    return canvas.png()


def _png_rect(canvas, shape: Rect) -> None:
    def filled(x: float, y: float, w: float, h: float, r: float, colour: str) -> None:
        if w <= 0 or h <= 0:
            return
        r = min(r, w / 2, h / 2)
        if r <= 0.5:
            canvas.rect(x, y, w, h, colour)
            return
        canvas.rect(x + r, y, w - 2 * r, h, colour)
        canvas.rect(x, y + r, w, h - 2 * r, colour)
        for cx, cy in ((x + r, y + r), (x + w - r, y + r), (x + r, y + h - r), (x + w - r, y + h - r)):
            canvas.circle(cx, cy, r, fill=colour)

    if shape.stroke and not shape.fill:
        w = shape.width
        canvas.rect(shape.x - w / 2, shape.y - w / 2, shape.w + w, w, shape.stroke)
        canvas.rect(shape.x - w / 2, shape.y + shape.h - w / 2, shape.w + w, w, shape.stroke)
        canvas.rect(shape.x - w / 2, shape.y - w / 2, w, shape.h + w, shape.stroke)
        canvas.rect(shape.x + shape.w - w / 2, shape.y - w / 2, w, shape.h + w, shape.stroke)
    elif shape.stroke:
        half = shape.width / 2
        filled(shape.x - half, shape.y - half, shape.w + shape.width, shape.h + shape.width, shape.rx + half, shape.stroke)
        filled(shape.x + half, shape.y + half, shape.w - shape.width, shape.h - shape.width, max(shape.rx - half, 0), shape.fill)
    elif shape.fill:
        filled(shape.x, shape.y, shape.w, shape.h, shape.rx, shape.fill)


def _png_dashed_line(canvas, shape: Line) -> None:
    length = math.hypot(shape.x2 - shape.x1, shape.y2 - shape.y1)
    if not length or not shape.dash:
        return
    ux, uy = (shape.x2 - shape.x1) / length, (shape.y2 - shape.y1) / length
    position = 0.0
    while position < length:
        end = min(position + shape.dash, length)
        canvas.polyline(
            [(shape.x1 + ux * position, shape.y1 + uy * position), (shape.x1 + ux * end, shape.y1 + uy * end)],
            shape.stroke,
            shape.width,
        )
        position += 2 * shape.dash
