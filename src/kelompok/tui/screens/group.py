"""One group: who is in it and its sessions (each loaded on demand)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from kelompok.i18n import format_date, t
from kelompok.sessions.fileio import DataError
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.models import Group
from kelompok.sessions.store import load_group, load_session, session_numbers
from kelompok.tui.safe_text import clean, plain
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
        if not self.read_only:
            from kelompok.sessions.recording import tidy_ended_journals

            tidy_ended_journals(group_dir, self.group_lock)  # a kill right after a session's end leaves one

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
        info = Text.assemble((clean(group.name), "bold"), f" · {type_label(group.type)}\n")
        info.append(t("group.members", count=len(group.members), codes=", ".join(group.seat_order())))
        if self.read_only:
            info.append("\n" + t("group.read_only"))
        self.query_one("#group-info", Static).update(info)  # Text: the group's name is never read as markup
        table = self.query_one("#sessions", DataTable)
        table.clear(columns=True)
        table.add_columns(t("group.col_number"), t("group.col_date"), t("group.col_present"), t("group.col_acts"), t("group.col_state"), t("group.col_review"))
        for number in session_numbers(self.group_dir):
            try:
                session = load_session(self.group_dir, number)
            except DataError as error:
                table.add_row(str(number), "—", "—", "—", plain(t("home.unreadable", error=error.problem)), "", key=str(number))
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
        self.open_screen("screens.live", "LiveScreen", self.group_dir, self.selected_number())

    def action_plan(self) -> None:
        self.open_screen("screens.plan", "PlanScreen", self.group_dir, self.selected_number())

    def action_new_session(self) -> None:
        self.open_screen("screens.plan", "PlanScreen", self.group_dir, None)

    def action_sociogram(self) -> None:
        self.open_screen("screens.sociogram", "SociogramScreen", self.group_dir, self.selected_number())

    def action_review(self) -> None:
        self.open_screen("screens.review", "ReviewScreen", self.group_dir, self.selected_number())

    def action_export(self) -> None:
        self.open_screen("dialogs.export", "ExportDialog", self.group_dir, self.selected_number())

    def on_screen_resume(self) -> None:
        """Shown first, or again after a child screen (the sessions may have changed)."""
        self.group = load_group(self.group_dir)
        self.relabel()

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.group_lock.release()
