"""Ask the user's name: it signs their comments, sign-offs and amendments.

Returns the name (spaces tidied) or None when cancelled. Enter saves, Esc cancels.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from kelompok.i18n import t


class NameDialog(ModalScreen[str | None]):
    CSS_PATH = "name.tcss"
    BINDINGS = [Binding("escape", "cancel", "keys.close", show=False)]

    def __init__(self, current: str = "", role: str = "facilitator") -> None:
        super().__init__()
        self.current = current
        self.role = role

    def compose(self) -> ComposeResult:
        with Vertical(id="name-dialog", classes="dialog"):
            yield Static(f"[b]{t('settings.name.title')}[/b]", id="name-title")
            yield Static(t("settings.name.why", role=t(f"settings.role.{self.role}")), id="name-why")
            yield Input(self.current, placeholder=t("settings.name.placeholder"), max_length=120, id="name-text")
            with Horizontal(classes="buttons"):
                yield Button(t("settings.name.save"), variant="primary", id="name-save")
                yield Button(t("settings.name.cancel"), id="name-cancel")

    def on_mount(self) -> None:
        self.query_one("#name-text", Input).focus()

    @on(Input.Submitted, "#name-text")
    @on(Button.Pressed, "#name-save")
    def _save(self) -> None:
        name = " ".join(self.query_one("#name-text", Input).value.split())
        if not name:
            self.notify(t("settings.name.empty"), severity="warning")
            self.query_one("#name-text", Input).focus()
            return
        self.dismiss(name)

    @on(Button.Pressed, "#name-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
