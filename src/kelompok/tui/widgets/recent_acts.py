"""The recent-acts list of the live screen: the last few things recorded, newest first.

So that a mistake is seen at once. Withdrawn events stay in the list, struck through (undo is
audited, not erased). The list keeps only the events it can show; the screen describes each event
in words through a `describe` function. Each line is drawn once and reused (`CachedLines`): a new
act draws one new line and un-bolds the one before.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip

from kelompok.i18n import format_duration, t
from kelompok.sessions.models import Event
from kelompok.tui.widgets.live_lines import CachedLines

KEEP = 60
"""More than any terminal shows; older events are in the file, not on this list."""


class RecentActs(CachedLines):
    """The last events, newest on top: time, who spoke to whom, role, code; notes and steps too."""

    COMPONENT_CLASSES = {
        "recent-acts--time",
        "recent-acts--undone",
        "recent-acts--latest",
        "recent-acts--safety",
        "recent-acts--meta",
    }

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
        """Show the tail of a whole record (at open, after an undo)."""
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
        return [self._content(event, latest=False).plain for event in reversed(self.events)]

    def _content(self, event: Event, *, latest: bool) -> Content:
        time = Content.styled(f"{format_duration(event.at)} ", self.get_visual_style("recent-acts--time"))
        text = Content(self.describe(event))
        if event.seq in self.undone:
            text = text.stylize(self.get_visual_style("recent-acts--undone"))
        elif event.kind == "note" and event.safety:
            text = text.stylize(self.get_visual_style("recent-acts--safety"))
        elif event.kind != "speak":
            text = text.stylize(self.get_visual_style("recent-acts--meta"))
        elif latest:
            text = text.stylize(self.get_visual_style("recent-acts--latest"))
        return Content.assemble(time, text)

    def render_line(self, y: int) -> Strip:
        if not self.events:
            if y == 0:
                return self.line(
                    ("empty",),
                    lambda: Content.styled(t("live.recent.empty"), self.get_visual_style("recent-acts--meta")),
                )
            return self.blank()
        index = len(self.events) - 1 - y
        if index < 0:
            return self.blank()
        event = self.events[index]
        latest = y == 0
        undone = event.seq in self.undone
        return self.line((event.seq, undone, latest), lambda: self._content(event, latest=latest))
