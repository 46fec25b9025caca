"""A yes/no question that returns a bool (y = yes; Escape/n = no; Enter presses the focused button).

The safe answer (no: keep editing, cancel, leave the file) has the focus when the dialog opens, so
an Enter pressed out of habit never discards, ends or overwrites anything (docs/ARCHITECTURE.md).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kelompok.i18n import t
from kelompok.tui.safe_text import clean
from kelompok.tui.screens.base import kelompok_app


Text = str | Callable[[], str]
"""A label, or a function giving it in the current language (so that F2 relabels the dialog)."""


def _say(text: Text) -> str:
    return text() if callable(text) else text


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("escape,n", "answer(False)", "keys.no", show=False),
        Binding("y", "answer(True)", "keys.yes", show=False),
    ]

    def __init__(self, question: Text, yes: Text | None = None, no: Text | None = None) -> None:
        super().__init__()
        self._question = question
        self._yes: Text = yes or (lambda: t("dialog.yes"))
        self._no: Text = no or (lambda: t("dialog.no"))

    @property
    def question(self) -> str:
        return _say(self._question)

    @property
    def yes_label(self) -> str:
        return _say(self._yes)

    @property
    def no_label(self) -> str:
        return _say(self._no)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="dialog"):
            yield Static(clean(self.question), id="question", markup=False)  # questions quote paths and names
            with Horizontal(classes="buttons"):
                yield Button(self.yes_label, variant="primary", id="yes")
                yield Button(self.no_label, id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()
        kelompok_app(self).language_changed.subscribe(self, self._relabel)

    def _relabel(self, _lang: str) -> None:
        self.query_one("#question", Static).update(clean(self.question))
        self.query_one("#yes", Button).label = self.yes_label
        self.query_one("#no", Button).label = self.no_label

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
