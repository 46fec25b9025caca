"""Import members from a roster CSV (`code,name[,attributes…]`).

Returns the members read, or None when cancelled. A bad file is never half imported: the dialog
shows the one-line reason (file, line, problem) and stays open so the path can be corrected.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from kelompok.i18n import t
from kelompok.sessions.csv_import import read_roster
from kelompok.sessions.fileio import DataError
from kelompok.sessions.models import Member


class RosterImportDialog(ModalScreen[list[Member] | None]):
    CSS_PATH = "roster_import.tcss"

    BINDINGS = [Binding("escape", "cancel", "keys.close", show=False)]

    def __init__(self, start: Path | None = None) -> None:
        super().__init__()
        self.start = start

    def compose(self) -> ComposeResult:
        with Vertical(id="roster-dialog"):
            yield Static(t("new_group.roster.title"), id="roster-heading")
            yield Static(t("new_group.roster.hint"), id="roster-hint")
            yield Input(
                str(self.start) if self.start else "", placeholder=t("new_group.roster.placeholder"), id="roster-path"
            )
            yield Static(id="roster-error")
            with Horizontal(classes="buttons"):
                yield Button(t("new_group.roster.ok"), variant="primary", id="ok")
                yield Button(t("plan.block.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#roster-path", Input).focus()

    @property
    def error_text(self) -> str:
        content = self.query_one("#roster-error", Static).content
        return content.plain if isinstance(content, Content) else str(content)

    @on(Input.Submitted, "#roster-path")
    @on(Button.Pressed, "#ok")
    def _import(self) -> None:
        raw = self.query_one("#roster-path", Input).value.strip()
        error = self.query_one("#roster-error", Static)
        if not raw:
            error.update(t("new_group.roster.need_path"))
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            error.update(Content(t("new_group.roster.is_folder", path=path)))
            return
        try:
            members = read_roster(path)
        except DataError as problem:
            error.update(Content(str(problem)))
            return
        self.dismiss(members)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
