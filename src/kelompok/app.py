"""KelompokApp and make_app(): the one composition root, used by the CLI and by the tests."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.signal import Signal

from kelompok.i18n import LANGUAGES, get_language, on_language_change, set_language, t
from kelompok.paths import bundled_samples
from kelompok.sessions.fileio import DataError
from kelompok.tui.safe_text import clean
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from kelompok.service import Change, GroupService
    from kelompok.settings import Settings

    SettingsReader = Callable[[], tuple[Settings, DataError | None]]

Clock = Callable[[], float]
Now = Callable[[], dt.datetime]


LANGUAGE_TOOLTIP = "Bahasa Indonesia / English"  # i18n: same in every language


class KelompokApp(App[int]):
    # The home screen's sheet is the app's own: a screen's CSS_PATH is read when the screen is
    # first shown, and every sheet is then parsed again, which for the first screen cost a tenth
    # of the first frame (benchmarks/bench_startup.py).
    CSS_PATH = [
        Path(__file__).parent / "tui" / "kelompok.tcss",
        Path(__file__).parent / "tui" / "screens" / "home.tcss",
    ]
    TITLE = "kelompok"
    BINDINGS = [
        # Priority: F2 works while a dialog is open too (the first-run question, help, export).
        Binding("f2", "toggle_language", "keys.language", tooltip=LANGUAGE_TOOLTIP, priority=True),
        Binding("ctrl+q", "quit", "keys.quit", priority=True),
        Binding("f4", "switch_role", "settings.keys.role"),
        # Textual adds ctrl+p itself, labelled "palette" in English; ours is translated in the footer.
        Binding("ctrl+p", "command_palette", "flows.palette.title", show=False, priority=True),
    ]

    def __init__(
        self,
        workspace: Path,
        *,
        lang: str | None = None,
        clock: Clock = time.monotonic,
        now: Now = dt.datetime.now,
        samples: Path | None = None,
        settings: Settings | None = None,
        settings_problem: DataError | None = None,
        read_settings: SettingsReader | None = None,
        role: str | None = None,
        name: str | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.clock = clock
        # The wall clock (dates of new sessions, review steps, the Recorder's start time); tests fix it.
        self.now: Now = now
        self.samples = samples
        # What screens subscribe to instead of the app walking its screen stack:
        self.language_changed: Signal[str] = Signal(self, "language-changed")
        self.identity_changed: Signal[str] = Signal(self, "identity-changed")  # the new role
        self.group_changed: Signal[Change] = Signal(self, "group-changed")
        # The settings are read on first use (start-up: the settings model is pydantic, whose
        # import costs more than the home screen's first frame; `_read_settings_worker` reads them
        # right after that frame, or whatever needs them first).
        self._settings: Settings | None = settings
        self.settings_problem = settings_problem
        self._read_settings = read_settings
        self._settings_lock = threading.Lock()
        # Who is acting in this run. `kelompok review` opens as supervisor without changing the
        # role saved in the settings; switching role in the app (F4) changes both.
        self._role: str | None = role
        # One name per role (a shared laptop must not sign the supervisor's steps with the
        # facilitator's name); `name` given for this run is the name of the role it opens in.
        # Built from the settings on first use, like the role.
        self._given_name: str | None = name
        self._names: dict[str, str] | None = None
        if lang:
            set_language(lang)
        self._crash_line: Text | None = None
        self._unsubscribe = on_language_change(lambda lang: self.call_later(self._language_switched, lang))
        # The one way screens read and change groups (kelompok.service; docs/ARCHITECTURE.md),
        # built on first use like the settings: the first frame lists groups without it.
        self._service: GroupService | None = None
        self._service_lock = threading.Lock()
        self._unsubscribe_service: Callable[[], None] = lambda: None

    @property
    def service(self) -> GroupService:
        """The group service (the home screen's details worker is usually first to ask)."""
        with self._service_lock:
            if self._service is None:
                from kelompok.service import GroupService

                self._service = GroupService(self.workspace)
                self._unsubscribe_service = self._service.subscribe(self._service_changed)
            return self._service

    def _service_changed(self, change: Change) -> None:
        """Hand what the service saved to the screens, on the event loop (workers save from threads)."""
        try:
            self.call_from_thread(self.group_changed.publish, change)
        except RuntimeError:  # already on the app's thread
            self.group_changed.publish(change)

    # ── the settings, read after the first frame ──

    @property
    def settings(self) -> Settings:
        """The user's settings: read from the file (make_app) or the defaults, the first time they are needed."""
        with self._settings_lock:  # the start-up worker and a key press may both be first
            if self._settings is None:
                if self._read_settings is not None:
                    self._settings, self.settings_problem = self._read_settings()
                else:
                    from kelompok.settings import Settings

                    self._settings = Settings()
            return self._settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def role(self) -> str:
        """The acting role: this run's (`kelompok review`), else the saved one."""
        if self._role is None:
            self._role = self.settings.role
        return self._role

    @role.setter
    def role(self, role: str) -> None:
        self._role = role

    @property
    def names(self) -> dict[str, str]:
        """The name of each role, from the settings (and this run's name for its opening role)."""
        if self._names is None:
            names = {r: self.settings.name_for(r) for r in ("facilitator", "supervisor")}
            if self._given_name:
                names[self.role] = self._given_name
            self._names = names
        return self._names

    @work(thread=True, exclusive=True, group="settings")
    def _read_settings_worker(self) -> None:
        """Read and validate the settings off the event loop, so the first frame takes keys at once."""
        self.settings  # noqa: B018  # the property reads the file
        self.call_from_thread(self._settings_arrived)

    @property
    def settings_read(self) -> bool:
        """Whether the settings are in: until then who is acting is not known (the first frame)."""
        return self._settings is not None

    def _settings_arrived(self) -> None:
        """The settings are in: show who is acting, and say if the file is unusable."""
        self.identity_changed.publish(self.role)
        if self.settings_problem is not None:
            question = t("settings.bad_file", error=self.settings_problem)
            from kelompok.tui.dialogs.confirm import ConfirmDialog

            self.push_screen(
                ConfirmDialog(question, t("settings.set_aside"), t("settings.keep_file")), self._bad_settings_answered
            )

    def on_mount(self) -> None:
        from kelompok.sessions.bulk import collect_young_less_often

        collect_young_less_often()
        self.theme = "textual-dark"
        self.push_screen(HomeScreen(self.workspace))
        from kelompok.listing import list_group_lines

        if self.samples is not None and not list_group_lines(self.workspace):
            self.offer_samples(lambda: t("home.offer_samples", path=self.workspace))
        self.call_after_refresh(self._read_settings_worker)

    @property
    def samples_available(self) -> bool:
        """Whether the bundled sample groups can be copied into this workspace."""
        return self.samples is not None

    def offer_samples(self, question: str | Callable[[], str]) -> None:
        """Ask, then copy the sample groups (first run, or `c` on an empty home screen)."""
        from kelompok.tui.dialogs.confirm import ConfirmDialog

        self.push_screen(ConfirmDialog(question), self._copy_samples)

    def action_command_palette(self) -> None:
        """Textual's palette, with its placeholder in the user's language."""
        from textual.command import CommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(CommandPalette(placeholder=t("flows.palette.placeholder"), id="--command-palette"))

    def _copy_samples(self, accepted: bool | None) -> None:
        if accepted and self.samples is not None:
            self._copy_samples_worker(self.samples)

    @work(thread=True, exclusive=True, group="samples")
    def _copy_samples_worker(self, samples: Path) -> None:
        """Copy in a thread; the home screen reloads on the service's `workspace` change."""
        try:
            copied = self.service.copy_samples(samples)
        except OSError as error:
            self.call_from_thread(self.notify, str(error), severity="error", timeout=10)
            return
        self.call_from_thread(self.notify, t("home.samples_copied", count=copied))

    def action_toggle_language(self) -> None:
        current = LANGUAGES.index(get_language())
        set_language(LANGUAGES[(current + 1) % len(LANGUAGES)])
        self.remember(language=get_language())

    # ── who is acting: name and role (kelompok.settings) ──

    def remember(self, **changes: object) -> None:
        """Keep a choice in the settings file. A file that could not be read is never written over."""
        from kelompok.settings import save_settings

        self.settings = self.settings.model_copy(update=changes)
        if self.settings_problem is not None:
            return  # the defaults live in memory until the user lets us move the bad file aside
        try:
            save_settings(self.settings)
        except (DataError, OSError) as error:
            self.notify(t("settings.not_saved", error=error), severity="warning", timeout=8)

    def _bad_settings_answered(self, move_aside: bool | None) -> None:
        from kelompok.settings import set_aside

        if not move_aside or self.settings_problem is None:
            self.notify(t("settings.kept"), timeout=8)
            return
        try:
            moved = set_aside(self.settings_problem.path)
        except OSError as error:
            self.notify(t("settings.not_moved", error=error), severity="error", timeout=10)
            return
        self.settings_problem = None
        self.notify(t("settings.moved", path=moved), timeout=8)

    @property
    def user_name(self) -> str:
        """The name of the role acting now: what its comments, sign-offs and amendments carry."""
        return self.names.get(self.role, "")

    @user_name.setter
    def user_name(self, name: str) -> None:
        self.names[self.role] = name

    def ask_name(self, then: Callable[[str], None] | None = None, role: str | None = None) -> None:
        """Ask the name of `role` (default: the acting one), keep it, then go on."""
        from kelompok.settings import NAME_FIELD
        from kelompok.tui.dialogs.name import NameDialog

        role = role or self.role

        def chosen(name: str | None) -> None:
            if not name:
                return
            self.names[role] = name
            self.remember(**{NAME_FIELD[role]: name})
            self.identity_changed.publish(self.role)
            if then is not None:
                then(name)

        self.push_screen(NameDialog(self.names.get(role, ""), role), chosen)

    def action_switch_role(self) -> None:
        """Facilitator ⇄ supervisor; the first time a role is taken, ask its name."""
        role = "supervisor" if self.role == "facilitator" else "facilitator"
        if not self.names.get(role):
            self.ask_name(lambda _name: self._set_role(role), role=role)
        else:
            self._set_role(role)

    def _set_role(self, role: str) -> None:
        self.role = role
        self.remember(role=role)
        self.identity_changed.publish(role)
        self.screen.refresh_bindings()
        self.notify(t("settings.role_now", role=t(f"settings.role.{role}"), name=self.user_name))

    def action_switch_stage_model(self) -> None:
        """Tuckman ⇄ Boston for the development signals; every open screen rewords them."""
        model = "boston" if self.settings.stage_model == "tuckman" else "tuckman"
        self.remember(stage_model=model)
        self.language_changed.publish(get_language())  # screens re-read their labels and signals
        self.notify(t("settings.stage_model_now", model=t(f"settings.stage_model.{model}")))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_role":
            # F4 on the screens where the role matters (home, review); the palette has it everywhere.
            screen = self.screen
            return screen.ALLOW_ROLE_SWITCH if isinstance(screen, KelompokScreen) else False
        return True

    def _language_switched(self, lang: str) -> None:
        self.language_changed.publish(lang)  # every KelompokScreen relabels itself (tui/screens/base.py)
        self.notify(t("app.language_now"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand(t("commands.language"), t("commands.language_help"), self.action_toggle_language)
        other = "supervisor" if self.role == "facilitator" else "facilitator"
        yield SystemCommand(
            t("settings.command_role", role=t(f"settings.role.{other}")),
            t("settings.command_role_help"),
            self.action_switch_role,
        )
        yield SystemCommand(
            t("settings.command_name"), t("settings.command_name_help", name=self.user_name or "—"), self.ask_name
        )
        model = "boston" if self.settings.stage_model == "tuckman" else "tuckman"
        yield SystemCommand(
            t("settings.command_stage_model", model=t(f"settings.stage_model.{model}")),
            t("settings.command_stage_model_help"), self.action_switch_stage_model,
        )  # fmt: skip
        if isinstance(screen, KelompokScreen):
            yield SystemCommand(t("commands.help"), t("commands.help_help"), screen.action_help)
            # A screen lists its own verbs (e.g. the live screen's undo, note, end): one typed method.
            yield from screen.screen_commands()
        yield SystemCommand(t("commands.quit"), t("commands.quit_help"), self.exit)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            from kelompok.tui.section_keys import as_alt_digit

            try:
                screen = self.screen
            except ScreenStackError:  # a key before the first screen or after the last one
                screen = None
            if screen is not None:
                as_alt_digit(event, screen)  # the terminal's Alt+2 arrives as "™" (tui/section_keys.py)
        await super().on_event(event)

    def on_unmount(self) -> None:
        self._unsubscribe()
        self._unsubscribe_service()

    def _handle_exception(self, error: Exception) -> None:
        # Textual's crash screen prints every local variable (members' names, absence reasons, the
        # text of group.toml). Keep its exit behaviour, but show one line and log privately instead.
        from kelompok.crash import report_crash

        super()._handle_exception(error)
        if self._crash_line is None:  # Textual may report one failure more than once: one log
            self._crash_line = Text(clean(report_crash(error)))
        self._exit_renderables[:] = [self._crash_line]

    # Messages and titles carry user text (group and member names, file paths, errors quoting a
    # file): shown literally, never as markup, with control characters visible (tui/safe_text.py).
    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        super().notify(clean(str(message)), title=clean(str(title)), severity=severity, timeout=timeout, markup=False)

    def format_title(self, title: str, sub_title: str) -> Content:
        return super().format_title(clean(title), clean(sub_title))


def _read_user_settings() -> tuple[Settings, DataError | None]:
    from kelompok.settings import read_settings

    return read_settings()


def saved_language() -> str | None:
    """The language the settings file names, read as plain TOML (no model): what the first frame needs.

    Anything unexpected gives None (the environment decides); the full read after the first frame
    then reports a bad file as usual (`kelompok.settings.read_settings`).
    """
    import tomllib

    from kelompok.paths import config_file

    try:
        with open(config_file(), "rb") as handle:
            language = tomllib.load(handle).get("language")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    return language if language in LANGUAGES else None


def make_app(
    workspace: Path,
    *,
    lang: str | None = None,
    clock: Clock = time.monotonic,
    now: Now = dt.datetime.now,
    offer_samples: bool = True,
    role: str | None = None,
    name: str | None = None,
) -> KelompokApp:
    """Build the app for a workspace. Tests pass their own workspace, language, clock and wall clock (`now`).

    The user's settings (`kelompok.settings`) give the name, role and language unless `role`,
    `name` or `lang` say otherwise for this run (`kelompok review` passes `role="supervisor"`).
    Only the language is needed for the first frame: it is peeked from the file as plain TOML;
    the whole file is validated right after that frame (`KelompokApp.settings`).
    """
    samples = bundled_samples() if offer_samples else None
    if samples is not None and samples.resolve() == workspace.resolve():
        samples = None
    return KelompokApp(
        workspace,
        lang=lang or saved_language(),
        clock=clock,
        now=now,
        samples=samples,
        read_settings=_read_user_settings,
        role=role,
        name=name,
    )
