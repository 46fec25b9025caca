"""The recent-acts list of the live screen: the last few things recorded, newest first.

So that a mistake is seen at once. Withdrawn events stay in the list, struck through (undo is
audited, not erased). The list keeps only the events it can show; the screen describes each event
in words through a `describe` function, so a language switch is a repaint, not a rebuild.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from kelompok.i18n import format_duration, t
from kelompok.sessions.models import Event

KEEP = 60
"""More than any terminal shows; older events are in the file, not on this list."""


class RecentActs(Widget):
    """The last events, newest on top: time, who spoke to whom, role, code; notes and steps too."""

    COMPONENT_CLASSES = {"recent-acts--time", "recent-acts--undone", "recent-acts--latest", "recent-acts--safety", "recent-acts--meta"}

    DEFAULT_CSS = """
    RecentActs {
        height: 1fr;
        min-height: 3;
        padding: 0 1;
    }
    RecentActs > .recent-acts--time { color: $text-muted; }
    RecentActs > .recent-acts--undone { color: $text-disabled; text-style: strike; }
    RecentActs > .recent-acts--latest { text-style: bold; }
    RecentActs > .recent-acts--safety { color: $error; text-style: bold; }
    RecentActs > .recent-acts--meta { color: $text-muted; text-style: italic; }
    """

    def __init__(self, describe: Callable[[Event], str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.describe = describe
        self.events: deque[Event] = deque(maxlen=KEEP)
        self.undone: set[int] = set()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.events))

    def reset(self, events: list[Event], undone: set[int]) -> None:
        """Show the tail of a whole record (at open, after an undo, after a language switch)."""
        self.events.clear()
        self.events.extend(events[-KEEP:])
        self.undone = set(undone)
        self.refresh()

    def add(self, event: Event) -> None:
        """One more event was recorded."""
        self.events.append(event)
        if event.kind == "undo" and event.undoes is not None:
            self.undone.add(event.undoes)
        self.refresh()

    def lines(self) -> list[str]:
        """The shown lines as plain text, newest first (tests read them)."""
        return [self._line(event).plain for event in reversed(self.events)]

    def _line(self, event: Event) -> Content:
        time = Content.styled(f"{format_duration(event.at)} ", self.get_visual_style("recent-acts--time"))
        text = Content(self.describe(event))
        if event.seq in self.undone:
            text = text.stylize(self.get_visual_style("recent-acts--undone"))
        elif event.kind == "note" and event.safety:
            text = text.stylize(self.get_visual_style("recent-acts--safety"))
        elif event.kind != "speak":
            text = text.stylize(self.get_visual_style("recent-acts--meta"))
        return Content.assemble(time, text)

    def render(self) -> Content:
        height = max(self.content_region.height, 1)
        width = max(self.content_region.width, 1)
        if not self.events:
            return Content.styled(t("live.recent.empty"), self.get_visual_style("recent-acts--meta"))
        shown = list(self.events)[-height:]
        lines = []
        for index, event in enumerate(reversed(shown)):
            line = self._line(event).truncate(width, ellipsis=True)
            if index == 0 and event.seq not in self.undone:
                line = line.stylize(self.get_visual_style("recent-acts--latest"))
            lines.append(line)
        return Content("\n").join(lines)
