"""F1 help: the current screen's help text, in the current language, as Markdown."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from kelompok.i18n import get_language, t

HELP_DIR = Path(__file__).resolve().parent.parent / "help"


ROLES_MARKER = "<!-- roles -->"
"""Where a help file wants the table of the 13 mezzo roles, built from the catalogue."""


def roles_table(lang: str) -> str:
    """The 13 mezzo roles as a Markdown table: key, name, the behaviour coded, Benne & Sheats, note.

    Built from `roles.toml`, so the help never says something else than the catalogue."""
    from kelompok.sessions.catalog import load_catalog

    head = [t(f"help.roles.{c}", lang) for c in ("key", "role", "coded", "benne_sheats", "note")]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for role in load_catalog().roles:
        note = role.note.get(lang) if role.note is not None else ""
        cells = [
            f"`{role.key}`",
            f"**{role.label.get(lang)}**",
            role.description.get(lang),
            role.benne_sheats_name,
            note,
        ]
        lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |")
    return "\n".join(lines)


def help_text(topic: str, lang: str | None = None) -> str:
    """The help Markdown for a screen (`help/<topic>.<lang>.md`), the roles table filled in."""
    lang = lang or get_language()
    path = HELP_DIR / f"{topic}.{lang}.md"
    text = path.read_text(encoding="utf-8")
    if ROLES_MARKER in text:
        text = text.replace(ROLES_MARKER, roles_table(lang))
    return text


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
