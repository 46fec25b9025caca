"""A base for the live screen's busiest widgets: draw line by line, and keep lines that did not change.

An act changes one row of the member pad and adds one line to the recent acts. Rebuilding every
line's text and styles on every act costs more than a frame's share of time; here each line is
drawn once per distinct content (its *key*: everything that affects what the line shows) and the
strip is reused until the key changes, the width changes, the language switches (`invalidate`) or
the theme does (`notify_style_update`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from textual.content import Content
from textual.strip import Strip
from textual.widget import Widget

MAX_CACHED = 400


class CachedLines(Widget):
    """A widget whose `render_line` builds lines through `line(key, build)`."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._strips: dict[Hashable, Strip] = {}

    def invalidate(self) -> None:
        """Forget every drawn line (the language changed) and repaint."""
        self._strips.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    @property
    def line_width(self) -> int:
        return max(1, self.content_size.width)

    def line(self, key: Hashable, build: Callable[[], Content]) -> Strip:
        """The strip for a line whose content is fully described by `key` (the width is added here)."""
        width = self.line_width
        cache_key = (key, width)
        strip = self._strips.get(cache_key)
        if strip is None:
            if len(self._strips) > MAX_CACHED:
                self._strips.clear()
            content = build().truncate(width, ellipsis=True)
            base = self.visual_style
            strip = Strip(content.render_segments(base), content.cell_length).extend_cell_length(width, base.rich_style)
            self._strips[cache_key] = strip
        return strip

    def blank(self) -> Strip:
        return Strip.blank(self.line_width, self.visual_style.rich_style)
