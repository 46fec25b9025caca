"""Before the clock starts: attendance, interaction coding, and when a silence is worth a highlight.

A typed modal screen: it returns an `AttendanceChoice` (Enter) or None (Esc, nothing recorded).

Keys: ↑↓ choose a member; Space cycles present → late → absent → excused; 1–4 set one directly;
r types a reason (Enter keeps it, Esc drops the edit); F6 flags the reason for safety follow-up
(it reveals a safeguarding event, e.g. a child who has not come back to the dorm); c cycles the coding (off, three valences,
the 12 Bales categories); m cycles the silence highlight; Enter starts the session.

A present or late member who lacks the consent the session needs (sessions.consent) is named by
code in a warning line. It warns and never blocks: the consent may be on paper, and a member who
declined to be noted still attends (the Recorder then notes none of their acts).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from kelompok.i18n import format_date, t
from kelompok.sessions.models import Attendance, Group, Session
from kelompok.tui.safe_text import clean, plain
from kelompok.tui.dialogs.help import HelpDialog
from kelompok.tui.widgets.footer import TranslatedFooter

STATUSES = ("present", "late", "absent", "excused")
CODINGS = ("off", "valence", "ipa")
SILENT_CHOICES = (5, 10, 15, 20, 30)


@dataclass(frozen=True)
class AttendanceChoice:
    """What the facilitator chose before the start."""

    attendance: list[Attendance]
    coding: str
    silent_minutes: int


@dataclass
class _Row:
    key: str
    code: str
    name: str
    status: str
    reason: str
    safety: bool = False


class AttendanceScreen(ModalScreen[AttendanceChoice | None]):
    CSS_PATH = "attendance.tcss"
    BINDINGS = [
        Binding("space", "cycle_status", "live.keys.status"),
        Binding("1", "set_status('present')", show=False),
        Binding("2", "set_status('late')", show=False),
        Binding("3", "set_status('absent')", show=False),
        Binding("4", "set_status('excused')", show=False),
        Binding("r", "reason", "live.keys.reason"),
        Binding("f6", "toggle_safety", "privacy.keys.flag_reason", show=False),
        Binding("c", "cycle_coding", "live.keys.coding"),
        Binding("m", "cycle_silent", "live.keys.silent"),
        Binding("escape", "cancel", "live.keys.cancel"),
        Binding("f1", "help", "keys.help"),
    ]

    def __init__(
        self,
        group: Group,
        session: Session,
        members: list[tuple[str, str]],
        *,
        silent_minutes: int = 10,
        date: dt.date | None = None,
    ) -> None:
        """`members` are (key, code) pairs in seat order: the members of the group at this session.

        `date` is the day the session is recorded (today), shown in the title; the planned date otherwise.
        """
        super().__init__()
        self.group = group
        self.session = session
        self.date = date or session.date
        self.coding = session.coding
        self.silent_minutes = silent_minutes
        taken = {a.member: a for a in session.attendance}
        self.rows: list[_Row] = []
        for key, code in members:
            member = group.member(code)
            entry = taken.get(code)
            self.rows.append(
                _Row(
                    key,
                    code,
                    member.name if member else code,
                    entry.status if entry else "present",
                    entry.reason if entry else "",
                    entry.safety if entry else False,
                )  # fmt: skip
            )

    def compose(self) -> ComposeResult:
        with Vertical(id="attendance"):
            yield Static(id="attendance-title")
            yield Static(id="attendance-plan")
            yield DataTable(id="attendance-table", cursor_type="row", zebra_stripes=True)
            # The whole reason of the member under the cursor: the table's column cuts long ones.
            yield Static(id="attendance-detail")
            yield Input(id="attendance-reason")
            yield Static(id="attendance-consent")
            yield Static(id="attendance-options")
            yield Static(id="attendance-hint")
        yield TranslatedFooter()

    def on_mount(self) -> None:
        from kelompok.tui.screens.base import kelompok_app

        self.relabel()
        self.query_one("#attendance-table", DataTable).focus()
        kelompok_app(self).language_changed.subscribe(self, lambda _lang: self._relabel_with_footer())

    def _relabel_with_footer(self) -> None:
        self.relabel()
        for footer in self.query("TranslatedFooter"):
            footer.refresh(recompose=True)

    # ── drawing ──

    def relabel(self) -> None:
        session = self.session
        self.query_one("#attendance-title", Static).update(
            plain(t("live.attendance.title", group=self.group.name, number=session.number, date=format_date(self.date)))
        )
        plan = session.plan
        if plan.agenda:
            plan_text = t("live.attendance.plan", blocks=len(plan.agenda), minutes=plan.agenda_minutes())
        else:
            plan_text = t("live.attendance.no_plan")
        self.query_one("#attendance-plan", Static).update(plan_text)
        table = self.query_one("#attendance-table", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        table.add_column(t("live.attendance.col_key"), key="key")
        table.add_column(t("live.attendance.col_name"), key="name")
        table.add_column(t("live.attendance.col_code"), key="code")
        table.add_column(t("live.attendance.col_status"), key="status")
        table.add_column(t("live.attendance.col_reason"), key="reason")
        for row in self.rows:
            table.add_row(
                row.key, plain(row.name), row.code, t(f"live.status.{row.status}"), self._reason_cell(row), key=row.code
            )
        if self.rows:
            table.move_cursor(row=max(0, min(cursor, len(self.rows) - 1)))
        self._show_options()
        self._show_consent()
        self.query_one("#attendance-hint", Static).update(t("live.attendance.hint"))
        self._show_detail()

    def _reason_cell(self, row: _Row) -> str:
        return plain(f"⚑ {row.reason}" if row.safety else row.reason)

    def missing_consent(self) -> list[str]:
        """Codes of present or late members who lack the consent this session needs."""
        from kelompok.sessions.consent import missing_in_codes

        present = [row.code for row in self.rows if row.status in ("present", "late")]
        return [gap.member for gap in missing_in_codes(self.group, present)]

    def _show_consent(self) -> None:
        from kelompok.sessions.consent import missing_in_codes

        present = [row.code for row in self.rows if row.status in ("present", "late")]
        lines = [
            t(
                "privacy.attendance_missing",
                code=gap.member,
                needs=", ".join(t(f"privacy.consent_need.{n}") for n in gap.missing),
            )
            for gap in missing_in_codes(self.group, present)
        ]
        widget = self.query_one("#attendance-consent", Static)
        widget.update("\n".join(lines))
        widget.set_class(bool(lines), "-shown")

    def _show_options(self) -> None:
        self.query_one("#attendance-options", Static).update(
            t("live.attendance.coding", coding=t(f"live.coding.{self.coding}"))
            + "\n"
            + t("live.attendance.silent", minutes=self.silent_minutes)
        )

    def _current(self) -> _Row | None:
        table = self.query_one("#attendance-table", DataTable)
        if not self.rows or table.cursor_row < 0:
            return None
        return self.rows[table.cursor_row]

    def _update_row(self, row: _Row) -> None:
        table = self.query_one("#attendance-table", DataTable)
        table.update_cell(row.code, "status", t(f"live.status.{row.status}"))
        table.update_cell(row.code, "reason", self._reason_cell(row))
        self._show_consent()
        self._show_detail()

    @on(DataTable.RowHighlighted, "#attendance-table")
    def _show_detail(self) -> None:
        """The full reason of the member under the cursor, on its own line below the table."""
        row = self._current()
        detail = self.query_one("#attendance-detail", Static)
        if row is None or not row.reason:
            detail.remove_class("-shown")
            return
        detail.update(
            plain(t("flows.attendance.reason_line", code=row.code, name=row.name, reason=self._reason_cell(row).plain))
        )
        detail.add_class("-shown")

    # ── actions ──

    def action_cycle_status(self) -> None:
        row = self._current()
        if row is not None:
            self.action_set_status(STATUSES[(STATUSES.index(row.status) + 1) % len(STATUSES)])

    def action_set_status(self, status: str) -> None:
        row = self._current()
        if row is None or status not in STATUSES:
            return
        row.status = status
        self._update_row(row)

    def action_toggle_safety(self) -> None:
        """Flag (or unflag) the current member's reason: it reveals a safeguarding event."""
        row = self._current()
        if row is not None and row.reason:
            row.safety = not row.safety
            self._update_row(row)

    def action_reason(self) -> None:
        row = self._current()
        if row is None:
            return
        field = self.query_one("#attendance-reason", Input)
        field.placeholder = clean(t("live.attendance.reason_for", name=row.name))
        field.value = clean(row.reason)
        self.add_class("-reason")
        field.focus()

    @on(Input.Submitted, "#attendance-reason")
    def _reason_done(self, event: Input.Submitted) -> None:
        row = self._current()
        if row is not None:
            row.reason = event.value.strip()
            self._update_row(row)
        self._close_reason()

    def _close_reason(self) -> None:
        self.remove_class("-reason")
        self.query_one("#attendance-table", DataTable).focus()

    def action_cycle_coding(self) -> None:
        self.coding = CODINGS[(CODINGS.index(self.coding) + 1) % len(CODINGS)]
        self._show_options()

    def action_cycle_silent(self) -> None:
        index = SILENT_CHOICES.index(self.silent_minutes) if self.silent_minutes in SILENT_CHOICES else 0
        self.silent_minutes = SILENT_CHOICES[(index + 1) % len(SILENT_CHOICES)]
        self._show_options()

    @on(DataTable.RowSelected, "#attendance-table")
    def _start(self) -> None:
        self.action_start()

    def action_start(self) -> None:
        attendance = [
            Attendance(member=row.code, status=row.status, reason=row.reason, safety=row.safety and bool(row.reason))
            for row in self.rows
        ]
        self.dismiss(AttendanceChoice(attendance, self.coding, self.silent_minutes))

    def action_cancel(self) -> None:
        if self.has_class("-reason"):
            self._close_reason()
            return
        self.dismiss(None)

    def action_help(self) -> None:
        self.app.push_screen(HelpDialog("live"))
