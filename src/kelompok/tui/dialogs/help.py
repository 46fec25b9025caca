"""F1 help: the current screen's help text, in the current language, as Markdown."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from kelompok.i18n import get_language

HELP_DIR = Path(__file__).resolve().parent.parent / "help"


def help_text(topic: str, lang: str | None = None) -> str:
    """The help Markdown for a screen (`help/<topic>.<lang>.md`)."""
    lang = lang or get_language()
    path = HELP_DIR / f"{topic}.{lang}.md"
    return path.read_text(encoding="utf-8")


class HelpDialog(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss_help", "keys.close")]

    def __init__(self, topic: str) -> None:
        super().__init__()
        self.topic = topic

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            yield Markdown(help_text(self.topic))

    def action_dismiss_help(self) -> None:
        self.dismiss(None)
