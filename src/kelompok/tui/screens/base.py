"""What every kelompok screen shares: F1 help, the typed app, and the app's signals (docs/ARCHITECTURE.md).

A screen does not wait to be called by the app: on mount it subscribes to the app's
`language_changed`, `identity_changed` and `group_changed` signals and redraws itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

if TYPE_CHECKING:
    from kelompok.app import KelompokApp
    from kelompok.service import Change, GroupService


def kelompok_app(node: DOMNode) -> KelompokApp:
    """The app of a widget or dialog, typed (screens use `self.kelompok`)."""
    return node.app  # type: ignore[return-value]  # always a KelompokApp in this package


class KelompokScreen(Screen):
    """A screen with F1 help (`HELP_TOPIC`) that redraws its labels when the language changes."""

    HELP_TOPIC = "home"
    ALLOW_ROLE_SWITCH = False
    """Whether F4 (facilitator ⇄ supervisor) shows here; the palette has it everywhere."""
    BINDINGS = [Binding("f1", "help", "keys.help")]

    @property
    def kelompok(self) -> KelompokApp:
        """The app, typed: its service, clocks, role and name."""
        return self.app  # type: ignore[return-value]  # always a KelompokApp in this package

    @property
    def service(self) -> GroupService:
        return self.kelompok.service

    def on_mount(self) -> None:
        # Textual calls this base handler as well as a subclass's own on_mount.
        app = self.kelompok
        app.language_changed.subscribe(self, self._language_changed)
        app.identity_changed.subscribe(self, self._identity_changed)
        app.group_changed.subscribe(self, self.group_changed)

    def action_help(self) -> None:
        from kelompok.tui.dialogs.help import HelpDialog  # Markdown and pygments: not at start-up

        self.app.push_screen(HelpDialog(self.HELP_TOPIC))

    def open_screen(self, screen_class: Callable[..., Screen], *args: object) -> None:
        """Push a screen built from `args`; a group or session that cannot be read is said, not a crash."""
        from kelompok.i18n import t
        from kelompok.sessions.fileio import DataError

        try:
            self.app.push_screen(screen_class(*args))
        except DataError as error:
            self.notify(str(error), title=t("app.cannot_open"), severity="error", timeout=10)

    def close_or_ask(self, unsaved: bool, area: str = "plan") -> None:
        """Close this screen; with unsaved changes, ask first (the safe answer, keep editing, focused).

        `area` is the locale section with `discard_question`, `discard` and `keep_editing`."""
        if not unsaved:
            self.app.pop_screen()
            return
        from kelompok.i18n import t
        from kelompok.tui.dialogs.confirm import ConfirmDialog

        def answered(discard: bool | None) -> None:
            if discard:
                self.app.pop_screen()

        question = ConfirmDialog(t(f"{area}.discard_question"), yes=t(f"{area}.discard"), no=t(f"{area}.keep_editing"))
        self.app.push_screen(question, answered)

    def screen_commands(self) -> Iterable[SystemCommand]:
        """This screen's own verbs for the command palette (the app adds the common ones)."""
        return ()

    def _language_changed(self, _lang: str) -> None:
        self.relabel()
        for footer in self.query("TranslatedFooter"):
            footer.refresh(recompose=True)

    def _identity_changed(self, _role: str) -> None:
        self.identity_changed()
        self.refresh_bindings()

    def identity_changed(self) -> None:
        """The acting name or role changed (F4, the name dialog); screens that show it override this."""

    def group_changed(self, change: Change) -> None:
        """The service saved a change; screens showing that group override this to re-read it."""

    def relabel(self) -> None:
        """Re-read every label from the catalogue; screens override this and call super()."""
        self.title = self.app.title
