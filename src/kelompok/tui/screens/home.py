"""Home: the groups of the workspace. The list first (only each `group.toml`), then in a worker
each group's details (last and next session, reviews, safety notes) from its sessions."""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from kelompok.i18n import get_language, t
from kelompok.listing import GroupLine, list_group_lines, type_name
from kelompok.tui.safe_text import clean, plain
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.widgets.footer import TranslatedFooter


if TYPE_CHECKING:
    from kelompok.service import Change, GroupOverview
    from kelompok.sync.status import WorkspaceStatus


def type_label(type_id: str) -> str:
    """The group type's name in the current language (falls back to the id)."""
    return type_name(type_id, get_language())


def short_date(value) -> str:
    """`9 Mar 2026`: the first three letters of the month are its usual short form in both languages."""
    month = t("format.months").split()[value.month - 1]
    return f"{value.day} {month[:3]} {value.year}"


DETAILS_BATCH_SECONDS = 0.25
"""How often the details worker hands what it has read to the screen (a long list fills in steps)."""

BADGE_STYLE = "bold reverse"  # i18n: same in every language (a Rich style)
"""Returned logs and open safety flags stand out without colour (reverse video), as badges."""


def overview_parts(overview: GroupOverview) -> list[tuple[str, str]]:
    """The remarks column as (text, style): what needs someone first (safety, returned logs, logs
    waiting for the supervisor), then the dates."""
    if overview.problem:
        return [(t("home.unreadable", error=overview.problem), "")]
    parts = []
    if overview.safety_flags:
        parts.append((t("overview.flags", count=overview.safety_flags), BADGE_STYLE))
    if overview.returned:
        parts.append((t("overview.returned", count=overview.returned), BADGE_STYLE))
    if overview.awaiting_review:
        parts.append((t("overview.awaiting", count=overview.awaiting_review), "bold"))
    if overview.unreadable:
        parts.append((t("overview.unreadable", count=overview.unreadable), ""))
    if overview.next_planned:
        parts.append((t("overview.next", date=short_date(overview.next_planned)), ""))
    if overview.last_held:
        parts.append((t("overview.last", date=short_date(overview.last_held)), ""))
    return parts or [(t("overview.nothing"), "")]


def overview_text(overview: GroupOverview) -> str:
    """The remarks column as plain text."""
    return " · ".join(text for text, _style in overview_parts(overview))


class HomeScreen(KelompokScreen):
    HELP_TOPIC = "home"
    ALLOW_ROLE_SWITCH = True
    BINDINGS = [
        Binding("enter", "open_group", "keys.open", show=True),
        Binding("n", "new_group", "keys.new_group"),
        Binding("i", "inbox", "inbox.keys.inbox"),
        Binding("r", "reload", "keys.reload"),
        Binding("s", "sync", "keys.sync"),
        Binding("c", "copy_samples", "flows.home.key_samples"),
    ]

    # home.tcss is in the app's CSS_PATH (app.py): loaded with the app's sheet, not parsed again on showing.

    def __init__(self, workspace: Path) -> None:
        super().__init__()
        self.workspace = workspace
        self.entries: list[GroupLine] = []
        self.overviews: dict[str, GroupOverview] = {}
        """Details per group folder, filled in by the worker after the list shows."""
        self.sync_status: WorkspaceStatus | None = None
        """What sync has to send and what it brought, read by the details worker."""
        self._columns_width: int | None = None
        """The screen width the columns were last sized for (a resize to the same width redraws nothing)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="workspace-line")
        yield Static(id="sync-line")
        yield Static(id="inbox-line")
        yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
        yield Static(id="group-remarks")
        yield Static(id="empty-hint")
        yield TranslatedFooter()

    def load(self) -> None:
        # The list first, from plain TOML (fast start-up); the worker then validates each group.
        self.entries = list_group_lines(self.workspace)
        self.relabel()
        # After the list is on screen: the worker's imports and reads would compete for the GIL.
        self.call_after_refresh(self._load_details, list(self.entries))

    @work(thread=True, exclusive=True, group="home-details")
    def _load_details(self, entries: list[GroupLine]) -> None:
        from kelompok.sync.status import workspace_status

        # The sync state asks git (status, diff): off the event loop, like the groups' details.
        self.app.call_from_thread(self._show_sync, workspace_status(self.workspace))
        # Handed to the screen in batches, at most one per DETAILS_BATCH_SECONDS: each hand-over
        # redraws the table, and one per group took the event loop from the user's first keys.
        batch: list[tuple[str, GroupOverview]] = []
        handed = time.monotonic()
        for entry in entries:
            if entry.problem:
                continue
            batch.append((str(entry.path), self.service.overview(entry.path)))
            if time.monotonic() - handed >= DETAILS_BATCH_SECONDS:
                self.app.call_from_thread(self._show_details, batch)
                batch, handed = [], time.monotonic()
        if batch:
            self.app.call_from_thread(self._show_details, batch)

    def _show_sync(self, status: WorkspaceStatus) -> None:
        self.sync_status = status
        self.query_one("#sync-line", Static).update(status.line())
        table = self.query_one("#groups", DataTable)
        for entry in self.entries:
            key = str(entry.path)
            if not entry.problem and key in table.rows:
                table.update_cell(key, "status", self._status_text(entry.path.name, self.overviews.get(key)))

    def _show_details(self, batch: list[tuple[str, GroupOverview]]) -> None:
        table = self.query_one("#groups", DataTable)
        for key, overview in batch:
            self.overviews[key] = overview
            if key in table.rows:
                table.update_cell(key, "status", self._status_text(Path(key).name, overview))
        self._show_remarks()
        self._show_inbox_line()

    def _show_inbox_line(self) -> None:
        """How many logs wait for the acting role across every group, and the key that lists them."""
        role = self.kelompok.role
        if role == "supervisor":
            count = sum(o.awaiting_review for o in self.overviews.values())
        else:
            count = sum(o.returned for o in self.overviews.values())
        self.query_one("#inbox-line", Static).update(t(f"inbox.waiting.{role}", count=count) if count else "")

    @on(DataTable.RowHighlighted, "#groups")
    def _show_remarks(self) -> None:
        """The highlighted group's remarks in full under the table: at 80 columns the column cuts them."""
        entry = self.selected_entry()
        line = self.query_one("#group-remarks", Static)
        if entry is None or entry.problem:
            line.update("")
            return
        remarks = self._status_text(entry.path.name, self.overviews.get(str(entry.path)))
        line.update(Text.assemble((clean(entry.name), "bold"), ": ", remarks))

    def _status_text(self, folder: str, overview: GroupOverview | None) -> Text:
        """The remarks column: what sync brought or has still to send first, then the group's news."""
        synced = self.sync_status.group_line(folder) if self.sync_status else ""
        parts = [(synced, "")] if synced else []
        parts += overview_parts(overview) if overview else [(t("overview.loading"), "")]
        text = Text()
        for index, (part, style) in enumerate(parts):
            if index:
                text.append(" · ")
            # Badges get a space on each side, so the reverse-video block reads as one label.
            text.append(clean(f" {part} " if style == BADGE_STYLE else part), style=style or None)
        return text

    def _column_widths(self) -> list[int]:
        """Name, type, members, sessions, remarks: all five fit the table's width (80 columns too)."""
        table = self.query_one("#groups", DataTable)
        width = self._table_width() - 1  # room for a vertical scrollbar
        small = [max(len(t("home.col_members")), 3), max(len(t("home.col_sessions")), 3)]
        rest = max(width - sum(small) - 5 * 2 * table.cell_padding, 30)
        longest_name = max([len(e.name) for e in self.entries] + [len(t("home.col_name"))])
        name = min(longest_name, max(12, rest * 35 // 100))
        kind = min(
            max([len(type_label(e.type)) for e in self.entries] + [len(t("home.col_type"))]), max(10, rest * 30 // 100)
        )
        return [name, kind, *small, max(rest - name - kind, 10)]

    def _table_width(self) -> int:
        return self.query_one("#groups", DataTable).size.width or self.app.size.width

    def on_resize(self) -> None:
        # Start-up sends resize events at the width the list was just drawn for: refilling the
        # table for those cost as much as the first fill.
        if self.is_mounted and self.entries and self._table_width() != self._columns_width:
            self.relabel()

    def relabel(self) -> None:
        super().relabel()
        self.sub_title = t("home.subtitle")
        self._show_workspace_line()
        self.query_one("#sync-line", Static).update(self.sync_status.line() if self.sync_status else "")
        table = self.query_one("#groups", DataTable)
        cursor = table.cursor_row
        self._columns_width = self._table_width()
        table.clear(columns=True)
        # Fixed widths from the terminal's width: auto widths overflowed 80 columns, and were
        # measured as the headers' when the table was refilled while hidden.
        labels = (
            t("home.col_name"),
            t("home.col_type"),
            t("home.col_members"),
            t("home.col_sessions"),
            t("home.col_status"),
        )
        for key, label, width in zip(
            ("name", "type", "members", "sessions", "status"), labels, self._column_widths(), strict=True
        ):
            table.add_column(Text(label), width=width, key=key)  # Text: no markup parse for a plain label
        # Every cell a Text: a str cell is parsed as markup, and that parse loads Rich's emoji table.
        for entry in self.entries:
            if entry.problem:
                status = t("home.unreadable", error=entry.problem)
                table.add_row(
                    plain(entry.path.name),
                    Text("—"),
                    Text("—"),
                    Text(str(entry.sessions)),
                    plain(status),
                    key=str(entry.path),
                )
            else:
                status = self._status_text(entry.path.name, self.overviews.get(str(entry.path)))
                cells = (type_label(entry.type), str(entry.members), str(entry.sessions))
                table.add_row(plain(entry.name), *map(Text, cells), status, key=str(entry.path))
        if self.entries:
            table.move_cursor(row=min(cursor, len(self.entries) - 1))
        self._show_remarks()
        # Keys the user can press here, not a command line to type elsewhere.
        hint = (
            ""
            if self.entries
            else t("flows.home.empty" if self.kelompok.samples_available else "flows.home.empty_no_samples")
        )
        self.query_one("#empty-hint", Static).update(hint)

    def _show_workspace_line(self) -> None:
        """The workspace, and who is acting: the role and that role's own name.

        Who is acting comes from the settings, read right after the first frame (their pydantic
        model's import alone costs as much as that frame): until then the line names the workspace."""
        app = self.kelompok
        line = t("home.workspace", path=self.workspace)
        if app.settings_read:
            who = t(
                "review_screen.role",
                role=t(f"settings.role.{app.role}"),
                name=app.user_name or t("review_screen.no_name"),
            )
            line = f"{line} · {who}"
        self.query_one("#workspace-line", Static).update(plain(line))

    def identity_changed(self) -> None:
        if self.is_mounted:
            self._show_workspace_line()
            self._show_inbox_line()

    def selected_entry(self) -> GroupLine | None:
        table = self.query_one("#groups", DataTable)
        if not self.entries or table.cursor_row < 0:
            return None
        return self.entries[table.cursor_row]

    @on(DataTable.RowSelected, "#groups")
    def _row_selected(self) -> None:
        self.action_open_group()

    def action_open_group(self) -> None:
        entry = self.selected_entry()
        if entry is None:
            return
        from kelompok.sessions.fileio import DataError
        from kelompok.tui.screens.group import GroupScreen

        try:
            screen = GroupScreen(entry.path)  # validates group.toml: the error names file and field
        except DataError as error:
            self.notify(str(error), title=t("home.cannot_open"), severity="error", timeout=8)
            return
        self.app.push_screen(screen)

    def action_new_group(self) -> None:
        from kelompok.tui.screens.new_group import NewGroupScreen

        self.open_screen(NewGroupScreen, self.workspace)

    def on_screen_resume(self) -> None:
        """Shown for the first time or again after a child screen: (re)read the groups.

        The one place that loads on showing: loading in on_mount too rebuilt the table twice in
        one frame, and the DataTable then kept its header-sized column widths."""
        self.load()

    def group_changed(self, change: Change) -> None:
        """New groups (the samples copied) or a saved edit: re-read the list if it shows."""
        if change.what == "workspace" or self.is_current:
            self.load()

    def action_reload(self) -> None:
        self.load()

    def action_inbox(self) -> None:
        """The logs waiting for the acting role, across every group (tui/screens/inbox.py)."""
        from kelompok.tui.screens.inbox import InboxScreen

        self.open_screen(InboxScreen, self.workspace)

    def action_copy_samples(self) -> None:
        self.kelompok.offer_samples(t("flows.home.copy_samples_question", path=self.workspace))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "copy_samples":
            return True if self.kelompok.samples_available else None  # shown dimmed without samples
        return True

    def screen_commands(self) -> Iterable[SystemCommand]:
        """Every key of this screen, in words a facilitator would type (\"kelompok baru\", \"contoh\")."""
        commands = [
            ("open", self.action_open_group),
            ("new_group", self.action_new_group),
            ("reload", self.action_reload),
            ("sync", self.action_sync),
        ]
        if self.kelompok.samples_available:
            commands.append(("samples", self.action_copy_samples))
        for name, action in commands:
            yield SystemCommand(t(f"flows.home_cmd.{name}"), t(f"flows.home_cmd.{name}_help"), action)
        role = self.kelompok.role
        yield SystemCommand(t(f"inbox.title.{role}"), t(f"inbox.command_help.{role}"), self.action_inbox)

    def action_sync(self) -> None:
        from kelompok.tui.sync_action import start_sync

        start_sync(self, self.workspace, self.load)
