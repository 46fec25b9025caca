"""The agenda and time panel of the live screen.

The session's number, state and clock; the agenda block under way (from the session plan) with
its number, the time spent in it against the minutes planned, and the session time against the
planned length. Overrun time is shown in the warning colour, and so is a paused session. A tall
terminal also lists every block.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from kelompok.i18n import format_duration, t

BAR_FULL = "█"
BAR_EMPTY = "░"


@dataclass
class AgendaView:
    """What the panel shows; the screen updates it and calls `AgendaPanel.refresh()`."""

    blocks: list[tuple[str, int]] = field(default_factory=list)
    """Agenda blocks of the plan: (title, planned minutes)."""
    current: int | None = None
    block_started: float = 0.0
    """Session time at which the current block started."""
    elapsed: float = 0.0
    planned_minutes: int | None = None
    state: str = "planned"
    number: int | None = None
    """The session's number, shown with its state and clock on the first line."""


class AgendaPanel(Widget):
    """Current agenda block and time spent against time planned."""

    COMPONENT_CLASSES = {"agenda-panel--title", "agenda-panel--over", "agenda-panel--muted", "agenda-panel--bar"}

    DEFAULT_CSS = """
    AgendaPanel {
        height: auto;
        padding: 0 1;
    }
    AgendaPanel > .agenda-panel--title { text-style: bold; }
    AgendaPanel > .agenda-panel--over { color: $warning; text-style: bold; }
    AgendaPanel > .agenda-panel--muted { color: $text-muted; }
    AgendaPanel > .agenda-panel--bar { color: $primary; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view = AgendaView()
        self.expanded = False
        """Also list every block of the agenda (when the terminal has the room)."""

    def expand(self, expanded: bool) -> None:
        if expanded != self.expanded:
            self.expanded = expanded
            self.refresh(layout=True)

    def show(self, view: AgendaView) -> None:
        resized = len(view.blocks) != len(self.view.blocks)
        self.view = view
        self.refresh(layout=resized)

    def show_elapsed(self, elapsed: float) -> None:
        """Move the clock; repaints only when the shown second changes."""
        before, self.view.elapsed = self.view.elapsed, elapsed
        if int(before) != int(elapsed):
            self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 4 + (len(self.view.blocks) + 1 if self.expanded and self.view.blocks else 0)

    def _time_line(self, label: str, spent: float, planned_minutes: int | None, width: int) -> Content:
        muted = self.get_visual_style("agenda-panel--muted")
        spent_text = format_duration(spent)
        if planned_minutes is None:
            return Content.assemble((f"{label} ", muted), spent_text)
        planned = planned_minutes * 60
        over = spent > planned
        figures = f"{spent_text} / {format_duration(planned)}"
        line = Content.assemble(
            (f"{label} ", muted), (figures, self.get_visual_style("agenda-panel--over")) if over else figures
        )
        room = width - line.cell_length - 1
        if room >= 4:
            filled = min(room, round(room * spent / planned)) if planned else room
            line = Content.assemble(
                line,
                " ",
                (
                    BAR_FULL * filled + BAR_EMPTY * (room - filled),
                    self.get_visual_style("agenda-panel--over" if over else "agenda-panel--bar"),
                ),
            )
        return line

    def lines(self) -> list[str]:
        """The shown lines as plain text (tests read them)."""
        return [line.plain for line in self._lines(max(self.content_region.width, 20))]

    def _lines(self, width: int) -> list[Content]:
        view = self.view
        label_width = max(len(t("live.agenda.block")), len(t("live.agenda.session")))
        block_label = t("live.agenda.block").ljust(label_width)
        session_label = t("live.agenda.session").ljust(label_width)
        if view.current is None or not view.blocks:
            first = Content.styled(t("live.agenda.none"), self.get_visual_style("agenda-panel--muted"))
            second = Content("")
        else:
            title, minutes = view.blocks[view.current]
            first = Content.assemble(
                (
                    t("live.agenda.position", number=view.current + 1, total=len(view.blocks)),
                    self.get_visual_style("agenda-panel--muted"),
                ),
                " ",
                (title, self.get_visual_style("agenda-panel--title")),
            )
            second = self._time_line(block_label, max(0.0, view.elapsed - view.block_started), minutes, width)
        third = self._time_line(session_label, view.elapsed, view.planned_minutes, width)
        now = Content(
            t(
                "live.agenda.now",
                number=view.number or "",
                state=t(f"state.{view.state}"),
                clock=format_duration(view.elapsed),
            )
        )
        if view.state == "paused":
            now = now.stylize(self.get_visual_style("agenda-panel--over"))
        lines = [now, first, second, third]
        if self.expanded and view.blocks:
            lines.append(Content(""))
            muted = self.get_visual_style("agenda-panel--muted")
            for index, (title, minutes) in enumerate(view.blocks):
                current = index == view.current
                mark = "▶" if current else ("✓" if view.current is not None and index < view.current else " ")
                line = Content.assemble(
                    f"{mark} {index + 1}. ", title, (f"  {t('live.agenda.minutes', minutes=minutes)}", muted)
                )
                lines.append(line.stylize(self.get_visual_style("agenda-panel--title")) if current else line)
        return [line.truncate(width, ellipsis=True) for line in lines]

    def render(self) -> Content:
        return Content("\n").join(self._lines(max(self.content_region.width, 20)))
