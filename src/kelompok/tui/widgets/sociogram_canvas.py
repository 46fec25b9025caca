"""The sociogram canvas: draws a `Picture` with `render_line`, from a raster cached per view.

Stepping through sessions must feel instant, so the widget keeps the rasters of the last views it
drew, keyed by (view key, width, height): going back to a session already seen costs a dict
lookup, and a new one a rasterise (well under a millisecond for a group of ten). Only the view on
screen is kept as strips: strips and their segments are many small objects, and a cache of them
for every view made each full garbage collection (and so an occasional step) tens of
milliseconds slower. Colours come from component classes, so a theme change recolours without
redrawing the geometry.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from kelompok.tui.widgets.sociogram_raster import Picture, Raster, rasterise

STYLE_KEYS = (
    "edge-1", "edge-2", "edge-3", "edge-dim", "edge-selected", "facilitator", "hidden", "member-1",
    "member-2", "member-3", "silent", "absent", "label", "selected",
)  # fmt: skip
"""Style keys the raster uses; each is the component class `sociogram-canvas--<key>`."""

CACHE_SIZE = 96
"""Rasters kept: every session and window of a long series at one size."""


class SociogramCanvas(Widget):
    """Draws the sociogram of the current view; `show(picture, key)` changes the view."""

    COMPONENT_CLASSES = {f"sociogram-canvas--{key}" for key in STYLE_KEYS}

    DEFAULT_CSS = """
    SociogramCanvas { height: 1fr; width: 1fr; }
    SociogramCanvas > .sociogram-canvas--edge-1 { color: $foreground 35%; }
    SociogramCanvas > .sociogram-canvas--edge-2 { color: $primary-lighten-1; }
    SociogramCanvas > .sociogram-canvas--edge-3 { color: $primary-lighten-3; text-style: bold; }
    SociogramCanvas > .sociogram-canvas--edge-dim { color: $foreground 20%; }
    SociogramCanvas > .sociogram-canvas--edge-selected { color: $accent; text-style: bold; }
    SociogramCanvas > .sociogram-canvas--facilitator { color: $text-primary; text-style: bold; }
    SociogramCanvas > .sociogram-canvas--hidden { color: $foreground 30%; }
    SociogramCanvas > .sociogram-canvas--member-1 { color: $success 70%; }
    SociogramCanvas > .sociogram-canvas--member-2 { color: $success; }
    SociogramCanvas > .sociogram-canvas--member-3 { color: $success-lighten-2; text-style: bold; }
    SociogramCanvas > .sociogram-canvas--silent { color: $warning; text-style: bold; }
    SociogramCanvas > .sociogram-canvas--absent { color: $foreground 40%; }
    SociogramCanvas > .sociogram-canvas--label { color: $foreground; text-style: bold; }
    SociogramCanvas > .sociogram-canvas--selected { color: $background; background: $accent; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.picture: Picture | None = None
        self.key: Hashable = None
        self._rasters: OrderedDict[tuple[Hashable, int, int], Raster] = OrderedDict()
        self._strips: tuple[tuple[Hashable, int, int], Raster, list[Strip]] | None = None
        self._styles: dict[str | None, Style] | None = None

    def show(self, picture: Picture | None, key: Hashable) -> None:
        """Draw `picture`; `key` names the view (the same key means the same picture)."""
        if key == self.key and picture is self.picture:
            return
        self.picture, self.key = picture, key
        self.refresh()

    @property
    def raster(self) -> Raster | None:
        """The raster of what is on screen now (tests read its text)."""
        drawn = self._current()
        return drawn[0] if drawn else None

    def clear_cache(self) -> None:
        """Forget every drawn view (the data behind the keys changed)."""
        self._rasters.clear()
        self._strips = None
        self.refresh()

    def notify_style_update(self) -> None:
        # A theme or CSS change: same geometry, new colours.
        self._styles = None
        self._strips = None
        super().notify_style_update()

    def _style_map(self) -> dict[str | None, Style]:
        if self._styles is None:
            base = self.rich_style
            styles: dict[str | None, Style] = {None: base}
            for key in STYLE_KEYS:
                styles[key] = base + self.get_component_rich_style(f"sociogram-canvas--{key}", partial=True)
            self._styles = styles
        return self._styles

    def _current(self) -> tuple[Raster, list[Strip]] | None:
        if self.picture is None:
            return None
        width, height = self.size
        if width <= 0 or height <= 0:
            return None
        cache_key = (self.key, width, height)
        if self._strips is not None and self._strips[0] == cache_key:
            return self._strips[1], self._strips[2]
        raster = self._rasters.get(cache_key)
        if raster is None:
            raster = self._rasters[cache_key] = rasterise(self.picture, width, height)
            if len(self._rasters) > CACHE_SIZE:
                self._rasters.popitem(last=False)
        else:
            self._rasters.move_to_end(cache_key)
        styles = self._style_map()
        strips = [
            Strip([Segment(text, styles.get(key, styles[None])) for text, key in raster.runs(row)], width)
            for row in range(raster.height)
        ]
        self._strips = (cache_key, raster, strips)
        return raster, strips

    def render_line(self, y: int) -> Strip:
        drawn = self._current()
        if drawn is None or y >= len(drawn[1]):
            return Strip.blank(self.size.width, self.rich_style)
        return drawn[1][y]
