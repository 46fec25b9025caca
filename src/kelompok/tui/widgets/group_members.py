"""The members part of the new-group screen: type members in, see them in seating order, reorder.

Type a code (or leave it empty for the next free `A<n>`) and a name, Enter adds the member at the
end of the circle. In the table: Delete or `d` removes the member under the cursor, Shift+↑/↓
moves them one seat, `c` records (or withdraws) their consent to recording interaction. The table's order is the seating order the sociograms keep.
The widget keeps the list; the screen hears `MembersChanged` and does the saving.
"""

from __future__ import annotations


from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Static

from kelompok.i18n import t
from kelompok.sessions.models import Member, is_member_code


class MembersTable(DataTable):
    """Members in seating order; its keys remove and move (the editor does the work)."""

    BINDINGS = [
        Binding("delete,d", "remove_member", "new_group.keys.remove_member"),
        Binding("shift+up", "move_member(-1)", "new_group.keys.move_up"),
        Binding("shift+down", "move_member(1)", "new_group.keys.move_down"),
        Binding("c", "toggle_consent", "new_group.keys.consent"),
    ]

    def action_toggle_consent(self) -> None:
        self.query_ancestor(GroupMembersEditor).toggle_consent()

    def action_remove_member(self) -> None:
        self.query_ancestor(GroupMembersEditor).remove_member()

    def action_move_member(self, step: int) -> None:
        self.query_ancestor(GroupMembersEditor).move_member(step)


class GroupMembersEditor(Widget):
    DEFAULT_CSS = """
    GroupMembersEditor {
        height: 1fr;
    }
    GroupMembersEditor > #member-entry {
        height: auto;
    }
    GroupMembersEditor #member-code {
        width: 14;
    }
    GroupMembersEditor #member-name {
        width: 1fr;
    }
    GroupMembersEditor #add-member {
        min-width: 10;
        width: auto;
    }
    GroupMembersEditor > MembersTable {
        height: 1fr;
    }
    GroupMembersEditor > #members-summary {
        height: auto;
        padding: 0 1;
        background: $boost;
    }
    GroupMembersEditor > #members-error {
        height: auto;
        padding: 0 1;
        color: $error;
    }
    """

    class MembersChanged(Message):
        """Members were added, removed or reseated."""

        def __init__(self, editor: GroupMembersEditor) -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> GroupMembersEditor:
            return self.editor

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.members: list[Member] = []
        """In seating order (the table's order)."""
        self.guidance: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="member-entry"):
            yield Input(id="member-code", max_length=16)
            yield Input(id="member-name")
            yield Button(id="add-member")
        yield MembersTable(id="members", cursor_type="row", zebra_stripes=True)
        yield Static(id="members-error")
        yield Static(id="members-summary")

    def on_mount(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        self.query_one("#member-code", Input).placeholder = t("new_group.member_code")
        self.query_one("#member-name", Input).placeholder = t("new_group.member_name")
        self.query_one("#add-member", Button).label = t("new_group.add_member")
        table = self.query_one(MembersTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        for key in ("seat", "code", "name", "consent", "attributes"):
            table.add_column(t(f"new_group.col_{key}"), key=key)
        self._fill(cursor)

    @property
    def seating(self) -> list[str]:
        return [m.code for m in self.members]

    def set_guidance(self, size_min: int, size_max: int) -> None:
        if self.guidance != (size_min, size_max):
            self.guidance = (size_min, size_max)
            self._summary()

    def next_code(self) -> str:
        taken = {m.code for m in self.members}
        number = len(self.members) + 1
        while f"A{number}" in taken:
            number += 1
        return f"A{number}"

    def _show_error(self, text: str) -> None:
        self.query_one("#members-error", Static).update(Content(text))

    def add_member(self, code: str, name: str) -> bool:
        """Add a member at the end of the circle; False (and the reason shown) when it cannot."""
        code, name = code.strip() or self.next_code(), " ".join(name.split())
        if not name:
            self._show_error(t("new_group.need_member_name"))
            return False
        if not is_member_code(code):
            self._show_error(t("new_group.bad_member_code", code=code))
            return False
        if any(m.code == code for m in self.members):
            self._show_error(t("new_group.member_code_taken", code=code))
            return False
        self.members.append(Member(code=code, name=name))
        self._changed(len(self.members) - 1)
        return True

    def add_members(self, members: list[Member]) -> list[str]:
        """Add imported members unless a code is taken; returns the taken codes (nothing added then)."""
        taken = sorted({m.code for m in members} & {m.code for m in self.members})
        if taken:
            return taken
        self.members.extend(members)
        self._changed(len(self.members) - 1)
        return []

    def remove_member(self) -> None:
        table = self.query_one(MembersTable)
        if not self.members:
            return
        index = max(table.cursor_row, 0)
        self.members.pop(index)
        self._changed(min(index, len(self.members) - 1))

    def move_member(self, step: int) -> None:
        table = self.query_one(MembersTable)
        index = max(table.cursor_row, 0)
        target = index + step
        if not self.members or not 0 <= target < len(self.members):
            return
        self.members[index], self.members[target] = self.members[target], self.members[index]
        self._changed(target)

    def toggle_consent(self) -> None:
        """Record that the member under the cursor agreed to recording (or no longer agrees)."""
        table = self.query_one(MembersTable)
        if not self.members:
            return
        index = max(table.cursor_row, 0)
        member = self.members[index]
        from kelompok.tui.screens.base import kelompok_app

        today = kelompok_app(self).now().date()
        consent = member.consent.model_copy(update={"recording": not member.consent.recording, "date": today})
        self.members[index] = member.model_copy(update={"consent": consent})
        self._changed(index)

    def _changed(self, cursor: int) -> None:
        self._show_error("")
        self._fill(cursor)
        self.post_message(self.MembersChanged(self))

    def _fill(self, cursor: int | None = None) -> None:
        table = self.query_one(MembersTable)
        keep = table.cursor_row if cursor is None else cursor
        table.clear()
        for seat, member in enumerate(self.members, start=1):
            attributes = ", ".join(f"{key}: {value}" for key, value in member.attributes.items())
            consent = t("new_group.consent_yes") if member.consent.recording else t("new_group.consent_no")
            table.add_row(str(seat), Text(member.code), Text(member.name), consent, Text(attributes))
        if self.members:
            table.move_cursor(row=min(max(keep, 0), len(self.members) - 1))
        self._summary()

    def _summary(self) -> None:
        count = len(self.members)
        if self.guidance is None:
            text = t("new_group.members_count", count=count)
        else:
            low, high = self.guidance
            text = t("new_group.members_count_guidance", count=count, min=low, max=high)
        self.query_one("#members-summary", Static).update(Content(text + "  " + t("new_group.members_keys")))

    @on(Input.Submitted, "#member-code")
    def _code_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one("#member-name", Input).focus()

    @on(Input.Submitted, "#member-name")
    @on(Button.Pressed, "#add-member")
    def _add_entered(self, event: Input.Submitted | Button.Pressed) -> None:
        event.stop()
        code_input = self.query_one("#member-code", Input)
        name_input = self.query_one("#member-name", Input)
        if self.add_member(code_input.value, name_input.value):
            code_input.value = ""
            name_input.value = ""
            code_input.focus()
