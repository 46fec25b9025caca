"""The sociogram of a group: who spoke to whom, session by session and window by window.

    ← →      previous / next session         w        whole session → thirds → 10-minute windows
    [ ] ↑ ↓  previous / next window          f        with / without the facilitator
    Tab 1–9  select a member (trajectory)    n        codes only / codes and names
    Esc      clear the selection, then back  p        show / hide the side panel

The screen reads the group's session files once (`acts.read_session_acts`), analyses the
session on screen at once and the whole series in a worker thread (metric series, member
trajectories, development-stage signals), so a long series never holds up the first picture.
Analyses, pictures and rasters are cached per view, so stepping back and forth only repaints;
a step changes five widgets and no layout (benchmarks/bench_sociogram_screen.py measures it).
The view (session, cut, window, facilitator, names, selected member) is reactive state: each part
is a Textual `var` whose watcher redraws, so an action only sets what the view is now.
Nothing here writes to the group's files.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.widgets import Header, Static

from kelompok.i18n import format_date, format_duration, t
from kelompok.sessions.fileio import DataError
from kelompok.sessions.models import Group
from kelompok.sessions.store import load_group, session_numbers, session_path
from kelompok.sociogram.acts import FACILITATOR, GROUP, SessionActs, code_key, read_session_acts
from kelompok.sociogram.analysis import Analysis, analyse, analyse_windows
from kelompok.sociogram.dynamics import MemberPoint, Signal, member_trajectories, metric_series, metric_values
from kelompok.sociogram.metrics import equity_ratios
from kelompok.sociogram.pshifts import participation_shifts
from kelompok.sociogram.signals import session_signals, signal_stage, sociometry_signals
from kelompok.sociogram.positions import MIN_ACTS
from kelompok.sociogram.wording import (
    describe_signal,
    pattern_definition,
    pattern_label,
    window_mode_label,
)
from kelompok.tui.keypad import member_keys
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.widgets.footer import TranslatedFooter
from kelompok.tui.widgets.member_trajectory import MemberTrajectory
from kelompok.tui.widgets.metrics_panel import MetricsPanel
from kelompok.tui.widgets.sociogram_badges import SociogramBadges
from kelompok.tui.widgets.sociogram_canvas import SociogramCanvas
from kelompok.tui.widgets.sociogram_picture import build_picture
from kelompok.tui.widgets.sociogram_extras import SociogramExtras
from kelompok.tui.widgets.sociogram_stages import SociogramStages

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.tui.widgets.sociogram_raster import Picture

MODES = ("whole", "thirds", "minutes")
"""How a session is cut: whole, in three equal parts, or in WINDOW_MINUTES windows."""

SELECT_KEYS = tuple("1234567890")
"""Member keys as on the live screen (seat order); letters are this screen's own commands."""


class SociogramScreen(KelompokScreen):
    """The sociogram of the group in `group_dir`, opened at session `number` (the last when None)."""

    HELP_TOPIC = "sociogram"
    WINDOW_MINUTES = 10
    """Length of a window in the `minutes` mode."""
    RICH_SIZE = (120, 36)
    """From this terminal size on: legend, extra metrics, counts on labels, one signal per line."""
    NARROW_WIDTH = 72
    """Below this width the side panel is hidden unless asked for (p)."""
    COUNTS_WIDTH = 60
    """Canvas width from which each label also shows what the person said."""
    NAME_LENGTH = 10
    """Characters of a name shown next to the code."""
    WINDOW_SETS_KEPT = 12
    """Sessions whose windows stay analysed (a window set of a long session is thousands of
    objects, and every one of them lengthens each full garbage collection)."""
    PICTURES_KEPT = 128
    """Pictures of views kept for stepping back (a picture is a few dozen small objects)."""

    BINDINGS = [
        Binding("left", "step_session(-1)", "sociogram.keys.session", key_display="←→"),
        Binding("right", "step_session(1)", "sociogram.keys.session", show=False),
        Binding("left_square_bracket", "step_window(-1)", "sociogram.keys.window", key_display="[ ]"),
        Binding("right_square_bracket", "step_window(1)", "sociogram.keys.window", show=False),
        Binding("up", "step_window(-1)", "sociogram.keys.window", show=False),
        Binding("down", "step_window(1)", "sociogram.keys.window", show=False),
        Binding("w", "cycle_windows", "sociogram.keys.windows"),
        Binding("f", "toggle_facilitator", "sociogram.keys.facilitator"),
        Binding("1", "select_key('1')", "sociogram.keys.member", key_display="Tab 1–9"),  # i18n: same in every language
        Binding("tab", "next_member(1)", "sociogram.keys.member", show=False),
        Binding("shift+tab", "next_member(-1)", "sociogram.keys.member", show=False),
        Binding("n", "toggle_names", "sociogram.keys.names"),
        Binding("p", "toggle_panel", "sociogram.keys.panel", show=False),
        Binding("escape", "back", "keys.back"),
        *(Binding(key, f"select_key('{key}')", "sociogram.keys.member", show=False) for key in SELECT_KEYS[1:]),
    ]

    CSS_PATH = "sociogram.tcss"

    # The view on screen. Each is a `var` (no repaint of the screen itself: the widgets repaint
    # what changed) whose watcher redraws the view: an action only says what the view is now.
    # `init=False`: the first picture is drawn on mount. An action that changes two of them sets
    # the dependent one with `set_reactive` (no watcher) first, so a step draws once.
    index: var[int] = var(0, init=False)
    """The session on screen, by index into `sessions`."""
    mode: var[str] = var("whole", init=False)
    """How the session is cut (MODES)."""
    window: var[int] = var(0, init=False)
    """The window of the session on screen (0 in `whole`)."""
    with_facilitator: var[bool] = var(True, init=False)
    show_names: var[bool] = var(False, init=False)
    selected: var[str | None] = var(None, init=False)
    """The member whose trajectory shows, if any."""

    def __init__(self, group_dir: Path, number: int | None = None) -> None:
        super().__init__()
        self.group_dir = Path(group_dir)
        self.group: Group = load_group(self.group_dir)  # a DataError here is shown by open_screen
        self.seating = self.group.seat_order()
        self.sessions: list[SessionActs] = []
        """Sessions with something recorded (attendance or acts), in order."""
        self.unreadable: list[tuple[int, str]] = []
        for n in session_numbers(self.group_dir):
            try:
                acts = read_session_acts(session_path(self.group_dir, n))
            except DataError as error:
                self.unreadable.append((n, f"{error.place}: {error.problem}" if error.place else error.problem))
                continue
            if acts.acts or acts.present or acts.absent:  # a session only planned has nothing to draw
                self.sessions.append(acts)
        self.members = self.seating + self._strangers()
        """Everyone who can be selected: the roster in seat order, then codes only old sessions know."""
        self.keys = member_keys(self.seating)
        self.set_reactive(SociogramScreen.index, self._start_index(number))
        self.panel_choice: bool | None = None
        """None: the panel shows when the terminal is wide enough; True/False: the user decided."""
        self.series: dict[str, list[Any]] = {}
        self.trajectories: dict[str, list[MemberPoint]] = {}
        self.signals: dict[int, list[Signal]] = {}
        self._analyses: dict[int, Analysis] = {}
        self._windows: OrderedDict[tuple[int, str], list[Analysis]] = OrderedDict()
        self._pictures: OrderedDict[tuple, Picture] = OrderedDict()
        self._view_lines = 1
        self._binding_states: tuple[bool | None, ...] = ()

    def _strangers(self) -> list[str]:
        seen: set[str] = set()
        for session in self.sessions:
            seen.update(session.present, session.absent)
            seen.update(a.speaker for a in session.acts)
            seen.update(a.to for a in session.acts)
        return sorted(seen - set(self.seating) - {FACILITATOR, GROUP}, key=code_key)

    def _start_index(self, number: int | None) -> int:
        numbers = [s.number for s in self.sessions]
        if not numbers:
            return 0
        if number is None:
            return len(numbers) - 1
        if number in numbers:
            return numbers.index(number)
        earlier = [i for i, n in enumerate(numbers) if n < number]
        return earlier[-1] if earlier else 0

    # ── layout ──

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="sg-main"):
            with Vertical(id="sg-left"):
                yield Static(id="sg-view")
                yield SociogramCanvas(id="sg-canvas")
                yield Static(id="sg-legend")
                yield SociogramBadges(id="sg-badges")
            with Vertical(id="sg-side"):
                yield MetricsPanel(id="sg-metrics")
                yield MemberTrajectory(id="sg-member")
                yield SociogramStages(id="sg-stages")
                yield SociogramExtras(id="sg-extras")
        yield TranslatedFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._fit_to_size()
        self.relabel()
        for number, problem in self.unreadable:
            self.notify(t("sociogram.unreadable", number=number, error=problem), severity="warning", timeout=10)
        if self.sessions:
            self._compute_series()

    def on_resize(self) -> None:
        self._fit_to_size()
        self.show_view()

    def _fit_to_size(self) -> None:
        width, height = self.app.size
        rich = width >= self.RICH_SIZE[0] and height >= self.RICH_SIZE[1]
        self.set_class(rich, "-rich")
        panel = self.panel_choice if self.panel_choice is not None else width >= self.NARROW_WIDTH
        self.set_class(not panel, "-no-panel")
        if self.is_mounted:
            self.query_one(MetricsPanel).set_rich(rich)

    def relabel(self) -> None:
        super().relabel()
        self.sub_title = t("sociogram.subtitle", group=self.group.name)
        self.query_one("#sg-legend", Static).update(t("sociogram.legend"))
        self.query_one(MetricsPanel).relabel()
        if self.signals:
            self._show_stages()
        self.query_one(SociogramStages).refresh(layout=True)
        self._pictures.clear()
        self.show_view()

    # ── the series, in a worker ──

    @work(thread=True, exclusive=True, group="sociogram-series")
    def _compute_series(self) -> None:
        analyses = [self._analyses.get(s.number) or analyse(s, self.seating) for s in self.sessions]
        series = metric_series(analyses)
        trajectories = member_trajectories(analyses, self.members)
        signals = session_signals(analyses, planned_sessions=self.group.planned_sessions, group_type=self.group.type)
        self.app.call_from_thread(self._series_ready, analyses, series, trajectories, signals)

    def _series_ready(
        self,
        analyses: list[Analysis],
        series: dict[str, list[Any]],
        trajectories: dict[str, list[MemberPoint]],
        signals: dict[int, list[Signal]],
    ) -> None:
        if not self.is_mounted:
            return
        for analysis in analyses:
            self._analyses.setdefault(analysis.number, analysis)
        self.series, self.trajectories = series, trajectories
        self.signals = signals
        self.query_one(MetricsPanel).show_series(series, self.index)
        self._show_stages()
        self.show_view()

    def _show_stages(self) -> None:
        """The development column: per session, the stages its signals may indicate (in the
        model of the settings)."""
        stages: dict[int, list[str]] = {}
        for number, found in self.signals.items():
            for signal in found:
                stage = signal_stage(signal, self.stage_model)
                if stage is not None and stage not in stages.setdefault(number, []):
                    stages[number].append(stage)
        self.query_one(SociogramStages).show([s.number for s in self.sessions], stages, self.number)

    # ── the view on screen ──

    @property
    def number(self) -> int | None:
        """The session number on screen (None when the group has no recorded session)."""
        return self.sessions[self.index].number if self.sessions else None

    def session_analysis(self, index: int | None = None) -> Analysis:
        """The analysis of a whole session (by index into `sessions`; default: the one on screen)."""
        session = self.sessions[self.index if index is None else index]
        analysis = self._analyses.get(session.number)
        if analysis is None:
            analysis = self._analyses[session.number] = analyse(session, self.seating)
        return analysis

    def windows(self, index: int | None = None) -> list[Analysis]:
        """The windows of a session (default: the one on screen) in the current mode (one, the whole, in `whole`)."""
        index = self.index if index is None else index
        if self.mode == "whole":
            return [self.session_analysis(index)]
        session = self.sessions[index]
        key = (session.number, self.mode)
        found = self._windows.get(key)
        if found is None:
            if self.mode == "thirds":
                found = analyse_windows(session, self.seating, parts=3)
            else:
                found = analyse_windows(session, self.seating, minutes=self.WINDOW_MINUTES)
            self._windows[key] = found
            if len(self._windows) > self.WINDOW_SETS_KEPT:
                self._windows.popitem(last=False)
        else:
            self._windows.move_to_end(key)
        return found

    def current(self) -> Analysis:
        """The analysis of the view on screen: the session, or one window of it."""
        found = self.windows()
        return found[min(self.window, len(found) - 1)]

    @property
    def stage_model(self) -> str:
        """Tuckman or Boston, as the user's settings say."""
        return self.kelompok.settings.stage_model

    def who(self, code: str) -> str:
        """A member as shown: the code, or code and (first) name when names are on."""
        if not self.show_names:
            return code
        member = self.group.member(code)
        if member is None:
            return code
        return f"{code} {member.name.split()[0][: self.NAME_LENGTH]}"

    def show_view(self) -> None:
        """Bring every part of the screen up to the current view (the hot path of stepping)."""
        if not self.is_mounted:
            return
        canvas = self.query_one(SociogramCanvas)
        if not self.sessions:
            canvas.show(None, None)
            self._show_view_line(t("sociogram.no_sessions"))
            self.query_one(SociogramBadges).show(None, "", "", ())
            self.query_one(MemberTrajectory).clear()
            return
        analysis = self.current()
        counts = canvas.size.width >= self.COUNTS_WIDTH
        key = (analysis.number, self.mode, self.window, self.with_facilitator, self.show_names, self.selected, counts)
        picture = self._pictures.get(key)
        if picture is None:
            picture = build_picture(
                analysis, self.seating, with_facilitator=self.with_facilitator, selected=self.selected,
                who=self.who, counts=counts, facilitator_label=t("sociogram.facilitator_short"),
            )  # fmt: skip
            self._pictures[key] = picture
            if len(self._pictures) > self.PICTURES_KEPT:
                self._pictures.popitem(last=False)
        canvas.show(picture, key)
        self._show_view_line(self._view_line(analysis))
        panel = self.query_one(MetricsPanel)
        panel.show_title(t("sociogram.panel.title", mode=self._facilitator_words()))
        panel.show_values(metric_values(analysis))
        panel.show_marker(self.index if self.series else None)
        self._show_badges(analysis)
        self._show_extras(analysis)
        self._show_member()
        self.query_one(SociogramStages).show_current(analysis.number)

    def _show_view_line(self, text: str) -> None:
        # Re-layout only when the line starts or stops wrapping: a layout pass costs more than
        # the rest of a step together.
        view = self.query_one("#sg-view", Static)
        lines = 1 if len(text) <= max(view.content_region.width, 1) else 2
        view.update(text, layout=lines != self._view_lines)
        self._view_lines = lines

    def _facilitator_words(self) -> str:
        return t("sociogram.with_facilitator" if self.with_facilitator else "sociogram.without_facilitator")

    def _view_line(self, analysis: Analysis) -> str:
        session = self.sessions[self.index]
        parts = [t("sociogram.view", number=session.number, date=format_date(session.date))]
        if self.mode == "whole":
            parts.append(t("sociogram.whole"))
        else:
            span = analysis.acts
            end = span.end if span.end is not None else span.start + span.duration
            parts.append(
                t(
                    "sociogram.window",
                    index=self.window + 1,
                    count=len(self.windows()),
                    start=format_duration(span.start),
                    end=format_duration(end),
                )
            )
        if analysis.acts.gap_seconds:
            # Fewer acts in this span may only mean that part of it was not recorded.
            from kelompok.sessions.gaps import gap_length_text

            parts.append(t("gaps.window", minutes=gap_length_text(analysis.acts.gap_seconds)))
        if self.has_class("-no-panel"):  # else the panel's title says it
            parts.append(self._facilitator_words())
        return " · ".join(parts)

    def _show_badges(self, analysis: Analysis) -> None:
        badges = self.query_one(SociogramBadges)
        acts = analysis.metrics.with_facilitator.acts
        if not acts:
            badges.show(None, t("sociogram.no_acts"), "", ())
            return
        items: list[str] = []
        if acts < MIN_ACTS:
            items.append(t("sociogram.too_few_acts", acts=acts, minimum=MIN_ACTS))
        # The whole session shows what the report and `stats --json` show (signals.session_signals);
        # a window shows its own positions and relations (stage signals are about whole sessions).
        if self.mode == "whole" and analysis.number in self.signals:
            signals = self.signals[analysis.number]
        else:
            signals = sociometry_signals(analysis)
        items += [describe_signal(s, self.who, model=self.stage_model) for s in signals]
        label = t("sociogram.pattern_badge", label=pattern_label(analysis.pattern.label))
        badges.show(
            label, pattern_definition(analysis.pattern.label), t("sociogram.caution"), items,
            t("sociogram.nothing_to_check"), roomy=self.has_class("-rich"),
        )  # fmt: skip

    def _show_extras(self, analysis: Analysis) -> None:
        # Equity only for the attributes the group allows for analysis: the rest are private.
        allowed = self.group.analysable_attributes
        equity = {key: equity_ratios(analysis.graph, self.group, key) for key in allowed} if allowed else None
        shifts = participation_shifts(analysis.acts) if analysis.acts.acts else None
        self.query_one(SociogramExtras).show(equity, shifts, self.who)

    def _show_member(self) -> None:
        trajectory = self.query_one(MemberTrajectory)
        if self.selected is None:
            trajectory.clear()
            return
        member = self.group.member(self.selected)
        name = member.name if (member is not None and self.show_names) else None
        trajectory.show(self.selected, name, self.trajectories.get(self.selected, ()), self.number)

    # ── the view's watchers ──

    def watch_index(self) -> None:
        self._changed()

    def watch_mode(self) -> None:
        self._changed()

    def watch_window(self) -> None:
        self._changed()

    def watch_with_facilitator(self, with_facilitator: bool) -> None:
        self.query_one(MetricsPanel).set_facilitator(with_facilitator)
        self._changed()

    def watch_show_names(self) -> None:
        self._changed()

    def watch_selected(self) -> None:
        self._changed()

    def _changed(self) -> None:
        self.show_view()
        # The footer rebuilds itself on refresh_bindings: only when a key became (un)available.
        states = tuple(self.check_action(action, ()) for action in ("step_session", "step_window"))
        if states != self._binding_states:
            self._binding_states = states
            self.refresh_bindings()

    # ── actions ──

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer shows one key of each pair ("←→", "[ ]"): it is dimmed only when there is
        # nowhere to step in either direction; at either end the step itself does nothing.
        if action == "step_session":
            return True if len(self.sessions) > 1 else None
        if action == "step_window":
            return True if self.sessions and self.mode != "whole" and len(self.windows()) > 1 else None
        if action in ("cycle_windows", "toggle_facilitator", "next_member", "select_key", "toggle_names"):
            return True if self.sessions else None
        return True

    def action_step_session(self, step: int) -> None:
        target = self.index + step
        if not 0 <= target < len(self.sessions):
            return
        self.set_reactive(SociogramScreen.window, min(self.window, len(self.windows(target)) - 1))
        self.index = target

    def action_step_window(self, step: int) -> None:
        if not self.sessions or self.mode == "whole":
            return
        target = self.window + step
        if 0 <= target < len(self.windows()):
            self.window = target

    def action_cycle_windows(self) -> None:
        if not self.sessions:
            return
        mode = MODES[(MODES.index(self.mode) + 1) % len(MODES)]
        self.notify(t("sociogram.mode_now", mode=window_mode_label(mode, self.WINDOW_MINUTES)))
        self.set_reactive(SociogramScreen.window, 0)
        self.mode = mode

    def action_toggle_facilitator(self) -> None:
        if not self.sessions:
            return
        self.with_facilitator = not self.with_facilitator

    def action_toggle_names(self) -> None:
        if not self.sessions:
            return
        self.notify(t("sociogram.codes_shown" if self.show_names else "sociogram.names_shown"))
        self.show_names = not self.show_names

    def action_toggle_panel(self) -> None:
        self.panel_choice = self.has_class("-no-panel")
        self._fit_to_size()
        self.show_view()

    def action_next_member(self, step: int) -> None:
        if not self.sessions or not self.members:
            return
        choices: list[str | None] = [*self.members, None]
        at = choices.index(self.selected) if self.selected in choices else len(choices) - 1
        self.selected = choices[(at + step) % len(choices)]

    def action_select_key(self, key: str) -> None:
        code = self.keys.get(key)
        if code is None or not self.sessions:
            return
        self.selected = None if self.selected == code else code

    def action_back(self) -> None:
        if self.selected is not None:
            self.selected = None
            return
        self.app.pop_screen()

    def screen_commands(self) -> Iterable[SystemCommand]:
        """This screen's verbs for the command palette."""
        if not self.sessions:
            return
        yield SystemCommand(
            t("sociogram.commands.previous_session"),
            t("sociogram.commands.previous_session_help"),
            lambda: self.action_step_session(-1),
        )
        yield SystemCommand(
            t("sociogram.commands.next_session"),
            t("sociogram.commands.next_session_help"),
            lambda: self.action_step_session(1),
        )
        yield SystemCommand(
            t("sociogram.commands.windows"), t("sociogram.commands.windows_help"), self.action_cycle_windows
        )
        yield SystemCommand(
            t("sociogram.commands.facilitator"),
            t("sociogram.commands.facilitator_help"),
            self.action_toggle_facilitator,
        )
        yield SystemCommand(t("sociogram.commands.names"), t("sociogram.commands.names_help"), self.action_toggle_names)
        yield SystemCommand(t("sociogram.commands.panel"), t("sociogram.commands.panel_help"), self.action_toggle_panel)
