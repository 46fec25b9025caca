"""The agenda editor of the plan screen: timed blocks in a table, with a running total.

Keys (when the table has focus): `a` add a block after the cursor, Enter or `e` edit it, Delete
or `d` remove it, Shift+↑/↓ move it, `+`/`-` five minutes more or less, `t` agenda from the type's
template. The line under the table adds the minutes up against the session length and turns to
the warning colour when the agenda is longer.

The editor keeps its own list of blocks and tells the screen with `AgendaChanged` (the screen keeps
the undo history and writes the files).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from kelompok.i18n import get_language, t
from kelompok.sessions.catalog import load_catalog
from kelompok.sessions.models import AgendaBlock
from kelompok.tui.dialogs.agenda_block import AgendaBlockDialog


def _copy(blocks: list[AgendaBlock]) -> list[AgendaBlock]:
    return [block.model_copy(deep=True) for block in blocks]


class AgendaTable(DataTable):
    """The agenda's table; its keys edit the agenda (the editor does the work)."""

    BINDINGS = [
        Binding("a,insert", "add_block", "plan.keys.add_block"),
        Binding("e", "edit_block", "plan.keys.edit_block"),
        Binding("delete,d", "remove_block", "plan.keys.remove_block"),
        Binding("shift+up", "move_block(-1)", "plan.keys.move_up", show=False),
        Binding("shift+down", "move_block(1)", "plan.keys.move_down", show=False),
        Binding("plus,equals_sign", "adjust_minutes(5)", "plan.keys.more_minutes", show=False),
        Binding("minus", "adjust_minutes(-5)", "plan.keys.fewer_minutes", show=False),
        Binding("t", "template", "plan.keys.template", show=False),
    ]

    def _editor(self) -> AgendaEditor:
        return self.query_ancestor(AgendaEditor)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_block", "edit_block", "remove_block", "move_block", "adjust_minutes", "template"):
            # Dimmed in the footer when the plan is read-only (the keys then only explain why).
            return None if self._editor().read_only else True
        return True

    def action_add_block(self) -> None:
        self._editor().add_block()

    def action_edit_block(self) -> None:
        self._editor().edit_block()

    def action_remove_block(self) -> None:
        self._editor().remove_block()

    def action_move_block(self, step: int) -> None:
        self._editor().move_block(step)

    def action_adjust_minutes(self, step: int) -> None:
        self._editor().adjust_minutes(step)

    def action_template(self) -> None:
        self._editor().post_message(AgendaEditor.TemplateRequested(self._editor()))


class AgendaEditor(Widget):
    """Add, remove, move and edit agenda blocks; shows the total against the session length."""

    DEFAULT_CSS = """
    AgendaEditor {
        height: 1fr;
    }
    AgendaEditor > AgendaTable {
        height: 1fr;
    }
    AgendaEditor > #agenda-total {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    AgendaEditor.-over > #agenda-total {
        color: $warning;
        text-style: bold;
    }
    AgendaEditor > #agenda-keys {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    """

    class AgendaChanged(Message):
        """The blocks changed (added, removed, moved, edited, undone)."""

        def __init__(self, editor: AgendaEditor) -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> AgendaEditor:
            return self.editor

    class TemplateRequested(Message):
        """The facilitator asked for the type's template agenda (the screen knows the group)."""

        def __init__(self, editor: AgendaEditor) -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> AgendaEditor:
            return self.editor

    def __init__(
        self, blocks: list[AgendaBlock] | None = None, session_minutes: int | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.blocks: list[AgendaBlock] = _copy(blocks or [])
        self.session_minutes = session_minutes
        self.read_only = False

    def compose(self) -> ComposeResult:
        yield AgendaTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="agenda-total")
        yield Static(id="agenda-keys")

    def on_mount(self) -> None:
        self.relabel()

    # ── what the screen uses ─────────────────────────────────────────────────────────────────

    @property
    def table(self) -> AgendaTable:
        return self.query_one(AgendaTable)

    @property
    def cursor(self) -> int:
        """Index of the block under the cursor (0 when the agenda is empty)."""
        return max(self.table.cursor_row, 0) if self.blocks else 0

    @property
    def total(self) -> int:
        return sum(block.minutes for block in self.blocks)

    def set_session_minutes(self, minutes: int | None) -> None:
        if minutes != self.session_minutes:
            self.session_minutes = minutes
            self._show_total()

    def replace_blocks(self, blocks: list[AgendaBlock]) -> None:
        """Put a whole new agenda in, as an edit (the screen hears `AgendaChanged`)."""
        self._change(lambda: setattr(self, "blocks", _copy(blocks)), cursor=0)

    def load(self, blocks: list[AgendaBlock]) -> None:
        """Show these blocks without telling anyone (loading a plan, undo)."""
        if blocks != self.blocks:
            self.blocks = _copy(blocks)
            self._fill()

    def relabel(self) -> None:
        table = self.table
        cursor = table.cursor_row
        table.clear(columns=True)
        for key in ("number", "minutes", "title", "activity", "method", "roles", "materials", "output"):
            table.add_column(t(f"plan.agenda.col_{key}"), key=key)
        self._fill(cursor)
        self.query_one("#agenda-keys", Static).update(t("plan.agenda.keys"))

    # ── editing ──────────────────────────────────────────────────────────────────────────────

    def _writable(self) -> bool:
        if self.read_only:
            self.notify(t("plan.read_only_short"), severity="warning")
        return not self.read_only

    def _change(self, change, cursor: int | None = None) -> None:  # type: ignore[no-untyped-def]
        before = _copy(self.blocks)
        change()
        if self.blocks == before:
            return
        self._fill(self.cursor if cursor is None else cursor)
        self.post_message(self.AgendaChanged(self))

    def add_block(self) -> None:
        if not self._writable():
            return
        position = self.cursor + 1 if self.blocks else 0

        def added(block: AgendaBlock | None) -> None:
            if block is not None:
                self._change(lambda: self.blocks.insert(position, block), cursor=position)

        self.app.push_screen(AgendaBlockDialog(None), added)

    def edit_block(self) -> None:
        if not self.blocks:
            self.add_block()
            return
        if not self._writable():
            return
        index = self.cursor

        def edited(block: AgendaBlock | None) -> None:
            if block is not None:
                self._change(lambda: self.blocks.__setitem__(index, block), cursor=index)

        self.app.push_screen(AgendaBlockDialog(self.blocks[index]), edited)

    def remove_block(self) -> None:
        if not self.blocks or not self._writable():
            return
        index = self.cursor
        self._change(lambda: self.blocks.pop(index), cursor=min(index, len(self.blocks) - 2))
        self.notify(t("plan.agenda.removed"), timeout=3)

    def move_block(self, step: int) -> None:
        if not self.blocks or not self._writable():
            return
        index = self.cursor
        target = index + step
        if not 0 <= target < len(self.blocks):
            return

        def move() -> None:
            self.blocks[index], self.blocks[target] = self.blocks[target], self.blocks[index]

        self._change(move, cursor=target)

    def adjust_minutes(self, step: int) -> None:
        if not self.blocks or not self._writable():
            return
        index = self.cursor
        block = self.blocks[index]
        minutes = min(max(block.minutes + step, 1), 24 * 60)

        def adjust() -> None:
            self.blocks[index] = block.model_copy(update={"minutes": minutes})

        self._change(adjust, cursor=index)

    # ── drawing ──────────────────────────────────────────────────────────────────────────────

    def _fill(self, cursor: int | None = None) -> None:
        table = self.table
        keep = table.cursor_row if cursor is None else cursor
        table.clear()
        catalog = load_catalog()
        lang = get_language()
        for number, block in enumerate(self.blocks, start=1):
            roles = ", ".join(catalog.role(role).label.get(lang) for role in block.roles)
            # Text, not str: the facilitator's words are shown as typed, never read as markup.
            cells = (block.title, block.activity, block.method, roles, block.materials, block.output)
            table.add_row(str(number), str(block.minutes), *(Text(cell) for cell in cells))
        if self.blocks:
            table.move_cursor(row=min(max(keep, 0), len(self.blocks) - 1))
        self._show_total()

    def _show_total(self) -> None:
        total, session = self.total, self.session_minutes
        if session is None:
            text = t("plan.agenda.total_only", total=total)
            over = False
        elif total > session:
            text = t("plan.agenda.total_over", total=total, session=session, over=total - session)
            over = True
        else:
            text = t("plan.agenda.total_within", total=total, session=session, left=session - total)
            over = False
        self.set_class(over, "-over")
        self.query_one("#agenda-total", Static).update(text)

    def total_text(self) -> str:
        """The running-total line as shown (tests read it)."""
        return str(self.query_one("#agenda-total", Static).content)

    def rows(self) -> list[list[str]]:
        """The table's cells as shown (tests read them)."""
        table = self.table
        return [[str(cell) for cell in table.get_row_at(index)] for index in range(table.row_count)]

    @on(DataTable.RowSelected, "#agenda-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.edit_block()
