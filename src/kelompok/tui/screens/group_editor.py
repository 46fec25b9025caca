"""The group editor: change a group after it was created (docs/ARCHITECTURE.md, "Where things go").

    ┌ purpose · schedule ─────────────────────────────────────────────────────────────┐
    │ Seat  Code  Name        Nicknames  Consent              Status                  │
    │ 1     P1    Bu Painem   Bu Nem     complete             active                  │
    │ 4     P4    Ibu Sumi               missing: be noted    active                  │
    └ Not saved: 2 changes · Ctrl+S save · Ctrl+Z undo ───────────────────────────────┘

Every change (a member's consent, names, a new member, a member who left, a seat, the purpose and
schedule) is made to a copy of the group and can be undone (Ctrl+Z) until it is saved; Ctrl+S
saves them all as one audited unit of work (`GroupService.replace_group`). The rules that keep the
history true (codes never change, nothing is removed) live in `sessions/group_edit.py`. Leaving
with unsaved changes asks first, on the "keep editing" button. Erasing a member (`forget`, UU PDP)
writes at once after a confirmation that lists what will change, so it needs a saved editor.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from kelompok.i18n import format_date, t
from kelompok.service import Change
from kelompok.sessions.consent import missing_for
from kelompok.sessions.fileio import DataError
from kelompok.sessions.group_edit import (
    GroupEditError,
    add_member,
    changes,
    move_seat,
    propose_code,
    retire,
    return_member,
)
from kelompok.sessions.models import Group, Member
from kelompok.tui.safe_text import plain
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.widgets.footer import TranslatedFooter


@dataclass(frozen=True)
class _Step:
    """One change made in the editor: the group as it was before, and what the change was."""

    before: Group
    what: str


class GroupEditorScreen(KelompokScreen):
    HELP_TOPIC = "group"
    BINDINGS = [
        Binding("escape", "back", "group_editor.keys.back"),
        Binding("ctrl+s", "save", "group_editor.keys.save"),
        Binding("ctrl+z", "undo", "group_editor.keys.undo"),
        Binding("enter", "edit_member", "group_editor.keys.edit", show=False),
        Binding("a", "add_member", "group_editor.keys.add"),
        Binding("k", "retire", "group_editor.keys.retire"),
        Binding("g", "details", "group_editor.keys.details"),
        Binding("left_square_bracket", "seat(-1)", "group_editor.keys.seat_up", key_display="["),
        Binding("right_square_bracket", "seat(1)", "group_editor.keys.seat_down", key_display="]"),
        Binding("f", "forget", "group_editor.keys.forget"),
    ]
    CSS_PATH = "group_editor.tcss"

    def __init__(self, group_dir: Path, read_only: bool = False) -> None:
        super().__init__()
        from kelompok.sessions.store import load_group, session_numbers

        self.group_dir = group_dir
        self.saved: Group = load_group(group_dir)  # a DataError here is shown by open_screen
        self.draft: Group = self.saved.model_copy(deep=True)
        self.steps: list[_Step] = []
        """What was changed since the last save, oldest first (Ctrl+Z takes the last back)."""
        self.read_only = read_only
        self.last_session = max(session_numbers(group_dir), default=0)

    # ── layout ──

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="editor-info")
        yield DataTable(id="editor-members", cursor_type="row", zebra_stripes=True)
        yield Static(id="editor-state")
        yield TranslatedFooter()

    def on_mount(self) -> None:
        self.relabel()
        self.query_one("#editor-members", DataTable).focus()

    @property
    def dirty(self) -> bool:
        return bool(changes(self.saved, self.draft))

    def relabel(self) -> None:
        super().relabel()
        group = self.draft
        self.sub_title = t("group_editor.subtitle", group=group.name)
        unset = t("group_editor.unset")
        info = Text(t("group_editor.purpose", text=group.purpose or unset) + "\n")
        info.append(
            t(
                "group_editor.schedule",
                frequency=group.frequency or unset,
                planned=group.planned_sessions or unset,
                minutes=group.session_minutes or unset,
                next=format_date(group.next_date) if group.next_date else unset,
            )
        )
        self.query_one("#editor-info", Static).update(plain(info.plain))
        self._fill_table()
        self._show_state()

    def _fill_table(self) -> None:
        table = self.query_one("#editor-members", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        for key in ("seat", "code", "name", "nicknames", "consent", "status"):
            table.add_column(t(f"group_editor.col_{key}"), key=key)
        old = {m.code for m in self.saved.members}
        for seat, code in enumerate(self.draft.seat_order(), start=1):
            member = self.draft.member(code)
            if member is None:
                continue
            table.add_row(
                str(seat), code, plain(member.name), plain(", ".join(member.nicknames)),
                self._consent_text(member), self._status_text(member, new=code not in old), key=code,
            )  # fmt: skip
        if table.row_count:
            table.move_cursor(row=min(max(keep, 0), table.row_count - 1))

    @staticmethod
    def _consent_text(member: Member) -> str:
        if member.forgotten:
            return "—"
        missing = missing_for(member)
        if missing:
            return t("group_editor.consent_missing", what=", ".join(t(f"group_editor.need.{m}") for m in missing))
        return t("group_editor.consent_declined") if member.consent.declined_noting else t("group_editor.consent_ok")

    @staticmethod
    def _status_text(member: Member, *, new: bool) -> str:
        if member.forgotten:
            return t("group_editor.status_forgotten")
        if member.left is not None:
            return t("group_editor.status_left", number=member.left)
        if new:
            return t("group_editor.status_new", joined=member.joined or 1)
        return t("group_editor.status_active")

    def _show_state(self) -> None:
        state = self.query_one("#editor-state", Static)
        if self.read_only:
            state.update(t("group_editor.read_only"))
        elif self.dirty:
            state.update(t("group_editor.unsaved", count=len(self.steps)))
        else:
            state.update(t("group_editor.saved_state"))
        state.set_class(self.dirty, "-unsaved")

    # ── changing the copy (each step undoable) ──

    def _change(self, what: str, change: Callable[[Group], object]) -> bool:
        """Apply one change to the copy; a refused change leaves the copy as it was."""
        before = self.draft.model_copy(deep=True)
        try:
            change(self.draft)
            # The whole copy must still be a valid group (codes, seating), as the save will check.
            self.draft = Group.model_validate(self.draft.model_dump(by_alias=True))
        except (GroupEditError, ValueError) as error:
            self.draft = before
            self.notify(str(error), severity="warning", timeout=8)
            return False
        self.steps.append(_Step(before, what))
        self.relabel()
        return True

    def _selected(self) -> Member | None:
        table = self.query_one("#editor-members", DataTable)
        if table.row_count == 0 or table.cursor_row < 0:
            self.notify(t("group_editor.no_selection"), severity="warning")
            return None
        code = str(table.get_row_at(table.cursor_row)[1])
        return self.draft.member(code)

    @on(DataTable.RowSelected, "#editor-members")
    def _row_selected(self) -> None:
        self.action_edit_member()

    def action_edit_member(self) -> None:
        from kelompok.tui.dialogs.group_edit import MemberDialog

        member = self._selected()
        if member is None:
            return
        if member.forgotten:
            self.notify(t("group_editor.forgotten_member", code=member.code), severity="warning")
            return
        code = member.code

        def done(edited: Member | None) -> None:
            if edited is not None and edited != member:
                self._change(t("group_editor.edited", code=code), lambda g: _replace_member(g, edited))

        self.app.push_screen(MemberDialog(member), done)

    def action_add_member(self) -> None:
        from kelompok.tui.dialogs.group_edit import MemberDialog

        code = propose_code(self.draft)
        joined = self.last_session + 1 if self.last_session else None
        proposal = Member(code=code, name="?", joined=joined)

        def done(member: Member | None) -> None:
            if member is not None and self._change(
                t("group_editor.added", code=member.code), lambda g: add_member(g, member)
            ):
                table = self.query_one("#editor-members", DataTable)
                table.move_cursor(row=table.get_row_index(member.code))

        self.app.push_screen(MemberDialog(proposal, new=True), done)

    def action_retire(self) -> None:
        """Mark the member as having left (asks the last session); on a member who left: back in."""
        from kelompok.tui.dialogs.group_edit import RetireDialog

        member = self._selected()
        if member is None or member.forgotten:
            return
        code = member.code
        if member.left is not None:
            self._change(t("group_editor.returned_member", code=code), lambda g: return_member(g, code))
            return

        def done(number: int | None) -> None:
            if number is not None:
                self._change(
                    t("group_editor.retired_member", code=code, number=number), lambda g: retire(g, code, number)
                )

        self.app.push_screen(RetireDialog(code, self.last_session or None), done)

    def action_seat(self, step: int) -> None:
        member = self._selected()
        if member is None:
            return
        code = member.code
        if self._change(t("group_editor.moved", code=code), lambda g: move_seat(g, code, step)):
            table = self.query_one("#editor-members", DataTable)
            table.move_cursor(row=table.get_row_index(code))

    def action_details(self) -> None:
        from kelompok.tui.dialogs.group_edit import GroupDetails, GroupDetailsDialog

        g = self.draft
        current = GroupDetails(g.purpose, g.frequency, g.planned_sessions, g.session_minutes, g.next_date)

        def done(details: GroupDetails | None) -> None:
            if details is not None and details != current:
                self._change(t("group_editor.details_changed"), lambda group: _set_details(group, details))

        self.app.push_screen(GroupDetailsDialog(current), done)

    def action_undo(self) -> None:
        if not self.steps:
            self.notify(t("group_editor.nothing_to_undo"))
            return
        step = self.steps.pop()
        self.draft = step.before
        self.relabel()
        self.notify(t("group_editor.undone", what=step.what))

    # ── saving, leaving ──

    def action_save(self) -> None:
        if self.read_only:
            self.notify(t("group_editor.read_only"), severity="warning", timeout=8)
            return
        if not self.dirty:
            self.notify(t("group_editor.nothing_to_save"))
            return
        name = self.kelompok.user_name
        if name:
            self._save(name)
        else:
            self.kelompok.ask_name(self._save)

    def _save(self, who: str) -> None:
        count = len(self.steps)
        try:
            saved = self.service.replace_group(self.group_dir, self.saved, self.draft, who, self.kelompok.now())
        except (DataError, OSError, ValueError) as error:  # ValueError: GroupEditError, or pydantic refused the copy
            self.notify(t("group_editor.not_saved", error=error), severity="error", timeout=12)
            return
        self.saved, self.draft, self.steps = saved, saved.model_copy(deep=True), []
        self.relabel()
        self.notify(t("group_editor.saved", count=count))

    def action_back(self) -> None:
        self.close_or_ask(self.dirty, area="group_editor")

    # ── erasing a member (issue 11 §6) ──

    def action_forget(self) -> None:
        from kelompok.sessions.forget import ForgetError, plan_forget, synced_workspace
        from kelompok.tui.dialogs.confirm import ConfirmDialog

        if self.read_only:
            self.notify(t("group_editor.read_only"), severity="warning", timeout=8)
            return
        if self.dirty:
            self.notify(t("group_editor.forget_unsaved"), severity="warning", timeout=8)
            return
        member = self._selected()
        if member is None:
            return
        try:
            plan = plan_forget(self.group_dir, member.code)
        except (ForgetError, DataError) as error:
            self.notify(str(error), severity="warning", timeout=10)
            return
        shown = 12
        lines = [f"{change.path.relative_to(self.group_dir)}: {change.place}" for change in plan.changes[:shown]]
        if len(plan.changes) > shown:
            lines.append(t("group_editor.forget_more", count=len(plan.changes) - shown))
        question = t(
            "group_editor.forget_question",
            code=plan.code,
            count=len(plan.changes),
            files=len(plan.files),
            lines="\n".join(lines),
        )
        synced = synced_workspace(self.group_dir)
        if synced is not None:
            question += "\n\n" + t("group_editor.forget_synced", path=synced)

        def answered(erase: bool | None) -> None:
            if not erase:
                return
            name = self.kelompok.user_name or "kelompok"
            try:
                written = self.service.forget(self.group_dir, plan, name, self.kelompok.now())
            except (DataError, OSError, ValueError) as error:
                self.notify(t("group_editor.not_saved", error=error), severity="error", timeout=12)
                return
            self._reread()
            self.notify(t("group_editor.forgot", code=plan.code, files=len(written)))

        self.app.push_screen(
            ConfirmDialog(question, yes=t("group_editor.forget_yes"), no=t("group_editor.forget_no")), answered
        )

    def _reread(self) -> None:
        self.saved = self.service.group(self.group_dir)
        self.draft, self.steps = self.saved.model_copy(deep=True), []
        self.relabel()

    def group_changed(self, change: Change) -> None:
        # Another screen saved this group (e.g. the samples, a sync): take it in when nothing here is unsaved.
        if change.group_dir == self.group_dir and change.what not in ("group", "forget") and not self.dirty:
            try:
                self._reread()
            except DataError:
                pass

    def screen_commands(self) -> Iterable[SystemCommand]:
        """Every verb of the editor (the footer at 80 columns shows the first few)."""
        for verb, action in (
            ("save", self.action_save),
            ("undo", self.action_undo),
            ("edit", self.action_edit_member),
            ("add", self.action_add_member),
            ("retire", self.action_retire),
            ("details", self.action_details),
            ("seat_up", lambda: self.action_seat(-1)),
            ("seat_down", lambda: self.action_seat(1)),
            ("forget", self.action_forget),
        ):
            yield SystemCommand(t(f"group_editor.commands.{verb}"), t(f"group_editor.commands.{verb}_help"), action)


def _replace_member(group: Group, member: Member) -> None:
    for index, old in enumerate(group.members):
        if old.code == member.code:
            group.members[index] = member
            return
    raise GroupEditError(t("group_editor.no_member", code=member.code))


def _set_details(group: Group, details: object) -> None:
    for name in ("purpose", "frequency", "planned_sessions", "session_minutes", "next_date"):
        setattr(group, name, getattr(details, name))
