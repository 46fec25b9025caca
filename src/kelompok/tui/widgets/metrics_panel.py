"""The sociogram's side panel: the metrics of the current view and a sparkline of each over the series.

One row per metric: label, the value of the view on screen (a session or a window of it), and
Textual's `Sparkline` (the renderable behind the widget) with one bar per session; the bar of the
session on screen is highlighted, and a marker row underneath points at it. Rows are *slots*
(`density` …) that show the with- or without-facilitator variant of their metric, so toggling
the facilitator swaps numbers, not rows. Extra rows show only when the screen says there is room
(`set_rich`), and only for metrics the series defines (no "negative" row for a group that never
coded valence).

Why one widget drawing lines rather than a Label, a Label and a Sparkline widget per row: the
panel changes on every step, and the compositor's cost grows with the number of widgets that
repaint. Three widgets per row made the panel the most expensive part of a step; as one widget it
costs less than the canvas. Sparkline segments are cached per series and width, so a step only
re-renders the values and the highlight.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.renderables.sparkline import Sparkline
from textual.strip import Strip
from textual.widget import Widget

from kelompok.i18n import t
from kelompok.sociogram.wording import format_metric, metric_label

CORE_SLOTS = ("acts", "facilitator_share", "gini", "density", "reciprocity", "centralization", "member_to_member_share")
"""Always shown, in this order."""
EXTRA_SLOTS = (
    "present",
    "to_group_share",
    "negative_share",
    "positive_share",
    "modularity",
    "mutual_pairs",
    "subgroups",
)
"""Shown when there is room."""

WITH_FACILITATOR = {"gini": "gini_with_facilitator"}
"""Slot → metric with the facilitator, where it is not the slot's own name."""
WITHOUT_FACILITATOR = {
    "gini": "gini",
    "density": "density_members",
    "reciprocity": "reciprocity_members",
    "centralization": "centralization_members",
}
"""Slot → metric without the facilitator (the other slots are the same either way)."""

NAME_WIDTH = 14
VALUE_WIDTH = 5
SPARK_AT = NAME_WIDTH + VALUE_WIDTH + 1
"""Column where the sparklines start."""
MARKER = "▲"


def metric_for(slot: str, with_facilitator: bool) -> str:
    """The series metric a slot shows in the given facilitator mode."""
    return (WITH_FACILITATOR if with_facilitator else WITHOUT_FACILITATOR).get(slot, slot)


def plottable(values: Sequence[float | int | None]) -> list[float]:
    """Values a sparkline can draw: an undefined value sits at the series' minimum."""
    known = [float(v) for v in values if v is not None]
    floor = min(known) if known else 0.0
    return [floor if v is None else float(v) for v in values]


class MetricsPanel(Widget):
    """Metrics of the view on screen, with the series behind them."""

    COMPONENT_CLASSES = {
        "metrics-panel--title",
        "metrics-panel--name",
        "metrics-panel--value",
        "metrics-panel--current",
        "metrics-panel--marker",
        "metrics-panel--caption",
        "metrics-panel--spark-min",
        "metrics-panel--spark-max",
    }

    DEFAULT_CSS = """
    MetricsPanel { height: auto; padding: 0 1; }
    MetricsPanel > .metrics-panel--title { color: $text-accent; text-style: bold; }
    MetricsPanel > .metrics-panel--name { color: $text-muted; }
    MetricsPanel > .metrics-panel--value { color: $foreground; }
    MetricsPanel > .metrics-panel--current { background: $accent 30%; }
    MetricsPanel > .metrics-panel--marker { color: $accent; }
    MetricsPanel > .metrics-panel--caption { color: $text-muted; }
    MetricsPanel > .metrics-panel--spark-min { color: $primary 40%; }
    MetricsPanel > .metrics-panel--spark-max { color: $primary; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.with_facilitator = True
        self.rich = False
        self.title = ""
        self.series: Mapping[str, Sequence[float | int | None]] = {}
        self.position: int | None = None
        self.values: Mapping[str, float | int | None] = {}
        self._sparks: dict[tuple[str, int], list[Segment]] = {}
        self._styles: dict[str, Style] | None = None
        self._drawn: tuple[int, list[Strip]] | None = None
        """(width, strips) of what is on screen; any change clears it."""

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):  # type: ignore[override]
        self._drawn = None
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    # ── what the screen calls ──

    def show_title(self, title: str) -> None:
        self.title = title
        self.refresh()

    def set_rich(self, rich: bool) -> None:
        """Show the extra rows (when there is room) or only the core ones."""
        if rich != self.rich:
            self.rich = rich
            self.refresh(layout=True)

    def set_facilitator(self, with_facilitator: bool) -> None:
        """Switch every slot to its with- or without-facilitator metric."""
        if with_facilitator != self.with_facilitator:
            self.with_facilitator = with_facilitator
            self.refresh(layout=True)  # the extra rows shown may differ

    def show_series(self, series: Mapping[str, Sequence[float | int | None]], position: int | None) -> None:
        """The series over all sessions (`dynamics.metric_series`) and the index of this session."""
        self.series, self.position = series, position
        self._sparks.clear()
        self.refresh(layout=True)

    def show_values(self, values: Mapping[str, float | int | None]) -> None:
        """The metrics of the view on screen (`dynamics.metric_values`)."""
        self.values = values
        self.refresh()

    def show_marker(self, position: int | None) -> None:
        """Point at session `position` (an index into the series)."""
        if position != self.position:
            self.position = position
            self.refresh()

    def relabel(self) -> None:
        self.refresh()

    # ── what is shown ──

    @property
    def count(self) -> int:
        """Sessions in the series (0 until the series is known)."""
        return len(next(iter(self.series.values()), ()))

    def slots(self) -> list[str]:
        """The rows shown now, in order."""
        shown = list(CORE_SLOTS)
        if self.rich:
            for slot in EXTRA_SLOTS:
                if any(v is not None for v in self.series.get(metric_for(slot, self.with_facilitator), ())):
                    shown.append(slot)
        return shown

    def lines(self) -> list[str]:
        """The panel as plain text (tests read it)."""
        width = max(self.size.width, SPARK_AT + self.count + 1)
        return [strip.text.rstrip() for strip in self._strips(width)]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + len(self.slots()) + 2

    def notify_style_update(self) -> None:
        self._styles = None
        self._sparks.clear()
        self._drawn = None
        super().notify_style_update()

    def _style(self, name: str) -> Style:
        if self._styles is None:
            base = self.rich_style
            self._styles = {
                key: base + self.get_component_rich_style(f"metrics-panel--{key}", partial=True)
                for key in ("title", "name", "value", "marker", "caption")
            }
            self._styles["base"] = base
            # Only the background: the bar of the session on screen keeps its own colour.
            self._styles["current"] = Style(bgcolor=self.get_component_rich_style("metrics-panel--current").bgcolor)
        return self._styles[name]

    def _spark_width(self, width: int) -> int:
        room = width - SPARK_AT
        return max(1, min(self.count, room)) if room > 0 else 0

    def _spark(self, metric: str, width: int) -> list[Segment]:
        """One segment per bar (cached); [] when there is no room or no series yet."""
        key = (metric, width)
        found = self._sparks.get(key)
        if found is None:
            values = plottable(self.series.get(metric, ()))
            found = []
            if values and width:
                renderable = Sparkline(
                    values,
                    width=width,
                    min_color=self.get_component_rich_style("metrics-panel--spark-min").color
                    or self._style("base").color,
                    max_color=self.get_component_rich_style("metrics-panel--spark-max").color
                    or self._style("base").color,
                )
                console: Console = self.app.console
                base = self._style("base")
                found = [
                    Segment(s.text, base + s.style if s.style else base)
                    for s in renderable.__rich_console__(console, console.options)
                    if s.text
                ]
            self._sparks[key] = found
        return found

    def _strips(self, width: int) -> list[Strip]:
        base = self._style("base")
        strips = [Strip([Segment(self.title, self._style("title"))]).crop_extend(0, width, base)]
        spark_width = self._spark_width(width)
        column = (
            self.position * spark_width // self.count
            if (self.position is not None and self.count and spark_width)
            else None
        )
        current = self._style("current")
        for slot in self.slots():
            metric = metric_for(slot, self.with_facilitator)
            name = metric_label(metric)[:NAME_WIDTH].ljust(NAME_WIDTH)
            value = format_metric(metric, self.values.get(metric))[:VALUE_WIDTH].rjust(VALUE_WIDTH) + " "
            bars = self._spark(metric, spark_width)
            if column is not None and column < len(bars):
                bars = [
                    *bars[:column],
                    Segment(bars[column].text, (bars[column].style or base) + current),
                    *bars[column + 1 :],
                ]
            segments = [Segment(name, self._style("name")), Segment(value, self._style("value")), *bars]
            strips.append(Strip(segments).crop_extend(0, width, base))
        marker = " " * (SPARK_AT + column) + MARKER if column is not None else ""
        strips.append(Strip([Segment(marker, self._style("marker"))]).crop_extend(0, width, base))
        caption = t("sociogram.panel.series", count=self.count) if self.count else t("sociogram.loading")
        strips.append(Strip([Segment(caption, self._style("caption"))]).crop_extend(0, width, base))
        return strips

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, self._strips(width))
        strips = self._drawn[1]
        return strips[y] if y < len(strips) else Strip.blank(width, self._style("base"))
