"""What every kelompok screen shares: F1 help in the user's language and relabelling on a switch."""

from __future__ import annotations

import importlib

from textual.binding import Binding
from textual.screen import Screen

from kelompok.tui.dialogs.help import HelpDialog


class KelompokScreen(Screen):
    """A screen with F1 help (`HELP_TOPIC`) that redraws its labels when the language changes."""

    HELP_TOPIC = "home"
    BINDINGS = [Binding("f1", "help", "keys.help")]

    def action_help(self) -> None:
        self.app.push_screen(HelpDialog(self.HELP_TOPIC))

    def open_screen(self, module: str, name: str, *args: object) -> None:
        """Push a screen by module path; a screen still missing from this build says so instead of crashing.

        Screens are imported when first opened, so start-up stays fast.
        """
        from kelompok.i18n import t
        from kelompok.sessions.fileio import DataError

        try:
            screen_class = getattr(importlib.import_module(f"kelompok.tui.{module}"), name)
        except (ModuleNotFoundError, AttributeError):
            self.notify(t("app.not_available"), severity="warning")
            return
        try:
            self.app.push_screen(screen_class(*args))
        except DataError as error:
            self.notify(str(error), title=t("app.cannot_open"), severity="error", timeout=10)

    def relabel(self) -> None:
        """Re-read every label from the catalogue; screens override this and call super()."""
        self.title = self.app.title
