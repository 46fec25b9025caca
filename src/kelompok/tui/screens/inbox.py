"""The inbox: every session log waiting for the acting role, across all groups, oldest first.

A supervisor sees the logs submitted to him; a facilitator sees the logs returned to her. Enter
opens the review of the session under the cursor. The list is read by the group service
(`GroupService.inbox`) in a thread worker, and read again when a review step or the role changes.
See docs/ARCHITECTURE.md ("Where things go").
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from kelompok.i18n import format_number, t
from kelompok.service import Change, InboxItem
from kelompok.tui.safe_text import plain
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.screens.home import short_date
from kelompok.tui.widgets.footer import TranslatedFooter

COLUMNS = ("since", "group", "number", "date", "by", "flags")

STATUS_OF_ROLE = {"supervisor": "submitted", "facilitator": "returned"}
"""Which logs wait for whom."""


class InboxScreen(KelompokScreen):
    HELP_TOPIC = "review"
    ALLOW_ROLE_SWITCH = True
    BINDINGS = [
        Binding("escape", "back", "inbox.keys.back"),
        Binding("enter", "open_review", "inbox.keys.open", show=True),
        Binding("r", "reload", "keys.reload"),
    ]
    CSS_PATH = "inbox.tcss"

    def __init__(self, workspace: Path) -> None:
        super().__init__()
        self.workspace = workspace
        self.items: list[InboxItem] | None = None
        """The logs as last read (None until the first read is done)."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="inbox-intro")
        yield DataTable(id="inbox-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="inbox-empty")
        yield TranslatedFooter()

    @property
    def status(self) -> str:
        return STATUS_OF_ROLE.get(self.kelompok.role, "submitted")

    def relabel(self) -> None:
        super().relabel()
        role = self.kelompok.role
        self.sub_title = t(f"inbox.title.{role}")
        self.query_one("#inbox-intro", Static).update(t(f"inbox.intro.{role}"))
        table = self.query_one("#inbox-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        labels = {
            key: t(f"inbox.col.{key}.{role}" if key in ("since", "by") else f"inbox.col.{key}") for key in COLUMNS
        }
        for key, width in self._widths(labels).items():
            table.add_column(labels[key], width=width, key=key)
        for item in self.items or []:
            table.add_row(
                short_date(item.since) if item.since else "—",
                plain(item.group_name),
                format_number(item.number),
                short_date(item.date),
                plain(item.by or "—"),
                plain(t("inbox.flags", count=item.open_flags)) if item.open_flags else "",
                key=f"{item.group_dir}#{item.number}",
            )
        if table.row_count:
            table.move_cursor(row=min(max(cursor, 0), table.row_count - 1))
        empty = self.items is not None and not self.items
        self.query_one("#inbox-empty", Static).update(t(f"inbox.empty.{role}") if empty else "")

    def _widths(self, labels: dict[str, str]) -> dict[str, int]:
        """Fixed widths that fit the terminal (80 columns too): the group's name takes what is left."""
        table = self.query_one("#inbox-table", DataTable)
        width = (table.size.width or self.app.size.width) - 1  # room for a vertical scrollbar
        fixed = {"since": 11, "number": 4, "date": 11, "by": 14, "flags": 3}
        widths = {key: max(size, len(labels[key])) for key, size in fixed.items()}
        rest = width - sum(widths.values()) - len(COLUMNS) * 2 * table.cell_padding
        longest = max([len(item.group_name) for item in self.items or []] + [len(labels["group"])])
        return {
            "since": widths["since"],
            "group": max(12, min(longest, rest)),
            **{k: widths[k] for k in ("number", "date", "by", "flags")},
        }

    def on_resize(self) -> None:
        if self.is_mounted and self.items is not None:
            self.relabel()

    def on_screen_resume(self) -> None:
        """Shown first, or again after a review (a log may have left the inbox)."""
        self.action_reload()

    def action_reload(self) -> None:
        if self.items is None:
            self.query_one("#inbox-table", DataTable).loading = True
        self._read(self.status)

    @work(thread=True, exclusive=True, group="inbox")
    def _read(self, status: str) -> None:
        items = self.service.inbox(status)
        self.app.call_from_thread(self._items_read, items)

    def _items_read(self, items: list[InboxItem]) -> None:
        if not self.is_mounted:
            return
        self.items = items
        table = self.query_one("#inbox-table", DataTable)
        table.loading = False
        self.relabel()
        table.focus()

    def selected(self) -> InboxItem | None:
        table = self.query_one("#inbox-table", DataTable)
        if not self.items or table.cursor_row < 0:
            return None
        return self.items[table.cursor_row]

    @on(DataTable.RowSelected, "#inbox-table")
    def _row_selected(self) -> None:
        self.action_open_review()

    def action_open_review(self) -> None:
        from kelompok.tui.screens.review import ReviewScreen

        item = self.selected()
        if item is not None:
            self.open_screen(ReviewScreen, item.group_dir, item.number)

    def identity_changed(self) -> None:
        # F4: the other role's logs are waiting for it.
        if self.is_mounted:
            self.action_reload()

    def group_changed(self, change: Change) -> None:
        if self.is_current:
            self.action_reload()

    def action_back(self) -> None:
        self.app.pop_screen()
