"""What every kelompok screen shares: F1 help in the user's language and relabelling on a switch."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from kelompok.tui.dialogs.help import HelpDialog


class KelompokScreen(Screen):
    """A screen with F1 help (`HELP_TOPIC`) that redraws its labels when the language changes."""

    HELP_TOPIC = "home"
    BINDINGS = [Binding("f1", "help", "keys.help")]

    def action_help(self) -> None:
        self.app.push_screen(HelpDialog(self.HELP_TOPIC))

    def relabel(self) -> None:
        """Re-read every label from the catalogue; screens override this and call super()."""
        self.title = self.app.title
