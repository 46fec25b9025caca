"""KelompokApp and make_app(): the one composition root, used by the CLI and by the tests."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from kelompok.i18n import LANGUAGES, get_language, on_language_change, set_language, t
from kelompok.paths import bundled_samples
from kelompok.sessions.fileio import DIR_MODE, FILE_MODE, make_private_dir
from kelompok.sessions.store import list_groups
from kelompok.tui.dialogs.confirm import ConfirmDialog
from kelompok.tui.screens.home import HomeScreen

Clock = Callable[[], float]


class KelompokApp(App[int]):
    CSS_PATH = Path(__file__).parent / "tui" / "kelompok.tcss"
    TITLE = "kelompok"
    BINDINGS = [
        Binding("f2", "toggle_language", "keys.language", tooltip="Bahasa Indonesia / English"),  # i18n: same in every language
        Binding("ctrl+q", "quit", "keys.quit", priority=True),
    ]

    def __init__(self, workspace: Path, *, lang: str | None = None, clock: Clock = time.monotonic, samples: Path | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.clock = clock
        self.samples = samples
        if lang:
            set_language(lang)
        self._unsubscribe = on_language_change(lambda _lang: self.call_later(self._relabel_all))

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.push_screen(HomeScreen(self.workspace))
        if not list_groups(self.workspace) and self.samples is not None:
            self.push_screen(ConfirmDialog(t("home.offer_samples", path=self.workspace)), self._copy_samples)

    def _copy_samples(self, accepted: bool | None) -> None:
        if not accepted or self.samples is None:
            return
        make_private_dir(self.workspace)
        copied = 0
        for source in sorted(self.samples.iterdir()):
            target = self.workspace / source.name
            if source.is_dir() and (source / "group.toml").is_file() and not target.exists():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns(".lock", ".cache", "*.journal"))
                _make_private_tree(target)
                copied += 1
        self.notify(t("home.samples_copied", count=copied))
        home = self.screen_stack[-1] if self.screen_stack else None
        if isinstance(home, HomeScreen):
            home.load()

    def action_toggle_language(self) -> None:
        current = LANGUAGES.index(get_language())
        set_language(LANGUAGES[(current + 1) % len(LANGUAGES)])

    def _relabel_all(self) -> None:
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                relabel()
            for footer in screen.query("TranslatedFooter"):
                footer.refresh(recompose=True)
        self.notify(t("app.language_now"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(t("commands.language"), t("commands.language_help"), self.action_toggle_language)
        help_action = getattr(screen, "action_help", None)
        if help_action is not None:
            yield SystemCommand(t("commands.help"), t("commands.help_help"), help_action)
        # A screen lists its own verbs (e.g. the live screen's undo, note, end) with `screen_commands()`.
        screen_commands = getattr(screen, "screen_commands", None)
        if screen_commands is not None:
            yield from screen_commands()
        yield SystemCommand(t("commands.quit"), t("commands.quit_help"), self.exit)

    def on_unmount(self) -> None:
        self._unsubscribe()


def _make_private_tree(root: Path) -> None:
    """Copied sample data gets the same privacy as data the app writes itself."""
    root.chmod(DIR_MODE)
    for path in root.rglob("*"):
        path.chmod(DIR_MODE if path.is_dir() else FILE_MODE)


def make_app(workspace: Path, *, lang: str | None = None, clock: Clock = time.monotonic, offer_samples: bool = True) -> KelompokApp:
    """Build the app for a workspace. Tests pass their own workspace, language and clock."""
    samples = bundled_samples() if offer_samples else None
    if samples is not None and samples.resolve() == workspace.resolve():
        samples = None
    return KelompokApp(workspace, lang=lang, clock=clock, samples=samples)
