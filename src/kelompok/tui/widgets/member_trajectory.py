"""One member from session to session: present or absent, acts to people, acts received, to the group.

A small table, one column per session (the session on screen highlighted), from
`dynamics.member_trajectories`. An absent session shows ◌ and dashes, a present but silent one ○
and zeros: absence is never read as silence. When the series is longer than the panel is wide,
the columns scroll so that the session on screen stays in view.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from kelompok.i18n import t
from kelompok.sociogram.dynamics import MemberPoint

COLUMN = 3
"""Cells per session column."""
ROWS = ("session", "present", "out", "in", "to_group")


class MemberTrajectory(Widget):
    """The selected member's trajectory over the series, or a hint when nobody is selected."""

    COMPONENT_CLASSES = {
        "member-trajectory--title",
        "member-trajectory--label",
        "member-trajectory--current",
        "member-trajectory--absent",
        "member-trajectory--silent",
        "member-trajectory--muted",
    }

    DEFAULT_CSS = """
    MemberTrajectory { height: auto; padding: 0 1; margin-top: 1; }
    MemberTrajectory > .member-trajectory--title { text-style: bold; color: $text-accent; }
    MemberTrajectory > .member-trajectory--label { color: $text-muted; }
    MemberTrajectory > .member-trajectory--current { background: $accent 30%; text-style: bold; }
    MemberTrajectory > .member-trajectory--absent { color: $foreground 40%; }
    MemberTrajectory > .member-trajectory--silent { color: $warning; text-style: bold; }
    MemberTrajectory > .member-trajectory--muted { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.code: str | None = None
        self.member_name: str | None = None
        self.points: Sequence[MemberPoint] = ()
        self.current: int | None = None

    def show(self, code: str, name: str | None, points: Sequence[MemberPoint], current: int | None) -> None:
        """Show `code`'s points; `name` only when the facilitator asked for names; `current` is the
        session number on screen."""
        changed_height = (self.code is None) != (code is None)
        self.code, self.member_name, self.points, self.current = code, name, points, current
        self.refresh(layout=changed_height)

    def clear(self) -> None:
        """Nobody selected: show how to select someone."""
        changed = self.code is not None
        self.code, self.member_name, self.points = None, None, ()
        self.refresh(layout=changed)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._build(width).wrap(max(width, 1)))

    def lines(self) -> list[str]:
        """What the widget shows, as plain text (tests read it)."""
        return self._build(max(self.content_region.width, 40)).plain.splitlines()

    def render(self) -> Content:
        return self._build(max(self.content_region.width, 1))

    def _build(self, width: int) -> Content:
        muted = self.get_visual_style("member-trajectory--muted")
        if self.code is None:
            return Content.styled(t("sociogram.trajectory.hint"), muted)
        title_key = "sociogram.trajectory.title_named" if self.member_name else "sociogram.trajectory.title"
        title = Content.styled(
            t(title_key, code=self.code, name=self.member_name or ""), self.get_visual_style("member-trajectory--title")
        )
        labels = {row: t(f"sociogram.trajectory.{row}") for row in ROWS}
        label_width = max(len(text) for text in labels.values()) + 1
        points = list(self.points)
        visible = max(1, (width - label_width) // COLUMN)
        at = next((i for i, p in enumerate(points) if p.session == self.current), len(points) - 1)
        start = min(max(at - visible + 2, 0), max(len(points) - visible, 0))
        shown = points[start : start + visible]
        lines = [title.truncate(width, ellipsis=True)]
        label_style = self.get_visual_style("member-trajectory--label")
        current = self.get_visual_style("member-trajectory--current")
        absent = self.get_visual_style("member-trajectory--absent")
        silent = self.get_visual_style("member-trajectory--silent")
        for row in ROWS:
            parts = [Content.styled(labels[row].ljust(label_width)[:label_width], label_style)]
            for point in shown:
                text, style = self._cell(row, point, absent, silent)
                cell = Content.styled(text.rjust(COLUMN), style) if style else Content(text.rjust(COLUMN))
                if point.session == self.current:
                    cell = cell.stylize(current)
                parts.append(cell)
            lines.append(Content.assemble(*parts))
        lines.append(Content.styled(t("sociogram.trajectory.legend"), muted))
        return Content("\n").join(lines)

    @staticmethod
    def _cell(row: str, point: MemberPoint, absent: object, silent: object) -> tuple[str, object | None]:
        if row == "session":
            return str(point.session), None
        if not point.present:
            mark = "sociogram.trajectory.mark_absent" if row == "present" else "sociogram.trajectory.absent_cell"
            return t(mark), absent
        if row == "present":
            if not point.sent:
                return t("sociogram.trajectory.mark_silent"), silent
            return t("sociogram.trajectory.mark_present"), None
        value = {"out": point.out, "in": point.received, "to_group": point.to_group}[row]
        return str(value or 0), None
