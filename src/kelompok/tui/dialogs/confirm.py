"""A yes/no question that returns a bool (y = yes; Escape/n = no; Enter presses the focused button).

The safe answer (no: keep editing, cancel, leave the file) has the focus when the dialog opens, so
an Enter pressed out of habit never discards, ends or overwrites anything (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kelompok.tui.safe_text import clean
from kelompok.i18n import t


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "answer(False)", "keys.no", show=False),
        Binding("y", "answer(True)", "keys.yes", show=False),
    ]

    def __init__(self, question: str, yes: str | None = None, no: str | None = None) -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes or t("dialog.yes")
        self.no_label = no or t("dialog.no")

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(clean(self.question), id="question", markup=False)  # questions quote paths and names
            with Horizontal(classes="buttons"):
                yield Button(self.yes_label, variant="primary", id="yes")
                yield Button(self.no_label, id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
