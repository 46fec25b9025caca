"""Write a comment on a section or an act, or the reason for returning a log.

Returns the text (stripped) or None when cancelled. Enter saves, Esc cancels. A comment needs
text; so does a return, because the facilitator must know what to change.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from kelompok.i18n import t


class CommentDialog(ModalScreen[str | None]):
    CSS_PATH = "comment.tcss"
    BINDINGS = [Binding("escape", "cancel", "keys.close", show=False)]

    def __init__(self, title: str, *, hint: str = "", confirm: str | None = None, returning: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.hint = hint
        self.confirm = confirm or t("review_screen.comment.save")
        self.returning = returning

    def compose(self) -> ComposeResult:
        with Vertical(id="comment-dialog", classes="dialog"):
            yield Static(self.title_text, id="comment-title", markup=False)
            if self.hint:
                yield Static(self.hint, id="comment-hint", markup=False)
            yield Input(placeholder=t("review_screen.comment.placeholder"), id="comment-text")
            with Horizontal(classes="buttons"):
                yield Button(self.confirm, variant="warning" if self.returning else "primary", id="comment-save")
                yield Button(t("review_screen.comment.cancel"), id="comment-cancel")

    def on_mount(self) -> None:
        self.set_class(self.returning, "-return")
        self.query_one("#comment-text", Input).focus()

    @on(Input.Submitted, "#comment-text")
    @on(Button.Pressed, "#comment-save")
    def _save(self) -> None:
        text = self.query_one("#comment-text", Input).value.strip()
        if not text:
            # A return says why it is refused: the facilitator must learn what to change.
            self.notify(
                t("review_flow.no_reason" if self.returning else "review_screen.comment.empty"), severity="warning"
            )
            self.query_one("#comment-text", Input).focus()
            return
        self.dismiss(text)

    @on(Button.Pressed, "#comment-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
