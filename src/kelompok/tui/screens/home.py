"""Home: the groups of the workspace (reads only each group's `group.toml`)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from kelompok.i18n import get_language, t
from kelompok.sessions.store import GroupEntry, list_groups
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.widgets.footer import TranslatedFooter


def type_label(type_id: str) -> str:
    """The group type's name in the current language (falls back to the id)."""
    try:
        from kelompok.sessions.catalog import load_catalog

        return load_catalog().type(type_id).name.get(get_language())
    except Exception:  # the catalogue is validated at start; a label must never break listing
        return type_id


class HomeScreen(KelompokScreen):
    HELP_TOPIC = "home"
    BINDINGS = [
        Binding("enter", "open_group", "keys.open", show=True),
        Binding("n", "new_group", "keys.new_group"),
        Binding("r", "reload", "keys.reload"),
        Binding("s", "sync", "keys.sync"),
    ]

    def __init__(self, workspace: Path) -> None:
        super().__init__()
        self.workspace = workspace
        self.entries: list[GroupEntry] = []
        self.sync_status = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="workspace-line")
        yield Static(id="sync-line")
        yield DataTable(id="groups", cursor_type="row", zebra_stripes=True)
        yield Static(id="empty-hint")
        yield TranslatedFooter()

    def load(self) -> None:
        from kelompok.sync.status import workspace_status

        self.entries = list_groups(self.workspace)
        self.sync_status = workspace_status(self.workspace)
        self.relabel()

    def relabel(self) -> None:
        super().relabel()
        self.sub_title = t("home.subtitle")
        self.query_one("#workspace-line", Static).update(t("home.workspace", path=self.workspace))
        self.query_one("#sync-line", Static).update(self.sync_status.line() if self.sync_status else "")
        table = self.query_one("#groups", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_columns(t("home.col_name"), t("home.col_type"), t("home.col_members"), t("home.col_sessions"), t("home.col_status"))
        for entry in self.entries:
            if entry.group is None:
                status = t("home.unreadable", error=entry.error.problem if entry.error else "")
                table.add_row(entry.path.name, "—", "—", str(entry.sessions), status, key=str(entry.path))
            else:
                group = entry.group
                synced = self.sync_status.group_line(entry.path.name) if self.sync_status else ""
                table.add_row(group.name, type_label(group.type), str(len(group.members)), str(entry.sessions), synced, key=str(entry.path))
        if self.entries:
            table.move_cursor(row=min(cursor, len(self.entries) - 1))
        hint = "" if self.entries else t("home.empty")
        self.query_one("#empty-hint", Static).update(hint)

    def selected_entry(self) -> GroupEntry | None:
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
        if entry.group is None:
            self.notify(str(entry.error), title=t("home.cannot_open"), severity="error", timeout=8)
            return
        from kelompok.tui.screens.group import GroupScreen

        self.app.push_screen(GroupScreen(entry.path))

    def action_new_group(self) -> None:
        self.open_screen("screens.new_group", "NewGroupScreen", self.workspace)

    def on_screen_resume(self) -> None:
        """Shown for the first time or again after a child screen: (re)read the groups.

        The one place that loads on showing: loading in on_mount too rebuilt the table twice in
        one frame, and the DataTable then kept its header-sized column widths."""
        self.load()

    def action_reload(self) -> None:
        self.load()

    def action_sync(self) -> None:
        from kelompok.tui.sync_action import start_sync

        start_sync(self, self.workspace, self.load)
