"""One group: who is in it and its sessions (each loaded on demand)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from kelompok.i18n import format_date, t
from kelompok.sessions.fileio import DataError
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.models import Group
from kelompok.sessions.store import load_group, load_session, session_numbers
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.widgets.footer import TranslatedFooter


class GroupScreen(KelompokScreen):
    HELP_TOPIC = "group"
    BINDINGS = [
        Binding("escape", "back", "keys.back"),
        Binding("l", "live", "keys.live"),
        Binding("p", "plan", "keys.plan"),
        Binding("n", "new_session", "keys.new_session"),
        Binding("s", "sociogram", "keys.sociogram"),
        Binding("v", "review", "keys.review"),
        Binding("x", "export", "keys.export"),
    ]

    def __init__(self, group_dir: Path) -> None:
        super().__init__()
        self.group_dir = group_dir
        self.group: Group = load_group(group_dir)
        self.group_lock = GroupLock(group_dir)
        self.read_only = not self.group_lock.acquire()

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="group-info")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield TranslatedFooter()

    def on_mount(self) -> None:
        # The table is filled by on_screen_resume, which also runs when the screen first shows.
        if self.read_only:
            self.notify(t("group.read_only"), severity="warning", timeout=10)

    def relabel(self) -> None:
        from kelompok.tui.screens.home import type_label

        super().relabel()
        self.sub_title = self.group.name
        group = self.group
        lines = [
            f"[b]{group.name}[/b] · {type_label(group.type)}",
            t("group.members", count=len(group.members), codes=", ".join(group.seat_order())),
        ]
        if self.read_only:
            lines.append(t("group.read_only"))
        self.query_one("#group-info", Static).update("\n".join(lines))
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        table.add_columns(t("group.col_number"), t("group.col_date"), t("group.col_present"), t("group.col_acts"), t("group.col_state"), t("group.col_review"))
        for number in session_numbers(self.group_dir):
            try:
                session = load_session(self.group_dir, number)
            except DataError as error:
                table.add_row(str(number), "—", "—", "—", t("home.unreadable", error=error.problem), "", key=str(number))
                continue
            table.add_row(
                str(number),
                format_date(session.date),
                str(len(session.present_codes())),
                str(len(session.acts())),
                t(f"state.{session.state}"),
                t(f"review.{session.review.status}"),
                key=str(number),
            )

    def selected_number(self) -> int | None:
        """The session number under the cursor, or None when the group has no sessions."""
        table = self.query_one("#sessions", DataTable)
        if table.row_count == 0 or table.cursor_row < 0:
            return None
        return int(str(table.get_row_at(table.cursor_row)[0]))

    def action_live(self) -> None:
        from kelompok.tui.screens.live import LiveScreen

        self.open_screen(LiveScreen, self.group_dir, self.selected_number())

    def action_plan(self) -> None:
        from kelompok.tui.screens.plan import PlanScreen

        self.open_screen(PlanScreen, self.group_dir, self.selected_number())

    def action_new_session(self) -> None:
        from kelompok.tui.screens.plan import PlanScreen

        self.open_screen(PlanScreen, self.group_dir, None)

    def action_sociogram(self) -> None:
        from kelompok.tui.screens.sociogram import SociogramScreen

        self.open_screen(SociogramScreen, self.group_dir, self.selected_number())

    def action_review(self) -> None:
        from kelompok.tui.screens.review import ReviewScreen

        self.open_screen(ReviewScreen, self.group_dir, self.selected_number())

    def action_export(self) -> None:
        from kelompok.tui.dialogs.export import ExportDialog

        self.open_screen(ExportDialog, self.group_dir, self.selected_number())

    def on_screen_resume(self) -> None:
        """Shown first, or again after a child screen (the sessions may have changed)."""
        self.group = load_group(self.group_dir)
        self.relabel()

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.group_lock.release()
