"""Export a sociogram from the group screen (`x`): one session or all, a format, a file, names or not.

The file is written in a thread worker (the dialog shows the path being written meanwhile).
The dialog stays open after an export and shows the path written (or the one-line reason it was
not), so several formats can be written in a row; Escape closes it and returns the last path
written (or None). Real names are an explicit choice: the checkbox is off every time the dialog
opens, and ticking it shows what it means (only consenting members, noted in the audit trail).

A file that already exists is replaced only after a question that opens on "Cancel". On a short
terminal (80×24) the fields and buttons are drawn compact (one line each), so that the buttons and
their labels stay on screen after "Ditulis: …".
"""

from __future__ import annotations

import os
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Select, Static

from kelompok.i18n import get_language, t
from kelompok.sessions.fileio import DataError
from kelompok.sessions.store import session_numbers
from kelompok.outputs import OutputError
from kelompok.outputs.export import FORMATS, default_filename, export_group
from kelompok.outputs.view import Which
from kelompok.tui.screens.base import kelompok_app
from kelompok.tui.widgets.form_controls import FormCheckbox, relabel_select


def default_export_dir() -> Path:
    """Where exports go unless the user says otherwise: `$KELOMPOK_HOME/ekspor`, else ~/Documents/kelompok."""
    override = os.environ.get("KELOMPOK_HOME")
    if override:
        return Path(override).expanduser() / "ekspor"
    from platformdirs import user_documents_path

    return user_documents_path() / "kelompok"


class ExportDialog(ModalScreen[Path | None]):
    CSS_PATH = "export.tcss"
    SHORT_HEIGHT = 32
    """Below this many terminal rows, the controls are compact (Textual's one-line style)."""
    BINDINGS = [Binding("escape", "close", "keys.close", show=False)]

    def __init__(self, group_dir: Path, number: int | None = None) -> None:
        super().__init__()
        self.group_dir = group_dir
        self.numbers = session_numbers(group_dir)
        self.which: Which = number if number in self.numbers else "all"
        self.format = "svg"
        self.written: Path | None = None
        self.exporting = False
        """An export is being written (in a worker); another press waits for it."""
        self._auto_path = str(self._default_path())

    def _session_options(self) -> list[tuple[str, Which]]:
        sessions: list[tuple[str, Which]] = [(t("export.dialog.all_sessions"), "all")]
        return sessions + [(t("export.dialog.this_session", number=n), n) for n in self.numbers]

    def _format_options(self) -> list[tuple[str, str]]:
        return [(t(f"export.dialog.format_{fmt}"), fmt) for fmt in FORMATS]

    def compose(self) -> ComposeResult:
        # Scrolls when the terminal is small (80×24): every control stays reachable with Tab.
        with VerticalScroll(id="export-dialog", classes="dialog"):
            yield Static(t("export.dialog.title"), id="export-title")
            with Horizontal(classes="field"):
                yield Static(t("export.dialog.which"), classes="field-label", id="export-which-label")
                yield Select(self._session_options(), value=self.which, allow_blank=False, id="export-which")
            with Horizontal(classes="field"):
                yield Static(t("export.dialog.format"), classes="field-label", id="export-format-label")
                yield Select(self._format_options(), value=self.format, allow_blank=False, id="export-format")
            with Horizontal(classes="field"):
                yield Static(t("export.dialog.path"), classes="field-label", id="export-path-label")
                yield Input(self._auto_path, placeholder=t("export.dialog.path_placeholder"), id="export-path")
            yield FormCheckbox(t("export.dialog.names"), value=False, id="export-names")
            yield Static(t("export.dialog.codes_note"), id="export-names-warning")
            yield Static(id="export-result")
            with Horizontal(classes="buttons"):
                yield Button(t("export.dialog.export"), variant="primary", id="export-go")
                yield Button(t("export.dialog.close"), id="export-close")

    def on_mount(self) -> None:
        self._fit_height()
        self.query_one("#export-path", Input).focus()
        kelompok_app(self).language_changed.subscribe(self, self._relabel)  # F2 works in dialogs too
        if not self.numbers:
            self._show(t("export.dialog.no_sessions"), error=True)

    def _relabel(self, _lang: str) -> None:
        """Every label in the new language; the choices made and the path typed stay."""
        for widget_id, key in (
            ("export-title", "title"), ("export-which-label", "which"), ("export-format-label", "format"), ("export-path-label", "path"),
        ):  # fmt: skip
            self.query_one(f"#{widget_id}", Static).update(t(f"export.dialog.{key}"))
        relabel_select(self.query_one("#export-which", Select), self._session_options())
        relabel_select(self.query_one("#export-format", Select), self._format_options())
        self.query_one("#export-path", Input).placeholder = t("export.dialog.path_placeholder")
        names = self.query_one("#export-names", Checkbox)
        names.label = t("export.dialog.names")
        self.query_one("#export-names-warning", Static).update(
            t("export.dialog.names_warning" if names.value else "export.dialog.codes_note")
        )
        self.query_one("#export-go", Button).label = t("export.dialog.export")
        self.query_one("#export-close", Button).label = t("export.dialog.close")

    def on_resize(self) -> None:
        self._fit_height()

    def _fit_height(self) -> None:
        short = self.app.size.height < self.SHORT_HEIGHT
        self.set_class(short, "-short")
        for widget in self.query("Select, Input, Button, Checkbox"):
            widget.compact = short  # type: ignore[attr-defined]  # Textual's compact style: no borders

    # ── state ───────────────────────────────────────────────────────────────────────────────

    def _default_path(self) -> Path:
        return default_export_dir() / default_filename(self.group_dir, self.which, self.format, get_language())

    def _refresh_default_path(self) -> None:
        """Follow the session and format with the suggested file name, until the user types their own."""
        field = self.query_one("#export-path", Input)
        if field.value != self._auto_path:
            return  # the user typed their own path
        self._auto_path = str(self._default_path())
        field.value = self._auto_path

    @on(Select.Changed, "#export-which")
    def _which_changed(self, event: Select.Changed) -> None:
        self.which = event.value  # type: ignore[assignment]
        self._refresh_default_path()

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        self.format = str(event.value)
        self._refresh_default_path()

    @on(Checkbox.Changed, "#export-names")
    def _names_changed(self, event: Checkbox.Changed) -> None:
        self.set_class(event.value, "-names")
        # An inline style, so the red frame wins over the app's `.dialog` border.
        frame = self.query_one("#export-dialog")
        if event.value:
            frame.styles.border = ("thick", self.app.current_theme.error or "red")
        else:
            frame.styles.clear_rule("border_top")
            for side in ("right", "bottom", "left"):
                frame.styles.clear_rule(f"border_{side}")
        text = t("export.dialog.names_warning") if event.value else t("export.dialog.codes_note")
        self.query_one("#export-names-warning", Static).update(text)

    def _show(self, text: str, error: bool) -> None:
        result = self.query_one("#export-result", Static)
        result.update(Content(text))
        result.set_class(error, "-error")
        result.set_class(not error, "-done")

    @property
    def result_text(self) -> str:
        """What the dialog last said (the path written, or why not)."""
        content = self.query_one("#export-result", Static).content
        return content.plain if isinstance(content, Content) else str(content)

    # ── actions ─────────────────────────────────────────────────────────────────────────────

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not self.numbers:
            self._show(t("export.dialog.no_sessions"), error=True)
            return
        if not raw:
            self._show(t("export.dialog.need_path"), error=True)
            return
        out = Path(raw).expanduser()
        if out.is_dir():
            out = out / default_filename(self.group_dir, self.which, self.format, get_language())
        names = self.query_one("#export-names", Checkbox).value
        who = kelompok_app(self).user_name or None
        if self.exporting:
            return
        if out.exists():
            self._ask_overwrite(out, names, who)
            return
        self._start_export(out, names, who)

    def _ask_overwrite(self, out: Path, names: bool, who: str | None) -> None:
        from kelompok.tui.dialogs.confirm import ConfirmDialog

        def answered(replace: bool | None) -> None:
            if replace:
                self._start_export(out, names, who)
            else:
                self._show(t("flows.export.not_overwritten"), error=True)

        question = t("flows.export.overwrite", path=out)
        self.app.push_screen(
            ConfirmDialog(question, t("flows.export.overwrite_yes"), t("flows.export.overwrite_no")), answered
        )

    def _start_export(self, out: Path, names: bool, who: str | None) -> None:
        # A PNG takes ~300 ms (resvg, in a child process), all sessions longer: written in a thread while the dialog says what.
        self.exporting = True
        self.query_one("#export-go", Button).disabled = True
        self._show(t("export_progress.writing", path=out), error=False)
        self.query_one("#export-result", Static).set_class(False, "-done")
        self._export(out, names, who, get_language())

    @work(thread=True, exclusive=True, group="export")
    def _export(self, out: Path, names: bool, who: str | None, lang: str) -> None:
        try:
            result = export_group(self.group_dir, self.which, self.format, out, names, lang, who=who)
        except (OutputError, DataError, OSError) as error:
            self.app.call_from_thread(self._exported, None, t("export.dialog.failed", error=error))
            return
        self.app.call_from_thread(self._exported, result.paths, "")

    def _exported(self, paths: list[Path] | None, error: str) -> None:
        self.exporting = False
        if not self.is_mounted:
            return
        self.query_one("#export-go", Button).disabled = False
        if paths is None:
            self._show(error, error=True)
            return
        self.written = paths[0]
        self._show("\n".join(t("export.dialog.done", path=path) for path in paths), error=False)

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        self.dismiss(self.written)
