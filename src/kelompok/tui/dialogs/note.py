"""A quick note during a live session, optionally flagged for safety follow-up.

Returns a `NoteResult` (text, safety) or None when cancelled. Enter saves, Esc cancels, F6 toggles
the safety flag (a disclosure or risk the supervisor must follow up).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from kelompok.i18n import t
from kelompok.tui.widgets.form_controls import FormCheckbox


@dataclass(frozen=True)
class NoteResult:
    text: str
    safety: bool


class NoteDialog(ModalScreen[NoteResult | None]):
    CSS_PATH = "note.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "keys.close", show=False),
        Binding("f6", "toggle_safety", "live.keys.safety", show=False, priority=True),
    ]

    def __init__(self, *, safety: bool = False, at: str = "") -> None:
        super().__init__()
        self.safety = safety
        self.at = at

    def compose(self) -> ComposeResult:
        with Vertical(id="note-dialog", classes="dialog"):
            yield Static(t("live.note.title", at=self.at), id="note-title")
            yield Input(placeholder=t("live.note.placeholder"), id="note-text")
            yield FormCheckbox(t("live.note.safety"), value=self.safety, id="note-safety")
            yield Static(t("live.note.safety_hint"), id="note-safety-hint")
            with Horizontal(classes="buttons"):
                yield Button(t("live.note.save"), variant="primary", id="note-save")
                yield Button(t("live.note.cancel"), id="note-cancel")

    def on_mount(self) -> None:
        self.set_class(self.safety, "-safety")
        self.query_one("#note-text", Input).focus()

    @on(Checkbox.Changed, "#note-safety")
    def _safety_changed(self, event: Checkbox.Changed) -> None:
        self.safety = event.value
        self.set_class(self.safety, "-safety")

    def action_toggle_safety(self) -> None:
        box = self.query_one("#note-safety", Checkbox)
        box.value = not box.value

    @on(Input.Submitted, "#note-text")
    @on(Button.Pressed, "#note-save")
    def _save(self) -> None:
        text = self.query_one("#note-text", Input).value.strip()
        if not text:
            self.notify(t("live.note.empty"), severity="warning")
            self.query_one("#note-text", Input).focus()
            return
        self.dismiss(NoteResult(text, self.safety))

    @on(Button.Pressed, "#note-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
