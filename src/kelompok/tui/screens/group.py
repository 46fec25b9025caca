"""One group: who is in it and its sessions (read by the group service in a thread worker).

From here: record (`l`), plan (`p`, or `n` for the next session), the sociogram, review, export,
and the group report (`r`, written in a worker; the line under the table says where it went).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from kelompok.i18n import format_date, t
from kelompok.service import Change, SessionRow
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.models import Group
from kelompok.sessions.store import load_group
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
        Binding("e", "edit_group", "group_editor.keys.open"),
        Binding("r", "report", "flows.group.key_report"),
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
        self.rows: list[SessionRow] | None = None
        """The sessions as last read (None until the first read is done)."""
        self.cursor_number: int | None = None
        """The session under the cursor, kept across re-reads; None: the latest."""
        self.reporting = False
        """The report is being written (in a worker); `r` waits for it."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="group-info")
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        yield Static(id="sessions-hint")
        yield Static(id="report-line")
        yield TranslatedFooter()

    def on_mount(self) -> None:
        # The table is filled by on_screen_resume, which also runs when the screen first shows.
        self.query_one("#sessions-hint").display = False
        self.query_one("#report-line").display = False
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
        keep = self.selected_number() if table.row_count else self.cursor_number
        table.clear(columns=True)
        table.add_columns(
            t("group.col_number"),
            t("group.col_date"),
            t("group.col_present"),
            t("group.col_acts"),
            t("group.col_state"),
            t("group.col_review"),
        )
        for row in self.rows or []:
            session = row.session
            if session is None:
                problem = row.error.problem if row.error else ""
                table.add_row(
                    str(row.number), "—", "—", "—", plain(t("home.unreadable", error=problem)), "", key=str(row.number)
                )
                continue
            state = t(f"state.{session.state}")
            acts = len(session.acts())
            if row.journal_acts is not None:
                # Interrupted: the acts are in the leftover journal, and opening it recovers them.
                acts, state = row.journal_acts, t("session_row.recoverable", state=state)
            table.add_row(
                str(row.number),
                format_date(session.date),
                str(len(session.present_codes())),
                str(acts),
                state,
                t(f"review.{session.review.status}"),
                key=str(row.number),
            )
        # A group without sessions says what to do next instead of showing an empty table.
        no_sessions = self.rows is not None and not self.rows
        hint = self.query_one("#sessions-hint", Static)
        hint.update(t("flows.group.no_sessions") if no_sessions else "")
        hint.display = no_sessions
        if table.row_count:
            # The latest session by default (what one opens next), else the one chosen before.
            numbers = [row.number for row in self.rows or []]
            table.move_cursor(row=numbers.index(keep) if keep in numbers else len(numbers) - 1)

    def selected_number(self) -> int | None:
        """The session number under the cursor, or None when the group has no sessions."""
        table = self.query_one("#sessions", DataTable)
        if table.row_count == 0 or table.cursor_row < 0:
            return None
        return int(str(table.get_row_at(table.cursor_row)[0]))

    def selected_row(self) -> SessionRow | None:
        number = self.selected_number()
        return next((row for row in self.rows or [] if row.number == number), None)

    def action_live(self) -> None:
        from kelompok.tui.screens.live import LiveScreen

        row = self.selected_row()
        if row is not None and row.session is not None and row.session.locked:
            # A signed-off session is closed for recording; `l` must not quietly open another
            # one in its place. A new session is the explicit `n`.
            self.notify(t("group.live_locked", number=row.number), severity="warning", timeout=8)
            return
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

    def action_edit_group(self) -> None:
        from kelompok.tui.screens.group_editor import GroupEditorScreen

        self.open_screen(GroupEditorScreen, self.group_dir, self.read_only)

    # ── the group report (`r`) ──

    def action_report(self) -> None:
        """Write the group's report (all sessions, member codes) beside the exports; ask before replacing a file."""
        from kelompok.i18n import get_language
        from kelompok.sessions.store import output_refusal
        from kelompok.tui.dialogs.confirm import ConfirmDialog
        from kelompok.tui.report_file import report_path

        if self.reporting:
            self.notify(t("flows.group.report_busy"), timeout=4)
            return
        if not self.rows:
            self.notify(t("flows.group.report_no_sessions"), severity="warning", timeout=6)
            return
        lang = get_language()
        out = report_path(self.group_dir, lang)
        refusal = output_refusal(out)
        if refusal:
            self._report_said(t("flows.group.report_failed", error=refusal), error=True)
            return
        if not out.exists():
            self._start_report(out, lang)
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self._start_report(out, lang)

        question = t("flows.group.report_overwrite", path=out)
        self.app.push_screen(
            ConfirmDialog(question, t("flows.group.overwrite_yes"), t("flows.group.overwrite_no")), answered
        )

    def _start_report(self, out: Path, lang: str) -> None:
        self.reporting = True
        self._report_said(t("flows.group.report_writing", path=out), error=False)
        self._write_report(out, lang, self.kelompok.settings.stage_model)

    @work(thread=True, exclusive=True, group="group-report")
    def _write_report(self, out: Path, lang: str, model: str) -> None:
        from kelompok.outputs import OutputError
        from kelompok.sessions.fileio import DataError
        from kelompok.tui.report_file import write_group_report

        try:
            written = write_group_report(self.group_dir, out, lang=lang, model=model)
        except (OutputError, DataError, OSError) as error:
            self.app.call_from_thread(self._report_finished, None, t("flows.group.report_failed", error=error))
            return
        self.app.call_from_thread(self._report_finished, written, "")

    def _report_finished(self, written: Path | None, error: str) -> None:
        self.reporting = False
        if not self.is_mounted:
            return
        if written is None:
            self._report_said(error, error=True)
            self.notify(error, severity="error", timeout=10)
            return
        done = t("flows.group.report_done", path=written)
        self._report_said(f"{done}\n{t('flows.group.report_folder', folder=written.parent)}", error=False)
        self.notify(done, timeout=8)

    def _report_said(self, text: str, *, error: bool) -> None:
        line = self.query_one("#report-line", Static)
        line.update(plain(text))  # paths are shown literally, never as markup
        line.set_class(error, "-error")
        line.display = True

    def screen_commands(self) -> Iterable[SystemCommand]:
        """Every key of this screen, in words a facilitator would type (\"ekspor\", \"laporan\", \"rencana\")."""
        for name, action in (
            ("live", self.action_live),
            ("plan", self.action_plan),
            ("new_session", self.action_new_session),
            ("sociogram", self.action_sociogram),
            ("review", self.action_review),
            ("export", self.action_export),
            ("report", self.action_report),
            ("back", self.action_back),
        ):
            yield SystemCommand(t(f"flows.group_cmd.{name}"), t(f"flows.group_cmd.{name}_help"), action)
        yield SystemCommand(
            t("group_editor.commands.open"), t("group_editor.commands.open_help"), self.action_edit_group
        )

    def on_screen_resume(self) -> None:
        """Shown first, or again after a child screen (the sessions may have changed)."""
        self.reload()

    def reload(self) -> None:
        if self.rows is None:
            self.query_one("#sessions", DataTable).loading = True
        self._read_sessions()

    @work(thread=True, exclusive=True, group="group-sessions")
    def _read_sessions(self) -> None:
        group, rows = self.service.group(self.group_dir), self.service.session_rows(self.group_dir)
        self.app.call_from_thread(self._sessions_read, group, rows)

    def _sessions_read(self, group: Group, rows: list[SessionRow]) -> None:
        if not self.is_mounted:
            return
        self.group, self.rows = group, rows
        self.query_one("#sessions", DataTable).loading = False
        self.relabel()

    def group_changed(self, change: Change) -> None:
        if change.group_dir == self.group_dir:
            self.reload()

    def action_back(self) -> None:
        self.app.pop_screen()

    def on_unmount(self) -> None:
        self.group_lock.release()
