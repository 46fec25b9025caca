"""A picture as a list of simple shapes, written as SVG and drawn from that SVG as PNG (see
docs/ARCHITECTURE.md).

The sociogram picture is laid out once (`picture.py`) into a `Scene`; `render_svg` translates the
shapes and `render_png` hands that same SVG to resvg with the bundled DejaVu Sans, whose widths
the layout measured (`fontmetrics.py`). So the PNG and the SVG are one picture, with real type.
Coordinates are pixels, y down, as in SVG. Every text goes through `xml_safe`.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass, field
from html import escape

from kelompok.i18n import t
from kelompok.outputs import OutputError
from kelompok.outputs.fontmetrics import FONT_FAMILY
from kelompok.outputs.text import xml_safe


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


SVG_FONTS = f"'{FONT_FAMILY}', Verdana, 'Bitstream Vera Sans', sans-serif"
"""The bundled face first (the layout is measured with it); Verdana and Bitstream Vera have nearly
the same widths, for a viewer without DejaVu Sans."""


def render_svg(scene: Scene, standalone: bool = True) -> str:
    """The scene as SVG text. `standalone=False` leaves out the XML declaration and the namespace (for inline HTML)."""
    out = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>\n')
    # Inline in HTML5 an <svg> needs no namespace, and leaving it out keeps the report free of URLs.
    namespace = 'xmlns="http://www.w3.org/2000/svg" version="1.1" ' if standalone else ""
    out.append(
        f'<svg {namespace}width="{scene.width}" height="{scene.height}" '
        f'viewBox="0 0 {scene.width} {scene.height}" role="img" font-family="{escape(SVG_FONTS)}">\n'
    )
    if scene.title:
        out.append(f"<title>{escape(xml_safe(scene.title))}</title>\n")
    if scene.description:
        out.append(f"<desc>{escape(xml_safe(scene.description))}</desc>\n")
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
                f"{anchor}{weight}>{escape(xml_safe(shape.text), quote=False)}</text>\n"
            )
    out.append("</svg>\n")
    return "".join(out)


class PngUnavailable(Exception):
    """resvg-py cannot be imported on this platform (no wheel for it): PNG cannot be made here."""


_CHILD = """
import sys
try:
    import resvg_py
except ImportError:
    sys.exit(3)
family, zoom, *fonts = sys.argv[1:]
svg = sys.stdin.buffer.read().decode("utf-8")
sys.stdout.buffer.write(bytes(resvg_py.svg_to_bytes(
    svg_string=svg, skip_system_fonts=True, font_files=fonts, font_family=family,
    sans_serif_family=family, background="#ffffff", zoom=float(zoom))))
"""
"""resvg in a child interpreter: the same call as in-process, reading the SVG on stdin."""


def render_png(scene: Scene, zoom: float = 1.0, *, child: bool | None = None) -> bytes:
    """The scene as PNG bytes: its SVG drawn by resvg with the bundled font files only.

    System fonts are skipped, so the picture is the same on every machine. resvg holds Python's
    GIL for the whole render (~250 ms for a session), which would freeze an app's screen while a
    thread worker exports; so off the main thread (`child=None`) it runs in a child interpreter
    (~40 ms more) and the worker only waits on a pipe. Raises PngUnavailable when resvg-py is not
    installed (there is no wheel for every platform), OutputError when the child fails.
    """
    from kelompok.outputs.fontmetrics import FONT_FILES

    svg = render_svg(scene)
    fonts = [str(path) for path in FONT_FILES.values()]
    if child is None:
        child = threading.current_thread() is not threading.main_thread()
    if child:
        try:
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, FONT_FAMILY, repr(float(zoom)), *fonts], input=svg.encode("utf-8"), capture_output=True, timeout=120
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired) as error:
            raise OutputError(t("outputs.png_failed", error=error)) from None
        if done.returncode == 3:
            raise PngUnavailable("resvg_py")
        if done.returncode != 0 or not done.stdout:
            last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
            raise OutputError(t("outputs.png_failed", error=last[-200:]))
        return done.stdout
    try:
        import resvg_py
    except ImportError as error:
        raise PngUnavailable(str(error)) from None
    return bytes(
        resvg_py.svg_to_bytes(
            svg_string=svg, skip_system_fonts=True, font_files=fonts, font_family=FONT_FAMILY,
            sans_serif_family=FONT_FAMILY, background="#ffffff", zoom=zoom,
        )
    )  # fmt: skip
