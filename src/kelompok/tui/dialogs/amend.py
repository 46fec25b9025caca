"""Change a free-text field of a session log (the notes, or the stage the facilitator observed).

Returns an `AmendResult(field, text)` or None when cancelled. Ctrl+S saves, Esc cancels. The
dialog says what will happen: before sign-off the change is an edit written to the trail; after
sign-off it is an amendment kept beside the signed-off text.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Select, Static, TextArea

from kelompok.i18n import t


@dataclass(frozen=True)
class AmendResult:
    field: str
    text: str


class AmendDialog(ModalScreen[AmendResult | None]):
    # Not the shared `.dialog` look (whose height follows its content): notes can be long, so the
    # dialog takes most of the screen and the text area gets whatever room is left, at 80×24 too.
    CSS_PATH = "amend.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "keys.close", show=False),
        Binding("ctrl+s", "save", "review_screen.amend.save", show=False, priority=True),
    ]

    def __init__(self, number: int, texts: dict[str, str], *, field: str = "notes", locked: bool = False) -> None:
        super().__init__()
        self.number = number
        self.texts = dict(texts)
        self.drafts = dict(texts)
        self.field = field if field in texts else next(iter(texts))
        self.locked = locked

    def compose(self) -> ComposeResult:
        hint = t("review_screen.amend.locked_hint") if self.locked else t("review_screen.amend.draft_hint")
        with Vertical(id="amend-dialog"):
            yield Static(t("review_screen.amend.title", number=self.number), id="amend-title")
            yield Static(hint, id="amend-hint")
            yield Select(
                [(t(f"review_screen.field.{name}"), name) for name in self.texts],
                value=self.field,
                allow_blank=False,
                prompt=t("review_screen.amend.field"),
                compact=True,
                id="amend-field",
            )
            yield TextArea(self.drafts[self.field], id="amend-text", soft_wrap=True)
            with Horizontal(classes="buttons"):
                yield Button(t("review_screen.amend.save"), variant="primary", id="amend-save")
                yield Button(t("review_screen.amend.cancel"), id="amend-cancel")

    def on_mount(self) -> None:
        self.set_class(self.locked, "-locked")
        self.query_one("#amend-text", TextArea).focus()

    @on(Select.Changed, "#amend-field")
    def _field_changed(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str) or event.value == self.field:
            return
        area = self.query_one("#amend-text", TextArea)
        self.drafts[self.field] = area.text  # switching back keeps what was typed
        self.field = event.value
        area.load_text(self.drafts[self.field])

    @on(Button.Pressed, "#amend-save")
    def action_save(self) -> None:
        text = self.query_one("#amend-text", TextArea).text.strip()
        self.dismiss(AmendResult(self.field, text))

    @on(Button.Pressed, "#amend-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
